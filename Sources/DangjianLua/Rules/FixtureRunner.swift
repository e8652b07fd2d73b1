import Dangjian
import Foundation
import Logging

/// Runs a pack's `*_test.lua` fixtures. A fixture gives a day, organisations and members, and
/// the notices it expects; the records go through the real registries into a throwaway
/// database, the rules run as a dry run, and exactly the expected notices must appear.
///
///     fixture {
///       name = "probation ends in 5 days",
///       today = "2026-06-15",
///       organizations = { { key = "b", name = "一中支部", kind = "branch", term_start = "2023-07-10" } },
///       members = { { organization = "b", name = "李预备", status = "probationary", admittedOn = "2025-06-20", … } },
///       expect = { { rule = "probation-ends-soon", organization = "b", contains = "李预备" } },
///     }
///
/// A member with `account = true` gets an account of their own, and an expectation with
/// `member = "key"` matches only a notice to that member (`notify = "member"`).
public struct FixtureRunner: Sendable {
    /// What one fixture came to: passed, or the first problem found.
    public struct Outcome: Sendable {
        /// The fixture file's path.
        public let file: String
        /// The fixture's `name`, or "(unnamed)".
        public let name: String
        /// What did not match, in words; nil when the fixture passed.
        public let problem: String?
        /// Whether the fixture passed.
        public var passed: Bool { problem == nil }
    }

    let rules: RuleSet
    let limits: LuaLimits
    let calendar: WorkCalendar
    let plugins: [any HostPlugin]

    /// A runner for the `*_test.lua` fixtures of one pack; each fixture gets a fresh host on a
    /// temporary database of its own.
    /// - Parameters:
    ///   - rules: the pack under test as the only baseline, or bound over the baselines when it
    ///     is a district pack (so its overrides and switches apply). A fixture checks the rules
    ///     of the pack under test: an unexpected notice of a rule it neither declares nor disables
    ///     is not a failure (expectations may still name such rules).
    ///   - plugins: the plugins whose tables, `dj` functions and fixture data the rules use.
    public init(
        rules: RuleSet, limits: LuaLimits, calendar: WorkCalendar = .weekendsOnly, plugins: [any HostPlugin] = []
    ) {
        self.rules = rules
        self.limits = limits
        self.calendar = calendar
        self.plugins = plugins
    }

    /// The rule ids the pack under test declares or switches off.
    var idsUnderTest: Set<String> {
        let pack = rules.bindings.last?.pack ?? rules.baseline
        return Set(pack.declarations.compactMap { $0.kind == .disable ? $0.fields["id"]?.string : $0.id })
    }

