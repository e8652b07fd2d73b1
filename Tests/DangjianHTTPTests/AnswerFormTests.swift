import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import Dangjian
@testable import DangjianHTTP
import DangjianTestSupport

/// How answers read: the audit's before and after as objects, times in the users' zone with its
/// offset, and names in the order a roster lists them.
@Suite struct AnswerFormTests {
    @Test func theAuditAnswersBeforeAndAfterAsObjects() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let world = try await DemoWorld.login(client, server)
            let organization = try await AuditTests.otherOrganization(client, world)
            _ = try await client.call(
                .patch, "/api/v1/organizations/\(organization.id)", token: world.admin, json: #"{"name":"改名党委"}"#)
            let response = try await client.call(
                .get, "/api/v1/audit?entity=organization&entityID=\(organization.id)", token: world.admin)
            let items = try #require(response.object["items"] as? [[String: Any]])
            let update = try #require(items.first)
            #expect(
                (update["before"] as? [String: Any])?["name"] as? String == organization.name,
                "\(response.text.prefix(400))")
            #expect((update["after"] as? [String: Any])?["name"] as? String == "改名党委")
            // The creation has no before: the key is absent, not a string "null".
            #expect(items.last?["before"] == nil)
            // The typed reader still gets the JSON text it stores.
            let typed = try response.decode(ListPage<AuditEntry>.self).items.first
            #expect(typed?.after?.contains("改名党委") == true)
        }
        await server.close()
    }

    @Test func timesCarryChinaStandardTimeAndItsOffset() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let world = try await DemoWorld.login(client, server)
            let me = try await client.call(.get, "/api/v1/users/me", token: world.secretary)
            let createdAt = try #require(me.object["createdAt"] as? String)
            let formatter = ISO8601DateFormatter()
            formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
            #expect(createdAt == formatter.string(from: TestServer.start), "\(createdAt)")
            #expect(createdAt.hasSuffix("+08:00"))
            // Decoded by any ISO 8601 reader, it is the same instant.
            #expect(ISO8601DateFormatter().date(from: createdAt) == TestServer.start)
        }
        #expect(AnswerTime.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T08:00:00+08:00")
        #expect(AnswerTime.format(Date(timeIntervalSince1970: -1)) == "1970-01-01T07:59:59+08:00")
        #expect(AnswerTime.format(Timestamp.parse("2024-02-29T16:30:00.000Z")!) == "2024-03-01T00:30:00+08:00")
        await server.close()
    }

    @Test func namesSortInPinyinOrderAcrossPages() async throws {
        let server = try await TestServer.make(demo: true)
        try await server.test { client in
            let world = try await DemoWorld.login(client, server)
            for (name, id) in [
                ("张伟", "11010519491231002X"), ("阿明", "110105194912310046"), ("李娜", "110105194912310062"),
            ] {
                let created = try await client.call(
                    .post, "/api/v1/members", token: world.admin,
                    json: applicantJSON(
                        organizationID: world.branchID, name: name,
                        idNumber: ResidentID.withCheckDigit(String(id.prefix(17)))))
                #expect(created.status == .created, "\(created.text)")
            }
            var names: [String] = []
            var ids: [Int64] = []
            var cursor: String?
            repeat {
                let uri = "/api/v1/members?sort=name&limit=4" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await client.call(.get, uri, token: world.secretary).decode(ListPage<Member>.self)
                names += page.items.map(\.name)
                ids += page.items.map(\.id)
                cursor = page.nextCursor
            } while cursor != nil
            let pinyin = Locale(identifier: "zh@collation=pinyin")
            #expect(names == names.sorted { $0.compare($1, locale: pinyin) == .orderedAscending }, "\(names)")
            #expect(names != names.sorted(), "code-point order differs from pinyin for these names")
            #expect(
                names.firstIndex(of: "阿明")! < names.firstIndex(of: "李娜")!
                    && names.firstIndex(of: "李娜")! < names.firstIndex(of: "张伟")!)
            #expect(Set(ids).count == ids.count && ids.count > 20, "no member repeated or skipped across pages")
            let descending = try await client.call(.get, "/api/v1/members?sort=-name&limit=500", token: world.secretary)
                .decode(ListPage<Member>.self).items.map(\.name)
            #expect(descending == names.reversed())
        }
        await server.close()
    }
}
