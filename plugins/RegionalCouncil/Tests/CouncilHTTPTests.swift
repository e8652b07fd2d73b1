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
@testable import RegionalCouncil

/// The council through HTTP, as `dangjian serve` serves it: the bureau's admin runs the
/// committee, the secretary of 一中 applies for topics.
private typealias CouncilServer = PluginServer<CouncilWorld>

extension PluginServer<CouncilWorld> {
    fileprivate static func make() async throws -> CouncilServer {
        try await open(
            plugins: [RegionalCouncilPlugin.self], world: { try await CouncilWorld.make($0) },
            accounts: { w in
                [
                    Account("bureau", .districtAdmin, on: w.bureau), Account("sec-a", .secretary, on: w.schoolA),
                    Account("sec-c", .secretary, on: w.schoolC),
                ]
            })
    }
}

@Suite struct CouncilHTTPTests {
    @Test func aTopicMovesThroughItsStagesAndBadStepsGetTheErrorShape() async throws {
        let server = try await CouncilServer.make()
        defer { Task { await server.base.close() } }
        let w = server.world
        try await server.test { client in
            let bureau = try await client.login("bureau")
            let secA = try await client.login("sec-a")
            let call = try await client.send(
                .post, "/api/v1/council/committees/\(w.committee.id)/calls", token: bureau,
                json: json([
                    "year": 2026, "title": "2026 年度课题申报", "opensOn": "2026-03-01", "closesOn": "2026-06-30",
                    "referenceTopics": ["区域化党建资源共享机制研究"],
                ]))
            #expect(call.status == .created, "\(call.text)")
            let callID = try call.decoded(TopicCall.self).id
            // A school secretary cannot sign up another unit as partner, nor back-date the application.
            expectErrorBody(
                try await client.send(
                    .post, "/api/v1/council/topics", token: secA,
                    json: json([
                        "callID": callID, "title": "学校党组织领导机制研究", "grade": "key",
                        "unitIDs": [w.schoolA.id, w.community.id],
                        "leadMemberID": w.zhang.id, "budget": 20000,
                    ])), .badRequest, "council.partnerByCommittee", field: "unitIDs.1")
            expectErrorBody(
                try await client.send(
                    .post, "/api/v1/council/topics", token: secA,
                    json: json([
                        "callID": callID, "title": "学校党组织领导机制研究", "grade": "key", "unitIDs": [w.schoolA.id],
                        "leadMemberID": w.zhang.id, "budget": 20000, "appliedOn": "2026-06-01",
                    ])), .badRequest, "council.backdated", field: "appliedOn")
            // Another school's member as lead person: 404, as if it did not exist.
            expectErrorBody(
                try await client.send(
                    .post, "/api/v1/council/topics", token: secA,
                    json: json([
                        "callID": callID, "title": "学校党组织领导机制研究", "grade": "key", "unitIDs": [w.schoolA.id],
                        "leadMemberID": w.li.id, "budget": 20000,
                    ])), .notFound, "member.notFound")
            let applied = try await client.send(
                .post, "/api/v1/council/topics", token: secA,
                json: json([
                    "callID": callID, "title": "学校党组织领导机制研究", "grade": "key", "unitIDs": [w.schoolA.id],
                    "leadMemberID": w.zhang.id, "budget": 20000,
                ]))
            #expect(applied.status == .created, "\(applied.text)")
            let topic = try applied.decoded(ResearchTopic.self)
            // Straight from application to conclusion: 409 with the stable code.
            expectErrorBody(
                try await client.send(
                    .post, "/api/v1/council/topics/\(topic.id)/submissions", token: secA,
                    json: json(["review": "conclusion", "document": "结题报告"])), .conflict, "council.stageSkipped",
                field: "review")
            // The applying secretary cannot approve; the bureau can, with an advisor.
            expectErrorBody(
                try await client.send(
                    .post, "/api/v1/council/topics/\(topic.id)/approve", token: secA,
                    json: json(["advisor": "周老师"])), .forbidden, "auth.forbidden")
            let approved = try await client.send(
                .post, "/api/v1/council/topics/\(topic.id)/approve", token: bureau,
                json: json(["on": "2026-06-15", "advisor": "教育学院科研室 周老师"]))
            #expect(try approved.decoded(ResearchTopic.self).stage == .approved)
            expectErrorBody(
                try await client.send(
                    .post, "/api/v1/council/topics/\(topic.id)/submissions", token: secA,
                    json: json(["review": "kickoff", "document": "开题报告", "on": "2026-06-10"])),
                .badRequest, "council.reviewBeforeApproval", field: "on")
            expectErrorBody(
                try await client.send(
                    .post, "/api/v1/council/topics/\(topic.id)/submissions", token: secA,
                    json: json(["review": "kickoff", "document": "开题报告", "verdict": "x"])),
                .badRequest, "request.unknownField", field: "verdict")
            let submitted = try await client.send(
                .post, "/api/v1/council/topics/\(topic.id)/submissions", token: secA,
                json: json(["review": "kickoff", "document": "开题报告"]))
            #expect(submitted.status == .ok, "\(submitted.text)")
            let passed = try await client.send(
                .post, "/api/v1/council/topics/\(topic.id)/reviews", token: bureau,
                json: json(["review": "kickoff", "outcome": "passed", "on": "2026-06-15"]))
            #expect(try passed.decoded(ResearchTopic.self).stage == .kickedOff)
            // 三小's secretary neither sees the topic nor the committee.
            let secC = try await client.login("sec-c")
            expectErrorBody(
                try await client.send(.get, "/api/v1/council/topics/\(topic.id)", token: secC), .notFound,
                "council.topic.notFound")
            expectErrorBody(
                try await client.send(.get, "/api/v1/council/committees/\(w.committee.id)", token: secC),
                .notFound, "council.committee.notFound")
            let listed = try await client.send(
                .get, "/api/v1/council/committees/\(w.committee.id)/topics?stage=kickedOff", token: bureau)
            #expect(try listed.decoded([ResearchTopic].self).map(\.id) == [topic.id])
        }
    }

