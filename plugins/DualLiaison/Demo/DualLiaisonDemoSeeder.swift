import Dangjian
import DangjianDemo
import DualLiaison

/// DualLiaison's part of the demo: liaisons for the council's sub-councils, their log and a
/// year of dual reporting. It takes no part in the synthetic district.
public struct DualLiaisonDemoSeeder: DemoSeeder {
    public static let pluginID = DualLiaisonPlugin.pluginID

    public init() {}

    public func seedDemo(_ host: DangjianHost, today: Day, seed: UInt64) async throws -> String? {
        try await LiaisonDemo(host: host, today: today).seed()
    }
}
