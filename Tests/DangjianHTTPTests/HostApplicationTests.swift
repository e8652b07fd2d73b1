import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
@testable import Dangjian
import DangjianDemo
@testable import DangjianHTTP
import DangjianLua
import DangjianHTTPTestSupport
import DangjianTestSupport

/// `serve` and this test build the same application from a configuration, and its service group
/// runs and stops every long-lived part (issue 14, point 1).
@Suite struct HostApplicationTests {
    @Test func theApplicationServeRunsStartsAndStopsEveryPart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "dangjian-app-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var configuration = HostConfiguration()
        configuration.dataDirectory = directory.path
        configuration.bcryptCost = 4
        configuration.rulesBaseline = RulesAdminTests.baseline
        configuration.rulesCalendar = ""
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let built = try await buildApplication(
            configuration: configuration, plugins: [], clock: ManualClock(TemporaryHost.start), logger: logger,
            prepare: { host in _ = try await DemoDistrict(host: host, today: Day(TemporaryHost.start)).load() })
        #expect(built.rules != nil)
        #expect(built.host.scheduler.jobIDs.contains("kernel.rules-sweep"))
        try await built.application.test(.live) { client in
            let admin = try await client.login(DemoDistrict.adminUsername)
            let status = try await client.send(.get, "/api/v1/admin/rules", token: admin)
            #expect(status.status == .ok && status.text.contains("term-ends-soon"), "\(status.text)")
            let jobs = try await client.send(.get, "/api/v1/admin/jobs", token: admin)
            #expect(jobs.text.contains("kernel.rules-sweep"))
        }
        // The group's last step stopped the host: its database is closed.
        await #expect(throws: (any Error).self) { _ = try await built.host.isEmpty() }
    }

    /// The tests' application is the one `serve` builds: the rules load and schedule their sweep,
    /// and the host outlives each router run until the test closes it.
    @Test func aTestApplicationIsBuiltAsServeBuildsIt() async throws {
        let app = try await TestApplication.open(configure: {
            $0.rulesBaseline = RulesAdminTests.baseline; $0.rulesCalendar = ""
        })
        #expect(app.rules != nil)
        #expect(app.host.scheduler.jobIDs.contains("kernel.rules-sweep"))
        for _ in 1...2 {
            let status = try await app.test { client in try await client.send(.get, "/healthz").status }
            #expect(status == .ok)
        }
        #expect(try await app.host.isEmpty())
        await app.close()
        await #expect(throws: (any Error).self) { _ = try await app.host.isEmpty() }
    }

    @Test func aBrokenPackStopsTheBuild() async throws {
        let pack = try TemporaryFiles.directory(["broken.lua": "reminder { id = \"x\" "])
        defer { try? FileManager.default.removeItem(atPath: pack) }
        var configuration = HostConfiguration()
        configuration.dataDirectory = pack + "/db"
        configuration.rulesBaseline = pack
        configuration.rulesCalendar = ""
        await #expect(throws: PackErrors.self) {
            _ = try await buildApplication(configuration: configuration, plugins: [])
        }
    }
}
