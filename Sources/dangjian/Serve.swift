import ArgumentParser
import Dangjian
import DangjianDemo
import DangjianHTTP
import DangjianLua
import Foundation
import Hummingbird
import Logging
import Metrics
import Prometheus

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start the HTTP server, the scheduler and the plugins.")

    @OptionGroup var options: HostOptions

    @Option(help: "Address to listen on (overrides http.host).")
    var host: String?

    @Option(help: "Port to listen on (overrides http.port).")
    var port: Int?

    @Flag(
        name: .customLong("demo-if-empty"),
        help: "Load the demo district when the database is empty (used by `make run`).")
    var demoIfEmpty = false

    @Option(
        help: """
            With --demo-if-empty: the local robots' stand-in the demo's reminders go to, e.g. http://127.0.0.1:8081 \
            (`make run` starts one; its DingTalk robot signs with --demo-robots-secret).
            """)
    var demoRobots: String?

    @Option(help: "The signing secret of the demo's DingTalk robot, as the stand-in knows it.")
    var demoRobotsSecret = "SECdemo-dangjian-2026"

    func run() async throws {
        var configuration = try await options.loadConfiguration()
        if let host { configuration.httpHost = host }
        if let port { configuration.httpPort = port }
        let level = configuration.logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let metrics = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: metrics))
        let logger = Logger(label: "dangjian")

        let options = self.options
        let demoIfEmpty = self.demoIfEmpty
        let delivery = demoRobots.map { DemoDelivery(robotsURL: $0, dingTalkSecret: demoRobotsSecret) }
        let listenHost = configuration.httpHost
        let built = try await Self.refusingBrokenPacks {
            try await buildApplication(
                configuration: configuration, plugins: CompiledPlugins.types,
                clock: try HostOptions.clock(logger: logger),
                logger: logger, metrics: metrics,
                // A reload reads the file again, so a new binding takes effect without a restart.
                readConfiguration: { try await options.loadConfiguration() },
                prepare: { host in
                    guard demoIfEmpty, try await host.isEmpty() else { return }
                    logger.info("empty database: loading the demo district")
                    let summary = try await DemoDistrict(
                        host: host, seeders: CompiledPlugins.demoSeeders, delivery: delivery
                    ).load()
                    logger.info(
                        "demo district loaded",
                        metadata: ["organizations": "\(summary.organizations)", "members": "\(summary.members)"])
                },
                // The login page lists the demo logins only when this run may load the demo.
                demoPassword: demoIfEmpty ? DemoDistrict.password : nil,
                onServerRunning: { host, port in
                    var banner = "\n党建 Dangjian is running at http://\(listenHost):\(port)/\n"
                    banner += "  API description: http://\(listenHost):\(port)/api/v1/openapi.json\n"
                    let demoAccounts = (try? await host.users.demoAccounts()) ?? []
                    if !demoAccounts.isEmpty {
                        banner += "  演示账号 / Demo logins (password \(DemoDistrict.password)):\n"
                        for account in demoAccounts { banner += "    \(account.username)  \(account.displayName)\n" }
                    }
                    // Written unbuffered: with output redirected to a log, print() would hold it back.
                    FileHandle.standardOutput.write(Data(banner.utf8))
                })
        }
        let demoAccounts: Bool
        do {
            demoAccounts = try await built.host.users.demoAccountsExist()
        } catch {
            // The host has started: a failure before the group runs must still stop it.
            await built.host.stop()
            throw error
        }
        if configuration.listensBeyondLoopback, demoAccounts {
            logger.critical(
                """
                !!! 演示账号仍然存在，而服务监听在 \(configuration.httpHost) 上，任何能访问此地址的人都能用公开的演示密码登录。
                !!! Demo accounts exist and the server listens on \(configuration.httpHost): anyone who can reach it can log in with the published demo password.
                """)
        }
        try await built.application.runService()
        logger.info("stopped")
    }

    /// A rule pack with a problem stops `serve` with every problem listed, in both languages.
    static func refusingBrokenPacks<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let errors as PackErrors {
            throw Failure(description: "规则包有误，未启动 / rule packs have problems, not starting:\n\(errors)")
        }
    }
}