    /// The fixtures declared in `directory`'s `*_test.lua` files.
    public static func fixtures(in directory: String, limits: LuaLimits) throws -> [(file: String, fixture: LuaValue)] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter {
            $0.hasSuffix("_test.lua")
        }.sorted()
        var found: [(String, LuaValue)] = []
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let source = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            let collected = FixtureBox()
            let vm = try LuaVM(limits: limits)
            // A file that does not load is one failing fixture, not the end of the run.
            do {
                let chunk = try vm.compile(
                    source, name: path,
                    globals: [
                        "fixture": .function("fixture") { args in
                            guard let table = args.first, table.table != nil else {
                                throw LuaError(
                                    kind: .badValue,
                                    message: "fixture expects a table: fixture { name = …, today = …, … }")
                            }
                            collected.append(table)
                            return []
                        }
                    ])
                _ = try vm.run(chunk)
            } catch {
                found.append((path, ["name": .string("(file does not load)"), "load_error": .string("\(error)")]))
                continue
            }
            found += collected.values.map { (path, $0) }
        }
        return found
    }

    /// Runs one fixture from `file` in a fresh host of its own and compares what the rules planned
    /// with what the fixture expects. Never throws: a failure is the outcome's `problem`.
    public func run(file: String, fixture: LuaValue) async -> Outcome {
        let name = fixture["name"].string ?? "(unnamed)"
        do {
            return Outcome(file: file, name: name, problem: try await evaluate(fixture))
        } catch let error as DangjianError {
            return Outcome(
                file: file, name: name,
                problem: "fixture data refused: \(error.code): \(error.en) \(error.field.map { "(\($0))" } ?? "")")
        } catch {
            return Outcome(file: file, name: name, problem: "\(error)")
        }
    }

    /// nil when the fixture passes, else what differed.
    func evaluate(_ fixture: LuaValue) async throws -> String? {
        if let error = fixture["load_error"].string { return error }
        guard let todayText = fixture["today"].string, let today = Day(todayText) else {
            return "today must be \"YYYY-MM-DD\""
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "dangjian-fixture-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var configuration = HostConfiguration()
        configuration.dataDirectory = directory.path
        configuration.bcryptCost = 4
        var logger = Logger(label: "fixture")
        logger.logLevel = .critical
        // Organisations are set up years before the fixture's day, so every period before it
        // counts; members are registered on the day itself, so their dates are in the past.
        let clock = ManualClock(today.adding(years: -5).start)
        let host = try await DangjianHost.open(
            configuration: configuration, plugins: plugins, clock: clock, logger: logger)
        defer { Task { await host.stop() } }
        let root = try await host.organizations.create(
            .init(parentID: nil, name: "测试区委", kind: "committee"), by: .system)
        var ids: [String: Int64] = [:]
        for (index, entry) in (fixture["organizations"].table?.array ?? []).enumerated() {
            let key = entry["key"].string ?? "org\(index + 1)"
            let organization = try await host.organizations.create(
                OrganizationDraft(
                    parentID: entry["parent"].string.flatMap { ids[$0] } ?? root.id, name: entry["name"].string,
                    kind: entry["kind"].string,
                    domain: entry["domain"].string, termStart: entry["term_start"].string,
                    termEnd: entry["term_end"].string), by: .system)
            ids[key] = organization.id
            // Every fixture organisation has a secretary account, so notices have someone to go to.
            _ = try await host.users.create(
                UserDraft(
                    username: "secretary-\(organization.id)", displayName: "书记", password: "fixture1",
                    grants: [GrantDraft(role: "secretary", organizationID: organization.id)]), by: .system)
        }
        clock.set(today.start.addingTimeInterval(12 * 3600))
        var memberIDs: [String: Int64] = [:]
        // `account = true`: the member logs in too, so a notice to them (`notify = "member"`) is delivered.
        var accounts: [String: Int64] = [:]
        for entry in fixture["members"].table?.array ?? [] {
            let fields = entry.table?.fields.filter { !["organization", "key", "account"].contains($0.key) } ?? [:]
            var draft = try LuaBridge.decode(MemberDraft.self, from: .table(LuaTable(fields: fields)))
            draft.organizationID = entry["organization"].string.flatMap { ids[$0] }
            let member = try await host.members.create(draft, by: .system)
            if let key = entry["key"].string { memberIDs[key] = member.id }
            if entry["account"].bool == true {
                let user = try await host.users.create(
                    UserDraft(
                        username: "member-\(member.id)", displayName: member.name, password: "fixture1",
                        memberID: member.id, grants: [GrantDraft(role: "member", organizationID: member.organizationID)]
                    ), by: .system)
                if let key = entry["key"].string { accounts[key] = user.id }
            }
        }
        let data = FixtureData(today: today, organizations: ids, members: memberIDs)
        for plugin in host.rulePlugins where !fixture[plugin.id].isNil {
            try await plugin.loadFixture(fixture[plugin.id], data, host: host)
        }
        let bound = rules.rebound(rules.bindings.map { .init(pack: $0.pack, organizationID: root.id) })
        let report = try await RuleEngine(host: host, rules: bound, limits: limits, calendar: calendar, poolSize: 1)
            .sweep(at: today, dryRun: true)
        if let failure = report.failures.first { return "rule \(failure.rule) failed: \(failure.error)" }
        var planned = report.planned
        var problems: [String] = []
        for expected in fixture["expect"].table?.array ?? [] {
            let rule = expected["rule"].string ?? ""
            if let key = expected["organization"].string, ids[key] == nil {
                problems.append("expect names organisation \"\(key)\", which the fixture does not declare")
                continue
            }
            if let key = expected["member"].string, accounts[key] == nil {
                problems.append(
                    "expect names member \"\(key)\", which the fixture does not declare with account = true")
                continue
            }
            let organization = expected["organization"].string.flatMap { ids[$0] }
            let person = expected["member"].string.flatMap { accounts[$0] }
            let fragment = expected["contains"].string
            if let index = planned.firstIndex(where: { notice in
                notice.rule == rule && (organization == nil || notice.organizationID == organization)
                    && (person == nil || notice.userID == person)
                    && (fragment.map { notice.title.contains($0) || notice.body.contains($0) } ?? true)
            }) {
                planned.remove(at: index)
            } else {
                let to = expected["member"].string.map { " to member \($0)" } ?? ""
                problems.append(
                    "expected \(rule) for \(expected["organization"].string ?? "any")\(to)\(fragment.map { " containing \"\($0)\"" } ?? ""), got none"
                )
            }
        }
        // Left over and not expected: a problem only for the rules of the pack under test.
        let tested = idsUnderTest
        problems += planned.filter { tested.contains($0.rule) }.map {
            "unexpected \($0.rule) for \($0.organization): \($0.title)"
        }
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }
}

/// Collects fixtures while a test file runs; only ever touched on that file's VM.
private final class FixtureBox: @unchecked Sendable {
    var values: [LuaValue] = []
    func append(_ value: LuaValue) { values.append(value) }
}
