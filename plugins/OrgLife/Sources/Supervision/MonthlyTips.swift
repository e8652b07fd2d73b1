import Dangjian
import Foundation

extension Supervision {
    /// 月提示: one digest per secretary per organisation per month, listing what is still due this
    /// month, this quarter and this year. Keyed by organisation, month and user, so a second run
    /// (or a restart) sends nothing twice. Returns how many digests were stored.
    public func sendMonthlyTips(for day: Day) async throws -> Int {
        let month = Period.containing(day, .month)
        let quarter = Period.containing(day, .quarter)
        let year = Period.containing(day, .year)
        let entries = try await host.organizations.sweepEntries().filter {
            [.branch, .jointBranch, .group].contains($0.organization.kind)
        }
        let secretaries = try await host.users.holders(of: .secretary)
        // One query for the year so far: counts by organisation, kind and month.
        let counts = try await host.store.read { s in
            var counts: [Int64: [MeetingKind: [String: Int]]] = [:]
            try s.forEach(
                """
                SELECT organization_id, kind, substr(held_on, 1, 7) AS month, COUNT(*) AS n FROM orglife_records
                WHERE held_on BETWEEN ? AND ? GROUP BY organization_id, kind, substr(held_on, 1, 7)
                """, [SQLValue(year.start), SQLValue(month.end)]
            ) { row in
                guard let kind = MeetingKind(rawValue: try row.string("kind")) else { return }
                counts[try row.int64("organization_id"), default: [:]][kind, default: [:]][try row.string("month")] =
                    try row.int("n")
            }
            return counts
        }
        var drafts: [NotificationDraft] = []
        for entry in entries {
            let users = secretaries[entry.organization.id] ?? []
            guard !users.isEmpty else { continue }
            let held = counts[entry.organization.id] ?? [:]
            func count(_ kind: MeetingKind, in period: Period) -> Int {
                period.parts(.month).reduce(0) { $0 + (held[kind]?[$1.key] ?? 0) }
            }
            var lines: [String] = []
            for kind in MeetingKind.allCases {
                guard let cadence = kind.cadence, Self.owes(kind, entry) else { continue }
                let period = cadence.period == "month" ? month : cadence.period == "quarter" ? quarter : year
                let done = count(kind, in: period)
                if done < cadence.times {
                    lines.append("· \(kind.zh)：\(period.key) 应不少于 \(cadence.times) 次，已登记 \(done) 次，期限 \(period.end)")
                }
            }
            guard !lines.isEmpty else { continue }
            let body =
                "「\(entry.organization.name)」\(month.key) 组织生活提示：\n" + lines.joined(separator: "\n")
                + "\n请按计划召开并及时登记台账。依据：中国共产党支部工作条例（试行）、中国共产党党员教育管理工作条例。"
            for user in users {
                drafts.append(
                    NotificationDraft(
                        userID: user, kind: "orglife.monthlyTips", title: "\(month.key) 月提示：\(lines.count) 项待落实",
                        body: body, organizationID: entry.organization.id,
                        idempotencyKey: "orglife:tips:\(entry.organization.id):\(month.key):\(user)"))
            }
        }
        return try await host.notifications.sendAll(drafts)
    }

    /// Whether the organisation owes items of this kind, as in the quarterly matrix.
    static func owes(_ kind: MeetingKind, _ entry: OrganizationRegistry.SweepEntry) -> Bool {
        switch kind {
        case .orgLifeMeeting, .democraticEvaluation:
            return [.branch, .jointBranch].contains(entry.organization.kind)
        default:
            return ComplianceMatrix.applies(kind, to: entry)
        }
    }
}
