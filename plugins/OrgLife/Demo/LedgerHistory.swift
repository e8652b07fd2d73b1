import Dangjian
import DangjianDemo
import Foundation
import OrgLife

/// One organisation's plausible ledger history, month by month up to today, for the demo and
/// the synthetic district: a monthly theme day, committee meeting and study session, the
/// quarterly general meeting and party lecture, the year-end 组织生活会 and 民主评议, and a
/// heart-to-heart talk with each member in spring. Most organisations hold everything, some
/// slip now and then, and a few stopped recording months ago.
struct LedgerHistory {
    enum Habit: CaseIterable { case diligent, slipping, stopped }

    let organization: Organization
    /// Who is invited: the party members of a branch, or of a party group its share of them.
    let people: [Int64]
    /// Who sits at committee meetings; nil when the organisation has no committee.
    let committee: [Int64]?
    let firstMonth: Day
    let today: Day
    /// Months between study sessions: monthly in the demo; quarterly in the synthetic district,
    /// which keeps its city near 2.5 million records.
    var studyEvery = 1

    /// The drafts, in the order they were held; none for an organisation of fewer than three.
    func drafts(_ random: inout SeededGenerator) -> [LedgerRecordDraft] {
        guard people.count >= 3 else { return [] }
        let roll = Int.random(in: 0..<20, using: &random)
        let habit: Habit = roll < 12 ? .diligent : (roll < 17 ? .slipping : .stopped)
        let stoppedAt = today.adding(months: -Int.random(in: 5...9, using: &random))
        var drafts: [LedgerRecordDraft] = []
        func add(_ kind: MeetingKind, _ day: Day, _ topic: String, hours: Double? = nil, only: [Int64]? = nil) {
            guard day < today, day >= firstMonth, !(habit == .stopped && day >= stoppedAt) else { return }
            if habit == .slipping, Int.random(in: 0..<10, using: &random) < 3 { return }
            let invited = only ?? people
            let absent =
                invited.count > 4
                ? Array(invited.shuffled(using: &random).prefix(Int.random(in: 0...2, using: &random))) : []
            drafts.append(
                LedgerRecordDraft(
                    organizationID: organization.id, kind: kind.rawValue,
                    heldAt: "\(day)T\(kind == .committeeMeeting ? "12:30" : "15:00")", place: "党员活动室",
                    host: "支部书记", topic: topic,
                    minutes: "会议由支部书记主持，应到 \(invited.count) 人，实到 \(invited.count - absent.count) 人。",
                    attendees: invited.filter { !absent.contains($0) }.map { .init(memberID: $0, classHours: hours) },
                    absentees: absent.map { .init(memberID: $0, reason: Bool.random(using: &random) ? "外出培训" : "病假") }))
        }
        var month = firstMonth
        while month < today {
            let q = (month.month - 1) % 3
            if organization.kind == .group {
                add(.groupMeeting, month.adding(days: 19), "学习交流与思想汇报")
            } else {
                add(
                    .themeDay, month.adding(days: 4 + Int.random(in: 0...9, using: &random)), random.pick(Self.themes),
                    hours: 2)
                if let committee { add(.committeeMeeting, month.adding(days: 2), "研究本月工作安排", only: committee) }
                if (month.month - 1) % studyEvery == 0 {
                    add(.studySession, month.adding(days: 15), "集中学习：" + random.pick(Self.themes), hours: 1.5)
                }
                if q == 1 { add(.generalMeeting, month.adding(days: 10), "通报支部工作，讨论党员发展事项") }
                if q == 2 { add(.partyLecture, month.adding(days: 21), "书记讲党课：" + random.pick(Self.themes)) }
                if month.month == 12 {
                    add(.orgLifeMeeting, month.adding(days: 17), "年度组织生活会，开展批评与自我批评")
                    add(.democraticEvaluation, month.adding(days: 18), "年度民主评议党员")
                }
                // A heart-to-heart talk with each member once a year, spread over the spring.
                if month.month >= 3, month.month <= 5 {
                    for (index, member) in people.enumerated() where index % 3 == month.month - 3 {
                        add(.heartToHeartTalk, month.adding(days: 8 + index % 15), "谈心谈话", only: [member])
                    }
                }
            }
            month = month.adding(months: 1)
        }
        // Several talks can fall on one day: move each to its own time, as they are held.
        for index in drafts.indices where drafts[index].kind == MeetingKind.heartToHeartTalk.rawValue {
            drafts[index].heldAt = drafts[index].heldAt.map {
                String($0.prefix(10)) + String(format: "T%02d:%02d", 9 + index % 8, index % 60)
            }
        }
        return drafts
    }

    static let themes = [
        "学习党的二十届四中全会精神", "学习《中国共产党支部工作条例》", "党风廉政建设专题教育",
        "“三会一课”制度再学习", "志愿服务进社区", "重温入党誓词", "学习先进典型事迹",
    ]
}
