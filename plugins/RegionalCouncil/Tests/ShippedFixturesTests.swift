import Dangjian
import DangjianLua
import Foundation
import Testing
@testable import RegionalCouncil

/// Every fixture shipped with the plugin's pack, run as `dangjian rules test plugins/RegionalCouncil/rules` runs them.
@Suite struct ShippedFixturesTests {
    @Test func theShippedFixturesPass() async throws {
        let plugin = RegionalCouncilPlugin(rulesDirectory: councilRulesDirectory)
        let rules = RuleSet(baseline: try RulePack.load(directory: plugin.rulesDirectory).get())
        let fixtures = try FixtureRunner.fixtures(in: plugin.rulesDirectory, limits: LuaLimits())
        #expect(fixtures.count >= 15)
        let runner = FixtureRunner(rules: rules, limits: LuaLimits(), plugins: [plugin])
        for (file, fixture) in fixtures {
            let outcome = await runner.run(file: file, fixture: fixture)
            #expect(outcome.passed, "\(outcome.name): \(outcome.problem ?? "")")
        }
    }
}
