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
    public struct PackInfo: Sendable, Codable, Equatable {
        public let directory: String
        public let version: String
        public let boundTo: Int64?
        public let rules: [String]
    }

    public struct Status: Sendable, Codable {
        public let packs: [PackInfo]
        public let loadedAt: Date
        public let lastSweepAt: Date?
        public let lastSweep: SweepSummary?
    }

    public struct SweepSummary: Sendable, Codable {
        public let day: Day
        public let evaluated: Int
        public let sent: Int
        public let alreadySent: Int
        public let unaddressed: Int
        /// The last error of each rule that failed, with its file and line.
        public let failures: [String: String]
    }

    private struct State: Sendable {
        var engine: RuleEngine
        var loadedAt: Date
        var lastSweepAt: Date?
        var lastSweep: SweepSummary?
    }

    let host: DangjianHost
    private let state: Mutex<State>

    private init(host: DangjianHost, engine: RuleEngine) {
        self.host = host
        state = Mutex(State(engine: engine, loadedAt: host.store.clock.now()))
    }

    /// Loads the configured rule set, or throws every problem found, and subscribes the
    /// packs' event hooks to committed events.
    public static func start(host: DangjianHost) async throws -> RuleRuntime {
        let runtime = RuleRuntime(host: host, engine: try await makeEngine(host: host).get())
        host.events.subscribe("*", subscriber: "rules") { [weak runtime] event in
            guard let runtime else { return }
            Self.count(try await runtime.engine.handle(event).failures)
        }
        for plugin in host.rulePlugins { plugin.attach(runtime) }
        return runtime
    }

    static func makeEngine(host: DangjianHost) async throws -> Result<RuleEngine, PackErrors> {
        do {
            return try await makeEngineOrThrow(host: host)
        } catch let errors as PackErrors {
            return .failure(errors)
        } catch {
            // A VM that cannot start, or a file that fails only with the sweep's globals:
            // still a refusal, never an error that would stop the host.
            return .failure(PackErrors(problems: [PackProblem(host.configuration.rulesBaseline, "\(error)")]))
        }
    }

    private static func makeEngineOrThrow(host: DangjianHost) async throws -> Result<RuleEngine, PackErrors> {
        switch try await RuleSet.load(host.configuration, checkingAgainst: host) {
        case .success(let rules):
            return .success(try RuleEngine(host: host, rules: rules, limits: host.configuration.luaLimits,
                                           calendar: host.configuration.workCalendar()))
        case .failure(let errors):
            return .failure(errors)
        }
    }

    public var engine: RuleEngine { state.withLock { $0.engine } }

    /// Reloads every pack from disk. On any problem the running rules stay and the problems
    /// are returned, all of them.
    @discardableResult
    public func reload() async throws -> Result<[PackInfo], PackErrors> {
        switch try await Self.makeEngine(host: host) {
        case .success(let engine):
            let now = host.store.clock.now()
            state.withLock { $0.engine = engine; $0.loadedAt = now }
            host.logger.notice("rules reloaded", metadata: ["packs": "\(engine.rules.packs.map(\.version).joined(separator: ","))"])
            return .success(Self.packInfo(engine.rules))
        case .failure(let errors):
            host.logger.error("rules reload refused; the running rules stay", metadata: ["problems": "\(errors.problems.count)"])
            return .failure(errors)
        }
    }

    public func sweep(at day: Day) async throws -> SweepReport {
        let report = try await engine.sweep(at: day)
        Self.count(report.failures)
        var failures: [String: String] = [:]
        for failure in report.failures { failures[failure.rule] = failure.error.description }
        let summary = SweepSummary(day: day, evaluated: report.evaluated, sent: report.sent, alreadySent: report.alreadySent,
                                   unaddressed: report.unaddressed.count, failures: failures)
        let now = host.store.clock.now()
        state.withLock { $0.lastSweep = summary; $0.lastSweepAt = now }
        return report
    }

    /// Counts rule failures in /metrics, by rule and by kind of failure.
    static func count(_ failures: [RuleFailure]) {
        for failure in failures {
            Counter(label: "dangjian_rule_failures_total", dimensions: [("rule", failure.rule), ("kind", failure.error.kind.rawValue)]).increment()
        }
    }

    public var status: Status {
        state.withLock { s in
            Status(packs: Self.packInfo(s.engine.rules), loadedAt: s.loadedAt, lastSweepAt: s.lastSweepAt, lastSweep: s.lastSweep)
        }
    }

    static func packInfo(_ rules: RuleSet) -> [PackInfo] {
        let ids = { (pack: RulePack) in pack.declarations.compactMap(\.id).sorted() }
        return rules.baselines.map { PackInfo(directory: $0.directory, version: $0.version, boundTo: nil, rules: ids($0)) }
            + rules.bindings.map { PackInfo(directory: $0.pack.directory, version: $0.pack.version, boundTo: $0.organizationID, rules: ids($0.pack)) }
    }

    /// The daily sweep, through the runtime so that a reload takes effect at the next sweep.
    public func scheduledJob() -> ScheduledJob {
        ScheduledJob(id: "kernel.rules-sweep", title: "规则每日巡检", cadence: .daily(hour: 6, minute: 30)) { [self] run in
            let report = try await sweep(at: Day(run.scheduledFor))
            host.logger.info("rules sweep", metadata: [
                "evaluated": "\(report.evaluated)", "sent": "\(report.sent)", "alreadySent": "\(report.alreadySent)",
                "failures": "\(report.failures.count)", "unaddressed": "\(report.unaddressed.count)",
            ])
        }
    }
}

/// Reloads the rules on SIGHUP, the signal operators already use to say "read your files again".
public struct RuleReloadService: Service {
    let runtime: RuleRuntime

    public init(runtime: RuleRuntime) { self.runtime = runtime }

    public func run() async throws {
        for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
            do {
                if case .failure(let errors) = try await runtime.reload() {
                    runtime.host.logger.error("rules reload refused:\n\(errors)")
                }
            } catch {
                runtime.host.logger.error("rules reload failed; the running rules stay", metadata: ["error": "\(error)"])
            }
        }
    }
}
