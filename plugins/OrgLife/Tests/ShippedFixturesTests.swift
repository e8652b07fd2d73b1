import DangjianHTTPTestSupport
import DangjianLua
import DangjianTestSupport
import Testing
@testable import OrgLife

/// Every fixture shipped with the plugin's pack and with the example district, run as
/// `dangjian rules test` runs them: the plugin's pack alone, the district over every baseline.
@Suite struct ShippedFixturesTests {
    @Test(arguments: ["plugins/OrgLife/rules", "scripts/districts/example"])
    func theShippedFixturesPass(pack directory: String) async throws {
        let plugin = OrgLifePlugin(rulesDirectory: orgLifeRulesDirectory)
        let own = try RulePack.load(directory: plugin.rulesDirectory).get()
        let pack = try RulePack.load(directory: Checkout.path(directory)).get()
        let rules =
            directory.hasPrefix("plugins")
            ? RuleSet(baseline: own)
            : RuleSet(
                baselines: [try RulePack.load(directory: Checkout.kernelRules).get(), own],
                bindings: [.init(pack: pack, organizationID: 1)])
        try await ShippedFixtures.run(
            plugins: [plugin], rulesDirectory: Checkout.path(directory), rules: rules, minimum: 8)
    }
}
