import Dangjian
import DangjianDelivery
import DangjianLua
import Foundation
import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle

/// The whole running host, built from the configuration by `buildApplication(configuration:…)`:
/// `serve` runs it, and a test builds the same one. `application` runs every long-lived part as
/// a service of one group, started in this order and stopped in its reverse: the host (its
/// plugins, events and database), the scheduler, the rule reload watcher, the outbox sender,
/// then the HTTP server.
public struct HostApplication<App: ApplicationProtocol>: Sendable {
    /// The host the application serves, opened and migrated.
    public let host: DangjianHost
    /// The running rules; nil when the configuration has no baseline pack.
    public let rules: RuleRuntime?
    /// The application to run: its services start and stop in the order above.
    public let application: App
}

/// Builds what `serve` runs. The host makes its own values of the compiled-in `plugins`, each
/// given the host's rule lookup, which is connected once the rules are loaded. The database is
/// opened and migrated, `prepare` runs (e.g. the demo for an empty database), the rule packs are loaded and checked (a set with any problem stops
/// here, as `PackErrors`, with the database closed again), and the plugins start; the services
/// run once `application` does. `readConfiguration` is how a rule reload reads the
/// configuration file again. `stopsHost: false` leaves the host out of the group, for a caller
/// that runs the application more than once and stops the host itself (a test's router client).
public func buildApplication(
    configuration: HostConfiguration,
    plugins: [any CompiledPlugin.Type],
    clock: any HostClock = SystemClock(),
    logger: Logger = Logger(label: "dangjian"),
    metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
    readConfiguration: (@Sendable () async throws -> HostConfiguration)? = nil,
    prepare: @Sendable (DangjianHost) async throws -> Void = { _ in },
    stopsHost: Bool = true,
    demoPassword: String? = nil,
    onServerRunning: @escaping @Sendable (DangjianHost, Int) async -> Void = { _, _ in }
) async throws -> HostApplication<some ApplicationProtocol> {
    // The relay's settings are the email channel's to check (`SMTPSettings.problems`), before anything opens.
    let smtpProblems = DeliveryService.smtp(configuration.delivery)?.problems() ?? []
    guard smtpProblems.isEmpty else { throw ConfigurationError(problems: smtpProblems.map { "delivery.smtp: \($0)" }) }
    let link = RuleLink()
    let made = try PluginFactory.make(plugins, configuration: configuration, rules: link)
    let host = try await DangjianHost.open(configuration: configuration, plugins: made, clock: clock, logger: logger)
    let rules: RuleRuntime?
    do {
        try await prepare(host)
        rules = try await startRules(host, readConfiguration: readConfiguration)
        if let rules { link.connect(rules) }
        try await host.start()
    } catch {
        await host.stop()
        throw error
    }
    let services: [any Service] =
        (stopsHost ? [HostService(host: host)] : [])
        + (configuration.schedulerEnabled ? [host.scheduler] : [])
        + (rules.map { [RuleReloadService(runtime: $0)] } ?? [])
        + (configuration.delivery.enabled ? [DeliveryService(host: host, logger: logger)] : [])
    do {
        let application = try assembleApplication(
            host: host, metrics: metrics, rules: rules, services: services, demoPassword: demoPassword,
            onServerRunning: { port in await onServerRunning(host, port) })
        return HostApplication(host: host, rules: rules, application: application)
    } catch {
        // A console template that does not parse: the host has opened, so it must stop again.
        await host.stop()
        throw error
    }
}

/// Every rule pack is checked before anything starts: a set with any problem is refused whole.
private func startRules(
    _ host: DangjianHost,
    readConfiguration: (@Sendable () async throws -> HostConfiguration)?
) async throws -> RuleRuntime? {
    let configuration = host.configuration
    // A missing baseline someone configured is refused below, naming every place tried.
    guard configuration.rulesBaselineConfigured || FileManager.default.fileExists(atPath: configuration.rulesBaseline)
    else {
        host.logger.warning(
            "no baseline rule pack; rules are off", metadata: ["path": "\(configuration.rulesBaseline)"])
        return nil
    }
    let runtime = try await RuleRuntime.start(host: host, readConfiguration: readConfiguration)
    try host.scheduler.add(runtime.scheduledJob())
    for pack in runtime.status.packs {
        host.logger.info(
            "rule pack loaded",
            metadata: [
                "pack": "\(pack.directory)", "version": "\(pack.version)",
                "rules": "\(pack.rules.count)",
            ])
    }
    return runtime
}

/// The host as the first service of the group, so it stops last: once the server, the
/// reload watcher and the scheduler have stopped, the queued events are delivered, the plugins
/// stop and the database closes.
struct HostService: Service {
    let host: DangjianHost

    func run() async throws {
        // Returns on graceful shutdown, throws on cancellation: either way the host stops.
        try? await gracefulShutdown()
        await host.stop()
    }
}
