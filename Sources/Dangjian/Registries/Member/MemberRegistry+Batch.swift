import Foundation

/// How one row of a batch fared.
public struct BatchRowResult: Sendable, Equatable {
    /// The row's line in the source file, as paired with its draft.
    public let line: Int
    /// The registered member's id; nil when the row was refused.
    public let memberID: Int64?
    /// Why the row was refused; nil when it was registered.
    public let error: DangjianError?
}

extension MemberRegistry {
    /// Registers many members in one transaction, through the same checks, audit and events as
    /// `create`. Each draft is paired with the line it came from, for the report.
    /// - Parameter unreadable: rows refused before they became drafts (e.g. a CSV line with the
    ///   wrong number of fields): reported with the others, and refusing an all-or-nothing batch.
    /// - Parameter allOrNothing: when true, any bad row means no row is written.
    public func createBatch(
        _ drafts: [(line: Int, draft: MemberDraft)], unreadable: [BatchRowResult] = [], allOrNothing: Bool,
        by actor: Principal
    ) async throws -> [BatchRowResult] {
        let today = store.clock.today()
        var results = unreadable
        var valid: [(Int, Member)] = []
        var seenIDNumbers: [String: Int] = [:]
        for (line, draft) in drafts {
            do {
                let member = try Self.validate(draft, today: today)
                if let number = member.idNumber {
                    if let first = seenIDNumbers[number] {
                        throw DangjianError.conflict(
                            KernelErrorCode.memberDuplicateIDNumber, field: "idNumber",
                            zh: "身份证号与第 \(first) 行重复", en: "ID number repeats line \(first)")
                    }
                    seenIDNumbers[number] = line
                }
                valid.append((line, member))
            } catch let error as DangjianError {
                results.append(BatchRowResult(line: line, memberID: nil, error: error))
            }
        }
        if allOrNothing && !results.isEmpty { return results.sorted { $0.line < $1.line } }
        let toInsert = valid
        do {
            let inserted = try await insertAll(toInsert, allOrNothing: allOrNothing, by: actor)
            return (results + inserted).sorted { $0.line < $1.line }
        } catch let refused as BatchRefused {
            // Rolled back: the rows that were fine report no id, because nothing was written.
            let report = refused.results.map { BatchRowResult(line: $0.line, memberID: nil, error: $0.error) }
            return (results + report).sorted { $0.line < $1.line }
        }
    }

    private func insertAll(_ toInsert: [(Int, Member)], allOrNothing: Bool, by actor: Principal) async throws
        -> [BatchRowResult]
    {
        try await store.write(actor) { tx -> [BatchRowResult] in
            var outcomes: [BatchRowResult] = []
            var paths: [Int64: Result<String, DangjianError>] = [:]
            for (line, member) in toInsert {
                do {
                    let path: String
                    switch paths[member.organizationID] {
                    case .success(let known)?: path = known
                    case .failure(let error)?: throw error
                    case nil:
                        do {
                            path = try Self.checkHoldingOrganization(
                                member.organizationID, in: tx.session, actor: actor
                            ).path
                            paths[member.organizationID] = .success(path)
                        } catch let error as DangjianError {
                            paths[member.organizationID] = .failure(error)
                            throw error
                        }
                    }
                    // `insert` checks duplicates before writing, so a refused row leaves nothing behind.
                    let created = try Self.insert(member, in: tx, path: path)
                    outcomes.append(BatchRowResult(line: line, memberID: created.id, error: nil))
                } catch let error as DangjianError {
                    outcomes.append(BatchRowResult(line: line, memberID: nil, error: error))
                }
            }
            if allOrNothing, outcomes.contains(where: { $0.error != nil }) {
                throw BatchRefused(results: outcomes)
            }
            return outcomes
        }
    }
}

/// Thrown inside the transaction to roll an all-or-nothing batch back, carrying the report.
struct BatchRefused: Error {
    let results: [BatchRowResult]
}
