import Dangjian
import Foundation
import Logging
import Metrics
import ServiceLifecycle
import Synchronization
import UnixSignals

/// The running rules. Reloading is all-or-nothing: the new set is loaded and checked whole
/// first, and only a clean set replaces the running one.
public final class RuleRuntime: Sendable {
    /// One running pack as `GET /api/v1/admin/rules` and a reload's answer show it, so an operator
    /// can tell which version of which pack each subtree runs.
    public struct PackInfo: Sendable, Codable, Equatable {
        /// The pack's directory as the host loaded it: the configured path, resolved against the
        /// configuration file's directory or the install prefix when it was read from a file.
        public let directory: String
        /// The pack's version: 12 hex digits of a SHA-256 over its files' hashes, so an edit to any file
        /// shows as a new version.
        public let version: String
        /// The organisation whose subtree a district pack is bound to; nil for a baseline (the
        /// kernel's or a rule plugin's), which applies everywhere.
        public let boundTo: Int64?
        /// The ids the pack's reminders and rules declare and its `disable` calls switch off, sorted;
        /// hooks and scores have no id and are not listed.
        public let rules: [String]
    }

    /// What `GET /api/v1/admin/rules` answers: the packs running now and how the last sweep went.
    public struct Status: Sendable, Codable {
        /// The running packs: the baselines (the kernel's first), then the district bindings.
        public let packs: [PackInfo]
        /// When the running packs were loaded: at start, or at the last reload that was accepted.
        public let loadedAt: Date
        /// When the last sweep through this runtime finished; nil before the first since the host started.
        public let lastSweepAt: Date?
        /// The figures of that sweep; nil before the first. A reload keeps them.
        public let lastSweep: SweepSummary?
        /// Hooks switched off since the last load, with why; a reload switches them on again.
        public let disabledHooks: [DisabledHook]
    }

    /// A sweep's figures as the status keeps them: counts instead of the report's lists, so the
    /// status stays small at city scale.
    public struct SweepSummary: Sendable, Codable {
        /// The day the sweep ran for (the scheduled run's day, or the day asked for).
        public let day: Day
        /// (rule, organisation) calls of a rule function, failed ones included.
        public let evaluated: Int
        /// Notifications the sweep stored; tasks and cases it opened are not counted here.
        public let sent: Int
        /// Notices and tasks an earlier sweep had stored under the same idempotency key, so not sent twice.
        public let alreadySent: Int
        /// Notices no account would receive (e.g. an organisation without a secretary account).
        public let unaddressed: Int
        /// The last error of each rule that failed, with its file and line.
        public let failures: [String: String]
    }

    /// A hook the runtime switched off because it kept failing or kept causing refused events.
    public struct DisabledHook: Sendable, Codable, Equatable {
        /// The hook's identity, "on:EVENT@HASH (file:line)": an edited file makes a new hook, which
        /// starts on again.
        public let hook: String
        /// Why it was switched off (failures in a row, or events refused for their depth), in Chinese
        /// and English; the district admins were told the same.
        public let reason: String
        /// When it was switched off.
        public let at: Date
    }

    /// How a hook has fared since the rules were loaded.
    struct HookHealth: Sendable {
        var failuresInARow = 0
        var refusals = 0
    }

    struct State: Sendable {
        var engine: RuleEngine
        var loadedAt: Date
        var lastSweepAt: Date?
        var lastSweep: SweepSummary?
        var hooks: [String: HookHealth] = [:]
        var disabled: [String: DisabledHook] = [:]
    }

    /// A hook that fails this many times in a row is switched off.
    public static let hookFailureLimit = 5
    /// A hook whose writes cause this many events past the bus's depth bound is switched off:
    /// it is feeding a loop (e.g. a hook on task.created that opens a task).
    public static let hookRefusalLimit = 3

    let host: DangjianHost
    /// Reads the configuration again for a reload, so that a new binding, baseline or calendar
    /// takes effect; nil reloads the packs of the configuration the host started with.
    private let readConfiguration: (@Sendable () async throws -> HostConfiguration)?
    let state: Mutex<State>

