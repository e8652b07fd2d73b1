import Dangjian
import DangjianHTTP
import DangjianLua
import Foundation

/// 党建品牌创建: one brand per unit (一单位一品牌) from the application to recognition at its
/// "攀登" tier (seed 001: 示范 / 特色 / 标杆院系 / 样板支部, with "七个有力" and "五个到位"), the brand
/// matrix of carriers, activity forms and evaluation standards (seed 002), evaluation rounds
/// scored against a Lua rubric, and promotion of recognised practice.
public final class BrandCreationPlugin: RoutedPlugin, RulePlugin, CompiledPlugin {
    public static let pluginID = "brand"
    public let title = "党建品牌创建"
    public let rulesDirectory: String
    /// The host's running rules; evaluation rounds take their rubric from them.
    let rules: any RuleLookup

    /// - Parameters:
    ///   - rulesDirectory: the plugin's baseline pack, relative to the working directory.
    ///   - rules: the host's rules, asked at call time.
    public init(rulesDirectory: String = "plugins/BrandCreation/rules", rules: any RuleLookup = NoRules()) {
        self.rulesDirectory = rulesDirectory
        self.rules = rules
    }

    public convenience init(_ environment: PluginEnvironment) { self.init(rules: environment.rules) }

    public var migrations: [Migration] { Brands.migrations }

    public func register(into context: PluginContext) throws {
        context.taskKind(Brands.taskKind, title: "品牌创建工作计划")
        context.notificationKind(Evaluations.notificationKind, title: "品牌评比结果")
    }

    public var errorCodes: [String] { BrandCreationErrorCode.codes }

    public func registerRoutes(_ routes: PluginRoutes, host: DangjianHost) {
        BrandRoutes(brands: Brands(host: host), promotions: Promotions(host: host)).register(routes)
        EvaluationRoutes(evaluations: evaluations(host)).register(routes)
    }

    func evaluations(_ host: DangjianHost) -> Evaluations {
        Evaluations(host: host) { [rules] in rules.running?.engine }
    }

    public func ruleFunctions(_ context: CallContext) -> [String: LuaGlobal] { Brands.ruleFunctions(context) }

    public func loadFixture(_ value: LuaValue, _ fixture: FixtureData, host: DangjianHost) async throws {
        try await BrandFixture(host: host, fixture: fixture).load(value)
    }
}
