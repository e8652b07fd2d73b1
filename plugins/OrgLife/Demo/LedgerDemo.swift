import Dangjian
import DangjianDemo
import Foundation
import OrgLife

/// Two years of ledger history for the demo district, so that the matrix, the tips and the
/// reminders show something real on first run.
struct LedgerDemo {
    let host: DangjianHost

    func seed(today: Day, seed: UInt64) async throws -> Int {
        let ledger = Ledger(host: host)
        var random = SeededGenerator(seed: seed &+ 17)
        let entries = try await host.organizations.sweepEntries()
            .filter { [.branch, .jointBranch, .group].contains($0.organization.kind) }
            .sorted { $0.organization.id < $1.organization.id }
        let roster = try await host.store.read { s in
            try MemberRegistry.memberIDs(of: nil, statuses: [.full, .probationary], in: s)
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
            if !drafts.isEmpty { total += try await ledger.record(drafts, by: .system) }
        }
        return total
    }
}
