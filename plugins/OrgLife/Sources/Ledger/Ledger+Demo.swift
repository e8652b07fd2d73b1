import Dangjian
import Foundation

/// Two years of plausible ledger history for the demo district: most organisations hold
/// everything, some slip now and then, and a few stopped recording months ago, so that the
/// matrix, the tips and the reminders show something real on first run.
extension Ledger {
    enum Habit: CaseIterable { case diligent, slipping, stopped }

    func seedDemo(today: Day, seed: UInt64) async throws -> Int {
        var random = SeededGenerator(seed: seed &+ 17)
        let entries = try await host.organizations.sweepEntries()
            .filter { [.branch, .jointBranch, .group].contains($0.organization.kind) }
            .sorted { $0.organization.id < $1.organization.id }
        let roster = try await host.store.read { s in
            var roster: [Int64: [Int64]] = [:]
            try s.forEach("SELECT id, organization_id FROM members WHERE status IN ('full', 'probationary') ORDER BY id", []) { row in
                roster[try row.int64("organization_id"), default: []].append(try row.int64("id"))
            }
            return roster
        }
        let firstMonth = Day(year: today.year, month: today.month, day: 1)!.adding(months: -24)
        var total = 0
        for entry in entries {
            let organization = entry.organization
            let people = roster[organization.kind == .group ? (organization.parentID ?? 0) : organization.id] ?? []
            guard people.count >= 3 else { continue }
            let roll = Int.random(in: 0..<20, using: &random)
            let habit: Habit = roll < 12 ? .diligent : (roll < 17 ? .slipping : .stopped)
            let stoppedAt = today.adding(months: -Int.random(in: 5...9, using: &random))
            var drafts: [LedgerRecordDraft] = []
            func add(_ kind: MeetingKind, _ day: Day, _ topic: String, hours: Double? = nil, only: [Int64]? = nil) {
                guard day < today, day >= firstMonth, !(habit == .stopped && day >= stoppedAt) else { return }
                if habit == .slipping, Int.random(in: 0..<10, using: &random) < 3 { return }
                let invited = only ?? people
                let absent = invited.count > 4 ? Array(invited.shuffled(using: &random).prefix(Int.random(in: 0...2, using: &random))) : []
                drafts.append(LedgerRecordDraft(
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
                    add(.themeDay, month.adding(days: 4 + Int.random(in: 0...9, using: &random)), random.pick(Self.themes), hours: 2)
                    if entry.committeeSize > 0 { add(.committeeMeeting, month.adding(days: 2), "研究本月工作安排") }
                    add(.studySession, month.adding(days: 15), "集中学习：" + random.pick(Self.themes), hours: 1.5)
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
                drafts[index].heldAt = drafts[index].heldAt.map { String($0.prefix(10)) + String(format: "T%02d:%02d", 9 + index % 8, index % 60) }
            }
            total += try await record(drafts, by: .system)
        }
        return total
    }

    static let themes = ["学习党的二十届四中全会精神", "学习《中国共产党支部工作条例》", "党风廉政建设专题教育",
                         "“三会一课”制度再学习", "志愿服务进社区", "重温入党誓词", "学习先进典型事迹"]
}
