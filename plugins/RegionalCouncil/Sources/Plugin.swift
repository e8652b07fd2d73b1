import Dangjian
import DangjianHTTP
import DangjianLua
import Foundation

/// 区域化党建: the regional council, its committees and sub-councils, their meetings and
/// monthly lectures, joint projects, and research topics from the call to results. Seed 000
/// (Baoshan), with the graded call of seed 001.
public final class RegionalCouncilPlugin: RoutedPlugin, RulePlugin, CompiledPlugin {
    public static let pluginID = "council"
    public let title = "区域化党建联席会"
    public let rulesDirectory: String

    /// - Parameter rulesDirectory: the plugin's baseline pack, relative to the working directory.
    public init(rulesDirectory: String = "plugins/RegionalCouncil/rules") {
        self.rulesDirectory = rulesDirectory
    }

    public convenience init(_ environment: PluginEnvironment) { self.init() }

    public var migrations: [Migration] { Councils.migrations }

    public func register(into context: PluginContext) throws {
        context.taskKind("council.milestone", title: "联建项目节点")
    }

    public var errorCodes: [String] { RegionalCouncilErrorCode.codes }

    public func registerRoutes(_ routes: PluginRoutes, host: DangjianHost) {
        StructureRoutes(councils: Councils(host: host)).register(routes)
        TopicRoutes(topics: Topics(host: host)).register(routes)
        ProjectRoutes(projects: JointProjects(host: host)).register(routes)
    }

    public func ruleFunctions(_ context: CallContext) -> [String: LuaGlobal] { Councils.ruleFunctions(context) }

    public func loadFixture(_ value: LuaValue, _ fixture: FixtureData, host: DangjianHost) async throws {
        try await CouncilFixture(host: host, fixture: fixture).load(value)
    }
}
