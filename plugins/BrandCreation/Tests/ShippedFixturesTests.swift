import DangjianHTTPTestSupport
import Testing
@testable import BrandCreation

/// Every fixture shipped with the plugin's pack, run as `dangjian rules test plugins/BrandCreation/rules` runs them.
@Suite struct ShippedFixturesTests {
    @Test func theShippedFixturesPass() async throws {
        try await ShippedFixtures.run(
            plugins: [BrandCreationPlugin(rulesDirectory: brandRulesDirectory)], rulesDirectory: brandRulesDirectory,
            minimum: 13)
    }
}
