import Dangjian
import DangjianDemo
import OrgLife

/// OrgLife's part of the demo (two years of ledger history) and of the synthetic district
/// (three years), written through `Ledger.record(_:)` with every check.
public struct OrgLifeDemoSeeder: DemoSeeder {
    public static let pluginID = OrgLifePlugin.pluginID

    public init() {}

    public func seedDemo(_ host: DangjianHost, today: Day, seed: UInt64) async throws -> String? {
        "\(try await LedgerDemo(host: host).seed(today: today, seed: seed)) 条组织生活台账 / ledger records over two years"
    }

    public func seedSynthetic(
        _ host: DangjianHost, scale: SyntheticScale, today: Day, seed: UInt64,
        progress: @escaping @Sendable (String, Int, Int) -> Void
    ) async throws -> SyntheticStage? {
        try await LedgerSynthetic(host: host).seed(today: today, seed: seed, progress: progress)
    }
}
