import Dangjian

/// A plugin's part of the demo and synthetic districts, kept out of the plugin's product
/// target (each plugin's `XDemo` target holds its `XDemoSeeder`). Seeders run after the
/// kernel's organisations and members exist, in the host's plugin order, and only for plugins
/// that are on; they write through the plugin's and the kernel's public API only.
public protocol DemoSeeder: Sendable {
    /// The id of the plugin this seeder belongs to, as `HostPlugin.id`.
    static var pluginID: String { get }
    /// A seeder with nothing in it: the generated seeder list makes each one this way.
    init()
    /// Adds the plugin's part of the demo district. Returns a line for the summary, or nil.
    func seedDemo(_ host: DangjianHost, today: Day, seed: UInt64) async throws -> String?
    /// Adds the plugin's part of a synthetic district (`dangjian demo --scale`), in batches and
    /// without holding the whole district in memory. The same seed and scale give the same
    /// data. Returns what it wrote, or nil when the plugin takes no part.
    /// - Parameter progress: the stage's label, done and total, for a terminal.
    func seedSynthetic(
        _ host: DangjianHost, scale: SyntheticScale, today: Day, seed: UInt64,
        progress: @escaping @Sendable (String, Int, Int) -> Void
    ) async throws -> SyntheticStage?
}

extension DemoSeeder {
    /// No demo data: a plugin that needs none to be shown leaves this out.
    public func seedDemo(_ host: DangjianHost, today: Day, seed: UInt64) async throws -> String? { nil }
    /// No part in a synthetic district: the plugin's tables stay empty in a benchmark.
    public func seedSynthetic(
        _ host: DangjianHost, scale: SyntheticScale, today: Day, seed: UInt64,
        progress: @escaping @Sendable (String, Int, Int) -> Void
    ) async throws -> SyntheticStage? { nil }

    /// The host's plugin of this seeder, when it is on, as its concrete type.
    public func plugin<P: HostPlugin>(_ host: DangjianHost, as type: P.Type) -> P? {
        host.plugins.ordered.lazy.compactMap { $0 as? P }.first
    }
}

extension DangjianHost {
    /// The seeders of the plugins that are on, in the host's plugin (dependency) order.
    func running(_ seeders: [any DemoSeeder]) -> [any DemoSeeder] {
        plugins.ordered.compactMap { plugin in seeders.first { type(of: $0).pluginID == plugin.id } }
    }
}
