import Dangjian
import DangjianLua
import Foundation
import Testing
@testable import DualLiaison
@testable import RegionalCouncil

/// Every fixture shipped with the plugin's pack, run as `dangjian rules test plugins/DualLiaison/rules`
/// runs them: the pack alone, with the council's data and functions beside it.
@Suite struct ShippedFixturesTests {
    @Test func theShippedFixturesPass() async throws {
        let rules = RuleSet(baseline: try RulePack.load(directory: liaisonRulesDirectory).get())
        let fixtures = try FixtureRunner.fixtures(in: liaisonRulesDirectory, limits: LuaLimits())
        #expect(fixtures.count >= 12)
        let runner = FixtureRunner(rules: rules, limits: LuaLimits(), plugins: liaisonPlugins())
        for (file, fixture) in fixtures {
            let outcome = await runner.run(file: file, fixture: fixture)
            #expect(outcome.passed, "\(outcome.name): \(outcome.problem ?? "")")
        }
    }
}
