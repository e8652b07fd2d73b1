import Foundation
import Testing
@testable import Dangjian

@Suite struct ConfigurationTests {
    func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dangjian-\(UUID().uuidString).yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func theShippedDefaultsAreValid() async throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../config/dangjian.yaml").path
        let configuration = try await HostConfiguration.load(file: path, environment: [:])
        #expect(configuration.httpPort == 8080 && configuration.httpHost == "127.0.0.1")
        #expect(configuration.resolvedDatabasePath == "data/dangjian.sqlite")
        let production = try await HostConfiguration.load(file: path.replacingOccurrences(of: "dangjian.yaml", with: "examples/production.yaml"), environment: [:])
        #expect(production.listensBeyondLoopback)
    }

    @Test func theEnvironmentOverridesTheFile() async throws {
        let path = try file("http:\n  port: 9000\nplugins:\n  disabled: [dues]\n")
        let configuration = try await HostConfiguration.load(file: path, environment: [
            "DANGJIAN_HTTP_PORT": "9100", "DANGJIAN_SECURITY_BCRYPT_COST": "5", "DANGJIAN_ADMIN_PASSWORD": "ignored",
        ])
        #expect(configuration.httpPort == 9100)
        #expect(configuration.bcryptCost == 5)
        #expect(configuration.disabledPlugins == ["dues"])
    }

    @Test func everyWrongValueIsReportedWithItsKey() async throws {
        let path = try file("http:\n  port: abc\n  prot: 1\nsecurity:\n  bcryptCost: 99\nlog:\n  level: loud\n")
        do {
            _ = try await HostConfiguration.load(file: path, environment: ["DANGJIAN_SCHEDULER_ENABLED": "maybe", "DANGJIAN_HTTP_PROT": "1"])
            Issue.record("expected a configuration error")
        } catch let error as ConfigurationError {
            let text = error.problems.joined(separator: "\n")
            for key in ["http.port", "http.prot", "security.bcryptCost", "log.level", "scheduler.enabled", "DANGJIAN_HTTP_PROT"] {
                #expect(text.contains(key), "missing \(key) in \(text)")
            }
            #expect(error.problems.count == 6)
        }
    }

    @Test func pluginRulePacksCanBeMovedByID() async throws {
        let path = try file("rules:\n  plugins: [orglife=/opt/dangjian/plugins/OrgLife/rules]\n")
        let configuration = try await HostConfiguration.load(file: path, environment: [:])
        #expect(configuration.rulesPlugins == ["orglife": "/opt/dangjian/plugins/OrgLife/rules"])
        await #expect(throws: ConfigurationError.self) {
            _ = try await HostConfiguration.load(file: try file("rules:\n  plugins: [orglife]\n"), environment: [:])
        }
    }

    @Test func aMissingOrBrokenFileIsAClearError() async throws {
        await #expect(throws: ConfigurationError.self) { _ = try await HostConfiguration.load(file: "/nonexistent/dangjian.yaml", environment: [:]) }
        let broken = try file("http: [unclosed\n")
        await #expect(throws: ConfigurationError.self) { _ = try await HostConfiguration.load(file: broken, environment: [:]) }
    }
}
