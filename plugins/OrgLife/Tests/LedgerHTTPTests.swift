import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import Dangjian
import DangjianDemo
@testable import DangjianHTTP
import DangjianLua
import DangjianTestSupport
import DangjianHTTPTestSupport
@testable import OrgLife

/// A host with the OrgLife plugin, served through the same `buildApplication` as `dangjian serve`,
/// with three users: a district admin of the root and the secretaries of branches A and B.
private typealias LedgerServer = PluginServer<LedgerWorld>

extension PluginServer<LedgerWorld> {
    /// - Parameter setUpOn: when the organisations are created (default: the test's start,
    ///   15 June 2026); the clock returns to the start afterwards.
    fileprivate static func make(
        plugins: [any CompiledPlugin.Type] = [OrgLifePlugin.self], setUpOn: Date = TemporaryHost.start
    ) async throws -> LedgerServer {
        let server = try await open(
            plugins: plugins, at: setUpOn, world: { try await LedgerWorld.make($0) },
            accounts: { w in
                [
                    Account("admin", .districtAdmin, on: w.root), Account("sec-a", .secretary, on: w.branchA),
                    Account("sec-b", .secretary, on: w.branchB),
                ]
            })
        server.base.clock.set(TemporaryHost.start)
        return server
    }
}

/// A theme day in branch A: 张伟 and 李娜 present, 王强 absent.
private func themeDayJSON(
    _ w: LedgerWorld, heldAt: String = "2026-06-05T14:30", kind: String = "themeDay",
    topic: String = "学习贯彻党的二十大精神", extra: [String: Any] = [:]
) -> String {
    var object: [String: Any] = [
        "organizationID": w.branchA.id, "kind": kind, "heldAt": heldAt, "place": "党员活动室", "host": "张伟", "topic": topic,
        "attendees": [["memberID": w.zhang.id], ["memberID": w.li.id]],
        "absentees": [["memberID": w.wang.id, "reason": "出差"]],
    ]
    object.merge(extra) { _, new in new }
    return json(object)
}