    private init(
        host: DangjianHost, engine: RuleEngine, readConfiguration: (@Sendable () async throws -> HostConfiguration)?
    ) {
        self.host = host
        self.readConfiguration = readConfiguration
        state = Mutex(State(engine: engine, loadedAt: host.store.clock.now()))
    }

    /// Loads the configured rule set, or throws every problem found, and subscribes the
    /// packs' event hooks to committed events. `readConfiguration` is how a reload reads the
    /// configuration file again (`serve` passes its own loader).
    public static func start(
        host: DangjianHost,
        readConfiguration: (@Sendable () async throws -> HostConfiguration)? = nil
    ) async throws -> RuleRuntime {
        let runtime = RuleRuntime(
            host: host, engine: try await makeEngine(host: host, configuration: host.configuration).get(),
            readConfiguration: readConfiguration)
        host.kinds.registerNotificationKind(Self.alertKind, title: "规则告警", owner: "rules")
        host.events.subscribe("*", subscriber: "rules") { [weak runtime] event in
            try await runtime?.handle(event)
        }
        host.events.onRefusal { [weak runtime] event in await runtime?.refused(event) }
        return runtime
    }

    static func makeEngine(host: DangjianHost, configuration: HostConfiguration) async throws -> Result<
        RuleEngine, PackErrors
    > {
        do {
            return try await makeEngineOrThrow(host: host, configuration: configuration)
        } catch let errors as PackErrors {
            return .failure(errors)
        } catch {
            // A VM that cannot start, or a calendar that cannot be read:
            // still a refusal, never an error that would stop the host.
            return .failure(PackErrors(problems: [PackProblem(configuration.rulesBaseline, "\(error)")]))
        }
    }

    private static func makeEngineOrThrow(host: DangjianHost, configuration: HostConfiguration) async throws -> Result<
        RuleEngine, PackErrors
    > {
        // The packs are checked in the first VM the engine will run them in, with its globals.
        let calendar = try configuration.workCalendar()
        let vm = try LuaVM(limits: configuration.luaLimits)
        switch try await RuleSet.load(configuration, checkingAgainst: host, into: vm, calendar: calendar) {
        case .success(let rules):
            return .success(
                try RuleEngine(
                    host: host, rules: rules, limits: configuration.luaLimits, calendar: calendar, prepared: vm))
        case .failure(let errors):
            return .failure(errors)
        }
    }

    /// The engine of the rules running now. Read it once per piece of work: a reload swaps it, and
    /// a sweep already under way finishes on the engine it started with.
    public var engine: RuleEngine { state.withLock { $0.engine } }

    /// Reloads the configuration's rule section (baseline, district bindings, plugin packs,
    /// calendar) and every pack from disk. On any problem the running rules stay and the
    /// problems are returned, all of them. Other configuration keys need a restart.
    @discardableResult
    public func reload() async throws -> Result<[PackInfo], PackErrors> {
        var configuration = host.configuration
        if let readConfiguration {
            do {
                let fresh = try await readConfiguration()
                configuration.rulesBaseline = fresh.rulesBaseline
                configuration.rulesDistricts = fresh.rulesDistricts
                configuration.rulesPlugins = fresh.rulesPlugins
                configuration.rulesCalendar = fresh.rulesCalendar
                configuration.packRoots = fresh.packRoots
                configuration.rulesBaselineConfigured = fresh.rulesBaselineConfigured
            } catch let error as ConfigurationError {
                host.logger.error("rules reload refused: the configuration has problems; the running rules stay")
                return .failure(PackErrors(problems: error.problems.map { PackProblem("configuration", $0) }))
            }
        }
        switch try await Self.makeEngine(host: host, configuration: configuration) {
        case .success(let engine):
            let now = host.store.clock.now()
            state.withLock {
                $0.engine = engine; $0.loadedAt = now; $0.hooks = [:]; $0.disabled = [:]
            }
            host.logger.notice(
                "rules reloaded",
                metadata: [
                    "packs": "\(engine.rules.packs.map(\.version).joined(separator: ","))",
                    "bindings":
                        "\(engine.rules.bindings.map { "\($0.pack.directory)=\($0.organizationID)" }.joined(separator: ","))",
                ])
            return .success(Self.packInfo(engine.rules))
        case .failure(let errors):
            host.logger.error(
                "rules reload refused; the running rules stay", metadata: ["problems": "\(errors.problems.count)"])
            return .failure(errors)
        }
    }

