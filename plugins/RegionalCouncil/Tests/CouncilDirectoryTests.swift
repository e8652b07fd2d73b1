import Foundation
import Testing
@testable import Dangjian
import DangjianTestSupport
@testable import RegionalCouncil

/// The council's reads for the plugins built on it answer as the council's own API does, for
/// many ids at once as for one.
@Suite struct CouncilDirectoryTests {
    @Test func committeesAndSubCouncilsMatchTheCouncilsOwnAnswers() async throws {
        let t = try await openCouncilHost()
        defer { Task { await t.close() } }
        let w = try await CouncilWorld.make(t)
        let (committees, all, subCouncils, byID, units, named) = try await t.host.store.read { s in
            (
                try CouncilDirectory.committees(ids: [w.committee.id, 9_999], in: s),
                try CouncilDirectory.committees(in: s),
                try CouncilDirectory.subCouncils(ofCommittees: [w.committee.id], in: s),
                try CouncilDirectory.subCouncils(ids: [w.west.id, w.east.id, 9_999], in: s),
                try CouncilDirectory.unitIDs(ofSubCouncils: [w.east.id, w.west.id], in: s),
                (
                    try CouncilDirectory.committeeIDs(named: "教育专委会", in: s),
                    try CouncilDirectory.subCouncilIDs(named: "西部分会", in: s)
                )
            )
        }
        #expect(
            committees == [
                CouncilDirectory.Committee(
                    id: w.committee.id, name: w.committee.name, organizationID: w.bureau.id,
                    path: w.bureau.path)
            ])
        #expect(all == committees)
        let own = try await Councils(host: t.host).committee(w.committee.id, by: .system).subCouncils
        #expect(subCouncils.map(\.id) == own.map(\.id))
        #expect(subCouncils.map(\.convenerID) == own.map(\.convenerID))
        #expect(subCouncils.map(\.convenerPath) == [w.schoolA.path, w.schoolB.path])
        #expect(Set(byID.keys) == [w.east.id, w.west.id])
        for sub in subCouncils { #expect(byID[sub.id] == sub) }
        for sub in own { #expect(units[sub.id] == Set(sub.units.map(\.organizationID))) }
        #expect(named.0 == [w.committee.id] && named.1 == [w.west.id])
    }

    @Test func topicsAndMeetingsMatchTheCouncilsOwnAnswers() async throws {
        let t = try await openCouncilHost()
        defer { Task { await t.close() } }
        let w = try await CouncilWorld.make(t)
        let topics = Topics(host: t.host)
        let call = try await topics.openCall(
            in: w.committee.id,
            TopicCallDraft(
                year: 2026, title: "2026 年度党建研究课题申报", opensOn: "2026-03-01", closesOn: "2026-04-30", referenceTopics: []
            ), by: .system)
        let topic = try await topics.apply(
            TopicDraft(
                callID: call.id, title: "区域共建研究", grade: "key",
                unitIDs: [w.schoolB.id, w.schoolA.id], leadMemberID: w.zhang.id, budget: 20000,
                appliedOn: "2026-03-10"), by: .system)
        let meeting = try await Councils(host: t.host).record(
            CouncilMeetingDraft(
                kind: "subCouncil", subCouncilID: w.east.id, heldAt: "2026-05-20T14:00", title: "东部分会二季度例会",
                units: [.init(organizationID: w.schoolA.id, representative: "张伟")]), by: .system)
        let (found, meetings, held) = try await t.host.store.read { s in
            (
                try CouncilDirectory.topics(ids: [topic.id, 9_999], in: s),
                try CouncilDirectory.meetings(ids: [meeting.id, 9_999], in: s),
                try CouncilDirectory.meetingIDs(ofSubCouncil: w.east.id, on: meeting.heldOn, in: s)
            )
        }
        #expect(
            found == [
                topic.id: CouncilDirectory.Topic(id: topic.id, committeeID: w.committee.id, unitIDs: topic.unitIDs)
            ])
        #expect(topic.unitIDs == [w.schoolB.id, w.schoolA.id])
        #expect(
            meetings == [
                meeting.id: CouncilDirectory.Meeting(
                    id: meeting.id, kind: .subCouncil, subCouncilID: w.east.id,
                    heldOn: meeting.heldOn)
            ])
        #expect(held == [meeting.id])
    }

    /// SQLite refuses more than 32,766 arguments; the directory reads its id lists in chunks.
    @Test func fortyThousandIDsAreRead() async throws {
        let t = try await openCouncilHost()
        defer { Task { await t.close() } }
        let w = try await CouncilWorld.make(t)
        let ids = Array(Int64(1)...40_000)
        let read = try await t.host.store.read { s in
            (
                committees: try CouncilDirectory.committees(ids: ids, in: s).map(\.id),
                subCouncils: try CouncilDirectory.subCouncils(ofCommittees: ids, in: s).map(\.id),
                byID: try CouncilDirectory.subCouncils(ids: ids, in: s).count,
                units: try CouncilDirectory.unitIDs(ofSubCouncils: ids, in: s).count,
                topics: try CouncilDirectory.topics(ids: ids, in: s).count,
                meetings: try CouncilDirectory.meetings(ids: ids, in: s).count
            )
        }
        #expect(read.committees == [w.committee.id])
        #expect(read.subCouncils == [w.east.id, w.west.id].sorted())
        #expect(read.byID == 2 && read.units == 2 && read.topics == 0 && read.meetings == 0)
    }
}
