import Dangjian
import DangjianLua
import Testing

/// A plugin's shipped fixtures, run as `dangjian rules test` runs them.
public enum ShippedFixtures {
    /// Runs every fixture under `rulesDirectory` and expects each to pass, and at least `minimum`
    /// of them (a pack that lost its fixtures fails too).
    /// - Parameters:
    ///   - plugins: the plugins whose tables, `dj` functions and fixture data the rules use.
    ///   - rules: the rules the fixtures check; by default the pack at `rulesDirectory` alone.
    public static func run(
        plugins: [any HostPlugin], rulesDirectory: String, rules: RuleSet? = nil, minimum: Int,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let rules = try rules ?? RuleSet(baseline: try RulePack.load(directory: rulesDirectory).get())
        let fixtures = try FixtureRunner.fixtures(in: rulesDirectory, limits: LuaLimits())
        #expect(
            fixtures.count >= minimum, "\(rulesDirectory) ships \(fixtures.count) fixtures",
            sourceLocation: sourceLocation)
        let runner = FixtureRunner(rules: rules, limits: LuaLimits(), plugins: plugins)
        for (file, fixture) in fixtures {
            let outcome = await runner.run(file: file, fixture: fixture)
            #expect(outcome.passed, "\(outcome.name): \(outcome.problem ?? "")", sourceLocation: sourceLocation)
        }
    }
}
