import Dangjian
import DangjianLua
import Hummingbird

/// The operator's view of the rules: what is loaded, the last sweep, explain, and reload.
struct RulesController {
    let host: DangjianHost
    let rules: RuleRuntime?

    struct Explained: Encodable, Sendable {
        let rule: String
        let pack: String
        let version: String
        let active: Bool
    }

    static let off = DangjianError(
        .notFound, code: HTTPErrorCode.rulesOff, zh: "本主机未启用规则", en: "Rules are not running on this host")

    func register(_ api: APIRouter) {
        api.answering(KernelErrorCode.codes(in: ["rules"]) + HTTPErrorCode.codes(in: ["rules"]))
        let rules = self.rules
        let host = self.host
        api.add(.get, "/api/v1/admin/rules", "已加载的规则包与最近一次巡检 / Loaded packs and the last sweep", tag: "admin") {
            _, context, _ in
            try context.caller().requireDistrictAdmin()
            guard let rules else { throw Self.off }
            return JSONReply(rules.status)
        }
        api.add(
            .post, "/api/v1/admin/rules/reload", "重新加载全部规则包（有误则整体拒绝）/ Reload every pack, all or nothing", tag: "admin"
        ) { _, context, _ in
            try context.caller().requireDistrictAdmin()
            guard let rules else { throw Self.off }
            switch try await rules.reload() {
            case .success(let packs):
                return JSONReply(packs)
            case .failure(let errors):
                let list = errors.problems.map(\.description).joined(separator: "\n")
                throw DangjianError.invalid(
                    HTTPErrorCode.rulesReloadRefused,
                    zh: "规则包有 \(errors.problems.count) 处问题，未重新加载，仍运行原规则：\n\(list)",
                    en:
                        "\(errors.problems.count.counted("problem")); nothing was reloaded and the running rules stay:\n\(list)"
                )
            }
        }
        api.add(
            .get, "/api/v1/admin/rules/explain",
            "某组织适用的规则及来源 / The rules that apply to an organisation, and where from",
            tag: "admin", query: [QueryParameter("organizationID", "integer", "组织 / organisation")]
        ) { _, context, q in
            let caller = try context.caller()
            guard let rules else { throw Self.off }
            guard let id = try q.int64("organizationID") else { throw DangjianError.required("organizationID") }
            let organization = try await host.organizations.get(id, by: caller)
            return JSONReply(
                rules.engine.rules.explain(path: organization.path).map {
                    Explained(rule: $0.rule, pack: $0.pack, version: $0.version, active: $0.active)
                })
        }
    }
}