    @Test func aSecondSubCouncilForAUnitIsA409AndTheUnitStaysWhereItWas() async throws {
        let server = try await CouncilServer.make()
        defer { Task { await server.base.close() } }
        let w = server.world
        try await server.test { client in
            let bureau = try await client.login("bureau")
            expectErrorBody(
                try await client.send(
                    .post, "/api/v1/council/subcouncils/\(w.west.id)/units", token: bureau,
                    json: json(["organizationIDs": [w.schoolA.id]])), .conflict, "council.unitInOtherSubCouncil",
                field: "organizationIDs")
            let mine = try await client.send(
                .get, "/api/v1/council/organizations/\(w.schoolA.id)/subcouncils", token: bureau)
            #expect(try mine.decoded([SubCouncil].self).map(\.name) == ["东部分会"])
            let meeting = try await client.send(
                .post, "/api/v1/council/meetings", token: try await client.login("sec-a"),
                json: json([
                    "kind": "subCouncil", "subCouncilID": w.east.id, "heldAt": "2026-06-10T14:00", "title": "东部分会例会",
                    "units": [["organizationID": w.schoolA.id, "representative": "张伟"]],
                ]))
            #expect(meeting.status == .created, "\(meeting.text)")
            let q2 = try await client.send(
                .get, "/api/v1/council/committees/\(w.committee.id)/meetings?period=2026-Q2", token: bureau)
            #expect(try q2.decoded([CouncilMeeting].self).map(\.title) == ["东部分会例会"])
        }
    }

    /// Switched off, the plugin's routes answer 404 and its rules are not loaded; its data stays
    /// and is all there when it is switched on again.
    @Test func switchedOffTheRoutesAre404AndSwitchedOnTheDataIsIntact() async throws {
        let first = try await openCouncilHost()
        let w = try await CouncilWorld.make(first)
        await first.host.stop()
        defer { try? FileManager.default.removeItem(at: first.directory) }
        let off = try await TestApplication.open(plugins: [RegionalCouncilPlugin.self]) {
            $0.dataDirectory = first.directory.path
            $0.disabledPlugins = ["council"]
        }
        #expect(off.host.rulePlugins.isEmpty)
        _ = try await off.base.create(Account("admin", .districtAdmin, on: w.district))
        try await off.test { client in
            let token = try await client.login("admin")
            #expect(
                try await client.send(.get, "/api/v1/council/committees/\(w.committee.id)", token: token).status
                    == .notFound)
        }
        await off.host.stop()
        let on = try await TestApplication.open(plugins: [RegionalCouncilPlugin.self]) {
            $0.dataDirectory = first.directory.path
        }
        #expect(on.host.rulePlugins.map(\.id) == ["council"])
        try await on.test { client in
            let token = try await client.login("admin")
            let committee = try await client.send(.get, "/api/v1/council/committees/\(w.committee.id)", token: token)
            #expect(try committee.decoded(Committee.self).subCouncils.map(\.units.count) == [2, 1])
        }
        await on.host.stop()
    }
}
