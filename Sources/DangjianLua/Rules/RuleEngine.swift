import Dangjian
import Foundation
import Logging

/// What one sweep did.
public struct SweepReport: Sendable {
    /// (rule, organisation) evaluations that ran a rule function.
    public var evaluated = 0
    /// Notifications stored by this sweep.
    public var sent = 0
    /// Tasks and cases opened by this sweep.
    public var opened = 0
    /// Intents already sent by an earlier sweep (same idempotency key).
    public var alreadySent = 0
    /// A rule function that failed for one organisation; the sweep went on.
    public var failures: [RuleFailure] = []
    /// Notices with no one to send them to (e.g. an organisation without a secretary account),
    /// each once: a rule that matched but reached no one must not look dead.
    public var withoutRecipient: [UnaddressedNotice] = []
    /// The same as a set, so a sweep with thousands of them checks each in constant time.
    var unaddressedSeen: Set<UnaddressedNotice> = []
    /// In a dry run: every notification the sweep would store, and whether it went out already.
    public var planned: [PlannedNotice] = []

    /// `withoutRecipient` as one line each ("rule: organisation has no secretary"), for logs and counts.
    public var unaddressed: [String] { withoutRecipient.map(\.description) }
}

/// One intent a dry run would apply: a notification to `userID`, or a task or case it would
/// open (then `userID` is nil and `organizationID` is the organisation the rule ran for).
public struct PlannedNotice: Sendable, Codable, Equatable {
    /// "notify", "task" or "case".
    public let intent: String
    /// The id of the reminder or rule that asks for it.
    public let rule: String
    /// The organisation the rule ran for and the notice is about; 0 when a notice names none.
    public let organizationID: Int64
    /// That organisation's name, for the dry run's table.
    public let organization: String
    /// The account the notification would go to; nil for a task or a case.
    public let userID: Int64?
    /// The intent's key within its rule and organisation: "PERIOD:STAGE" for a reminder, the
    /// rule's own `key` otherwise. Two notices with one title differ here.
    public let key: String
    /// The title as it would be stored, with the reminder's template filled in.
    public let title: String
    /// The body as it would be stored; empty for a task without a description.
    public let body: String
    /// Whether an earlier sweep stored it under the same idempotency key, so a real run would not
    /// send or open it again.
    public let alreadySent: Bool
}

/// A notice a rule asked for that no account would receive.
public struct UnaddressedNotice: Sendable, Codable, Hashable, CustomStringConvertible {
    /// The id of the rule that asked for the notice.
    public let rule: String
    /// The organisation the rule ran for.
    public let organizationID: Int64
    /// That organisation's name, for the sweep's log and the dry run.
    public let organization: String
    /// "secretary", "parent.secretary" or "member".
    public let recipient: String
    /// With `recipient` "member": the member the rule named.
    public let memberID: Int64?
    /// As in `PlannedNotice.key`.
    public let key: String
    /// The title the notice would have had.
    public let title: String

    /// Why no one receives it, in Chinese and English.
    public var reason: String {
        switch recipient {
        case "member": "党员 \(memberID ?? 0) 没有可用账号 / member \(memberID ?? 0) has no active account"
        case "parent.secretary": "上级组织都没有书记或管理员账号 / no secretary or admin account above it"
        default: "没有书记账号 / no secretary account"
        }
    }

    /// One line for logs and counts, "rule: organisation has no secretary"; it names a member by
    /// id only, never by name.
    public var description: String {
        memberID.map { "\(rule): member \($0) has no active account" } ?? "\(rule): \(organization) has no \(recipient)"
    }
}

/// A rule function that failed for one organisation; the sweep went on for the others.
public struct RuleFailure: Sendable, Equatable {
    /// The id of the failed rule ("?" for a declaration without one).
    public let rule: String
    /// The organisation it failed for.
    public let organizationID: Int64
    /// What went wrong: its kind (a runtime error or a limit hit) and, when known, its file and line.
    public let error: LuaError
}

