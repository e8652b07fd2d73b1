import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Dangjian
import DangjianDemo
@testable import DangjianHTTP
import DangjianHTTPTestSupport
import DangjianLua
import DangjianTestSupport
@testable import DualLiaison
@testable import RegionalCouncil

/// `plugins.disabled` and `plugins.settings` for this plugin.
@Suite struct SwitchingTests {
    @Test func switchedOffTheRoutesAnswer404AndTheDataWaitsUntilItIsSwitchedOnAgain() async throws {
        let t = try await openLiaisonHost()
        defer { Task { await t.close() } }
        let w = try await LiaisonWorld.make(t)
        try await w.assign(t, w.east, leader: w.leaderWang, staff: w.staffZhou)
        _ = try await t.create(Account("office", .secretary, on: w.bureau))
        let coverage = "/api/v1/liaison/committees/\(w.committee.id)/coverage"

        let off = try await TestApplication.open(plugins: PluginValuesTests.types) {
            $0.dataDirectory = t.directory.path
            $0.disabledPlugins = ["liaison"]
        }
        #expect(off.host.plugins.ids == ["council"] && off.host.rulePlugins.map(\.id) == ["council"])
        try await off.test { client in
            let token = try await client.login("office")
            expectErrorBody(try await client.send(.get, coverage, token: token), .notFound, "route.notFound")
            // The council itself still answers.
            #expect(
                try await client.send(.get, "/api/v1/council/committees/\(w.committee.id)", token: token).status == .ok)
        }
        #expect(try await off.host.store.read { s in try s.scalarInt("SELECT COUNT(*) FROM liaison_assignments") } == 2)
        await off.host.stop()

        let on = try await TestApplication.open(plugins: PluginValuesTests.types) {
            $0.dataDirectory = t.directory.path
        }
        try await on.test { client in
            let token = try await client.login("office")
            let report = try await client.send(.get, coverage, token: token)
            #expect(report.status == .ok)
            #expect(try report.decoded(LiaisonCoverage.self).covered == 1)
        }
        await on.host.stop()
    }

    @Test func theCouncilCannotBeSwitchedOffUnderTheLiaisonPlugin() {
        #expect(throws: PluginError.missingDependency(plugin: "liaison", dependency: "council")) {
            try PluginSet(available: liaisonPlugins(), disabledIDs: ["council"])
        }
        #expect(throws: Never.self) { try PluginSet(available: liaisonPlugins(), disabledIDs: ["liaison", "council"]) }
    }

    @Test func onlyAQuotaFromOneToTwentyIsASetting() async throws {
        let plugin = DualLiaisonPlugin(council: RegionalCouncilPlugin())
        #expect(plugin.checkSettings(["maxSubCouncilsPerPerson": "3"]).isEmpty)
        let problems = plugin.checkSettings(["maxSubCouncilsPerPerson": "0", "maxSubcouncils": "2"])
        #expect(problems.count == 2)
        #expect(problems.contains { $0.contains("liaison.maxSubCouncilsPerPerson") && $0.contains("1 到 20") })
        #expect(problems.contains { $0.contains("liaison.maxSubcouncils") && $0.contains("unknown setting") })
        #expect(Liaisons.quota([:]) == 1 && Liaisons.quota(["maxSubCouncilsPerPerson": "2"]) == 2)
        // The host refuses to open with a wrong setting, naming it.
        do {
            _ = try await openLiaisonHost(configure: { $0.pluginSettings = ["liaison.maxSubCouncilsPerPerson": "many"] }
            )
            Issue.record("the host opened with a wrong setting")
        } catch let error as ConfigurationError {
            #expect(
                error.problems == [
                    "plugins.settings: liaison.maxSubCouncilsPerPerson: 应为 1 到 20 之间的整数 / must be a whole number from 1 to 20, got many"
                ])
        }
        // From the environment, as a list like plugins.disabled.
        let configuration = try await HostConfiguration.load(
            file: nil, environment: ["DANGJIAN_PLUGINS_SETTINGS": "liaison.maxSubCouncilsPerPerson=2"])
        #expect(configuration.settings(of: "liaison") == ["maxSubCouncilsPerPerson": "2"])
        #expect(PluginSet.settingsProblems(configuration.pluginSettings, available: liaisonPlugins()).isEmpty)
    }
}
