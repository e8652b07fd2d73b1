import ArgumentParser
import Dangjian
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

    @Flag(name: .customLong("demo-if-empty"), help: "Load the demo district when the database is empty (used by `make run`).")
    var demoIfEmpty = false

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

        let dangjian = try await options.openHost(configuration)
        if demoIfEmpty, try await dangjian.isEmpty() {
            logger.info("empty database: loading the demo district")
            let summary = try await DemoDistrict(host: dangjian).load()
            logger.info("demo district loaded", metadata: ["organizations": "\(summary.organizations)", "members": "\(summary.members)"])
        }
        // Every rule pack is checked before anything starts: a set with any problem is refused.
        var rules: RuleRuntime?
        if FileManager.default.fileExists(atPath: configuration.rulesBaseline) {
            do {
                // A reload reads the file again, so a new binding takes effect without a restart.
                let options = self.options
                let runtime = try await RuleRuntime.start(host: dangjian, readConfiguration: { try await options.loadConfiguration() })
                try dangjian.scheduler.add(runtime.scheduledJob())
                for pack in runtime.status.packs {
                    logger.info("rule pack loaded", metadata: ["pack": "\(pack.directory)", "version": "\(pack.version)",
                                                               "rules": "\(pack.rules.count)"])
                }
                rules = runtime
            } catch let errors as PackErrors {
                await dangjian.stop()
                throw Failure(description: "规则包有误，未启动 / rule packs have problems, not starting:\n\(errors)")
            }
        } else {
            logger.warning("no baseline rule pack; rules are off", metadata: ["path": "\(configuration.rulesBaseline)"])
        }
        let demoAccounts = try await dangjian.users.demoAccounts()
        if !demoAccounts.isEmpty && configuration.listensBeyondLoopback {
            logger.critical("""
                !!! 演示账号仍然存在，而服务监听在 \(configuration.httpHost) 上，任何能访问此地址的人都能用公开的演示密码登录。
                !!! Demo accounts exist and the server listens on \(configuration.httpHost): anyone who can reach it can log in with the published demo password.
                """)
        }
        try await dangjian.start()
        let listenHost = configuration.httpHost
        let app = buildApplication(
            host: dangjian, metrics: metrics, rules: rules,
            services: (configuration.schedulerEnabled ? [dangjian.scheduler] : []) + (rules.map { [RuleReloadService(runtime: $0)] } ?? []),
            onServerRunning: { port in
                var banner = "\n党建 Dangjian is running at http://\(listenHost):\(port)/\n"
                banner += "  API description: http://\(listenHost):\(port)/api/v1/openapi.json\n"
                if !demoAccounts.isEmpty {
                    banner += "  演示账号 / Demo logins (password \(DemoDistrict.password)):\n"
                    for account in demoAccounts { banner += "    \(account.username)  \(account.displayName)\n" }
                }
                // Written unbuffered: with output redirected to a log, print() would hold it back.
                FileHandle.standardOutput.write(Data(banner.utf8))
            })
        try await app.runService()
        await dangjian.stop()
        logger.info("stopped")
    }
}
