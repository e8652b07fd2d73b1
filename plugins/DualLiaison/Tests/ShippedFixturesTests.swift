import DangjianHTTPTestSupport
import Testing
@testable import DualLiaison

/// Every fixture shipped with the plugin's pack, run as `dangjian rules test plugins/DualLiaison/rules`
/// runs them: the pack alone, with the council's data and functions beside it.
@Suite struct ShippedFixturesTests {
    @Test func theShippedFixturesPass() async throws {
        try await ShippedFixtures.run(plugins: liaisonPlugins(), rulesDirectory: liaisonRulesDirectory, minimum: 12)
    }
}
