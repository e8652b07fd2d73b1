import Dangjian
import Foundation
import Logging
import Synchronization

/// What one sweep did.
public struct SweepReport: Sendable {
    /// (rule, organisation) evaluations that ran a rule function.
    public var evaluated = 0
    /// Notifications stored by this sweep.
    public var sent = 0
    /// Intents already sent by an earlier sweep (same idempotency key).
    public var alreadySent = 0
    /// A rule function that failed for one organisation; the sweep went on.
    public var failures: [RuleFailure] = []
    /// Intents with no one to send them to (e.g. an organisation without a secretary account).
    public var unaddressed: [String] = []
}

public struct RuleFailure: Sendable, Equatable {
    public let rule: String
    public let organizationID: Int64
    public let error: LuaError
}

/// Evaluates a checked pack over the whole district for one day. Reads are made once per
/// sweep, before any Lua runs (one query for the organisations, one per role); each rule then
/// runs for all its organisations in one visit to a pooled VM, and its notifications are
/// stored in one transaction, each under an idempotency key (rule, organisation, period,
/// stage, recipient), so a second sweep sends nothing twice.
public final class RuleEngine: Sendable {
    public let host: DangjianHost
    public let pack: RulePack
    let pool: LuaPool
    let logger: Logger
    /// What the sweep in progress read before running any Lua; `dj` data functions read here.
    let snapshot: SweepSnapshot

    public init(host: DangjianHost, pack: RulePack, limits: LuaLimits, poolSize: Int = ProcessInfo.processInfo.activeProcessorCount) throws {
        self.host = host
        self.pack = pack
        self.logger = host.logger
        let snapshot = SweepSnapshot()
        self.snapshot = snapshot
        pool = try LuaPool(size: poolSize, limits: limits) { vm in try pack.load(into: vm, globals: DJLibrary.sweepGlobals(snapshot)) }
    }

    /// One planned call of a rule function, and what to send when its answer asks for it.
    struct Call: Sendable {
        let organization: Organization
        let arguments: [LuaValue]
        let notices: [Notice]
    }

    struct Notice: Sendable {
        let stage: String
        let recipient: String
        let period: RulePeriod?
    }

    public func sweep(at day: Day) async throws -> SweepReport {
        let entries = try await host.organizations.sweepEntries()
        snapshot.set(members: try await host.members.sweepMembers(statuses: [.applicant, .activist, .developmentCandidate, .probationary]))
        let directory = SweepDirectory(entries: entries, secretaries: try await host.users.holders(of: .secretary),
                                       admins: try await host.users.holders(of: .districtAdmin))
        var report = SweepReport()
        for (index, declaration) in pack.declarations.enumerated()
        where (declaration.kind == .reminder || declaration.kind == .rule) && declaration.fields["enabled"]?.bool != false {
            let targets = entries.filter { RuleMatcher.applies(declaration.fields["applies_to"], to: $0) }
            let calls = try plan(declaration, targets: targets, day: day)
            guard !calls.isEmpty else { continue }
            let outcomes = try await run(calls, function: declaration.kind == .reminder ? "done" : "check", index: index)
            var intents: [NotificationDraft] = []
            for (call, outcome) in zip(calls, outcomes) {
                report.evaluated += 1
                switch outcome {
                case .failure(let error):
                    report.failures.append(RuleFailure(rule: declaration.id ?? "?", organizationID: call.organization.id, error: error))
                    logger.error("rule failed", metadata: ["rule": "\(declaration.id ?? "?")", "organization": "\(call.organization.id)",
                                                           "location": "\(error.location ?? declaration.location)", "error": "\(error.message)"])
                case .success(let values):
                    intents += try self.intents(declaration, call: call, answer: values.first ?? .nil, day: day,
                                                directory: directory, report: &report)
                }
            }
            let toSend = intents
            let stored = try await host.store.write(.system) { tx in
                try toSend.reduce(0) { count, draft in count + (try self.host.notifications.send(draft, in: tx) == nil ? 0 : 1) }
            }
            report.sent += stored
            report.alreadySent += intents.count - stored
        }
        return report
    }

    /// Which organisations need the rule's function called today, with what, and what to send.
    func plan(_ d: Declaration, targets: [OrganizationRegistry.SweepEntry], day: Day) throws -> [Call] {
        if d.kind == .rule {
            return targets.map { Call(organization: $0.organization, arguments: [RuleMatcher.lua($0), .string(day.description)], notices: []) }
        }
        let every = d.fields["every"]?.string
        guard let current = try every.map({ try RulePeriod.containing(day, every: $0) })
                ?? d.fields["date"]?.string.flatMap({ RulePeriod.yearly($0, onOrAfter: day) })
        else { return [] }
        var calls: [Call] = []
        // The latest notice stage reached: on the host's first day mid-period, one notice, not all.
        let offsets = offsetsOf(d.fields["notify"]?["before_end"]).sorted()
        if let due = offsets.first(where: { day >= current.end.adding(days: -Int($0)) }), day <= current.end {
            calls.append(contentsOf: targets.map {
                Call(organization: $0.organization, arguments: [RuleMatcher.lua($0), current.lua],
                     notices: [Notice(stage: "before-\(due)", recipient: d.fields["notify"]?["to"].string ?? "secretary", period: current)])
            })
        }
        let previous = try current.previous(every: every)
        if let after = offsetsOf(d.fields["escalate"]?["after_end"]).first, day >= previous.end.adding(days: Int(after)) {
            calls.append(contentsOf: targets.map {
                Call(organization: $0.organization, arguments: [RuleMatcher.lua($0), previous.lua],
                     notices: [Notice(stage: "escalate", recipient: d.fields["escalate"]?["to"].string ?? "parent.secretary", period: previous)])
            })
        }
        return calls
    }

    func offsetsOf(_ value: LuaValue?) -> [Int64] {
        guard let value else { return [] }
        return value.int.map { [$0] } ?? value.table?.array.compactMap(\.int) ?? []
    }

    /// Runs the calls in as few visits to the pool as possible; each call fails alone. When a
    /// call leaves its VM untrusted (a limit was hit), the rest go on in a fresh VM.
    func run(_ calls: [Call], function: String, index: Int) async throws -> [Result<[LuaValue], LuaError>] {
        let directory = pack.directory
        var results: [Result<[LuaValue], LuaError>] = []
        while results.count < calls.count {
            let remaining = Array(calls[results.count...])
            results += try await pool.withVM { vm in
                guard let reference = vm.packs[directory]?[index].functions[function] else {
                    throw LuaError(kind: .runtime, message: "the pack is not loaded in this VM")
                }
                var done: [Result<[LuaValue], LuaError>] = []
                for call in remaining {
                    done.append(Result { try vm.call(reference: reference, call.arguments) }.mapError {
                        $0 as? LuaError ?? LuaError(kind: .runtime, message: "\($0)")
                    })
                    if !vm.isTrusted { break }
                }
                return done
            }
        }
        return results
    }
}