/// Evaluates a checked pack over the whole district for one day. Reads are made once per
/// sweep, before any Lua runs (one query for the organisations, one per role), or once per
/// key through `CallContext.batch`; each rule then runs for all its organisations spread over
/// the pooled VMs, one slice per VM, and its notifications are
/// stored in one transaction, each under an idempotency key (rule, organisation, period,
/// stage, recipient), so a second sweep sends nothing twice.
public final class RuleEngine: Sendable {
    /// The host whose registries the rules read and whose notifications and tasks they write.
    public let host: DangjianHost
    /// The checked rules this engine runs; a reload makes a new engine instead of changing them.
    public let rules: RuleSet
    let pool: LuaPool
    let logger: Logger
    /// Sees the globals and the planned calls; nil in the product.
    let observer: (any SweepObserver)?

    /// An engine over a pool of `poolSize` VMs, each with every pack of `rules` loaded under the
    /// sweep's globals (`dj` with the host's rule plugins, and `calendar` for working days).
    /// - Throws: a `LuaError` when a rule plugin's id clashes with a `dj` name of the kernel or a VM
    ///   cannot be made; `PackErrors` when a pack declares different rules in a new VM.
    /// - Parameter prepared: the VM that checked `rules` with the sweep's globals
    ///   (`RuleSet.load(_:plugins:into:calendar:)`), taken as the first pooled VM so its packs are
    ///   not loaded again; ignored with an observer, whose globals differ.
    public init(
        host: DangjianHost, rules: RuleSet, limits: LuaLimits, calendar: WorkCalendar = .weekendsOnly,
        poolSize: Int = ProcessInfo.processInfo.activeProcessorCount, prepared: LuaVM? = nil,
        observer: (any SweepObserver)? = nil
    ) throws {
        self.host = host
        self.rules = rules
        self.logger = host.logger
        self.observer = observer
        let plugins = host.rulePlugins
        if let taken = plugins.first(where: { DJLibrary.kernelNames.contains($0.id) }) {
            throw LuaError(kind: .badValue, message: "plugin id \(taken.id) clashes with dj.\(taken.id) of the kernel")
        }
        pool = try LuaPool(size: poolSize, limits: limits, first: observer == nil ? prepared : nil) { vm in
            for pack in rules.packs where vm.packs[pack.directory] == nil {
                let globals = DJLibrary.sweepGlobals(vm.callContext, calendar: calendar, plugins: plugins)
                try pack.load(into: vm, globals: observer?.globals(globals) ?? globals)
            }
        }
    }

    /// An engine for one baseline pack, with the host's rule plugins' functions but no plugin
    /// packs, no district bindings and a weekends-only calendar: for tests and tools that
    /// exercise a single pack.
    public convenience init(
        host: DangjianHost, pack: RulePack, limits: LuaLimits,
        poolSize: Int = ProcessInfo.processInfo.activeProcessorCount
    ) throws {
        try self.init(
            host: host, rules: RuleSet(baseline: pack), limits: limits, calendar: .weekendsOnly, poolSize: poolSize)
    }

    /// A rule declaration of one pack, as organisations are grouped by it.
    struct Source: Hashable, Comparable {
        let pack: Int
        let declaration: Int
        static func < (a: Source, b: Source) -> Bool { (a.pack, a.declaration) < (b.pack, b.declaration) }
    }

    /// Which organisations each declaration applies to, after resolving overlays. Resolution
    /// depends only on which bound organisations are ancestors, so it is computed once per chain.
    func groups(_ entries: [OrganizationRegistry.SweepEntry]) -> [Source: [OrganizationRegistry.SweepEntry]] {
        let bound = Set(rules.bindings.map(\.organizationID))
        var cache: [[Int64]: [RuleSet.Resolution]] = [:]
        var groups: [Source: [OrganizationRegistry.SweepEntry]] = [:]
        for entry in entries {
            let chain = entry.organization.path.split(separator: "/").compactMap { Int64($0) }.filter(bound.contains)
            let resolutions = cache[chain] ?? rules.resolve(path: entry.organization.path)
            cache[chain] = resolutions
            for resolution in resolutions {
                guard let declaration = resolution.declaration else { continue }
                groups[Source(pack: resolution.pack, declaration: declaration), default: []].append(entry)
            }
        }
        return groups
    }