    /// Runs the sweep for `day` with the rules running now, and keeps its summary for `status` and
    /// its failures in /metrics (`dangjian_rule_failures_total`). A rule that fails for one
    /// organisation is listed in the report and the sweep goes on.
    /// - Throws: when the host's reads or writes fail or a VM cannot be made; the status then
    ///   keeps the previous sweep.
    public func sweep(at day: Day) async throws -> SweepReport {
        let report = try await engine.sweep(at: day)
        Self.count(report.failures)
        var failures: [String: String] = [:]
        for failure in report.failures { failures[failure.rule] = failure.error.description }
        let summary = SweepSummary(
            day: day, evaluated: report.evaluated, sent: report.sent, alreadySent: report.alreadySent,
            unaddressed: report.unaddressed.count, failures: failures)
        let now = host.store.clock.now()
        state.withLock {
            $0.lastSweep = summary; $0.lastSweepAt = now
        }
        return report
    }

    /// Counts rule failures in /metrics, by rule and by kind of failure.
    static func count(_ failures: [RuleFailure]) {
        for failure in failures {
            Counter(
                label: "dangjian_rule_failures_total",
                dimensions: [("rule", failure.rule), ("kind", failure.error.kind.rawValue)]
            ).increment()
        }
    }

    /// The running packs, when they were loaded, the last sweep, and the hooks switched off since.
    public var status: Status {
        state.withLock { s in
            Status(
                packs: Self.packInfo(s.engine.rules), loadedAt: s.loadedAt, lastSweepAt: s.lastSweepAt,
                lastSweep: s.lastSweep,
                disabledHooks: s.disabled.values.sorted { $0.hook < $1.hook })
        }
    }

    static func packInfo(_ rules: RuleSet) -> [PackInfo] {
        let ids = { (pack: RulePack) in pack.declarations.compactMap(\.id).sorted() }
        return rules.baselines.map {
            PackInfo(directory: $0.directory, version: $0.version, boundTo: nil, rules: ids($0))
        }
            + rules.bindings.map {
                PackInfo(
                    directory: $0.pack.directory, version: $0.pack.version, boundTo: $0.organizationID,
                    rules: ids($0.pack))
            }
    }

    /// The daily sweep, through the runtime so that a reload takes effect at the next sweep.
    public func scheduledJob() -> ScheduledJob {
        ScheduledJob(id: "kernel.rules-sweep", title: "规则每日巡检", cadence: .daily(hour: 6, minute: 30)) { [self] run in
            let report = try await sweep(at: Day(run.scheduledFor))
            host.logger.info(
                "rules sweep",
                metadata: [
                    "evaluated": "\(report.evaluated)", "sent": "\(report.sent)",
                    "alreadySent": "\(report.alreadySent)",
                    "failures": "\(report.failures.count)", "unaddressed": "\(report.unaddressed.count)",
                ])
        }
    }
}

/// Reloads the rules on SIGHUP, the signal operators already use to say "read your files again".
public struct RuleReloadService: Service {
    let runtime: RuleRuntime

    /// A service that reloads `runtime` on each SIGHUP; put it in the application's `ServiceGroup`.
    public init(runtime: RuleRuntime) { self.runtime = runtime }

    /// Waits for SIGHUP until graceful shutdown. A refused or failed reload is logged and the
    /// running rules stay, so a bad pack on disk never stops the host.
    public func run() async throws {
        for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
            do {
                if case .failure(let errors) = try await runtime.reload() {
                    runtime.host.logger.error("rules reload refused:\n\(errors)")
                }
            } catch {
                runtime.host.logger.error(
                    "rules reload failed; the running rules stay", metadata: ["error": "\(error)"])
            }
        }
    }
}
