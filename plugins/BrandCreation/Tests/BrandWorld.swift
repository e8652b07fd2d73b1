import Foundation
import Testing
@testable import Dangjian
import DangjianLua
import DangjianTestSupport
@testable import BrandCreation

/// The plugin's baseline rule pack, found from the checkout rather than from the working directory.
let brandRulesDirectory = Checkout.rules(of: "BrandCreation")

/// 区委 → 区教育局党委 → 一中党委 (committee) → 一中教学党总支 → 一中语文党支部; the bureau also holds
/// 二小党支部 and 三中党支部 directly. Members: 张伟 (语文支部), 李娜 (二小), 王强 (三中).
struct BrandWorld {
    let t: TemporaryHost
    let district: Organization
    let bureau: Organization
    let school: Organization
    let department: Organization
    let chinese: Organization
    let branchB: Organization
    let branchC: Organization
    let zhang: Member
    let li: Member
    let wang: Member
    let brands: Brands

    /// - Parameter base: a host built elsewhere (by `TestApplication`); by default one with the plugin alone.
    static func make(on base: TemporaryHost? = nil) async throws -> BrandWorld {
        var t: TemporaryHost
        if let base {
            t = base
        } else {
            t = try await TemporaryHost.open(plugins: [BrandCreationPlugin(rulesDirectory: brandRulesDirectory)])
        }
        let district = try await t.organization("区委", .committee)
        let bureau = try await t.organization("区教育局党委", .committee, under: district)
        let school = try await t.organization("一中党委", .committee, under: bureau, domain: "school")
        let department = try await t.organization("一中教学党总支", .generalBranch, under: school)
        let chinese = try await t.organization("一中语文党支部", .branch, under: department)
        let b = try await t.organization("二小党支部", .branch, under: bureau, domain: "school")
        let c = try await t.organization("三中党支部", .branch, under: bureau, domain: "school")
        return BrandWorld(
            t: t, district: district, bureau: bureau, school: school, department: department, chinese: chinese,
            branchB: b, branchC: c, zhang: try await t.fullMember(chinese, "张伟", sequence: 101),
            li: try await t.fullMember(b, "李娜", sequence: 102),
            wang: try await t.fullMember(c, "王强", sequence: 103), brands: Brands(host: t.host))
    }

    /// A complete application for `unit`, whose plan's person responsible is `lead`.
    func draft(_ unit: Organization, _ tier: Tier, lead: Member, on day: String = "2026-01-10") -> BrandDraft {
        BrandDraft(
            organizationID: unit.id, name: "\(unit.name)先锋品牌", idea: "党建与业务深度融合", carriers: ["党员示范岗", "课题攻坚党小组"],
            activityForms: ["主题党日进课堂"], standards: ["群众满意度不低于 90%"], tier: tier.rawValue, appliedOn: day,
            plan: [
                .init(title: "设立党员示范岗", responsibleMemberID: lead.id, dueOn: "2026-09-30", acceptanceCriteria: "示范岗挂牌")
            ])
    }

    /// A brand taken to `stage` along the normal way, every checklist item evidenced when `evidence` is true.
    func brand(_ unit: Organization, _ tier: Tier, lead: Member, to stage: Brand.Stage, evidence: Bool = true)
        async throws -> Brand
    {
        var brand = try await brands.apply(draft(unit, tier, lead: lead), by: .system)
        guard stage != .applied else { return brand }
        brand = try await brands.approve(brand.id, .init(on: "2026-01-20"), by: .system)
        guard stage != .approved else { return brand }
        brand = try await brands.start(brand.id, .init(on: "2026-02-01"), by: .system)
        if evidence {
            for item in 1...tier.checklist.count {
                brand = try await brands.addEvidence(brand.id, .init(item: item, note: "记录"), by: .system)
            }
        }
        guard stage != .inCreation else { return brand }
        brand = try await brands.assess(brand.id, .init(on: "2026-05-01", opinion: "通过"), by: .system)
        guard stage != .assessed else { return brand }
        return try await brands.recognise(brand.id, .init(on: "2026-05-10"), by: .system)
    }
}