    /// One planned call of a rule function, and what to send when its answer asks for it.
    struct Call: Sendable {
        let organization: Organization
        let arguments: [LuaValue]
        let notices: [Notice]
    }

    /// One of a reminder's notices due today, for the period it is about.
    struct Notice: Sendable {
        let stage: Stage
        let notice: Reminder.Notice
        let period: Period
    }

    /// Runs every rule for `day`. With `dryRun`, nothing is written: the report lists what
    /// would be sent, marking what an earlier sweep sent already.
    public func sweep(at day: Day, only organizationID: Int64? = nil, dryRun: Bool = false) async throws -> SweepReport
    {
        let entries = try await host.organizations.sweepEntries()
        let snapshot = SweepSnapshot(
            members: try await host.members.sweepMembers(statuses: Self.pipeline), entries: entries)
        let directory = try await SweepDirectory.load(host, entries: entries)
        let batches = BatchReads(database: host.database)
        var report = SweepReport()
        let scoped = organizationID.map { id in entries.filter { $0.organization.id == id } } ?? entries
        for (source, members) in groups(scoped).sorted(by: { $0.key < $1.key }) {
            let pack = rules.packs[source.pack]
            let declaration = pack.declarations[source.declaration]
            guard [.reminder, .rule].contains(declaration.kind), declaration.isEnabled else { continue }
            let targets = members.filter { RuleMatcher.applies(declaration.appliesTo, to: $0) }
            let calls = try plan(declaration, targets: targets, day: day)
            guard !calls.isEmpty else { continue }
            let function = declaration.kind == .reminder ? "done" : "check"
            observer?.planned(location: declaration.location, function: function, arguments: calls.map(\.arguments))
            let scope = scope(ofPack: source.pack, entries: entries)
            let outcomes = try await runSpread(
                calls, function: function,
                directory: pack.directory, key: declaration.key, snapshot: snapshot,
                batches: batches, scope: scope)
            var intents = RuleIntents()
            for (call, outcome) in zip(calls, outcomes) {
                report.evaluated += 1
                switch outcome {
                case .failure(let error):
                    report.failures.append(
                        RuleFailure(rule: declaration.id ?? "?", organizationID: call.organization.id, error: error))
                    logger.error(
                        "rule failed",
                        metadata: [
                            "rule": "\(declaration.id ?? "?")", "organization": "\(call.organization.id)",
                            "location": "\(error.location ?? declaration.location)", "error": "\(error.message)",
                        ])
                case .success(let values):
                    intents += try self.intents(
                        declaration, of: pack, call: call, answer: values.first ?? .nil, day: day,
                        directory: directory, scope: scope, report: &report)
                }
            }
            if dryRun {
                report.planned += try await plannedNotices(intents, rule: declaration.id ?? "?", targets: targets)
                continue
            }
            try await store(intents, into: &report)
        }
        return report
    }

    /// Stores notifications and opens tasks in one transaction; those whose key was stored
    /// before count as already sent.
    func store(_ intents: RuleIntents, into report: inout SweepReport) async throws {
        guard !intents.isEmpty else { return }
        let (sent, opened) = try await host.store.write(.system) { tx in
            let sent = try intents.notices.reduce(0) { count, draft in
                count + (try self.host.notifications.send(draft, in: tx) == nil ? 0 : 1)
            }
            let opened = try intents.tasks.reduce(0) { count, intent in
                guard
                    let task = try self.host.tasks.open(
                        intent.task, in: tx, idempotencyKey: intent.idempotencyKey,
                        ruleRef: intent.ruleRef, findingID: nil)
                else { return count }
                // A rule's rectification item is the unit's to act on: its secretaries are told.
                if !intent.isCase { try self.host.notifications.announceRectification(task, in: tx) }
                return count + 1
            }
            return (sent, opened)
        }
        report.sent += sent
        report.opened += opened
        report.alreadySent += intents.notices.count + intents.tasks.count - sent - opened
    }