@Suite struct LedgerHTTPTests {
    @Test func aRecordIsPostedReadListedAndCorrected() async throws {
        let server = try await LedgerServer.make()
        let w = server.world
        try await server.test { client in
            let token = try await client.login("sec-a")
            let posted = try await client.send(.post, "/api/v1/orglife/records", token: token, json: themeDayJSON(w))
            #expect(posted.status == .created, "\(posted.text)")
            let record = try posted.decoded(LedgerRecord.self)
            #expect(record.kind == .themeDay && record.organizationID == w.branchA.id && record.revision == 1)
            #expect(record.heldAt == chinaTime("2026-06-05", hour: 14, minute: 30))
            #expect(record.attendees.map(\.memberID) == [w.zhang.id, w.li.id])
            #expect(record.absentees.map(\.reason) == ["出差"])
            // The wire format: kind by its raw value, the day as text, the time as ISO 8601.
            #expect(posted.object["kind"] as? String == "themeDay")
            #expect(posted.object["heldOn"] as? String == "2026-06-05")
            #expect(posted.object["heldAt"] as? String == "2026-06-05T14:30:00+08:00")

            let lecture = try await client.send(
                .post, "/api/v1/orglife/records", token: token,
                json: themeDayJSON(w, heldAt: "2026-06-10T14:30", kind: "partyLecture", topic: "书记讲党课"))
            #expect(lecture.status == .created)
            let lectureRecord = try lecture.decoded(LedgerRecord.self)
            #expect(lectureRecord.attendees.map(\.classHours) == [2, 2])
            let march = try await client.send(
                .post, "/api/v1/orglife/records", token: token, json: themeDayJSON(w, heldAt: "2026-03-20"))
            #expect(march.status == .created)
            let marchRecord = try march.decoded(LedgerRecord.self)

            let fetched = try await client.send(.get, "/api/v1/orglife/records/\(record.id)", token: token)
            #expect(fetched.status == .ok)
            #expect(try fetched.decoded(LedgerRecord.self) == record)

            let themeQ2 = try await client.send(
                .get, "/api/v1/orglife/organizations/\(w.branchA.id)/records?period=2026-Q2&kind=themeDay", token: token
            )
            #expect(themeQ2.status == .ok, "\(themeQ2.text)")
            #expect(try themeQ2.decoded(PageReply<LedgerRecord>.self).items.map(\.id) == [record.id])
            let allQ2 = try await client.send(
                .get, "/api/v1/orglife/organizations/\(w.branchA.id)/records?period=2026-Q2", token: token)
            #expect(try allQ2.decoded(PageReply<LedgerRecord>.self).items.map(\.id) == [lectureRecord.id, record.id])
            // Without a period: this year (2026).
            let year = try await client.send(
                .get, "/api/v1/orglife/organizations/\(w.branchA.id)/records", token: token)
            #expect(
                try year.decoded(PageReply<LedgerRecord>.self).items.map(\.id) == [
                    lectureRecord.id, record.id, marchRecord.id,
                ])
            let june = try await client.send(
                .get, "/api/v1/orglife/organizations/\(w.branchA.id)/records?period=2026-06&kind=partyLecture",
                token: token)
            #expect(try june.decoded(PageReply<LedgerRecord>.self).items.map(\.id) == [lectureRecord.id])

            // A correction without a reason is refused; with one it bumps the revision.
            let noReason = try await client.send(
                .post, "/api/v1/orglife/records/\(record.id)/corrections", token: token,
                json: themeDayJSON(w, topic: "更正后的题目"))
            expectErrorBody(noReason, .badRequest, "validation.required", field: "reason")
            let corrected = try await client.send(
                .post, "/api/v1/orglife/records/\(record.id)/corrections", token: token,
                json: json([
                    "organizationID": w.branchA.id, "kind": "themeDay", "heldAt": "2026-06-05T14:30", "topic": "更正后的题目",
                    "attendees": [["memberID": w.zhang.id]], "absentees": [["memberID": w.li.id, "reason": "病假"]],
                    "reason": "出席名单登记错误",
                ]))
            #expect(corrected.status == .ok, "\(corrected.text)")
            let after = try corrected.decoded(LedgerRecord.self)
            #expect(after.id == record.id && after.revision == 2 && after.topic == "更正后的题目")
            #expect(after.attendees.map(\.memberID) == [w.zhang.id] && after.absentees.map(\.memberID) == [w.li.id])
            let again = try await client.send(.get, "/api/v1/orglife/records/\(record.id)", token: token)
            #expect(try again.decoded(LedgerRecord.self) == after)
        }
        #expect(try await server.base.count("orglife_records") == 3)
        #expect(try await server.base.count("audit_log", "entity = 'orglife.record' AND action = 'correct'") == 1)
        #expect(
            try await server.base.count(
                "orglife_attendance", "record_id IN (SELECT id FROM orglife_records WHERE revision = 2)") == 2)
        await server.close()
    }

    @Test func aPlanIsFiledAndComparedThroughHTTP() async throws {
        let server = try await LedgerServer.make()
        let w = server.world
        try await server.test { client in
            let token = try await client.login("sec-a")
            let filed = try await client.send(
                .post, "/api/v1/orglife/plans", token: token,
                json: json([
                    "organizationID": w.branchA.id, "month": "2026-06",
                    "items": [
                        ["kind": "themeDay", "plannedOn": "2026-06-05", "topic": "主题党日"],
                        ["kind": "partyLecture", "plannedOn": "2026-06-25", "topic": "党课"],
                    ],
                ]))
            #expect(filed.status == .created, "\(filed.text)")
            #expect(try filed.decoded(ActivityPlan.self).items.count == 2)
            #expect(
                try await client.send(.post, "/api/v1/orglife/records", token: token, json: themeDayJSON(w)).status
                    == .created)
            let compared = try await client.send(
                .get, "/api/v1/orglife/organizations/\(w.branchA.id)/plans/2026-06", token: token)
            #expect(compared.status == .ok, "\(compared.text)")
            let comparison = try compared.decoded(PlanComparison.self)
            #expect(comparison.filed)
            #expect(comparison.lines.map(\.kind) == [.partyLecture, .themeDay])
            #expect(comparison.lines.map(\.planned) == [1, 1] && comparison.lines.map(\.held) == [0, 1])

            expectErrorBody(
                try await client.send(
                    .get, "/api/v1/orglife/organizations/\(w.branchA.id)/plans/2026-13", token: token),
                .badRequest, "orglife.badPeriod", field: "month")
            expectErrorBody(
                try await client.send(
                    .post, "/api/v1/orglife/plans", token: token,
                    json: json([
                        "organizationID": w.branchA.id, "month": "2026-07",
                        "items": [["kind": "themeDay", "plannedOn": "2026-07-01", "topic": "x", "place": "y"]],
                    ])), .badRequest, "request.unknownField", field: "items.0.place")
        }
        #expect(try await server.base.count("orglife_plans") == 1)
        await server.close()
    }

    @Test func badRequestsGetTheStableErrorShapeAndWriteNothing() async throws {
        let server = try await LedgerServer.make()
        let w = server.world
        let existing = try await Ledger(host: server.host).record(w.themeDay(at: "2026-06-05T14:30"), by: .system)
        let inB = try await Ledger(host: server.host).record(
            LedgerRecordDraft(
                organizationID: w.branchB.id, kind: "themeDay", heldAt: "2026-06-05T14:30", topic: "二支部主题党日"),
            by: .system)
        let before = try await LedgerCounts.of(server.base)
        try await server.test { client in
            let token = try await client.login("sec-a")
            let post = { (body: String) async throws -> TestResponse in
                try await client.send(.post, "/api/v1/orglife/records", token: token, json: body)
            }

            // Body shape.
            expectErrorBody(
                try await post(themeDayJSON(w, heldAt: "2026-06-06T14:30", extra: ["venue": "礼堂"])),
                .badRequest, "request.unknownField", field: "venue")
            expectErrorBody(
                try await post(
                    themeDayJSON(
                        w, heldAt: "2026-06-06T14:30", extra: ["attendees": [["memberID": w.zhang.id, "hours": 2]]])),
                .badRequest, "request.unknownField", field: "attendees.0.hours")
            expectErrorBody(
                try await post(themeDayJSON(w, heldAt: "2026-06-06T14:30", extra: ["organizationID": "一支部"])),
                .badRequest, "request.wrongType", field: "organizationID")
            expectErrorBody(
                try await post(#"{"organizationID": 1, "kind": "themeDay""#), .badRequest, "request.malformedJSON")
            // The ledger's own checks.
            expectErrorBody(
                try await post(themeDayJSON(w, heldAt: "2026-06-20T14:30")), .badRequest, "validation.futureDate",
                field: "heldAt")
            expectErrorBody(
                try await post(themeDayJSON(w, heldAt: "2026-06-06T14:30", kind: "committeeMeeting")),
                .badRequest, "orglife.noCommittee", field: "kind")
            expectErrorBody(
                try await post(
                    themeDayJSON(w, heldAt: "2026-06-06T14:30", extra: ["attendees": [["memberID": w.zhao.id]]])),
                .badRequest, "orglife.notAMember", field: "attendees.0.memberID")
            expectErrorBody(
                try await post(
                    themeDayJSON(
                        w, heldAt: "2026-06-06T14:30", extra: ["absentees": [["memberID": w.zhang.id, "reason": "请假"]]])
                ),
                .badRequest, "orglife.duplicateAttendee", field: "absentees.0.memberID")
            expectErrorBody(
                try await post(
                    themeDayJSON(
                        w, heldAt: "2026-06-06T14:30", extra: ["minutes": String(repeating: "记", count: 20_001)])),
                .badRequest, "validation.tooLong", field: "minutes")
            expectErrorBody(
                try await post(themeDayJSON(w, heldAt: "2026-06-06T14:30", kind: "picnic")),
                .badRequest, "validation.badValue", field: "kind")
            // Five megabytes of minutes is over the body limit (1 MiB by default).
            let huge = try await post(
                themeDayJSON(w, heldAt: "2026-06-06T14:30", extra: ["minutes": String(repeating: "a", count: 5 << 20)]))
            expectErrorBody(huge, .contentTooLarge, "request.tooLarge")
            // The same meeting twice.
            let duplicate = try await post(themeDayJSON(w, heldAt: "2026-06-05T14:30", topic: "重复登记"))
            expectErrorBody(duplicate, .conflict, "orglife.duplicateRecord", field: "heldAt")

            // Query and path.
            let list = "/api/v1/orglife/organizations/\(w.branchA.id)/records"
            expectErrorBody(
                try await client.send(.get, "\(list)?period=2026-13", token: token), .badRequest, "orglife.badPeriod",
                field: "period")
            expectErrorBody(
                try await client.send(.get, "\(list)?period=2026-Q5&kind=themeDay", token: token), .badRequest,
                "orglife.badPeriod", field: "period")
            expectErrorBody(
                try await client.send(.get, "\(list)?period=2026-Q2&kind=meeting", token: token), .badRequest,
                "validation.badValue", field: "kind")
            expectErrorBody(
                try await client.send(.get, "\(list)?month=2026-06", token: token), .badRequest,
                "request.unknownParameter", field: "month")
            expectErrorBody(
                try await client.send(.get, "/api/v1/orglife/records/abc", token: token), .badRequest,
                "validation.badValue", field: "id")
            expectErrorBody(
                try await client.send(.get, "/api/v1/orglife/records/987654", token: token), .notFound,
                "orglife.record.notFound")
            expectErrorBody(
                try await client.send(
                    .post, "/api/v1/orglife/records?dryRun=true", token: token,
                    json: themeDayJSON(w, heldAt: "2026-06-06T14:30")),
                .badRequest, "request.unknownParameter", field: "dryRun")

            // Another branch is out of sight: 404, not 403.
            expectErrorBody(
                try await client.send(.get, "/api/v1/orglife/records/\(inB.id)", token: token), .notFound,
                "orglife.record.notFound")
            expectErrorBody(
                try await client.send(
                    .get, "/api/v1/orglife/organizations/\(w.branchB.id)/records?period=2026-Q2", token: token),
                .notFound, "organization.notFound")
            expectErrorBody(
                try await client.send(
                    .post, "/api/v1/orglife/records", token: token,
                    json: json([
                        "organizationID": w.branchB.id, "kind": "themeDay", "heldAt": "2026-06-06T14:30", "topic": "越权",
                    ])), .notFound, "organization.notFound")
            expectErrorBody(
                try await client.send(
                    .post, "/api/v1/orglife/records/\(inB.id)/corrections", token: token,
                    json: json([
                        "organizationID": w.branchB.id, "kind": "themeDay", "heldAt": "2026-06-05T14:30", "topic": "越权",
                        "reason": "越权",
                    ])), .notFound, "orglife.record.notFound")
            expectErrorBody(
                try await client.send(
                    .post, "/api/v1/orglife/records/\(existing.id)/corrections", token: token,
                    json: json([
                        "organizationID": w.branchB.id, "kind": "themeDay", "heldAt": "2026-06-05T14:30", "topic": "挪走",
                        "reason": "挪走",
                    ])), .badRequest, "orglife.organizationChanged", field: "organizationID")

            // No caller, or a bad token.
            expectErrorBody(
                try await client.send(
                    .post, "/api/v1/orglife/records", json: themeDayJSON(w, heldAt: "2026-06-06T14:30")),
                .unauthorized, "auth.required")
            expectErrorBody(
                try await client.send(.get, "/api/v1/orglife/records/\(existing.id)"), .unauthorized, "auth.required")
            expectErrorBody(try await client.send(.get, "\(list)?period=2026-Q2"), .unauthorized, "auth.required")
            expectErrorBody(
                try await client.send(.get, "/api/v1/orglife/records/\(existing.id)", token: "dj_not-a-token"),
                .unauthorized, "auth.badToken")
        }
        #expect(try await LedgerCounts.of(server.base) == before)
        #expect(try await Ledger(host: server.host).get(existing.id, by: .system) == existing)
        await server.close()
    }

    @Test func theAdminOfTheRootReadsEveryBranch() async throws {
        let server = try await LedgerServer.make()
        let w = server.world
        try await server.test { client in
            let secretaryB = try await client.login("sec-b")
            let posted = try await client.send(
                .post, "/api/v1/orglife/records", token: secretaryB,
                json: json([
                    "organizationID": w.branchB.id, "kind": "themeDay", "heldAt": "2026-06-05T14:30",
                    "topic": "二支部主题党日",
                    "attendees": [["memberID": w.zhao.id, "classHours": 1.5]],
                ]))
            #expect(posted.status == .created, "\(posted.text)")
            let record = try posted.decoded(LedgerRecord.self)
            #expect(record.attendees.first?.classHours == 1.5)
            let admin = try await client.login("admin")
            #expect(
                try await client.send(.get, "/api/v1/orglife/records/\(record.id)", token: admin).decoded(
                    LedgerRecord.self) == record)
            let listed = try await client.send(
                .get, "/api/v1/orglife/organizations/\(w.branchB.id)/records?period=2026-06", token: admin)
            #expect(try listed.decoded(PageReply<LedgerRecord>.self).items.map(\.id) == [record.id])
            let secretaryA = try await client.login("sec-a")
            expectErrorBody(
                try await client.send(.get, "/api/v1/orglife/records/\(record.id)", token: secretaryA), .notFound,
                "orglife.record.notFound")
        }
        await server.close()
    }

    @Test func thePluginsRoutesAreInTheOpenAPIDocument() async throws {
        let server = try await LedgerServer.make()
        try await server.test { client in
            let response = try await client.send(.get, "/api/v1/openapi.json")
            #expect(response.status == .ok)
            let paths = try #require(response.object["paths"] as? [String: [String: Any]])
            let expected: [(String, String)] = [
                ("/api/v1/orglife/records", "post"),
                ("/api/v1/orglife/records/{id}", "get"),
                ("/api/v1/orglife/records/{id}/corrections", "post"),
                ("/api/v1/orglife/organizations/{id}/records", "get"),
                ("/api/v1/orglife/plans", "post"),
                ("/api/v1/orglife/organizations/{id}/plans/{month}", "get"),
            ]
            for (path, method) in expected {
                let operation = paths[path]?[method] as? [String: Any]
                #expect(operation != nil, "\(method.uppercased()) \(path) is not documented")
                #expect(operation?["tags"] as? [String] == ["orglife"], "\(path)")
                #expect(operation?["security"] != nil, "\(path) requires a token")
            }
            // The list's query parameters are documented.
            let list = paths["/api/v1/orglife/organizations/{id}/records"]?["get"] as? [String: Any]
            let names = (list?["parameters"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(Set(names) == ["id", "period", "kind", "sort", "limit", "cursor"])
            // The request body of a record lists its fields and refuses others.
            let schemas = (response.object["components"] as? [String: Any])?["schemas"] as? [String: Any]
            let draft = schemas?["LedgerRecordDraft"] as? [String: Any]
            let properties = Set((draft?["properties"] as? [String: Any] ?? [:]).keys)
            #expect(
                properties == [
                    "organizationID", "kind", "heldAt", "place", "host", "topic", "minutes", "resolutions",
                    "attendees", "absentees", "reason",
                ])
            #expect(draft?["additionalProperties"] as? Bool == false)
            let operationIDs = expected.compactMap { (paths[$0.0]?[$0.1] as? [String: Any])?["operationId"] as? String }
            #expect(Set(operationIDs).count == expected.count, "operation ids are distinct: \(operationIDs)")
        }
        await server.close()
    }

    /// The plan comparison's `{month}` is text such as 2026-06, not an integer id.
    @Test func theMonthPathParameterIsDocumentedAsText() async throws {
        let server = try await LedgerServer.make()
        try await server.test { client in
            let response = try await client.send(.get, "/api/v1/openapi.json")
            let paths = try #require(response.object["paths"] as? [String: [String: Any]])
            let operation = paths["/api/v1/orglife/organizations/{id}/plans/{month}"]?["get"] as? [String: Any]
            let month = (operation?["parameters"] as? [[String: Any]] ?? []).first { $0["name"] as? String == "month" }
            let schema = month?["schema"] as? [String: Any]
            #expect(month != nil)
            #expect(schema?["type"] as? String == "string", "month is documented as \(schema ?? [:])")
        }
        await server.close()
    }

    @Test func withoutThePluginThereAreNoLedgerRoutes() async throws {
        let server = try await LedgerServer.make(plugins: [])
        try await server.test { client in
            let token = try await client.login("admin")
            let response = try await client.send(
                .post, "/api/v1/orglife/records", token: token, json: themeDayJSON(server.world))
            expectErrorBody(response, .notFound, "route.notFound")
            let doc = try await client.send(.get, "/api/v1/openapi.json")
            #expect(!doc.text.contains("/api/v1/orglife/"))
        }
        await server.close()
    }
}

/// The supervision routes: the matrix in its three forms, who may ask for it, and the order of
/// refusals (an anonymous caller is told to log in before anything about the input).
@Suite struct SupervisionHTTPTests {
    @Test func theQuarterlyMatrixIsServedAsJSONCSVAndSummaryWithinTheCallersSubtree() async throws {
        let s = try await LedgerServer.make(setUpOn: Day("2025-01-02")!.start)
        _ = try await Ledger(host: s.host).record(s.world.themeDay(at: "2026-04-05T14:30"), by: .system)
        try await s.test { client in
            let admin = try await client.login("admin")
            let secretary = try await client.login("sec-a")
            let base = "/api/v1/orglife/quarterly-check?organizationID=\(s.world.root.id)&quarter=2026-Q2"
            let matrix = try await client.send(.get, base, token: admin)
            #expect(matrix.status == .ok)
            let decoded = try matrix.decoded(ComplianceMatrix.self)
            #expect(
                decoded.rows.first { $0.organizationID == s.world.branchA.id }?.cells.first { $0.kind == .themeDay }?
                    .held == 1)
            let csv = try await client.send(.get, base + "&format=csv", token: admin)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.text.hasPrefix("\u{FEFF}组织,组织编号,支部党员大会"))
            #expect(csv.text.contains("一中第一支部,\(s.world.branchA.id),"))
            let summary = try await client.send(.get, base + "&format=summary", token: admin)
            #expect(try summary.decoded(ComplianceMatrix.Summary.self).organizations == 3)
            expectErrorBody(
                try await client.send(.get, base + "&format=pdf", token: admin), .badRequest, "validation.badValue",
                field: "format")
            expectErrorBody(
                try await client.send(
                    .get, "/api/v1/orglife/quarterly-check?organizationID=\(s.world.root.id)&quarter=2026-06",
                    token: admin), .badRequest, "validation.badValue", field: "quarter")
            expectErrorBody(try await client.send(.get, base, token: secretary), .notFound, "organization.notFound")
            let own = try await client.send(
                .get, "/api/v1/orglife/quarterly-check?organizationID=\(s.world.branchA.id)&quarter=2026-Q2",
                token: secretary)
            #expect(own.status == .ok)
            expectErrorBody(try await client.send(.get, base), .unauthorized, "auth.required")
            // Anonymous and malformed: the caller is told to log in, not what the body lacks.
            expectErrorBody(
                try await client.send(.post, "/api/v1/orglife/records", json: "{not json"), .unauthorized,
                "auth.required")
            // On 15 June the second quarter is still running: nothing to rectify yet.
            expectErrorBody(
                try await client.send(
                    .post, "/api/v1/orglife/quarterly-check/rectifications", token: admin,
                    json: #"{"organizationID":\#(s.world.root.id),"quarter":"2026-Q2"}"#),
                .badRequest, "orglife.quarterNotEnded", field: "quarter")
            let opened = try await client.send(
                .post, "/api/v1/orglife/quarterly-check/rectifications", token: admin,
                json: #"{"organizationID":\#(s.world.root.id),"quarter":"2026-Q1"}"#)
            #expect(opened.status == .created && opened.text.contains("opened"))
            // Issue 13 point 21: run again, it opens nothing, and says so with a 200.
            let again = try await client.send(
                .post, "/api/v1/orglife/quarterly-check/rectifications", token: admin,
                json: #"{"organizationID":\#(s.world.root.id),"quarter":"2026-Q1"}"#)
            #expect(again.status == .ok && again.object["opened"] as? Int == 0, "\(again.text)")
            // Issue 13 point 7: branch A's secretary is told of each of its items, once, in the inbox.
            let inbox = try await client.send(.get, "/api/v1/notifications", token: secretary).decoded(
                PageReply<Dangjian.Notification>.self)
            let items = try await s.base.count(
                "tasks", "kind = 'orglife.rectification' AND responsible_org_id = \(s.world.branchA.id)")
            #expect(items > 0 && inbox.items.filter { $0.title.hasPrefix("新的整改任务：2026-Q1 未落实") }.count == items)
            // Without loaded rules there is nothing to score with: 503, in both languages.
            expectErrorBody(
                try await client.send(
                    .get, "/api/v1/orglife/annual-evaluation?organizationID=\(s.world.root.id)&year=2025",
                    token: admin), .serviceUnavailable, "orglife.rulesNotLoaded")
        }
        #expect(try await s.base.count("tasks", "kind = 'orglife.rectification'") > 0)
        await s.close()
    }
}
