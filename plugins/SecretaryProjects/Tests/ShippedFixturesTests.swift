import Dangjian
import DangjianLua
import Foundation
import Testing
@testable import SecretaryProjects

/// Every fixture shipped with the plugin's pack, run as `dangjian rules test plugins/SecretaryProjects/rules` runs them.
@Suite struct ShippedFixturesTests {
    @Test func theShippedFixturesPass() async throws {
        let plugin = SecretaryProjectsPlugin(rulesDirectory: secretaryRulesDirectory)
        let rules = RuleSet(baseline: try RulePack.load(directory: plugin.rulesDirectory).get())
        let fixtures = try FixtureRunner.fixtures(in: plugin.rulesDirectory, limits: LuaLimits())
        #expect(fixtures.count >= 25)
        let runner = FixtureRunner(rules: rules, limits: LuaLimits(), plugins: [plugin])
        for (file, fixture) in fixtures {
            let outcome = await runner.run(file: file, fixture: fixture)
            #expect(outcome.passed, "\(outcome.name): \(outcome.problem ?? "")")
        }
    }
}