    /// What a dry run reports for one rule's intents, marking those stored by an earlier run.
    func plannedNotices(_ intents: RuleIntents, rule: String, targets: [OrganizationRegistry.SweepEntry]) async throws
        -> [PlannedNotice]
    {
        let sent = try await host.notifications.existingKeys(intents.notices.map(\.idempotencyKey))
        let opened = try await host.tasks.existingKeys(intents.tasks.map(\.idempotencyKey))
        let names = Dictionary(uniqueKeysWithValues: targets.map { ($0.organization.id, $0.organization.name) })
        // An intent repeated under one key is stored once, so it is listed once.
        var seen = Set<String>()
        return intents.notices.filter { seen.insert($0.idempotencyKey).inserted }.map {
            PlannedNotice(
                intent: "notify", rule: rule, organizationID: $0.organizationID ?? 0,
                organization: names[$0.organizationID ?? 0] ?? "",
                userID: $0.userID,
                key: Self.intentKey(
                    $0.idempotencyKey, rule: rule, organizationID: $0.organizationID ?? 0, user: $0.userID),
                title: $0.title, body: $0.body, alreadySent: sent.contains($0.idempotencyKey))
        }
            + intents.tasks.filter { seen.insert($0.idempotencyKey).inserted }.map {
                PlannedNotice(
                    intent: $0.isCase ? "case" : "task", rule: rule, organizationID: $0.organization.id,
                    organization: $0.organization.name,
                    userID: nil,
                    key: Self.intentKey($0.idempotencyKey, rule: rule, organizationID: $0.organization.id, user: nil),
                    title: $0.task.title, body: $0.task.description ?? "",
                    alreadySent: opened.contains($0.idempotencyKey))
            }
    }

    /// The author's part of an idempotency key: "rule:ID:ORG:" before it, ":USER" after it for a notice.
    static func intentKey(_ idempotencyKey: String, rule: String, organizationID: Int64, user: Int64?) -> String {
        var key = Substring(idempotencyKey)
        let prefix = "rule:\(rule):\(organizationID):"
        if key.hasPrefix(prefix) { key = key.dropFirst(prefix.count) }
        if let user, key.hasSuffix(":\(user)") { key = key.dropLast(":\(user)".count) }
        return String(key)
    }

    /// Limit failures one rule may cause in one run before its remaining calls are skipped.
    static let runawayBudget = 10

    static let pipeline: [MemberStatus] = [.applicant, .activist, .developmentCandidate, .probationary]

    /// The subtree a pack may read: everything for the baseline, its binding's subtree otherwise.
    func scope(ofPack index: Int, entries: [OrganizationRegistry.SweepEntry]) -> String? {
        guard let bound = rules.binding(ofPack: index)?.organizationID else { return nil }
        return entries.first { $0.organization.id == bound }?.organization.path ?? "/nowhere/"
    }

    /// Which organisations need the rule's function called today, with what, and what to send.
    func plan(_ d: Declaration, targets: [OrganizationRegistry.SweepEntry], day: Day) throws -> [Call] {
        if d.kind == .rule {
            return targets.map {
                Call(
                    organization: $0.organization, arguments: [RuleMatcher.lua($0), .string(day.description)],
                    notices: [])
            }
        }
        guard let reminder = d.reminder, let current = reminder.current(on: day) else { return [] }
        var calls: [Call] = []
        // The latest notice stage reached: on the host's first day mid-period, one notice, not all.
        if let notify = reminder.notify, let due = notify.days.first(where: { day >= current.end.adding(days: -$0) }),
            day <= current.end
        {
            calls.append(
                contentsOf: targets.map {
                    Call(
                        organization: $0.organization, arguments: [RuleMatcher.lua($0), current.lua],
                        notices: [Notice(stage: .before(days: due), notice: notify, period: current)])
                })
        }
        let previous = current.previous(reminder.length)
        if let escalate = reminder.escalate, let after = escalate.days.first, day >= previous.end.adding(days: after) {
            // A period that ended before the organisation was set up cannot have been missed.
            calls.append(
                contentsOf: targets.filter { $0.organization.existsSince <= previous.end }.map {
                    Call(
                        organization: $0.organization, arguments: [RuleMatcher.lua($0), previous.lua],
                        notices: [Notice(stage: .escalate, notice: escalate, period: previous)])
                })
        }
        return calls
    }

