import Dangjian
import Foundation

/// Two years of ledger history for the demo district, so that the matrix, the tips and the
/// reminders show something real on first run.
extension Ledger {
    func seedDemo(today: Day, seed: UInt64) async throws -> Int {
        var random = SeededGenerator(seed: seed &+ 17)
        let entries = try await host.organizations.sweepEntries()
            .filter { [.branch, .jointBranch, .group].contains($0.organization.kind) }
            .sorted { $0.organization.id < $1.organization.id }
        let roster = try await host.store.read { s in
            var roster: [Int64: [Int64]] = [:]
            try s.forEach(
                "SELECT id, organization_id FROM members WHERE status IN ('full', 'probationary') ORDER BY id", []
            ) { row in
                roster[try row.int64("organization_id"), default: []].append(try row.int64("id"))
            }
            return roster
        }
        let firstMonth = Day(year: today.year, month: today.month, day: 1)!.adding(months: -24)
        var total = 0
        for entry in entries {
            let organization = entry.organization
            let people = roster[organization.kind == .group ? (organization.parentID ?? 0) : organization.id] ?? []
            // The demo's committees meet in full, as the demo has always shown them.
            let history = LedgerHistory(
                organization: organization, people: people, committee: entry.committeeSize > 0 ? people : nil,
                firstMonth: firstMonth, today: today)
            let drafts = history.drafts(&random)
            if !drafts.isEmpty { total += try await record(drafts, by: .system) }
        }
        return total
    }
}
