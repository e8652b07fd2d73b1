import Dangjian
import DangjianDemo
import Foundation
import OrgLife

/// Three years of ledger history for a synthetic district (`dangjian demo --scale`), read and
/// written a chunk of organisations at a time: rosters and committees come from the database
/// for the chunk only, and the records go through `record(_:)` in batches, with every check.
struct LedgerSynthetic {
    static let organizationsPerChunk = 200
    static let recordsPerBatch = 5000

    let host: DangjianHost

    func seed(today: Day, seed: UInt64, progress: @Sendable (String, Int, Int) -> Void) async throws
        -> SyntheticStage
    {
        let ledger = Ledger(host: host)
        var random = SeededGenerator(seed: seed &+ 17)
        let entries = try await host.organizations.sweepEntries()
            .map(\.organization)
            .filter { [.branch, .jointBranch, .group].contains($0.kind) }
            .sorted { $0.id < $1.id }
        // A party group meets with its share of its branch's members: every n-th of them.
        var groups: [Int64: [Int64]] = [:]
        for group in entries where group.kind == .group { groups[group.parentID ?? 0, default: []].append(group.id) }
        let firstMonth = Day(year: today.year, month: today.month, day: 1)!.adding(months: -36)
        var (records, attendance, done) = (0, 0, 0)
        var batch: [LedgerRecordDraft] = []
        func flush() async throws {
            guard !batch.isEmpty else { return }
            records += try await ledger.record(batch, by: .system)
            attendance += batch.reduce(0) { $0 + ($1.attendees?.count ?? 0) + ($1.absentees?.count ?? 0) }
            batch.removeAll(keepingCapacity: true)
        }
        for start in stride(from: 0, to: entries.count, by: Self.organizationsPerChunk) {
            let chunk = entries[start..<min(start + Self.organizationsPerChunk, entries.count)]
            let (roster, seats) = try await rosters(of: chunk.map { $0.kind == .group ? $0.parentID ?? $0.id : $0.id })
            for organization in chunk {
                var people = roster[organization.id] ?? []
                if organization.kind == .group, let branch = organization.parentID, let siblings = groups[branch],
                    let index = siblings.firstIndex(of: organization.id)
                {
                    people = (roster[branch] ?? []).enumerated().filter { $0.offset % siblings.count == index }.map(
                        \.element)
                }
                var history = LedgerHistory(
                    organization: organization, people: people, committee: seats[organization.id],
                    firstMonth: firstMonth, today: today)
                history.studyEvery = 3
                batch += history.drafts(&random)
                if batch.count >= Self.recordsPerBatch { try await flush() }
            }
            try await flush()
            done += chunk.count
            progress("台账 ledger: \(records) records · organisations", done, entries.count)
        }
        return SyntheticStage(
            name: "台账 ledger", counts: [.init("ledger records", records), .init("attendance rows", attendance)],
            summary: "\(records) 条组织生活台账（三年）/ ledger records over three years, \(attendance) 条出勤 / attendance rows")
    }

    /// The party members (full and probationary) held by each organisation, and the committee
    /// seats of each, in two queries for the whole chunk.
    private func rosters(of ids: [Int64]) async throws -> (members: [Int64: [Int64]], seats: [Int64: [Int64]]) {
        let unique = Array(Set(ids)).sorted()
        return try await host.store.read { s in
            (
                try MemberRegistry.memberIDs(of: unique, statuses: [.full, .probationary], in: s),
                try OrganizationRegistry.committees(of: unique, in: s).mapValues { $0.map(\.memberID) }
            )
        }
    }
}
