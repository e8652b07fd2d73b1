import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import Dangjian
import DangjianDemo
@testable import DangjianHTTP
import DangjianLua
import DangjianTestSupport
import DangjianHTTPTestSupport

/// The console's 规则 and 用户 pages: district admins only for the rules, users and grants for
/// those who manage users, and API tokens whose secret is shown once.
@Suite struct ConsoleAdminPagesTests {
    /// The demo district running a private copy of the kernel's pack, which a test may break.
    static func server() async throws -> (TestServer, pack: URL) {
        let pack = URL(fileURLWithPath: try TemporaryFiles.directory([:])).appendingPathComponent("rules")
        try FileManager.default.copyItem(atPath: RulesAdminTests.baseline, toPath: pack.path)
        let server = try await TestServer.make(demo: true) { $0.rulesBaseline = pack.path }
        return (server, pack)
    }

    @Test func aSecretaryIsRefusedTheRulesAndTheUsers() async throws {
        let (server, _) = try await Self.server()
        try await server.test { client in
            let secretary = try await client.consoleLogin(DemoDistrict.secretaryUsername)
            for path in [
                "/rules", "/rules/organization?id=1", "/rules/dry-run?date=2026-12-31", "/users", "/users/new",
            ] {
                let page = try await secretary.get(path)
                #expect(page.status == .forbidden, "\(path): \(page.status)")
                #expect(page.text.contains("data-error-code=\"auth.forbidden\""), "\(path)")
            }
            #expect(try await secretary.get("/rules").text.contains("仅区党委管理员"))
            let reload = try await secretary.post("/rules/reload", [])
            #expect(reload.status == .forbidden)
            let home = try await secretary.get("/")
            #expect(!home.text.contains("href=\"/rules\"") && !home.text.contains("href=\"/users\""))
        }
        await server.close()
    }

    @Test func theAdminSeesThePacksVersionsAndWhatAppliesWhere() async throws {
        let (server, _) = try await Self.server()
        let rules = try #require(server.application.rules)
        let version = try #require(rules.status.packs.first?.version)
        try await server.test { client in
            let world = try await DemoWorld.login(client, server)
            let admin = try await client.consoleLogin(DemoDistrict.adminUsername)
            let page = try await admin.get("/rules")
            #expect(page.status == .ok)
            #expect(page.text.contains(version) && page.text.contains("term-ends-soon"))
            #expect(page.text.contains("尚未巡检"))
            let explained = try await admin.get("/rules/organization?id=\(world.branchID)")
            #expect(explained.status == .ok)
            #expect(explained.text.contains("probation-ends-soon") && explained.text.contains(version))
            #expect(try await admin.get("/rules/organization?id=999999").status == .notFound)
            #expect(try await admin.get("/rules/organization").text.contains("输入党组织编号"))
        }
        await server.close()
    }

    @Test func aDryRunShowsWhatWouldFireAndWritesNothing() async throws {
        let (server, _) = try await Self.server()
        let rules = try #require(server.application.rules)
        let day = try #require(Day("2026-12-31"))
        let expected = try await rules.engine.sweep(at: day, dryRun: true).planned
        try await server.test { client in
            let admin = try await client.consoleLogin(DemoDistrict.adminUsername)
            let form = try await admin.get("/rules/dry-run")
            #expect(form.status == .ok && form.text.contains("name=\"date\"") && !form.text.contains("将会触发"))
            let notifications = try await server.count("notifications")
            let tasks = try await server.count("tasks")
            let page = try await admin.get("/rules/dry-run?date=2026-12-31")
            #expect(page.status == .ok)
            #expect(page.text.contains("2026年12月31日"))
            if let first = expected.first {
                #expect(page.text.contains(first.rule) && page.text.contains(first.organization))
            } else {
                #expect(page.text.contains("data-empty"))
            }
            #expect(try await server.count("notifications") == notifications)
            #expect(try await server.count("tasks") == tasks)
            #expect(rules.status.lastSweep == nil, "a dry run is not the last sweep")
            let bad = try await admin.get("/rules/dry-run?date=2026-13-40")
            #expect(bad.status == .badRequest)
        }
        #expect(!expected.isEmpty, "the demo at the year's end should have something due")
        await server.close()
    }

    @Test func aBrokenPackIsRefusedWithItsLineAndTheRunningRulesStay() async throws {
        let (server, pack) = try await Self.server()
        let rules = try #require(server.application.rules)
        let before = rules.status.packs.map(\.version)
        try await server.test { client in
            let admin = try await client.consoleLogin(DemoDistrict.adminUsername)
            let clean = try await admin.post("/rules/reload", [])
            #expect(clean.status == .seeOther && clean.headers[.location] == "/rules")
            try """
            -- 一条写错的规则
            rule {
              id = "broken-rule",
              titel = "字段名写错了",
            }
            """.write(to: pack.appendingPathComponent("broken.lua"), atomically: true, encoding: .utf8)
            let refused = try await admin.post("/rules/reload", [])
            #expect(refused.status == .ok)
            #expect(refused.text.contains("未重新加载，仍运行原规则"))
            #expect(refused.text.contains("broken.lua 第 "), "\(refused.text)")
            #expect(refused.text.contains("titel"))
        }
        #expect(rules.status.packs.map(\.version) == before)
        #expect(!rules.engine.rules.packs.flatMap(\.declarations).contains { $0.id == "broken-rule" })
        await server.close()
    }

