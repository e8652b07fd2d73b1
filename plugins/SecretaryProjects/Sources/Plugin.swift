import Dangjian
import DangjianHTTP
import DangjianLua
import Foundation

/// 书记项目 "3+2" (seed 003, 绵阳市直教体系统): a programme of engineering programmes and works,
/// each secretary's project with a work plan of tasks, quarterly study sessions, the quarterly
/// inspection and bulletin, and the year-end report and rating.
public final class SecretaryProjectsPlugin: RoutedPlugin, RulePlugin, CompiledPlugin {
    public static let pluginID = "secretary"
    public let title = "书记项目"
    public let rulesDirectory: String
    /// The host's running rules, asked for the year-end rubric (a Lua score).
    let rules: any RuleLookup

    /// - Parameters:
    ///   - rulesDirectory: the plugin's baseline pack, relative to the working directory.
    ///   - rules: the host's rules, asked at call time.
    public init(rulesDirectory: String = "plugins/SecretaryProjects/rules", rules: any RuleLookup = NoRules()) {
        self.rulesDirectory = rulesDirectory
        self.rules = rules
    }

    public convenience init(_ environment: PluginEnvironment) { self.init(rules: environment.rules) }

    public var migrations: [Migration] { Programmes.migrations }

    public func register(into context: PluginContext) throws {
        context.taskKind("secretary.item", title: "书记项目事项")
        context.notificationKind("secretary.bulletin", title: "书记项目督查通报")
    }

    public var errorCodes: [String] { SecretaryProjectsErrorCode.codes }

    public func registerRoutes(_ routes: PluginRoutes, host: DangjianHost) {
        ProgrammeRoutes(
            programmes: Programmes(host: host), projects: Projects(host: host), supervision: Supervision(host: host)
        ).register(routes)
        AppraisalRoutes(appraisal: appraisal(host)).register(routes)
    }

    func appraisal(_ host: DangjianHost) -> Appraisal { Appraisal(host: host) { [rules] in rules.running } }

    public func ruleFunctions(_ context: CallContext) -> [String: LuaGlobal] { SecretaryRules.functions(context) }

    public func loadFixture(_ value: LuaValue, _ fixture: FixtureData, host: DangjianHost) async throws {
        try await SecretaryFixture(host: host, fixture: fixture).load(value)
    }
}
