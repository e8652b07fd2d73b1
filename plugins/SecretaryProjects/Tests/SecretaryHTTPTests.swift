import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import Dangjian
import DangjianDemo
@testable import DangjianHTTP
import DangjianHTTPTestSupport
import DangjianTestSupport
@testable import SecretaryProjects

@Suite struct SecretaryHTTPTests {
    @Test func aProjectIsPlannedOverHTTPAndTheBulletinComesAsCSVAndPrintableHTML() async throws {
        let (app, w) = try await SecretaryWorld.served()
        defer { Task { await w.t.close() } }
        for (username, role, organization) in [("bureau", Role.districtAdmin, w.bureau), ("sec-a", .secretary, w.a)] {
            _ = try await w.t.create(Account(username, role, on: organization))
        }
        try await app.test { client in
            let secA = try await client.login("sec-a")
            let item: [String: Any] = [
                "component": "standardisation", "title": "细化任务清单", "dueOn": "2026-09-30", "acceptanceCriteria": "报党总支",
            ]
            expectErrorBody(
                try await client.send(
                    .post, "/api/v1/secretary/projects", token: secA,
                    json: json([
                        "programmeID": w.programme.id, "organizationID": w.a.id, "title": "一支部书记项目", "items": [item],
                    ])),
                .badRequest, "secretary.noResponsiblePerson", field: "items.0.responsibleMemberID")
            var owned = item
            owned["responsibleMemberID"] = w.secretaryA.id
            let created = try await client.send(
                .post, "/api/v1/secretary/projects", token: secA,
                json: json([
                    "programmeID": w.programme.id, "organizationID": w.a.id, "title": "一支部书记项目", "items": [owned],
                ]))
            #expect(created.status == .created, "\(created.text)")
            let project = try created.decoded(SecretaryProject.self)
            let study = try await client.send(
                .post, "/api/v1/secretary/projects/\(project.id)/studies", token: secA,
                json: json(["heldOn": "2026-05-10", "topic": "研究部署", "decisions": "分工到人"]))
            #expect(study.status == .created, "\(study.text)")
            let bureau = try await client.login("bureau")
            let csv = try await client.send(
                .get, "/api/v1/secretary/programmes/\(w.programme.id)/bulletins/2026-Q2?format=csv", token: bureau)
            #expect(csv.text.hasPrefix("\u{FEFF}排名,单位") && csv.text.contains("1,一中一支部,1,0,0,0%,1,"))
            let html = try await client.send(
                .get, "/api/v1/secretary/programmes/\(w.programme.id)/bulletins/2026-Q2?format=html", token: bureau)
            #expect(html.headers[.contentType] == "text/html; charset=utf-8" && html.text.contains("督查通报"))
            expectErrorBody(
                try await client.send(
                    .get, "/api/v1/secretary/programmes/\(w.programme.id)/bulletins/2026-Q9", token: bureau),
                .badRequest, "secretary.badQuarter", field: "quarter")
            expectErrorBody(
                try await client.send(
                    .post, "/api/v1/secretary/programmes/\(w.programme.id)/bulletins", token: secA,
                    json: json(["quarter": "2026-Q1"])), .forbidden, "auth.forbidden")
        }
    }

    /// Issue 13 point 3: a template copied in June by the programme's organisation dates its
    /// projects from the programme's start (so the first quarter is owed), or from `startedOn`
    /// when it is given within the programme's year.
    @Test func aTemplateCopiedLaterInTheYearStartsWithTheProgramme() async throws {
        let (app, w) = try await SecretaryWorld.served()
        defer { Task { await w.t.close() } }
        _ = try await w.t.create(Account("bureau", .districtAdmin, on: w.bureau))
        try await app.test { client in
            let bureau = try await client.login("bureau")
            func copy(to unit: Organization, _ extra: [String: Any] = [:]) async throws -> TestResponse {
                try await client.send(
                    .post, "/api/v1/secretary/programmes/\(w.programme.id)/template", token: bureau,
                    json: json(
                        [
                            "organizationID": unit.id, "title": "书记项目（模板）",
                            "items": [
                                [
                                    "component": "standardisation", "title": "细化任务清单", "dueOn": "2026-09-30",
                                    "acceptanceCriteria": "有记录",
                                ]
                            ],
                        ].merging(extra) { $1 }))
            }
            #expect(w.t.today == Day(year: 2026, month: 6, day: 15))
            let copied = try await copy(to: w.a)
            #expect(copied.status == .created, "\(copied.text)")
            #expect(try copied.decoded([SecretaryProject].self).map(\.startedOn) == [w.programme.startedOn])
            expectErrorBody(
                try await copy(to: w.b, ["startedOn": "2025-12-31"]), .badRequest, "validation.dateOrder",
                field: "startedOn")
            expectErrorBody(
                try await copy(to: w.b, ["startedOn": "2026-06-16"]), .badRequest, "validation.futureDate",
                field: "startedOn")
            let given = try await copy(to: w.b, ["startedOn": "2026-03-02"])
            #expect(given.status == .created, "\(given.text)")
            #expect(try given.decoded([SecretaryProject].self).map(\.startedOn) == [Day(year: 2026, month: 3, day: 2)!])
        }
    }
}
