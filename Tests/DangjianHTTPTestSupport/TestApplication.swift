import Dangjian
import DangjianHTTP
import DangjianLua
import DangjianTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Prometheus

/// The application `serve` runs, built by the same `buildApplication(configuration:plugins:…)`,
/// on a temporary SQLite file and a clock the test controls. The rules are off unless the test
/// names a baseline pack (`configure`), and the scheduler is off unless it switches it on, as they
/// were for a host opened alone. Each `test` runs the application's group once, so the host is
/// left out of it and `close()` stops it.
public struct TestApplication: Sendable {
    /// The host as the kernel's tests know it: its clock, its directory, `count`.
    public let base: TemporaryHost
    /// The running rules, when the configuration names a baseline pack.
    public let rules: RuleRuntime?
    let application: any ApplicationProtocol

    public var host: DangjianHost { base.host }

    /// The kernel's baseline pack of this checkout, for a test that runs the rules as `serve` does.
    public static var kernelRules: String { Checkout.kernelRules }

    /// - Parameters:
    ///   - plugins: the compiled-in plugin types this host makes its own values of.
    ///   - prepare: runs once the database is open and before the rules load, as the demo does for `serve`.
    public static func open(
        plugins: [any CompiledPlugin.Type] = [], at date: Date = TemporaryHost.start,
        metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
        configure: (inout HostConfiguration) -> Void = { _ in },
        prepare: @Sendable (DangjianHost) async throws -> Void = { _ in }
    ) async throws -> TestApplication {
        let directory = TemporaryHost.newDirectory()
        let configuration = TemporaryHost.configuration(in: directory) {
            $0.rulesBaseline = ""
            $0.schedulerEnabled = false
            configure(&$0)
        }
        let clock = ManualClock(date)
        let built = try await buildApplication(
            configuration: configuration, plugins: plugins, clock: clock,
            logger: TemporaryHost.logger, metrics: metrics, prepare: prepare, stopsHost: false)
        return TestApplication(
            base: TemporaryHost(host: built.host, clock: clock, directory: directory),
            rules: built.rules, application: built.application)
    }

    /// Runs `body` against the router, without a socket.
    @discardableResult
    public func test<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        try await application.test(.router, body)
    }

    /// Stops the host and removes its directory.
    public func close() async { await base.close() }
}
