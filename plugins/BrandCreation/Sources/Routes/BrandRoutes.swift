import Dangjian
import DangjianHTTP
import Hummingbird

/// Brands, their steps, evidence and promotion, under /api/v1/brand.
struct BrandRoutes {
    let brands: Brands
    let promotions: Promotions

    func register(_ routes: PluginRoutes) {
        let brands = self.brands
        let promotions = self.promotions
        routes.add(.post, "/brands", "申报党建品牌（一单位一品牌）/ Apply for the unit's brand", body: BrandDraft.self) {
            _, context, draft in
            JSONReply(try await brands.apply(draft, by: try context.caller()), status: .created)
        }
        routes.add(.get, "/brands/{id}", "党建品牌及其清单、佐证 / A brand with its checklist and evidence") { _, context, _ in
            JSONReply(try await brands.get(try context.id(), by: try context.caller()))
        }
        routes.add(.get, "/brands/{id}/checklist", "层级标准清单及缺项 / The tier's checklist and its gaps") { _, context, _ in
            JSONReply(try await brands.get(try context.id(), by: try context.caller()).checklist)
        }
        routes.add(
            .get, "/organizations/{id}/brands", "本级及下级的党建品牌 / Brands of the units under an organisation",
            query: [
                QueryParameter("stage", "string", Brand.Stage.allCases.map(\.rawValue).joined(separator: ", ")),
                QueryParameter("tier", "string", Tier.allCases.map(\.rawValue).joined(separator: ", ")),
            ]
        ) { _, context, query in
            JSONReply(
                try await brands.list(
                    under: try context.id(), stage: try query.enumValue("stage"), tier: try query.enumValue("tier"),
                    by: try context.caller()))
        }
        let steps: [(String, String, @Sendable (Brands, Int64, BrandStepDraft, Principal) async throws -> Brand)] = [
            ("approve", "批准创建（上级党组织）/ Approve (the organisation above)", { try await $0.approve($1, $2, by: $3) }),
            ("start", "启动创建 / Start the creation work", { try await $0.start($1, $2, by: $3) }),
            ("assess", "考核验收（上级党组织，须有意见）/ Assess, with an opinion", { try await $0.assess($1, $2, by: $3) }),
            ("return", "退回（须说明原因）/ Return, with the reason", { try await $0.returnBrand($1, $2, by: $3) }),
            ("resubmit", "修改后重新提交 / Resubmit after a return", { try await $0.resubmit($1, $2, by: $3) }),
            (
                "recognise", "命名（清单每项须有佐证）/ Recognise (every checklist item needs evidence)",
                { try await $0.recognise($1, $2, by: $3) }
            ),
            ("evidence", "登记佐证材料 / Record evidence for a checklist item", { try await $0.addEvidence($1, $2, by: $3) }),
            ("promotion", "列入推广 / Mark the practice for promotion", { try await $0.promote($1, $2, by: $3) }),
        ]
        for (path, summary, run) in steps {
            routes.add(.post, "/brands/{id}/\(path)", summary, body: BrandStepDraft.self) { _, context, draft in
                JSONReply(try await run(brands, try context.id(), draft, try context.caller()))
            }
        }
        routes.add(
            .post, "/brands/{id}/adoptions", "推广应用（其他单位）/ Adopt the practice (another unit)", body: AdoptionDraft.self
        ) { _, context, draft in
            JSONReply(try await promotions.adopt(try context.id(), draft, by: try context.caller()), status: .created)
        }
        routes.add(.get, "/practices", "推广的品牌做法（所有用户可读）/ Promoted practices, for every caller") { _, context, _ in
            JSONReply(try await promotions.practices(by: try context.caller()))
        }
        routes.add(
            .get, "/brands/{id}/adoptions", "推广应用情况（仅列可见的单位）/ Where the practice was adopted (units the caller sees)"
        ) { _, context, _ in
            JSONReply(try await promotions.adoptions(of: try context.id(), by: try context.caller()))
        }
        routes.add(.post, "/adoptions/{id}/results", "报告推广应用成效 / Report the results", body: AdoptionDraft.self) {
            _, context, draft in
            JSONReply(try await promotions.report(try context.id(), draft, by: try context.caller()))
        }
    }
}
