import DangjianDemo
import DangjianHTTPTestSupport
import DangjianTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import Dangjian
@testable import DangjianHTTP

/// The console's locks, tried as an attacker would: the session cookie, the CSRF token, the
/// login throttle, the policy header, escaping, and 404 across subtrees exactly like the API.
@Suite struct ConsoleSecurityTests {
    @Test func everyPageNeedsASessionAndAnswersWithThePolicy() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let anonymous = try await client.execute(uri: "/members", method: .get, headers: [:], body: nil)
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location] == "/login?next=/members")
            // A made-up or revoked cookie is no session.
            let forged = try await client.execute(
                uri: "/", method: .get, headers: [.cookie: "dj_session=dj_forged"], body: nil)
            #expect(forged.status == .seeOther)

            let browser = try await client.consoleLogin(DemoDistrict.secretaryUsername)
            let home = try await browser.get("/")
            #expect(home.status == .ok)
            let policy = try #require(home.headers[.contentSecurityPolicy])
            #expect(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"))
            #expect(home.headers[.cacheControl] == "no-store")
            // No inline script anywhere on the page: the policy would block it anyway.
            #expect(!home.text.contains("<script>") && home.text.contains(#"<script src="/static/console.js""#))
        }
        await server.close()
    }

    @Test func theSessionCookieIsHttpOnlyLaxAndSecureOnlyWhenConfigured() async throws {
        for secure in [false, true] {
            let server = try await TestServer.make(demo: true) { $0.consoleSecureCookies = secure }
            try await server.test { client in
                let form = try await client.execute(uri: "/login", method: .get, headers: [:], body: nil)
                let login = try #require(ConsoleBrowser.cookie("dj_login", in: form))
                let answer = try await client.execute(
                    uri: "/login", method: .post,
                    headers: [.cookie: "dj_login=\(login)", .contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(
                        string: ConsoleBrowser.encode([
                            ("_csrf", try #require(ConsoleBrowser.csrf(in: form.text))),
                            ("username", DemoDistrict.adminUsername), ("password", DemoDistrict.password),
                        ])))
                let cookie = try #require(answer.headers[values: .setCookie].first { $0.hasPrefix("dj_session=") })
                #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"))
                #expect(cookie.contains("Secure") == secure)
            }
            await server.close()
        }
    }

    @Test func aFormWithoutItsTokenIsRefusedAndWritesNothing() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let browser = try await client.consoleLogin(DemoDistrict.secretaryUsername)
            let unread = try await server.count("notifications", "read_at IS NULL")
            #expect(unread > 0)
            let refused = try await browser.post("/messages/read-all", [], csrf: false)
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("表单已失效"))
            let wrong = try await browser.post("/messages/read-all", [("_csrf", "0000")], csrf: false)
            #expect(wrong.status == .forbidden)
            #expect(try await server.count("notifications", "read_at IS NULL") == unread)
            // Another session's token does not pass either.
            let admin = try await client.consoleLogin(DemoDistrict.adminUsername)
            let crossed = try await browser.post("/messages/read-all", [("_csrf", admin.csrf)], csrf: false)
            #expect(crossed.status == .forbidden)
            #expect(try await server.count("notifications", "read_at IS NULL") == unread)
            let accepted = try await browser.post("/messages/read-all", [])
            #expect(accepted.status == .seeOther)
            #expect(try await server.count("notifications", "read_at IS NULL") < unread)
        }
        await server.close()
    }

    @Test func anotherBranchsMemberIsNotFoundExactlyAsInTheAPI() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let world = try await DemoWorld.login(client, server)
            let (inside, outside) = try await ScopingTests.members(server, world)
            let browser = try await client.consoleLogin(DemoDistrict.secretaryUsername)
            #expect(try await browser.get("/members/\(inside.id)").status == .ok)
            let other = try await browser.get("/members/\(outside.id)")
            #expect(other.status == .notFound)
            #expect(other.text.contains("<h1>未找到</h1>") && other.text.contains("党员不存在"))
            #expect(!other.text.contains(outside.name))
            // The same page as for an id that does not exist at all.
            let missing = try await browser.get("/members/99999999")
            #expect(missing.status == .notFound)
            #expect(other.text == missing.text)
            // Nor can she write to it, or open its organisation or the tree under it.
            #expect(
                try await browser.post(
                    "/members/\(outside.id)/status", [("status", "activist"), ("on", "2026-01-01"), ("reason", "x")]
                ).status == .notFound)
            #expect(try await browser.get("/organizations?id=\(outside.organizationID)").status == .notFound)
            #expect(try await browser.get("/organizations/tree?parent=\(world.rootID)").status == .notFound)
            #expect(try await browser.get("/members?within=\(outside.organizationID)").status == .notFound)
        }
        await server.close()
    }

    @Test func aScriptInANameStaysText() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let world = try await DemoWorld.login(client, server)
            let hostile = "<script>alert(1)</script>"
            let member = try await server.host.members.create(
                MemberDraft(
                    organizationID: world.branchID, name: hostile, status: "applicant", appliedOn: "2026-01-05"),
                by: .system)
            let browser = try await client.consoleLogin(DemoDistrict.secretaryUsername)
            for path in ["/members/\(member.id)", "/members?status=applicant", "/organizations?id=\(world.branchID)"] {
                let page = try await browser.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(!page.text.contains(hostile), "\(path)")
                #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(path)")
            }
        }
        await server.close()
    }

    @Test func repeatedFailedLoginsWaitLongerAndASuccessClearsThem() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            func attempt(_ password: String) async throws -> HTTPResponse.Status {
                try await client.send(
                    .post, "/api/v1/auth/login",
                    json: #"{"username":"\#(DemoDistrict.secretaryUsername)","password":"\#(password)"}"#
                ).status
            }
            for _ in 0..<LoginThrottle.freeFailures { #expect(try await attempt("wrong-password") == .unauthorized) }
            // The next try waits, even with the right password, and the console says so in Chinese.
            #expect(try await attempt(DemoDistrict.password) == .tooManyRequests)
            let form = try await client.execute(uri: "/login", method: .get, headers: [:], body: nil)
            let page = try await client.execute(
                uri: "/login", method: .post,
                headers: [
                    .cookie: "dj_login=\(try #require(ConsoleBrowser.cookie("dj_login", in: form)))",
                    .contentType: "application/x-www-form-urlencoded",
                ],
                body: ByteBuffer(
                    string: ConsoleBrowser.encode([
                        ("_csrf", try #require(ConsoleBrowser.csrf(in: form.text))),
                        ("username", DemoDistrict.secretaryUsername), ("password", DemoDistrict.password),
                    ])))
            #expect(page.status == .tooManyRequests)
            #expect(page.text.contains("登录失败次数过多"))
            // Another account is not slowed.
            #expect(
                try await client.send(
                    .post, "/api/v1/auth/login",
                    json: #"{"username":"\#(DemoDistrict.adminUsername)","password":"\#(DemoDistrict.password)"}"#
                ).status == .created)
            // Once the wait has passed, the right password works and the count starts again.
            server.clock.advance(by: 3)
            #expect(try await attempt(DemoDistrict.password) == .created)
            #expect(try await attempt("wrong-password") == .unauthorized)
            #expect(try await attempt("wrong-password") == .unauthorized)
        }
        await server.close()
    }

    @Test func logoutAndAPasswordChangeEndSessions() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let office = try await client.consoleLogin(DemoDistrict.secretaryUsername)
            let phone = try await client.consoleLogin(DemoDistrict.secretaryUsername)
            let api = try await client.login(DemoDistrict.secretaryUsername)
            let wrong = try await office.post(
                "/account/password",
                [("currentPassword", "not-it"), ("newPassword", "Xinmima2026!"), ("confirmPassword", "Xinmima2026!")])
            #expect(wrong.status == .badRequest)
            #expect(wrong.text.contains("当前密码不正确"))
            #expect(try await phone.get("/").status == .ok)
            let changed = try await office.post(
                "/account/password",
                [
                    ("currentPassword", DemoDistrict.password), ("newPassword", "Xinmima2026!"),
                    ("confirmPassword", "Xinmima2026!"),
                ])
            #expect(changed.status == .seeOther)
            // The session it was made from goes on; every other session, console or API, ends now.
            #expect(try await office.get("/").status == .ok)
            #expect(try await phone.get("/").status == .seeOther)
            #expect(try await client.send(.get, "/api/v1/users/me", token: api).status == .unauthorized)
            _ = try await client.consoleLogin(DemoDistrict.secretaryUsername, password: "Xinmima2026!")

            // Logout revokes the token itself: a copy of the cookie stops working too.
            let out = try await office.post("/logout", [])
            #expect(out.status == .seeOther)
            #expect(try await office.get("/").status == .seeOther)
        }
        await server.close()
    }

    @Test func aSessionExpires() async throws {
        let server = try await TestServer.make(demo: true) { $0.sessionHours = 1 }
        try await server.test { client in
            let browser = try await client.consoleLogin(DemoDistrict.secretaryUsername)
            #expect(try await browser.get("/").status == .ok)
            server.clock.advance(by: 3601)
            #expect(try await browser.get("/").status == .seeOther)
        }
        await server.close()
    }

    @Test func theCookieDoesNotOpenTheAPI() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let browser = try await client.consoleLogin(DemoDistrict.adminUsername)
            let api = try await client.execute(
                uri: "/api/v1/members", method: .get, headers: [.cookie: "dj_session=\(browser.session)"], body: nil)
            #expect(api.status == .unauthorized)
        }
        await server.close()
    }

    @Test func afterLoginOnlyAPathOnThisHostIsFollowed() {
        #expect(LoginPages.safeNext("/members?status=full") == "/members?status=full")
        for hostile in ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)", nil] {
            #expect(LoginPages.safeNext(hostile) == "/")
        }
    }
}
