import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import Dangjian
import DangjianDemo
@testable import DangjianHTTP
import DangjianLua
import DangjianHTTPTestSupport
import DangjianTestSupport
@testable import BrandCreation

/// Brands through HTTP, as `dangjian serve` serves them: 二小's secretary applies, the bureau decides.
private typealias BrandServer = PluginServer<BrandWorld>

extension PluginServer<BrandWorld> {
    /// - Parameter rules: whether the host runs the kernel's and the plugin's rules, as `serve` does.
    fileprivate static func make(rules: Bool = false) async throws -> BrandServer {
        try await open(
            plugins: [BrandCreationPlugin.self],
            configure: {
                $0.rulesPlugins = ["brand": brandRulesDirectory]
                if rules { $0.rulesBaseline = TestApplication.kernelRules }
            }, world: { try await BrandWorld.make(on: $0) },
            accounts: { w in
                [
                    Account("bureau", .districtAdmin, on: w.bureau), Account("sec-b", .secretary, on: w.branchB),
                    Account("wang", .member, on: w.branchC, member: w.wang),
                ]
            })
    }
}

@Suite struct BrandHTTPTests {
    @Test func aBrandsWayToRecognitionAndTheBadInputsGetTheErrorShape() async throws {
        let server = try await BrandServer.make()
        let w = server.world
        defer { Task { await w.t.close() } }
        try await server.test { client in
            let bureau = try await client.login("bureau")
            let secB = try await client.login("sec-b")
            let application: [String: Any] = [
                "organizationID": w.branchB.id, "name": "「红烛先锋」", "idea": "立德树人", "carriers": ["党员示范岗"],
                "activityForms": ["主题党日"],
                "standards": ["满意度 90%"], "tier": "modelBranch", "appliedOn": "2026-03-01",
                "plan": [
                    [
                        "title": "示范岗挂牌", "responsibleMemberID": w.li.id, "dueOn": "2026-09-30",
                        "acceptanceCriteria": "挂牌",
                    ]
                ],
            ]
            let applied = try await client.send(.post, "/api/v1/brand/brands", token: secB, json: json(application))
            #expect(applied.status == .created, "\(applied.text)")
            let id = try applied.decoded(Brand.self).id
            expectErrorBody(
                try await client.send(.post, "/api/v1/brand/brands", token: secB, json: json(application)), .conflict,
                "brand.unitHasBrand")
            var noPerson = application
            noPerson["organizationID"] = w.branchC.id
            noPerson["plan"] = [["title": "示范岗挂牌", "dueOn": "2026-09-30", "acceptanceCriteria": "挂牌"]]
            expectErrorBody(
                try await client.send(.post, "/api/v1/brand/brands", token: bureau, json: json(noPerson)), .badRequest,
                "validation.required", field: "plan.0.responsibleMemberID")
            expectErrorBody(
                try await client.send(.post, "/api/v1/brand/brands/\(id)/approve", token: secB, json: "{}"), .forbidden,
                "auth.forbidden")
            expectErrorBody(
                try await client.send(
                    .post, "/api/v1/brand/brands/\(id)/assess", token: bureau, json: json(["opinion": "好"])),
                .conflict, "brand.stageSkipped", field: "stage")
            // Returned, the application comes back revised in full, its plan items nested as in the application.
            #expect(
                try await client.send(
                    .post, "/api/v1/brand/brands/\(id)/return", token: bureau, json: json(["reason": "细化载体"])
                ).status == .ok)
            let revised = try await client.send(
                .post, "/api/v1/brand/brands/\(id)/resubmit", token: secB,
                json: json([
                    "name": "「红烛先锋」2.0", "carriers": ["党员示范岗", "金点子征集"],
                    "plan": [
                        [
                            "title": "金点子征集", "responsibleMemberID": w.li.id, "dueOn": "2026-10-31",
                            "acceptanceCriteria": "征集 20 条",
                        ]
                    ],
                ]))
            #expect(try revised.decoded(Brand.self).carriers == ["党员示范岗", "金点子征集"], "\(revised.text)")
            #expect(
                try await client.send(.post, "/api/v1/brand/brands/\(id)/approve", token: bureau, json: "{}").status
                    == .ok)
            #expect(
                try await client.send(.post, "/api/v1/brand/brands/\(id)/start", token: secB, json: "{}").status == .ok)
            for item in 1...6 {
                #expect(
                    try await client.send(
                        .post, "/api/v1/brand/brands/\(id)/evidence", token: secB,
                        json: json(["item": item, "note": "材料"])
                    ).status == .ok)
            }
            #expect(
                try await client.send(
                    .post, "/api/v1/brand/brands/\(id)/assess", token: bureau, json: json(["opinion": "扎实"])
                ).status == .ok)
            let gaps = expectErrorBody(
                try await client.send(.post, "/api/v1/brand/brands/\(id)/recognise", token: bureau, json: "{}"),
                .conflict, "brand.checklistGaps")
            #expect((gaps["messageZh"] as? String)?.contains("7. 服务师生有力") == true)
            let checklist = try await client.send(.get, "/api/v1/brand/brands/\(id)/checklist", token: secB).decoded(
                [Brand.ChecklistItem].self)
            #expect(checklist.filter { !$0.evidenced }.map(\.item) == [7])
            #expect(
                try await client.send(
                    .post, "/api/v1/brand/brands/\(id)/evidence", token: secB, json: json(["item": 7, "note": "服务记录"])
                ).status == .ok)
            let recognised = try await client.send(
                .post, "/api/v1/brand/brands/\(id)/recognise", token: bureau, json: "{}")
            #expect(try recognised.decoded(Brand.self).stage == .recognised)
            let listed = try await client.send(
                .get, "/api/v1/brand/organizations/\(w.bureau.id)/brands?stage=recognised", token: bureau)
            #expect(try listed.decoded([Brand].self).map(\.id) == [id])
            // Promoted, the practice is readable by any caller, with no unit or person in it.
            let wang = try await client.login("wang")
            #expect(
                try await client.send(.get, "/api/v1/brand/practices", token: wang).decoded([PromotedPractice].self)
                    .isEmpty)
            expectErrorBody(
                try await client.send(
                    .post, "/api/v1/brand/brands/\(id)/adoptions", token: wang,
                    json: json(["organizationID": w.branchC.id])),
                .notFound, "organization.notFound")
            #expect(
                try await client.send(
                    .post, "/api/v1/brand/brands/\(id)/promotion", token: bureau, json: json(["practice": "示范岗进课堂"])
                ).status == .ok)
            let practices = try await client.send(.get, "/api/v1/brand/practices", token: wang)
            #expect(
                practices.status == .ok && !practices.text.contains("organization")
                    && practices.text.contains("示范岗进课堂"), "\(practices.text)")
            expectErrorBody(
                try await client.send(
                    .post, "/api/v1/brand/brands/\(id)/evidence", token: secB,
                    json: json(["item": 1, "note": "x", "extra": 1])),
                .badRequest, "request.unknownField")
        }
    }

    @Test func anEvaluatorScoresThroughHTTPWithinTheRubricAndNotTheirOwnUnit() async throws {
        let server = try await BrandServer.make(rules: true)
        let w = server.world
        defer { Task { await w.t.close() } }
        #expect(server.app.rules != nil)
        let b = try await w.brand(w.branchB, .modelBranch, lead: w.li, to: .recognised)
        let c = try await w.brand(w.branchC, .modelBranch, lead: w.wang, to: .assessed)
        try await server.test { client in
            let bureau = try await client.login("bureau")
            let wang = try await client.login("wang")
            let opened = try await client.send(
                .post, "/api/v1/brand/rounds", token: bureau,
                json: json([
                    "organizationID": w.bureau.id, "title": "2026 年度评比", "scoringDeadline": "2026-06-30",
                    "brandIDs": [b.id, c.id], "evaluatorMemberIDs": [w.wang.id],
                ]))
            #expect(opened.status == .created, "\(opened.text)")
            let round = try opened.decoded(EvaluationRound.self)
            #expect(round.rubric.items.count == 5)
            let items = round.rubric.items.map { ["item": $0.item, "points": $0.max] }
            expectErrorBody(
                try await client.send(
                    .post, "/api/v1/brand/rounds/\(round.id)/sheets", token: wang,
                    json: json(["brandID": c.id, "scores": items])), .conflict, "brand.conflictOfInterest")
            var over = items
            over[0]["points"] = 21
            expectErrorBody(
                try await client.send(
                    .post, "/api/v1/brand/rounds/\(round.id)/sheets", token: wang,
                    json: json(["brandID": b.id, "scores": over])), .badRequest, "brand.scoreOutOfRange",
                field: "scores.0.points")
            #expect(
                try await client.send(
                    .post, "/api/v1/brand/rounds/\(round.id)/sheets", token: wang,
                    json: json(["brandID": b.id, "scores": items])
                ).status == .created)
            let published = try await client.send(.post, "/api/v1/brand/rounds/\(round.id)/publish", token: bureau)
            #expect(try published.decoded(EvaluationRound.self).entries.first?.average == 100, "\(published.text)")
        }
    }

    /// Switched off, the plugin's routes answer 404 and its rules are not loaded; its data stays
    /// and is all there when it is switched on again.
    @Test func switchedOffTheRoutesAre404AndSwitchedOnTheDataIsIntact() async throws {
        let w = try await BrandWorld.make()
        let brand = try await w.brand(w.branchB, .modelBranch, lead: w.li, to: .assessed)
        await w.t.host.stop()
        defer { try? FileManager.default.removeItem(at: w.t.directory) }
        let off = try await TestApplication.open(plugins: [BrandCreationPlugin.self]) {
            $0.dataDirectory = w.t.directory.path
            $0.disabledPlugins = ["brand"]
        }
        #expect(off.host.rulePlugins.isEmpty)
        _ = try await off.base.create(Account("admin", .districtAdmin, on: w.district))
        try await off.test { client in
            let token = try await client.login("admin")
            #expect(try await client.send(.get, "/api/v1/brand/brands/\(brand.id)", token: token).status == .notFound)
        }
        await off.host.stop()
        let on = try await TestApplication.open(plugins: [BrandCreationPlugin.self]) {
            $0.dataDirectory = w.t.directory.path
        }
        #expect(on.host.rulePlugins.map(\.id) == ["brand"])
        try await on.test { client in
            let token = try await client.login("admin")
            let again = try await client.send(.get, "/api/v1/brand/brands/\(brand.id)", token: token)
            #expect(try again.decoded(Brand.self).stage == .assessed && again.status == .ok)
        }
        await on.host.stop()
    }
}
