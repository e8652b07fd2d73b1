import Foundation
import Testing
@testable import Dangjian
import DangjianTestSupport

@Suite struct ConfigurationTests {
    func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dangjian-\(UUID().uuidString).yaml")
            .path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func theShippedDefaultsAreValid() async throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../config/dangjian.yaml"
        ).path
        let configuration = try await HostConfiguration.load(file: path, environment: [:])
        #expect(configuration.httpPort == 8080 && configuration.httpHost == "127.0.0.1")
        #expect(configuration.resolvedDatabasePath == "data/dangjian.sqlite")
        let production = try await HostConfiguration.load(
            file: path.replacingOccurrences(of: "dangjian.yaml", with: "examples/production.yaml"), environment: [:])
        #expect(production.listensBeyondLoopback)
        let channels = try await HostConfiguration.load(
            file: path.replacingOccurrences(of: "dangjian.yaml", with: "examples/channels.yaml"), environment: [:])
        #expect(channels.delivery.routes["escalation"] == [.group, .parentGroup])
        #expect(channels.delivery.smtp.host == "smtp.example.gov.cn" && channels.delivery.smtp.password.isEmpty)
    }

    @Test func theEnvironmentOverridesTheFile() async throws {
        let path = try file("http:\n  port: 9000\nplugins:\n  disabled: [dues]\n")
        let configuration = try await HostConfiguration.load(
            file: path,
            environment: [
                "DANGJIAN_HTTP_PORT": "9100", "DANGJIAN_SECURITY_BCRYPT_COST": "5",
                "DANGJIAN_ADMIN_PASSWORD": "ignored",
            ])
        #expect(configuration.httpPort == 9100)
        #expect(configuration.bcryptCost == 5)
        #expect(configuration.disabledPlugins == ["dues"])
    }

    @Test func everyWrongValueIsReportedWithItsKey() async throws {
        let path = try file("http:\n  port: abc\n  prot: 1\nsecurity:\n  bcryptCost: 99\nlog:\n  level: loud\n")
        do {
            _ = try await HostConfiguration.load(
                file: path, environment: ["DANGJIAN_SCHEDULER_ENABLED": "maybe", "DANGJIAN_HTTP_PROT": "1"])
            Issue.record("expected a configuration error")
        } catch let error as ConfigurationError {
            let text = error.problems.joined(separator: "\n")
            for key in [
                "http.port", "http.prot", "security.bcryptCost", "log.level", "scheduler.enabled", "DANGJIAN_HTTP_PROT",
            ] {
                #expect(text.contains(key), "missing \(key) in \(text)")
            }
            #expect(error.problems.count == 6)
        }
    }

    /// Issue 15: the delivery section, its routes, and the sealing key's shape.
    @Test func theDeliverySectionIsReadAndChecked() async throws {
        let path = try file(
            "delivery:\n  routes: [reminder=group+email, secretary.bulletin=parentGroup]\n  maxAttempts: 3\n"
                + "  smtp:\n    host: mail.example.cn\n    from: notice@example.cn\n")
        let c = try await HostConfiguration.load(
            file: path, environment: ["DANGJIAN_DELIVERY_SMTP_PASSWORD": "hunter2"])
        #expect(c.delivery.routes == ["reminder": [.group, .email], "secretary.bulletin": [.parentGroup]])
        #expect(c.delivery.maxAttempts == 3 && c.delivery.smtp.host == "mail.example.cn")
        #expect(c.delivery.smtp.password == "hunter2")
        let bad = try file("delivery:\n  routes: [reminder=pager]\n  key: c2hvcnQ=\n  consoleUrl: ftp://x\n")
        do {
            _ = try await HostConfiguration.load(file: bad, environment: [:])
            Issue.record("expected a configuration error")
        } catch let error as ConfigurationError {
            let text = error.problems.joined(separator: "\n")
            for key in ["delivery.routes", "delivery.key", "delivery.consoleUrl"] {
                #expect(text.contains(key), "missing \(key) in \(text)")
            }
            #expect(error.problems.count == 3)
        }
    }

    @Test func aWrongTypeIsToldInOurOwnWordsWithTheValueAndTheRestIsStillRead() async throws {
        let (configuration, problems) = try await HostConfiguration.read(
            file: nil,
            environment: [
                "DANGJIAN_HTTP_PORT": "abc", "DANGJIAN_SCHEDULER_ENABLED": "maybe",
                "DANGJIAN_PLUGINS_SETTINGS": "sample.colour=red",
            ])
        #expect(
            problems == [
                "http.port: 应为整数 / must be an integer, got abc",
                "scheduler.enabled: 应为 true 或 false / must be true or false, got maybe",
            ])
        // Wrong values keep their defaults; the others are read, for the check to go on with.
        #expect(configuration.httpPort == 8080 && configuration.pluginSettings == ["sample.colour": "red"])
        #expect(
            ConfigurationError(problems: [problems[0]]).description.hasPrefix(
                "配置有误，共 1 处 / configuration is invalid, 1 problem:\n"))
        // A list where one value belongs, and one value where a list belongs, are not skipped silently.
        let shapes = try await HostConfiguration.read(
            file: try file("http:\n  port: [1, 2]\nplugins:\n  disabled: dues\n"), environment: [:]
        ).1
        #expect(
            shapes == [
                "http.port: 应为单个值，而不是列表 / must be one value, not a list, got [1, 2]",
                "plugins.disabled: 应为列表 / must be a list, e.g. [dues], got dues",
            ])
    }

    @Test func pluginRulePacksCanBeMovedByID() async throws {
        let path = try file("rules:\n  plugins: [orglife=/opt/dangjian/plugins/OrgLife/rules]\n")
        let configuration = try await HostConfiguration.load(file: path, environment: [:])
        #expect(configuration.rulesPlugins == ["orglife": "/opt/dangjian/plugins/OrgLife/rules"])
        await #expect(throws: ConfigurationError.self) {
            _ = try await HostConfiguration.load(file: try file("rules:\n  plugins: [orglife]\n"), environment: [:])
        }
    }

    @Test func pluginSettingsAreReadByPluginAndCheckedByThePlugins() async throws {
        let path = try file("plugins:\n  settings: [liaison.maxSubCouncilsPerPerson=2, sample.colour = red]\n")
        let configuration = try await HostConfiguration.load(file: path, environment: [:])
        #expect(configuration.pluginSettings == ["liaison.maxSubCouncilsPerPerson": "2", "sample.colour": "red"])
        #expect(configuration.settings(of: "liaison") == ["maxSubCouncilsPerPerson": "2"])
        let overridden = try await HostConfiguration.load(
            file: path, environment: ["DANGJIAN_PLUGINS_SETTINGS": "sample.colour=blue"])
        #expect(overridden.pluginSettings == ["sample.colour": "blue"])
        for bad in ["[liaison]", "[maxSubCouncilsPerPerson=2]", "[.x=1]", "[liaison.x=]"] {
            await #expect(throws: ConfigurationError.self, "\(bad)") {
                _ = try await HostConfiguration.load(file: try file("plugins:\n  settings: \(bad)\n"), environment: [:])
            }
        }
        // A plugin takes no settings unless it says so; a plugin that is not compiled in takes none either.
        let problems = PluginSet.settingsProblems(configuration.pluginSettings, available: [SamplePlugin()])
        #expect(
            problems == [
                "plugins.settings: liaison.maxSubCouncilsPerPerson: 插件 liaison 不存在 / no plugin liaison is compiled in",
                "plugins.settings: sample.colour: 未知设置 / unknown setting",
            ])
        await #expect(throws: ConfigurationError.self) {
            _ = try await TemporaryHost.open(plugins: [SamplePlugin()]) { $0.pluginSettings = ["sample.colour": "red"] }
        }
    }

    @Test func aMissingOrBrokenFileIsAClearError() async throws {
        await #expect(throws: ConfigurationError.self) {
            _ = try await HostConfiguration.load(file: "/nonexistent/dangjian.yaml", environment: [:])
        }
        let broken = try file("http: [unclosed\n")
        await #expect(throws: ConfigurationError.self) {
            _ = try await HostConfiguration.load(file: broken, environment: [:])
        }
    }
}
