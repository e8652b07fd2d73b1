import DangjianHTTPTestSupport
import Testing
@testable import SecretaryProjects

/// Every fixture shipped with the plugin's pack, run as `dangjian rules test plugins/SecretaryProjects/rules` runs them.
@Suite struct ShippedFixturesTests {
    @Test func theShippedFixturesPass() async throws {
        try await ShippedFixtures.run(
            plugins: [SecretaryProjectsPlugin(rulesDirectory: secretaryRulesDirectory)],
            rulesDirectory: secretaryRulesDirectory, minimum: 25)
    }
}
