import DangjianHTTP
import DangjianHTTPTestSupport
import DangjianTestSupport
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import Dangjian
import DangjianDemo
@testable import OrgLife

/// Issue 13 point 14b: an organisation's records follow the list contract (limit 1 to 500,
/// default 50, cursor from the previous page, sort), instead of coming all in one answer.
@Suite struct LedgerPagingTests {
    @Test func anOrganisationsRecordsComeAPageAtATime() async throws {
        let app = try await TestApplication.open(plugins: [OrgLifePlugin.self])
        let t = app.base
        defer { Task { await t.close() } }
        let w = try await LedgerWorld.make(t)
        let ledger = Ledger(host: t.host)
        var ids: [Int64] = []
        for day in 1...7 {
            ids.append(
                try await ledger.record(
                    LedgerRecordDraft(
                        organizationID: w.branchA.id, kind: "partyLecture", heldAt: "2026-05-0\(day)T15:00",
                        topic: "党课第 \(day) 讲",
                        attendees: [.init(memberID: w.zhang.id), .init(memberID: w.li.id)]), by: .system
                ).id)
        }
        _ = try await t.create(Account("sec-a", .secretary, on: w.branchA))
        let recorded = ids
        try await app.test { client in
            let token = try await client.login("sec-a")
            let list = "/api/v1/orglife/organizations/\(w.branchA.id)/records?period=2026-05"
            func page(_ query: String) async throws -> PageReply<LedgerRecord> {
                let response = try await client.send(.get, list + query, token: token)
                #expect(response.status == .ok, "\(response.text)")
                return try response.decoded(PageReply<LedgerRecord>.self)
            }
            // Newest first, three at a time, each page going on from the cursor of the one before.
            var seen: [Int64] = []
            var cursor: String? = nil
            repeat {
                let next = try await page("&limit=3" + (cursor.map { "&cursor=\($0)" } ?? ""))
                #expect(next.items.count <= 3)
                seen += next.items.map(\.id)
                cursor = next.nextCursor
            } while cursor != nil
            #expect(seen == recorded.reversed())
            #expect(try await page("&sort=id&limit=2").items.map(\.id) == Array(recorded.prefix(2)))
            #expect(try await page("").items.count == 7)
            for bad in ["&limit=0", "&limit=501"] {
                expectErrorBody(
                    try await client.send(.get, list + bad, token: token), .badRequest, "validation.badValue",
                    field: "limit")
            }
            expectErrorBody(
                try await client.send(.get, list + "&cursor=!!!!", token: token), .badRequest, "validation.badValue",
                field: "cursor")
            expectErrorBody(
                try await client.send(.get, list + "&sort=topic", token: token), .badRequest, "validation.badValue",
                field: "sort")
        }
    }
}
