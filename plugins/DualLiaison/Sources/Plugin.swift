import Dangjian
import DangjianHTTP
import DangjianLua
import Foundation
import RegionalCouncil
import Synchronization

/// 双联系人制度 and 双报到: each regional sub-council has a leader liaison from the bureau's
/// leadership and a staff liaison from the party office (seed 000, Baoshan), who log what they
/// do for it; organisations and members report to their communities and record their service
/// there (seed 003). Builds on RegionalCouncil's committees, sub-councils, meetings and topics.
public final class DualLiaisonPlugin: RoutedPlugin, RulePlugin {
    public static let pluginID = "liaison"
    public let id = DualLiaisonPlugin.pluginID
    public let title = "双联系人与双报到"
    public let dependencies = ["council"]
    public let rulesDirectory: String
    /// The host's quota, read when the plugin is registered: `dj.liaison.over_quota` needs it.
    let quota = Mutex<Int>(1)

    /// - Parameter rulesDirectory: the plugin's baseline pack, relative to the working directory.
    public init(rulesDirectory: String = "plugins/DualLiaison/rules") {
        self.rulesDirectory = rulesDirectory
    }

    public var migrations: [Migration] { Liaisons.migrations }

    public func register(into context: PluginContext) throws {
        let quota = Liaisons.quota(context.host.configuration.settings(of: id))
        self.quota.withLock { $0 = quota }
    }

    /// `maxSubCouncilsPerPerson` (1–20, default 1); anything else is unknown.
    public func checkSettings(_ settings: [String: String]) -> [String] { Liaisons.checkSettings(settings) }

    // It passes on the refusals of RegionalCouncil, which it builds on (an unknown sub-council).
    public var errorCodes: [String] { DualLiaisonErrorCode.codes + RegionalCouncilErrorCode.codes }

    public func registerRoutes(_ routes: PluginRoutes, host: DangjianHost) {
        LiaisonRoutes(liaisons: Liaisons(host: host)).register(routes)
        DualReportingRoutes(reporting: DualReporting(host: host)).register(routes)
    }

    public func seedDemo(_ host: DangjianHost, today: Day, seed: UInt64) async throws -> String? {
        try await LiaisonDemo(host: host, today: today).seed()
    }

    public func ruleFunctions(_ context: CallContext) -> [String: LuaGlobal] { Liaisons.ruleFunctions(context, quota: quota.withLock { $0 }) }

    public func loadFixture(_ value: LuaValue, _ fixture: FixtureData, host: DangjianHost) async throws {
        try await LiaisonFixture(host: host, fixture: fixture).load(value)
    }
}
