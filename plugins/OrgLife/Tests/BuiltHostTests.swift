import Dangjian
import DangjianHTTP
import DangjianHTTPTestSupport
import DangjianLua
import DangjianTestSupport
import Foundation
import Hummingbird
import Logging
import Testing
@testable import OrgLife

/// The plugin as `serve` makes it: each built host makes its own OrgLife value, given the rule
/// lookup at construction, and the yearly evaluation scores through that host's rules without
/// anything attached later (issue 14, point 6).
@Suite struct BuiltHostTests {
    static func build() async throws -> (built: HostApplication<some ApplicationProtocol>, directory: URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "dangjian-orglife-\(UUID().uuidString)")
        var configuration = HostConfiguration()
        configuration.dataDirectory = directory.path
        configuration.rulesBaseline = SupervisionDistrict.kernelRules
        configuration.rulesPlugins = ["orglife": SupervisionDistrict.rules]
        configuration.rulesCalendar = ""
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let built = try await buildApplication(
            configuration: configuration, plugins: [OrgLifePlugin.self],
            clock: ManualClock(Day("2027-01-15")!.start.addingTimeInterval(9 * 3600)), logger: logger)
        return (built, directory)
    }

    @Test func eachBuiltHostScoresTheYearThroughItsOwnRules() async throws {
        let (first, firstDirectory) = try await Self.build()
        let (second, secondDirectory) = try await Self.build()
        defer {
            for directory in [firstDirectory, secondDirectory] { try? FileManager.default.removeItem(at: directory) }
        }
        let plugins = try [first, second].map { try #require($0.host.plugins.ordered.first as? OrgLifePlugin) }
        #expect(plugins[0] !== plugins[1])
        #expect(plugins[0].rules.running === first.rules && plugins[1].rules.running === second.rules)
        #expect(first.rules != nil && first.rules !== second.rules)
        for built in [first, second] {
            let plugin = try #require(built.host.plugins.ordered.first as? OrgLifePlugin)
            let root = try await built.host.organizations.create(
                .init(parentID: nil, name: "示范街道党工委", kind: "committee"), by: .system)
            let branch = try await built.host.organizations.create(
                .init(parentID: root.id, name: "甲社区支部", kind: "branch"), by: .system)
            let evaluation = try await Supervision(host: built.host, plugin: plugin).evaluate(
                year: 2026, under: root.id, by: .system)
            #expect(evaluation.failures.isEmpty && evaluation.entries.map(\.organizationID) == [branch.id])
            #expect(evaluation.entries.first?.items.contains { $0.item == "主题党日" } == true)
            await built.host.stop()
        }
    }
}
