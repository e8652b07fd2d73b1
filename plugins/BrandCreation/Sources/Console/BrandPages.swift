import Dangjian
import DangjianHTTP
import Foundation

/// 党建品牌: the brands of the caller's subtree by stage and tier, and a brand's page with its
/// tier's checklist and the evidence for each item, where the unit records more.
struct BrandPages {
    let brands: Brands

    struct Choice {
        let value: String
        let label: String
        let selected: Bool
    }
    struct Count {
        let label: String
        let count: Int
        let link: String
    }
    struct Row {
        let id: Int64
        let unit: String
        let name: String
        let tier: String
        let stage: String
        let stageKey: String
        let since: String
        let evidenced: Int
        let items: Int
        let gaps: Int
        /// Whether an item lacks evidence (a section on a number would show for 0).
        let missing: Bool
    }
    struct Listing {
        let within: Int64
        let stages: [Choice]
        let tiers: [Choice]
        let counts: [Count]
        let rows: [Row]
        let empty: Bool
    }
    struct Item {
        let number: Int
        let text: String
        let evidenced: Bool
        let notes: [Note]
    }
    struct Note {
        let note: String
        let on: String
    }
    struct BrandView {
        let id: Int64
        let name: String
        let unit: String
        let idea: String
        let carriers: String
        let activityForms: String
        let standards: String
        let tier: String
        let stage: String
        let stageKey: String
        let since: String
        let applied: String
        let recognised: String?
        let returnReason: String?
        let practice: String?
        let checklistName: String
        let checklist: [Item]
        let gaps: Int
        let missing: Bool
        let canAddEvidence: Bool
        let today: String
    }

    func register(_ pages: ConsolePages) {
        pages.get("/brands") { page in
            let within =
                try page.query("within").map { text -> Int64 in
                    guard let id = Int64(text) else {
                        throw DangjianError.badValue("within", zh: "应为编号", en: "must be an id")
                    }
                    return id
                } ?? Self.ownOrganization(page.principal)
            let stage = try page.query("stage").map { try Self.choice(Brand.Stage(rawValue: $0), "stage") }
            let tier = try page.query("tier").map { try Self.choice(Tier(rawValue: $0), "tier") }
            let all = try await brands.list(under: within, stage: nil, tier: tier, by: page.principal)
            let shown = stage.map { stage in all.filter { $0.stage == stage } } ?? all
            let tierQuery = tier.map { "&tier=\($0.rawValue)" } ?? ""
            let listing = Listing(
                within: within,
                stages: [Choice(value: "", label: "全部阶段", selected: stage == nil)]
                    + Brand.Stage.allCases.map { Choice(value: $0.rawValue, label: $0.zh, selected: $0 == stage) },
                tiers: [Choice(value: "", label: "全部层级", selected: tier == nil)]
                    + Tier.allCases.map { Choice(value: $0.rawValue, label: $0.zh, selected: $0 == tier) },
                counts: Brand.Stage.allCases.map { stage in
                    Count(
                        label: stage.zh, count: all.filter { $0.stage == stage }.count,
                        link: "/brand/brands?within=\(within)&stage=\(stage.rawValue)\(tierQuery)")
                },
                rows: shown.map {
                    Row(
                        id: $0.id, unit: $0.organizationName, name: $0.name, tier: $0.tier.zh, stage: $0.stage.zh,
                        stageKey: $0.stage.rawValue, since: ConsoleWords.date($0.stageSince),
                        evidenced: $0.checklist.count - $0.gaps.count, items: $0.checklist.count, gaps: $0.gaps.count,
                        missing: !$0.gaps.isEmpty)
                }, empty: shown.isEmpty)
            return .page(title: "党建品牌", template: "brand/brands", content: listing)
        }
        pages.get("/brands/{id}") { page in
            let brand = try await brands.get(try page.id(), by: page.principal)
            let notes = Dictionary(grouping: brand.evidence, by: \.item)
            let view = BrandView(
                id: brand.id, name: brand.name, unit: brand.organizationName, idea: brand.idea,
                carriers: brand.carriers.joined(separator: "、"),
                activityForms: brand.activityForms.joined(separator: "、"),
                standards: brand.standards.joined(separator: "；"), tier: brand.tier.zh, stage: brand.stage.zh,
                stageKey: brand.stage.rawValue, since: ConsoleWords.date(brand.stageSince),
                applied: ConsoleWords.date(brand.appliedOn), recognised: brand.recognisedOn.map(ConsoleWords.date),
                returnReason: brand.returnReason, practice: brand.promotedPractice,
                checklistName: brand.tier.checklistName,
                checklist: brand.checklist.map { item in
                    Item(
                        number: item.item, text: item.text, evidenced: item.evidenced,
                        notes: (notes[item.item] ?? []).map {
                            Note(note: $0.note, on: ConsoleWords.date($0.recordedOn))
                        })
                }, gaps: brand.gaps.count, missing: !brand.gaps.isEmpty,
                canAddEvidence: [.approved, .inCreation, .assessed, .returned].contains(brand.stage),
                today: page.today.description)
            return .page(title: brand.name, template: "brand/brand", content: view)
        }
        pages.post("/brands/{id}/evidence") { page, form in
            let id = try page.id()
            _ = try await brands.addEvidence(
                id, BrandStepDraft(on: form.text("on"), item: try form.int("item"), note: form.text("note")),
                by: page.principal)
            return .redirect("/brand/brands/\(id)", notice: "佐证材料已登记")
        }
    }

    /// The top of the caller's widest subtree: a secretary sees her own organisation's brands first.
    static func ownOrganization(_ principal: Principal) -> Int64 {
        principal.grants.filter { $0.role.rights.contains(.readLedger) }.min { $0.path.count < $1.path.count }?
            .organizationID ?? 0
    }

    static func choice<T>(_ value: T?, _ field: String) throws -> T {
        guard let value else { throw DangjianError.badValue(field, zh: "取值无效", en: "unknown value") }
        return value
    }
}
