import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
@testable import Dangjian
import DangjianHTTPTestSupport
import DangjianTestSupport
@testable import RegionalCouncil

/// The console's 区域化党建 pages over the router: the council with its committee and
/// sub-councils (one named with a script), and the committee's topics on the stage board.
@Suite struct RegionalCouncilConsoleTests {
    static let script = "<script>alert(1)</script>"

    struct Board {
        let server: PluginServer<CouncilWorld>
        let approved: ResearchTopic
        let applied: ResearchTopic
    }

    static func make() async throws -> Board {
        let server = try await PluginServer.open(
            plugins: [RegionalCouncilPlugin.self], world: { try await CouncilWorld.make($0) },
            accounts: { w in
                [
                    Account("bureau", .districtAdmin, on: w.bureau), Account("sec-a", .secretary, on: w.schoolA),
                    Account("sec-c", .secretary, on: w.schoolC),
                ]
            })
        let w = server.world
        let host = server.app.host
        _ = try await Councils(host: host).createSubCouncil(
            in: w.committee.id, SubCouncilDraft(name: "\(script)南部分会", convenerID: w.bureau.id), by: .system)
        let topics = Topics(host: host)
        let call = try await topics.openCall(
            in: w.committee.id,
            TopicCallDraft(year: 2026, title: "2026 年度党建研究课题申报", opensOn: "2026-03-01", closesOn: "2026-04-30"),
            by: .system)
        func apply(_ title: String) async throws -> ResearchTopic {
            try await topics.apply(
                TopicDraft(
                    callID: call.id, title: title, grade: "key", unitIDs: [w.schoolA.id, w.schoolB.id],
                    leadMemberID: w.zhang.id, budget: 20000, appliedOn: "2026-03-05"), by: .system)
        }
        let approved = try await topics.approve(
            try await apply("学校党组织领导机制研究").id, TopicStepDraft(on: "2026-03-20", advisor: "周老师"), by: .system)
        let applied = try await apply("\(script)资源共享机制研究")
        return Board(server: server, approved: approved, applied: applied)
    }

    @Test func theCouncilShowsItsCommitteesAndSubCouncilsWithUnitsFromAcrossTheTree() async throws {
        let b = try await Self.make()
        defer { Task { await b.server.close() } }
        let w = b.server.world
        try await b.server.test { client in
            let bureau = try await client.consoleLogin("bureau")
            let list = try await bureau.get("/council/councils")
            #expect(list.status == .ok && list.text.contains("区区域化党建联席会") && list.text.contains("教育专委会"))
            #expect(list.text.contains("东部分会") && list.text.contains(#"<span class="tag">社区党支部</span>"#))
            #expect(list.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;南部分会") && !list.text.contains(Self.script))
            #expect(list.text.contains("尚无成员单位"))
            let council = try await bureau.get("/council/councils/\(w.council.id)")
            #expect(council.status == .ok && council.text.contains("西部分会") && council.text.contains("二中党支部"))
        }
    }

    @Test func theStageBoardPutsEachTopicInItsStagesColumnAndFlagsALateReview() async throws {
        let b = try await Self.make()
        defer { Task { await b.server.close() } }
        let w = b.server.world
        try await b.server.test { client in
            let bureau = try await client.consoleLogin("bureau")
            let board = try await bureau.get("/council/committees/\(w.committee.id)/topics")
            #expect(board.status == .ok)
            let columns = board.text.components(separatedBy: #"<section class="column">"#).dropFirst()
            #expect(columns.count == ResearchTopic.Stage.allCases.count)
            let applied = try #require(columns.first { $0.contains("<h2>已申报") })
            let approved = try #require(columns.first { $0.contains("<h2>已立项") })
            #expect(applied.contains("&lt;script&gt;alert(1)&lt;/script&gt;资源共享机制研究"))
            #expect(approved.contains("学校党组织领导机制研究") && !approved.contains("资源共享"))
            #expect(approved.contains(#"<b class="flag">逾期</b> 开题报告截止 2026年5月20日"#))
            #expect(!board.text.contains(Self.script))
            let lastYear = try await bureau.get("/council/committees/\(w.committee.id)/topics?year=2025")
            #expect(lastYear.text.contains("本年度还没有申报的课题") && !lastYear.text.contains("领导机制研究"))
            let topic = try await bureau.get("/council/topics/\(b.approved.id)")
            #expect(topic.status == .ok && topic.text.contains("周老师") && topic.text.contains("一中党支部、二中党支部"))
        }
    }

    @Test func aCharterIsAdoptedThroughTheFormAndNotWithoutItsToken() async throws {
        let b = try await Self.make()
        defer { Task { await b.server.close() } }
        let w = b.server.world
        try await b.server.test { client in
            let bureau = try await client.consoleLogin("bureau")
            let path = "/council/committees/\(w.committee.id)/charter"
            let fields = [("adoptedOn", "2026-06-01"), ("text", "第一条 专委会在联席会领导下开展工作。")]
            #expect(try await bureau.post(path, fields, csrf: false).status == .forbidden)
            let before = try await Councils(host: b.server.host).committee(w.committee.id, by: .system)
            #expect(before.charterVersion == w.committee.charterVersion && before.charter == w.committee.charter)
            let posted = try await bureau.post(path, fields)
            #expect(posted.status == .seeOther && posted.headers[.location] == "/council/councils/\(w.council.id)")
            let after = try await Councils(host: b.server.host).committee(w.committee.id, by: .system)
            #expect(after.charterVersion == w.committee.charterVersion + 1 && after.charter == fields[1].1)
            #expect(after.charterAdoptedOn == Day("2026-06-01"))
            let secC = try await client.consoleLogin("sec-c")
            #expect(try await secC.post(path, fields).status == .notFound)
        }
    }

    @Test func aSecretaryOfAUnitInNoSubCouncilGets404ForTheCouncilItsBoardAndItsTopics() async throws {
        let b = try await Self.make()
        defer { Task { await b.server.close() } }
        let w = b.server.world
        try await b.server.test { client in
            let secC = try await client.consoleLogin("sec-c")
            for path in [
                "/council/councils/\(w.council.id)", "/council/committees/\(w.committee.id)/topics",
                "/council/topics/\(b.approved.id)",
            ] {
                let answer = try await secC.get(path)
                #expect(answer.status == .notFound, "\(path)")
                #expect(!answer.text.contains("教育专委会") && !answer.text.contains("领导机制研究"), "\(path)")
            }
            #expect(try await secC.get("/council/councils").text.contains("没有可查看的区域化党建联席会"))
            let secA = try await client.consoleLogin("sec-a")
            #expect(try await secA.get("/council/topics/\(b.approved.id)").status == .ok)
        }
    }
}
