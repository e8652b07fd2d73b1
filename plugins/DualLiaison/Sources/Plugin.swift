import Dangjian
import DangjianHTTP
import DangjianLua
import Foundation
import RegionalCouncil

/// 双联系人制度 and 双报到: each regional sub-council has a leader liaison from the bureau's
/// leadership and a staff liaison from the party office (seed 000, Baoshan), who log what they
/// do for it; organisations and members report to their communities and record their service
/// there (seed 003). Builds on RegionalCouncil's committees, sub-councils, meetings and topics.
public final class DualLiaisonPlugin: RoutedPlugin, RulePlugin, CompiledPlugin {
    public static let pluginID = "liaison"
    public static var builtOn: [any CompiledPlugin.Type] { [RegionalCouncilPlugin.self] }
    public let title = "双联系人与双报到"
    public let rulesDirectory: String
    /// The regional council plugin of the same host, whose committees and sub-councils this one builds on.
    public let council: RegionalCouncilPlugin
    /// The host's quota from `plugins.settings`: `dj.liaison.over_quota` needs it.
    let quota: Int

    /// - Parameters:
    ///   - rulesDirectory: the plugin's baseline pack, relative to the working directory.
    ///   - council: the regional council plugin made for the same host.
    ///   - settings: the plugin's own settings (keys without "liaison.").
    public init(
        rulesDirectory: String = "plugins/DualLiaison/rules", council: RegionalCouncilPlugin,
        settings: [String: String] = [:]
    ) {
        self.rulesDirectory = rulesDirectory
        self.council = council
        quota = Liaisons.quota(settings)
    }

    public convenience init(_ environment: PluginEnvironment) throws {
        self.init(council: try environment.plugin(RegionalCouncilPlugin.self), settings: environment.settings)
    }

    public var migrations: [Migration] { Liaisons.migrations }

    /// `maxSubCouncilsPerPerson` (1–20, default 1); anything else is unknown.
    public func checkSettings(_ settings: [String: String]) -> [String] { Liaisons.checkSettings(settings) }

    public func register(into context: PluginContext) throws {}

    // It passes on the refusals of RegionalCouncil, which it builds on (an unknown sub-council).
    public var errorCodes: [String] { DualLiaisonErrorCode.codes + RegionalCouncilErrorCode.codes }

    public func registerRoutes(_ routes: PluginRoutes, host: DangjianHost) {
        LiaisonRoutes(liaisons: Liaisons(host: host)).register(routes)
        DualReportingRoutes(reporting: DualReporting(host: host)).register(routes)
    }

    public func ruleFunctions(_ context: CallContext) -> [String: LuaGlobal] {
        Liaisons.ruleFunctions(context, quota: quota)
    }

    public func loadFixture(_ value: LuaValue, _ fixture: FixtureData, host: DangjianHost) async throws {
        try await LiaisonFixture(host: host, fixture: fixture).load(value)
    }
}
