import Dangjian
import DangjianLua
import DangjianTestSupport
import Foundation
import HummingbirdTesting

/// A plugin's world on the application `serve` builds (`TestApplication`), with the accounts
/// its HTTP tests sign in as: what each plugin's HTTP tests start from.
public struct PluginServer<World: Sendable>: Sendable {
    public let app: TestApplication
    /// The plugin's own data: its organisation tree, members and records.
    public let world: World

    public var base: TemporaryHost { app.base }
    public var host: DangjianHost { app.host }

    /// - Parameters:
    ///   - plugins: the compiled-in plugin types the host makes its own values of.
    ///   - world: makes the plugin's world on the new host.
    ///   - accounts: the accounts made once the world is, each signing in with `Account.password`.
    public static func open(
        plugins: [any CompiledPlugin.Type], at date: Date = TemporaryHost.start,
        configure: (inout HostConfiguration) -> Void = { _ in },
        world: (TemporaryHost) async throws -> World, accounts: (World) -> [Account]
    ) async throws -> PluginServer {
        let app = try await TestApplication.open(plugins: plugins, at: date, configure: configure)
        let world = try await world(app.base)
        for account in accounts(world) { try await app.base.create(account) }
        return PluginServer(app: app, world: world)
    }

    /// Runs `body` against the router, without a socket.
    @discardableResult
    public func test<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        try await app.test(body)
    }

    /// Stops the host and removes its directory.
    public func close() async { await app.close() }
}
