import Dangjian
import DangjianHTTP
import DangjianLua
import Foundation

/// 三会一课台账: the organisational-life ledger, the compliance it implies, and the
/// "monthly tips, quarterly checks, yearly evaluation" cycle. Seeds 002, 003 and 004.
public final class OrgLifePlugin: RoutedPlugin, RulePlugin, CompiledPlugin {
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

    /// `orglife = { records = { { organization = "b", kind = "themeDay", held_at = "2026-06-05",
    /// attendees = { "li" }, class_hours = 2 } } }`: stored through the ledger's own checks.
    public func loadFixture(_ value: LuaValue, _ fixture: FixtureData, host: DangjianHost) async throws {
        let ledger = Ledger(host: host)
        for (index, entry) in (value["records"].table?.array ?? []).enumerated() {
            func members(_ field: String) throws -> [Int64] {
                try (entry[field].table?.array ?? []).map { key in
                    guard let id = key.string.flatMap({ fixture.members[$0] }) else {
                        throw LuaError(
                            kind: .badValue,
                            message: "orglife.records[\(index + 1)].\(field): no member with key \(key)")
                    }
                    return id
                }
            }
            guard let organization = entry["organization"].string.flatMap({ fixture.organizations[$0] }) else {
                throw LuaError(
                    kind: .badValue,
                    message: "orglife.records[\(index + 1)]: organization must name a fixture organisation's key")
            }
            let hours = entry["class_hours"].number
            _ = try await ledger.record(
                LedgerRecordDraft(
                    organizationID: organization, kind: entry["kind"].string, heldAt: entry["held_at"].string,
                    topic: entry["topic"].string ?? "测试记录",
                    attendees: try members("attendees").map { .init(memberID: $0, classHours: hours) },
                    absentees: try members("absentees").map { .init(memberID: $0, reason: "请假") }), by: .system)
        }
    }
}
