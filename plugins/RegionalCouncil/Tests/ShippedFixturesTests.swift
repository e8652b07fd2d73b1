import DangjianHTTPTestSupport
import Testing
@testable import RegionalCouncil

/// Every fixture shipped with the plugin's pack, run as `dangjian rules test plugins/RegionalCouncil/rules` runs them.
@Suite struct ShippedFixturesTests {
    @Test func theShippedFixturesPass() async throws {
        try await ShippedFixtures.run(
            plugins: [RegionalCouncilPlugin(rulesDirectory: councilRulesDirectory)],
            rulesDirectory: councilRulesDirectory, minimum: 15)
    }
}
