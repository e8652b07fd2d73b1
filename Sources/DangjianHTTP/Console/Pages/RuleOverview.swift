import Dangjian
import DangjianLua
import Foundation

/// What `GET /rules` shows: the running packs with each declaration's state and last error,
/// the last sweep, and the hooks switched off; after a refused reload, the problems too.
struct RuleOverview {
    struct Pack {
        let directory: String
        let version: String
        let scope: String
        let ruleCount: Int
        let rules: [Rule]
    }
    struct Rule {
        let name: String
        let kind: String
        let title: String
        let location: String
        let status: String
        let statusKey: String
        let error: String?
    }
    struct Sweep {
        let day: String
        let at: String
        let evaluated: Int
        let sent: Int
        let alreadySent: Int
        let unaddressed: Int
        let failures: Int
    }
    struct Hook {
        let hook: String
        let reason: String
        let at: String
    }
    /// A refused reload: each problem where the checker found it.
    struct Refusal {
        let count: Int
        let problems: [Problem]
    }
    struct Problem {
        let place: String
        let message: String
    }

    /// False when the host runs without a baseline pack: the page says so and offers nothing.
    let on: Bool
    let packs: [Pack]
    let loadedAt: String
    let sweep: Sweep?
    let hooks: [Hook]
    let refusal: Refusal?

    static let off = RuleOverview(on: false, packs: [], loadedAt: "", sweep: nil, hooks: [], refusal: nil)

    static let kindNames: [Declaration.Kind: String] = [
        .reminder: "提醒", .rule: "规则", .on: "事件钩子", .score: "积分", .disable: "停用上级规则",
    ]

    /// Reads the runtime's status and its engine's packs, which list the packs in the same order.
    static func make(_ rules: RuleRuntime, host: DangjianHost, refusal: PackErrors? = nil) async throws -> RuleOverview
    {
        let status = rules.status
        let packs = rules.engine.rules.packs
        let bound = status.packs.compactMap(\.boundTo)
        let names = try await host.store.read { s in try OrganizationRegistry.names(of: bound, in: s) }
        let failures = status.lastSweep?.failures ?? [:]
        let rows = zip(status.packs, packs).map { info, pack in
            Pack(
                directory: info.directory, version: info.version,
                scope: info.boundTo.map { "仅 " + (names[$0] ?? "党组织 \($0)") + " 及其下级" } ?? "基础规则包，适用于全部党组织",
                ruleCount: info.rules.count,
                rules: pack.declarations.map { rule($0, failure: failures[$0.name], hooks: status.disabledHooks) })
        }
        let sweep = status.lastSweep.map { last in
            Sweep(
                day: ConsoleWords.date(last.day), at: status.lastSweepAt.map(ConsoleWords.time) ?? "—",
                evaluated: last.evaluated, sent: last.sent, alreadySent: last.alreadySent,
                unaddressed: last.unaddressed, failures: last.failures.count)
        }
        return RuleOverview(
            on: true, packs: rows, loadedAt: ConsoleWords.time(status.loadedAt), sweep: sweep,
            hooks: status.disabledHooks.map {
                Hook(hook: $0.hook, reason: chinese($0.reason), at: ConsoleWords.time($0.at))
            },
            refusal: refusal.map {
                Refusal(
                    count: $0.problems.count,
                    problems: $0.problems.map { Problem(place: place($0.location), message: $0.message) })
            })
    }

    private static func rule(_ d: Declaration, failure: String?, hooks: [RuleRuntime.DisabledHook]) -> Rule {
        let switchedOff = d.kind == .on && hooks.contains { $0.hook.hasSuffix("(\(d.location))") }
        let (status, key): (String, String) =
            if d.kind == .disable { ("停用上级同名规则", "disabled") } else if !d.isEnabled {
                ("已停用", "disabled")
            } else if switchedOff { ("已自动停用", "returned") } else if failure != nil { ("上次巡检出错", "overdue") } else {
                ("正常", "accepted")
            }
        return Rule(
            name: d.name, kind: kindNames[d.kind] ?? d.kind.rawValue, title: d.fields["title"]?.string ?? "",
            location: place(d.location), status: status, statusKey: key, error: failure)
    }

    /// "terms.lua:12" as "terms.lua 第 12 行"; a place without a line stays as it is.
    static func place(_ location: String) -> String {
        guard let colon = location.lastIndex(of: ":"), let line = Int(location[location.index(after: colon)...])
        else { return location }
        return "\(location[..<colon]) 第 \(line) 行"
    }

    /// The Chinese half of a "中文 / English" message.
    static func chinese(_ text: String) -> String {
        text.components(separatedBy: " / ").first ?? text
    }
}
