import ArgumentParser
import Dangjian
import DangjianLua
import Foundation

struct Rules: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Tools for rule authors.",
        subcommands: [RulesCheck.self, RulesTest.self, RulesRun.self, RulesExplain.self])
}

struct RulesCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract:
            "Compile and lint rule packs: syntax errors, unknown fields, missing or duplicate ids, a wrong applies_to.",
        discussion: "Every problem is printed as FILE:LINE: message. Exits 1 when any pack has a problem.")

    @OptionGroup var options: HostOptions

    @Argument(help: "Pack directories (default: the baselines: rules.baseline and each enabled plugin's rules/).")
    var directories: [String] = []

    func run() async throws {
        let configuration = try await options.loadConfiguration()
        let limits = configuration.luaLimits
        var failed = false
        for directory in directories.isEmpty ? try baselineDirectories(configuration) : directories {
            switch RulePack.load(directory: directory, limits: limits) {
            case .success(let pack):
                // An `on` declaration is an event hook; the other kinds name themselves.
                let counts = Dictionary(grouping: pack.declarations) { $0.kind == .on ? "hook" : $0.kind.rawValue }
                    .map { $0.value.count.counted($0.key) }.sorted()
                print(
                    "\(directory): OK, \(pack.files.count.counted("file")), \(counts.joined(separator: ", ")), version \(pack.version)"
                )
            case .failure(let errors):
                failed = true
                for problem in errors.problems { print(problem) }
                print("\(directory): \(errors.problems.count.counted("problem"))")
            }
        }
        if failed { throw ExitCode(1) }
    }
}

/// Loads the configured rule set, refusing it whole when any pack has a problem.
/// The compiled-in plugins the configuration leaves on.
func enabledPlugins(_ configuration: HostConfiguration) throws -> [any HostPlugin] {
    try CompiledPlugins.make(configuration).filter { !configuration.disabledPlugins.contains($0.id) }
}

/// The baseline packs: the kernel's and each enabled rule plugin's.
func baselineDirectories(_ configuration: HostConfiguration) throws -> [String] {
    [configuration.rulesBaseline]
        + (try enabledPlugins(configuration)).compactMap {
            ($0 as? any RulePlugin).map(configuration.rulesDirectory(of:))
        }
}

func loadRules(_ configuration: HostConfiguration, host: DangjianHost) async throws -> RuleSet {
    try await RuleSet.load(configuration, checkingAgainst: host).mapError { Failure(description: $0.description) }.get()
}

struct RulesRun: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Show what the rules would send on a day, against the real data, without sending anything.",
        discussion: """
            Prints each notification, task and case with its key ([PERIOD:STAGE] for a reminder), then one NO RECIPIENT line             per rule and organisation whose notices no account would receive, with the reason (e.g. no secretary account),             then the rules that failed. --json prints the same as one object: day, evaluated, planned, withoutRecipient, failures.             The database is opened read-only: it must exist and be migrated, and is never created or changed.
            """)

    @OptionGroup var options: HostOptions

    @Flag(name: .customLong("dry-run"), help: "Required: nothing is written. The real sweep runs inside `serve`.")
    var dryRun = false

    @Option(help: "The day to evaluate, YYYY-MM-DD (default: today).")
    var at: String?

    @Option(help: "Only this organisation.")
    var org: Int64?

    @Option(help: "Also try this unbound pack, as if bound at --org (or at the top committee).")
    var pack: String?

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() async throws {
        guard dryRun else {
            throw ValidationError("only --dry-run is supported here; the real sweep runs in `dangjian serve`")
        }
        let configuration = try await options.loadConfiguration()
        let host = try await options.openHost(configuration, readOnly: true)
        defer { Task { await host.stop() } }
        let day = try Validate.day(at, field: "--at") ?? host.store.clock.today()
        var rules = try await loadRules(configuration, host: host)
        if let pack {
            let tried = try RulePack.load(directory: pack, limits: configuration.luaLimits).mapError {
                Failure(description: $0.description)
            }.get()
            let bindAt: Int64
            if let org {
                bindAt = org
            } else {
                guard
                    let root = try await host.organizations.list(.init(parentID: nil), page: .first, by: .system).items
                        .first(where: { $0.parentID == nil })
                else {
                    throw Failure(
                        description: "数据库中没有组织，无法绑定规则包 / no organisation to bind the pack to: the database holds none")
                }
                bindAt = root.id
            }
            rules = rules.rebound(rules.bindings + [.init(pack: tried, organizationID: bindAt)])
        }
        let engine = try RuleEngine(
            host: host, rules: rules, limits: configuration.luaLimits,
            calendar: try configuration.workCalendar(), poolSize: 1)
        let report = try await engine.sweep(at: day, only: org, dryRun: true)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(DryRun(day: day, report: report)), as: UTF8.self))
        } else {
            for line in DryRun.lines(report) { print(line) }
            print(
                "\(day): \(report.evaluated.counted("evaluation")), \(report.planned.count.counted("notification")) (\(report.planned.filter(\.alreadySent).count) sent already), \(report.failures.count.counted("failure")), \(report.withoutRecipient.count) without a recipient"
            )
        }
        await host.stop()
    }
}

