import Dangjian
import DangjianHTTP
import DangjianLua
import Foundation

/// 三会一课台账: the organisational-life ledger, the compliance it implies, and the
/// "monthly tips, quarterly checks, yearly evaluation" cycle. Seeds 002, 003 and 004.
public final class OrgLifePlugin: RoutedPlugin, RulePlugin, CompiledPlugin, ConsolePlugin {
    public static let pluginID = "orglife"
    public let title = "组织生活台账"
    public let rulesDirectory: String
    /// The host's running rules, asked when the yearly evaluation needs their `score`.
    let rules: any RuleLookup

    /// - Parameters:
    ///   - rulesDirectory: the plugin's baseline pack, relative to the working directory.
    ///   - rules: the host's rules, asked at call time.
    public init(rulesDirectory: String = "plugins/OrgLife/rules", rules: any RuleLookup = NoRules()) {
        self.rulesDirectory = rulesDirectory
        self.rules = rules
    }

    public convenience init(_ environment: PluginEnvironment) { self.init(rules: environment.rules) }

    public var migrations: [Migration] { Ledger.migrations }

    public func register(into context: PluginContext) throws {
        context.taskKind("orglife.rectification", title: "组织生活整改")
        context.notificationKind("orglife.monthlyTips", title: "月提示")
        context.notificationKind("orglife.annualEvaluation", title: "年考评")
        try Supervision.register(into: context, plugin: self)
    }

    public var errorCodes: [String] { OrgLifeErrorCode.codes }

    public func registerRoutes(_ routes: PluginRoutes, host: DangjianHost) {
        let ledger = Ledger(host: host)
        LedgerRoutes(ledger: ledger).register(routes)
        SupervisionRoutes(supervision: Supervision(host: host, plugin: self)).register(routes)
    }

    public func ruleFunctions(_ context: CallContext) -> [String: LuaGlobal] { Ledger.ruleFunctions(context) }

    /// A fixture's `orglife = { records = { … } }`, stored through the ledger's own checks (`LedgerFixture`).
    public func loadFixture(_ value: LuaValue, _ fixture: FixtureData, host: DangjianHost) async throws {
        try await LedgerFixture(host: host, fixture: fixture).load(value)
    }
}
