import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Dangjian
import DangjianDemo
@testable import DangjianHTTP
import DangjianHTTPTestSupport
import DangjianTestSupport
@testable import DualLiaison
@testable import RegionalCouncil

/// A host with both plugins served through the same `buildApplication` as `dangjian serve`,
/// with the bureau's secretary (`office`, who keeps the liaison system), 一中's secretary
/// (`sec-a`) and the community branch's (`sec-x`, outside the bureau).
private typealias LiaisonServer = PluginServer<LiaisonWorld>

extension PluginServer<LiaisonWorld> {
    fileprivate static func make() async throws -> LiaisonServer {
        try await open(
            plugins: PluginValuesTests.types, world: { try await LiaisonWorld.make($0) },
            accounts: { w in
                [
                    Account("office", .secretary, on: w.bureau), Account("sec-a", .secretary, on: w.schoolA),
                    Account("sec-x", .secretary, on: w.community),
                ]
            })
    }
}

@Suite struct LiaisonHTTPTests {
    @Test func liaisonsAreAssignedLoggedAndCheckedThroughTheAPI() async throws {
        let s = try await LiaisonServer.make()
        let w = s.world
        let meeting = try await Councils(host: s.host).record(
            CouncilMeetingDraft(
                kind: "subCouncil", subCouncilID: w.east.id, heldAt: "2026-05-12T14:00", title: "东部分会例会",
                units: w.east.units.map { .init(organizationID: $0.organizationID) }), by: .system)
        try await s.test { client in
            let office = try await client.login("office")
            let assigned = try await client.send(
                .post, "/api/v1/liaison/subcouncils/\(w.east.id)/liaisons", token: office,
                json: json(["role": "leader", "memberID": w.leaderWang.id, "from": "2025-01-01"]))
            #expect(assigned.status == .created, "\(assigned.text)")
            #expect(try assigned.decoded(LiaisonAssignment.self).name == "王建国")
            #expect(
                assigned.object["from"] as? String == "2025-01-01" && assigned.object["role"] as? String == "leader")
            expectErrorBody(
                try await client.send(
                    .post, "/api/v1/liaison/subcouncils/\(w.west.id)/liaisons", token: office,
                    json: json(["role": "leader", "memberID": w.leaderWang.id])), .conflict, "liaison.overQuota",
                field: "memberID")
            expectErrorBody(
                try await client.send(
                    .post, "/api/v1/liaison/subcouncils/\(w.west.id)/liaisons", token: office,
                    json: json(["role": "leader", "memberID": w.teacher.id])), .badRequest, "liaison.notInLeadership",
                field: "memberID")
            expectErrorBody(
                try await client.send(
                    .post, "/api/v1/liaison/subcouncils/\(w.west.id)/liaisons", token: office,
                    json: json(["role": "staff", "memberID": w.leaderLi.id])), .badRequest, "liaison.notInOffice",
                field: "memberID")
            expectErrorBody(
                try await client.send(
                    .post, "/api/v1/liaison/subcouncils/\(w.west.id)/liaisons", token: office,
                    json: json(["role": "staff", "memberID": w.staffWu.id, "since": "2026-01-01"])),
                .badRequest, "request.unknownField", field: "since")
            let logged = try await client.send(
                .post, "/api/v1/liaison/log", token: office,
                json: json([
                    "memberID": w.leaderWang.id, "subCouncilID": w.east.id, "kind": "meeting", "meetingID": meeting.id,
                ]))
            #expect(logged.status == .created, "\(logged.text)")
            expectErrorBody(
                try await client.send(
                    .post, "/api/v1/liaison/log", token: office,
                    json: json([
                        "memberID": w.leaderWang.id, "subCouncilID": w.east.id, "kind": "activity", "on": "2026-07-01",
                    ])), .badRequest, "validation.futureDate", field: "on")
            let log = try await client.send(
                .get, "/api/v1/liaison/subcouncils/\(w.east.id)/log?period=2026-Q2", token: office)
            #expect(try log.decoded([LiaisonLogEntry].self).map(\.kind) == [.meeting])
            expectErrorBody(
                try await client.send(
                    .get, "/api/v1/liaison/subcouncils/\(w.east.id)/log?quarter=2026-Q2", token: office),
                .badRequest, "request.unknownParameter", field: "quarter")

            let coverage = try await client.send(
                .get, "/api/v1/liaison/committees/\(w.committee.id)/coverage", token: office)
            #expect(coverage.status == .ok)
            let report = try coverage.decoded(LiaisonCoverage.self)
            #expect(report.covered == 0 && report.gaps.count == 5 && report.gaps.first?.role == .staff)
            #expect((coverage.object["gaps"] as? [[String: Any]])?.first?["subCouncil"] as? String == "东部分会")
            // 一中's secretary sees the committee's coverage; the community's secretary does not even learn it exists.
            let secretaryA = try await client.login("sec-a")
            #expect(
                try await client.send(.get, "/api/v1/liaison/committees/\(w.committee.id)/coverage", token: secretaryA)
                    .status == .ok)
            expectErrorBody(
                try await client.send(
                    .post, "/api/v1/liaison/subcouncils/\(w.east.id)/liaisons", token: secretaryA,
                    json: json(["role": "staff", "memberID": w.staffZhou.id])), .forbidden, "auth.forbidden")
            let outsider = try await client.login("sec-x")
            for path in ["committees/\(w.committee.id)/coverage", "committees/\(w.committee.id)/liaisons"] {
                expectErrorBody(
                    try await client.send(.get, "/api/v1/liaison/\(path)", token: outsider), .notFound,
                    "council.committee.notFound")
            }
            // Issue 13: a hidden sub-council answers as a missing one, not as its committee.
            for path in ["subcouncils/\(w.east.id)/liaisons", "subcouncils/\(w.east.id)/log"] {
                expectErrorBody(
                    try await client.send(.get, "/api/v1/liaison/\(path)", token: outsider), .notFound,
                    "council.subCouncil.notFound")
            }
            expectErrorBody(
                try await client.send(.get, "/api/v1/liaison/committees/\(w.committee.id)/coverage"), .unauthorized,
                "auth.required")
        }
        #expect(try await s.base.count("liaison_assignments") == 1)
        #expect(try await s.base.count("liaison_log") == 1)
        await s.close()
    }

    @Test func dualReportingThroughTheAPIIsScopedToTheCallersSubtree() async throws {
        let s = try await LiaisonServer.make()
        let w = s.world
        try await s.test { client in
            let secretaryA = try await client.login("sec-a")
            let reported = try await client.send(
                .post, "/api/v1/liaison/dual-reporting/reports", token: secretaryA,
                json: json(["memberID": w.teacher.id, "communityID": w.community.id, "reportedOn": "2026-02-01"]))
            #expect(reported.status == .created, "\(reported.text)")
            let served = try await client.send(
                .post, "/api/v1/liaison/dual-reporting/services", token: secretaryA,
                json: json(["memberID": w.teacher.id, "servedOn": "2026-03-01", "hours": 2.5, "description": "社区托管"]))
            #expect(served.status == .created, "\(served.text)")
            let year = try await client.send(
                .get, "/api/v1/liaison/members/\(w.teacher.id)/dual-reporting?year=2026", token: secretaryA)
            #expect(try year.decoded(MemberDualReporting.self).totalHours == 2.5)
            #expect(!year.text.contains("idNumber") && !year.text.contains("phone"))
            let branch = try await client.send(
                .get, "/api/v1/liaison/organizations/\(w.schoolA.id)/dual-reporting", token: secretaryA)
            #expect(try branch.decoded(OrganizationDualReporting.self).membersReported == 1)
            let paged = try await client.send(
                .get, "/api/v1/liaison/organizations/\(w.schoolA.id)/dual-reporting?limit=1", token: secretaryA)
            #expect(try paged.decoded(OrganizationDualReporting.self).members.count == 1)
            expectErrorBody(
                try await client.send(
                    .get, "/api/v1/liaison/organizations/\(w.schoolA.id)/dual-reporting?limit=0", token: secretaryA),
                .badRequest, "validation.badValue", field: "limit")
            expectErrorBody(
                try await client.send(
                    .get, "/api/v1/liaison/members/\(w.teacher.id)/dual-reporting?year=abc", token: secretaryA),
                .badRequest, "validation.badValue", field: "year")
            expectErrorBody(
                try await client.send(
                    .post, "/api/v1/liaison/dual-reporting/services", token: secretaryA,
                    json: json(["memberID": w.teacher.id, "servedOn": "2026-03-01", "hours": "两小时", "description": "x"])
                ),
                .badRequest, "request.wrongType", field: "hours")
            let outsider = try await client.login("sec-x")
            expectErrorBody(
                try await client.send(.get, "/api/v1/liaison/members/\(w.teacher.id)/dual-reporting", token: outsider),
                .notFound, "member.notFound")
            expectErrorBody(
                try await client.send(
                    .get, "/api/v1/liaison/organizations/\(w.schoolA.id)/dual-reporting", token: outsider),
                .notFound, "organization.notFound")
            expectErrorBody(
                try await client.send(
                    .post, "/api/v1/liaison/dual-reporting/services", token: outsider,
                    json: json(["memberID": w.teacher.id, "servedOn": "2026-03-01", "hours": 1, "description": "x"])),
                .notFound, "member.notFound")
        }
        #expect(try await s.base.count("liaison_services") == 1)
        await s.close()
    }

    @Test func theRoutesAreInTheOpenAPIDocument() async throws {
        let s = try await LiaisonServer.make()
        try await s.test { client in
            let paths = try #require(
                try await client.send(.get, "/api/v1/openapi.json").object["paths"] as? [String: [String: Any]])
            for (path, method) in [
                ("committees/{id}/settings", "post"), ("committees/{id}/liaisons", "get"),
                ("committees/{id}/coverage", "get"),
                ("subcouncils/{id}/liaisons", "post"), ("subcouncils/{id}/liaisons", "get"),
                ("subcouncils/{id}/liaisons/end", "post"),
                ("log", "post"), ("subcouncils/{id}/log", "get"), ("dual-reporting/reports", "post"),
                ("dual-reporting/services", "post"), ("members/{id}/dual-reporting", "get"),
                ("organizations/{id}/dual-reporting", "get"),
            ] {
                let operation = paths["/api/v1/liaison/\(path)"]?[method] as? [String: Any]
                #expect(operation?["tags"] as? [String] == ["liaison"], "\(method) \(path)")
            }
        }
        await s.close()
    }
}