/// What `rules run --dry-run` shows: the same in the table and in `--json`.
struct DryRun: Encodable {
    struct FailedRule: Encodable {
        let rule: String
        let organizationID: Int64
        let error: String
    }

    let day: Day
    let evaluated: Int
    let planned: [PlannedNotice]
    let withoutRecipient: [UnaddressedNotice]
    let failures: [FailedRule]

    init(day: Day, report: SweepReport) {
        self.day = day
        evaluated = report.evaluated
        planned = report.planned
        withoutRecipient = report.withoutRecipient
        failures = report.failures.map {
            FailedRule(rule: $0.rule, organizationID: $0.organizationID, error: "\($0.error)")
        }
    }

    static func lines(_ report: SweepReport) -> [String] {
        let planned = report.planned.map { notice in
            let to = notice.userID.map { "user \($0)" } ?? notice.intent
            return
                "\(notice.alreadySent ? "(sent) " : "")\(notice.rule)  \(notice.organization)(\(notice.organizationID)) → \(to) [\(notice.key)]: \(notice.title)"
        }
        // One line per rule, organisation and reason: a rule's notices to one secretary-less branch are one finding.
        var groups: [String: [UnaddressedNotice]] = [:]
        var order: [String] = []
        for notice in report.withoutRecipient {
            let line = "NO RECIPIENT \(notice.rule)  \(notice.organization)(\(notice.organizationID)): \(notice.reason)"
            if groups[line] == nil { order.append(line) }
            groups[line, default: []].append(notice)
        }
        let unaddressed = order.map { line in
            let notices = groups[line]!
            return line
                + (notices.count == 1
                    ? " [\(notices[0].key)]: \(notices[0].title)"
                    : " (\(notices.count) notices: \(notices.map(\.key).joined(separator: ", ")))")
        }
        let failures = report.failures.map { "FAILED \($0.rule) for organisation \($0.organizationID): \($0.error)" }
        return planned + unaddressed + failures
    }
}

struct RulesExplain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "List the rules that apply to an organisation, with the pack and version each comes from.")

    @OptionGroup var options: HostOptions

    @Argument(help: "The organisation id.")
    var org: Int64

    func run() async throws {
        let configuration = try await options.loadConfiguration()
        let host = try await options.openHost(configuration, readOnly: true)
        let rules = try await loadRules(configuration, host: host)
        let organization = try await host.organizations.get(org, by: .system)
        print("\(organization.name) (\(organization.id), \(organization.kind.zh))")
        for entry in rules.explain(path: organization.path) {
            print("  \(entry.rule)  \(entry.active ? entry.version : "switched off")  from \(entry.pack)")
        }
        await host.stop()
    }
}

struct RulesTest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run a pack's *_test.lua fixtures: given records and a day, expect exactly these reminders.",
        discussion:
            "A district pack is tested over the configured baseline. Prints one line per fixture and a closing `N passed, N failed` line; exits 1 on any failure."
    )

    @OptionGroup var options: HostOptions

    @Argument(help: "Pack directories (default: the baselines: rules.baseline and each enabled plugin's rules/).")
    var directories: [String] = []

    func run() async throws {
        let configuration = try await options.loadConfiguration()
        let limits = configuration.luaLimits
        let baselineDirectories = try baselineDirectories(configuration)
        let baselines = try baselineDirectories.map {
            try RulePack.load(directory: $0, limits: limits).mapError { Failure(description: $0.description) }.get()
        }
        var passed = 0
        var failed = 0
        for directory in directories.isEmpty ? baselineDirectories : directories {
            let pack = try RulePack.load(directory: directory, limits: limits).mapError {
                Failure(description: $0.description)
            }.get()
            // A baseline pack is tested alone; a district pack over every baseline it may override.
            let rules =
                baselineDirectories.contains(pack.directory)
                ? RuleSet(baseline: pack)
                : RuleSet(baselines: baselines, bindings: [.init(pack: pack, organizationID: 1)])
            let runner = FixtureRunner(
                rules: rules, limits: limits, calendar: try configuration.workCalendar(),
                plugins: try enabledPlugins(configuration))
            for (file, fixture) in try FixtureRunner.fixtures(in: directory, limits: limits) {
                let outcome = await runner.run(file: file, fixture: fixture)
                if let problem = outcome.problem {
                    failed += 1
                    print("FAIL \(file): \(outcome.name)\n     \(problem)")
                } else {
                    passed += 1
                    print("ok   \(file): \(outcome.name)")
                }
            }
        }
        print("\(passed) passed, \(failed) failed")
        if failed > 0 { throw ExitCode(1) }
    }
}
