import Dangjian
import DangjianLua
import Foundation

/// 规则, for district admins: the running packs and each rule's state, which rules apply to an
/// organisation, a dry run for a chosen day, and reload. Reads and reloads through the rule
/// runtime as `RulesController` does; without a baseline pack every page says the rules are off.
struct RulePages {
    let rules: RuleRuntime?

    struct Explained {
        let organizationID: String
        let organization: String?
        let rows: [Row]
        let asked: Bool
    }
    struct Row {
        let rule: String
        let pack: String
        let packVersion: String
        let reference: String
        let active: Bool
    }

    func register(_ pages: ConsolePages) {
        let rules = self.rules
        pages.get("/rules") { page in
            try page.principal.requireDistrictAdmin()
            guard let rules else { return Self.off }
            return .page(
                title: "规则", template: "rules", content: try await RuleOverview.make(rules, host: page.host))
        }
        pages.post("/rules/reload") { page, _ in
            try page.principal.requireDistrictAdmin()
            guard let rules else { return Self.off }
            switch try await rules.reload() {
            case .success(let packs):
                let versions = packs.map { "\(URL(fileURLWithPath: $0.directory).lastPathComponent) \($0.version)" }
                return .redirect("/rules", notice: "规则已重新加载：" + versions.joined(separator: "，"))
            case .failure(let errors):
                // Rendered here, not redirected: the problems are the answer, and the running rules stay.
                return .page(
                    title: "规则", template: "rules",
                    content: try await RuleOverview.make(rules, host: page.host, refusal: errors))
            }
        }
        pages.get("/rules/organization") { page in
            try page.principal.requireDistrictAdmin()
            guard let rules else { return Self.off }
            guard let text = page.query("id") else {
                return .page(
                    title: "适用规则", template: "rules-organization",
                    content: Explained(organizationID: "", organization: nil, rows: [], asked: false))
            }
            guard let id = Int64(text) else { throw DangjianError.badValue("id", zh: "应为编号", en: "must be an id") }
            let organization = try await page.host.organizations.get(id, by: page.principal)
            let engine = rules.engine
            let versions = Dictionary(
                engine.rules.packs.map { ($0.directory, $0.version) }, uniquingKeysWith: { first, _ in first })
            let rows = engine.rules.explain(path: organization.path).map {
                Row(
                    rule: $0.rule, pack: $0.pack, packVersion: versions[$0.pack] ?? "—",
                    reference: Self.reference($0.version), active: $0.active)
            }
            return .page(
                title: "适用规则", template: "rules-organization",
                content: Explained(organizationID: text, organization: organization.name, rows: rows, asked: true))
        }
        pages.get("/rules/dry-run") { page in
            try page.principal.requireDistrictAdmin()
            guard let rules else { return Self.off }
            return .page(title: "规则试运行", template: "rules-dry-run", content: try await RuleDryRun.make(page, rules))
        }
    }

    /// explain's "version": a definition's "name@hash", or why it does not run.
    static func reference(_ version: String) -> String {
        switch version {
        case "disabled": "被下级规则包停用"
        case "enabled = false": "已停用（enabled = false）"
        default: version
        }
    }

    /// Every rules page on a host without a baseline pack.
    static let off = ConsoleAnswer.page(title: "规则", template: "rules", content: RuleOverview.off)
}
