import Dangjian
import DangjianLua
import Foundation
import Testing
@testable import OrgLife

/// Every fixture shipped with the plugin's pack and with the example district, run as
/// `dangjian rules test` runs them: the plugin's pack alone, the district over every baseline.
@Suite struct ShippedFixturesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../..")
        .standardized.path

    @Test(arguments: ["plugins/OrgLife/rules", "scripts/districts/example"])
    func theShippedFixturesPass(pack directory: String) async throws {
        let plugin = OrgLifePlugin(rulesDirectory: Self.root + "/plugins/OrgLife/rules")
        let kernel = try RulePack.load(directory: Self.root + "/scripts/rules").get()
        let own = try RulePack.load(directory: plugin.rulesDirectory).get()
        let pack = try RulePack.load(directory: Self.root + "/" + directory).get()
        let rules =
            directory.hasPrefix("plugins")
            ? RuleSet(baseline: own)
            : RuleSet(baselines: [kernel, own], bindings: [.init(pack: pack, organizationID: 1)])
        let fixtures = try FixtureRunner.fixtures(in: Self.root + "/" + directory, limits: LuaLimits())
        #expect(fixtures.count >= 8)
        let runner = FixtureRunner(rules: rules, limits: LuaLimits(), plugins: [plugin])
        for (file, fixture) in fixtures {
            let outcome = await runner.run(file: file, fixture: fixture)
            #expect(outcome.passed, "\(outcome.name): \(outcome.problem ?? "")")
        }
    }
}
