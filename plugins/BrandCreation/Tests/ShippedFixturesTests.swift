import Dangjian
import DangjianLua
import Foundation
import Testing
@testable import BrandCreation

/// Every fixture shipped with the plugin's pack, run as `dangjian rules test plugins/BrandCreation/rules` runs them.
@Suite struct ShippedFixturesTests {
    @Test func theShippedFixturesPass() async throws {
        let plugin = BrandCreationPlugin(rulesDirectory: brandRulesDirectory)
        let rules = RuleSet(baseline: try RulePack.load(directory: plugin.rulesDirectory).get())
        let fixtures = try FixtureRunner.fixtures(in: plugin.rulesDirectory, limits: LuaLimits())
        #expect(fixtures.count >= 13)
        let runner = FixtureRunner(rules: rules, limits: LuaLimits(), plugins: [plugin])
        for (file, fixture) in fixtures {
            let outcome = await runner.run(file: file, fixture: fixture)
            #expect(outcome.passed, "\(outcome.name): \(outcome.problem ?? "")")
        }
    }
}