    /// Calls below which one VM does the work: spreading a few calls costs more than it saves.
    static let fanOutThreshold = 64

    /// Runs the calls spread over every VM of the pool, in contiguous slices, and returns the
    /// results in call order.
    func runSpread(
        _ calls: [Call], function: String, directory: String, key: String, snapshot: SweepSnapshot,
        batches: BatchReads, scope: String?
    ) async throws -> [Result<[LuaValue], LuaError>] {
        guard pool.size > 1, calls.count >= Self.fanOutThreshold else {
            return try await run(
                calls, function: function, directory: directory, key: key, snapshot: snapshot,
                batches: batches, scope: scope)
        }
        let size = (calls.count + pool.size - 1) / pool.size
        let slices = stride(from: 0, to: calls.count, by: size).map { Array(calls[$0..<min($0 + size, calls.count)]) }
        return try await withThrowingTaskGroup(of: (Int, [Result<[LuaValue], LuaError>]).self) { group in
            for (number, slice) in slices.enumerated() {
                group.addTask {
                    (
                        number,
                        try await self.run(
                            slice, function: function, directory: directory, key: key,
                            snapshot: snapshot, batches: batches, scope: scope)
                    )
                }
            }
            var done = [[Result<[LuaValue], LuaError>]](repeating: [], count: slices.count)
            for try await (number, results) in group { done[number] = results }
            return done.flatMap { $0 }
        }
    }

    /// Runs the calls in as few visits to the pool as possible; each call fails alone. When a
    /// call leaves its VM untrusted (a limit was hit), the rest go on in a fresh VM.
    func run(
        _ calls: [Call], function: String, directory: String, key: String, snapshot: SweepSnapshot,
        batches: BatchReads, scope: String?
    ) async throws -> [Result<[LuaValue], LuaError>] {
        var results: [Result<[LuaValue], LuaError>] = []
        var runaways = 0
        while results.count < calls.count {
            // A rule that runs away again and again costs a deadline and a new VM each time:
            // past the budget, its remaining organisations are skipped and reported.
            if runaways >= Self.runawayBudget {
                let skipped = LuaError(
                    kind: .instructionLimit, message: "skipped: the rule hit a limit \(runaways) times in this run")
                results += Array(repeating: .failure(skipped), count: calls.count - results.count)
                break
            }
            let remaining = Array(calls[results.count...])
            results += try await pool.withVM { vm in
                vm.callContext.snapshot = snapshot
                vm.callContext.scope = scope
                vm.callContext.batches = batches
                defer {
                    vm.callContext.snapshot = nil
                    vm.callContext.scope = nil
                    vm.callContext.batches = nil
                }
                guard let reference = vm.packs[directory]?[key]?.functions[function] else {
                    throw LuaError(kind: .runtime, message: "the pack is not loaded in this VM")
                }
                var done: [Result<[LuaValue], LuaError>] = []
                for call in remaining {
                    vm.callContext.excused = 0
                    done.append(
                        Result { try vm.call(reference: reference, call.arguments) }.mapError {
                            $0 as? LuaError ?? LuaError(kind: .runtime, message: "\($0)")
                        })
                    if !vm.isTrusted { break }
                }
                return done
            }
            runaways =
                results.filter {
                    if case .failure(let error) = $0 {
                        [.instructionLimit, .memoryLimit, .deadline].contains(error.kind)
                    } else {
                        false
                    }
                }.count
        }
        return results
    }
}
