import Dangjian
import DangjianDemo
import RegionalCouncil

/// RegionalCouncil's part of the demo (the council, its committee, sub-councils, meetings,
/// topics and projects) and of the synthetic district (a committee per large system committee).
public struct RegionalCouncilDemoSeeder: DemoSeeder {
    public static let pluginID = RegionalCouncilPlugin.pluginID

    public init() {}

    public func seedDemo(_ host: DangjianHost, today: Day, seed: UInt64) async throws -> String? {
        try await CouncilDemo(host: host, today: today).seed()
    }

    public func seedSynthetic(
        _ host: DangjianHost, scale: SyntheticScale, today: Day, seed: UInt64,
        progress: @escaping @Sendable (String, Int, Int) -> Void
    ) async throws -> SyntheticStage? {
        try await CouncilSynthetic(host: host, scale: scale, today: today, seed: seed).seed(progress: progress)
    }
}