    @Test func withoutABaselineTheRulesPageSaysTheRulesAreOff() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let admin = try await client.consoleLogin(DemoDistrict.adminUsername)
            let page = try await admin.get("/rules")
            #expect(page.status == .ok && page.text.contains("本主机未启用规则"))
        }
        await server.close()
    }

    @Test func aUserCreatedThroughTheFormCanLogIn() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let world = try await DemoWorld.login(client, server)
            let admin = try await client.consoleLogin(DemoDistrict.adminUsername)
            let form = try await admin.get("/users/new")
            #expect(form.status == .ok && form.text.contains("书记") && form.text.contains("区党委管理员"))
            let created = try await admin.post(
                "/users",
                [
                    ("role", "secretary"), ("organizationID", "\(world.branchID)"), ("displayName", "王新书记"),
                    ("username", "wang.new"), ("password", "Xinshuji2026!"),
                ])
            #expect(created.status == .seeOther, "\(created.text)")
            let list = try await admin.get("/users")
            #expect(list.text.contains("wang.new") && list.text.contains("王新书记"))
            #expect(!list.text.contains("Xinshuji2026!"))
            let newcomer = try await client.consoleLogin("wang.new", password: "Xinshuji2026!")
            #expect(try await newcomer.get("/account").text.contains("书记"))
            #expect(try await newcomer.get("/users").status == .forbidden)
            let taken = try await admin.post(
                "/users",
                [
                    ("role", "secretary"), ("organizationID", "\(world.branchID)"), ("displayName", "重名"),
                    ("username", "wang.new"), ("password", "Another2026!"),
                ])
            #expect(taken.status == .conflict && taken.text.contains("用户名已被占用"))
        }
        await server.close()
    }

    @Test func aNewTokenIsShownOnceAndThenOnlyByName() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let admin = try await client.consoleLogin(DemoDistrict.adminUsername)
            let created = try await admin.post("/users/tokens", [("name", "党费对账接口"), ("expiresInDays", "30")])
            #expect(created.status == .ok)
            #expect(created.text.contains("只显示这一次"))
            let secret = try #require(
                created.text.range(of: #"data-token>"#).map {
                    String(created.text[$0.upperBound...].prefix { $0 != "<" })
                })
            #expect(secret.hasPrefix("dj_"))
            #expect(try await client.call(.get, "/api/v1/users/me", token: secret).status == .ok)
            let list = try await admin.get("/users/tokens")
            #expect(list.text.contains("党费对账接口"))
            #expect(!list.text.contains(secret) && !list.text.contains("data-token"))
            let id = try #require(
                list.text.range(of: #"/users/tokens/"#).map { Int(list.text[$0.upperBound...].prefix { $0.isNumber }) }
                    ?? nil)
            let revoked = try await admin.post("/users/tokens/\(id)/revoke", [])
            #expect(revoked.status == .seeOther)
            #expect(try await client.call(.get, "/api/v1/users/me", token: secret).status == .unauthorized)
            #expect(!(try await admin.get("/users/tokens").text.contains("党费对账接口")))
        }
        await server.close()
    }

    @Test func formsWithoutTheirCSRFTokenAreRefusedAndWriteNothing() async throws {
        let (server, _) = try await Self.server()
        try await server.test { client in
            let world = try await DemoWorld.login(client, server)
            let admin = try await client.consoleLogin(DemoDistrict.adminUsername)
            let users = try await server.count("users")
            let tokens = try await server.count("api_tokens", "revoked_at IS NULL")
            let user = try await admin.post(
                "/users",
                [
                    ("role", "secretary"), ("organizationID", "\(world.branchID)"), ("displayName", "无令牌"),
                    ("username", "no.csrf"), ("password", "NoCsrf2026!"),
                ], csrf: false)
            #expect(user.status == .forbidden && user.text.contains("表单已失效"))
            #expect(try await admin.post("/users/tokens", [("name", "x")], csrf: false).status == .forbidden)
            #expect(try await admin.post("/users/tokens/1/revoke", [], csrf: false).status == .forbidden)
            #expect(try await admin.post("/rules/reload", [], csrf: false).status == .forbidden)
            #expect(try await server.count("users") == users)
            #expect(try await server.count("api_tokens", "revoked_at IS NULL") == tokens)
        }
        await server.close()
    }
}
