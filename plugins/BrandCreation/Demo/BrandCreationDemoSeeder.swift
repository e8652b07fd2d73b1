import BrandCreation
import Dangjian
import DangjianDemo

/// BrandCreation's part of the demo (brands at every stage, evaluation rounds, a promoted
/// practice) and of the synthetic district (about one unit in forty with a brand).
public struct BrandCreationDemoSeeder: DemoSeeder {
    public static let pluginID = BrandCreationPlugin.pluginID

    public init() {}

    public func seedDemo(_ host: DangjianHost, today: Day, seed: UInt64) async throws -> String? {
        guard let plugin = plugin(host, as: BrandCreationPlugin.self) else { return nil }
        return try await BrandDemo(host: host, today: today, rulesDirectory: plugin.rulesDirectory).seed()
    }

    public func seedSynthetic(
        _ host: DangjianHost, scale: SyntheticScale, today: Day, seed: UInt64,
        progress: @escaping @Sendable (String, Int, Int) -> Void
    ) async throws -> SyntheticStage? {
        try await BrandSynthetic(host: host, scale: scale, today: today, seed: seed).seed(progress: progress)
    }
}
