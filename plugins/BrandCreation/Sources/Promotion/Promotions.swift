import Dangjian
import Foundation

/// 推广: other units adopt a promoted brand's practice and report what it achieved. The
/// adopting unit's secretary (writeLedger over it) adopts and reports; the promoted brand need
/// only be visible to organisations (the practice is meant to travel across the tree).
public final class Promotions: Sendable {
    let host: DangjianHost

    public static let adoption = Entity("brand.adoption", zh: "品牌推广应用", en: "Adoption")

    public init(host: DangjianHost) { self.host = host }

    public func adopt(_ brandID: Int64, _ draft: AdoptionDraft, by actor: Principal) async throws -> Adoption {
        guard let unitID = draft.organizationID else { throw DangjianError.required("organizationID") }
        let on = try Validate.day(draft.adoptedOn, field: "adoptedOn")
        let duplicate = DangjianError.conflict(
            BrandCreationErrorCode.alreadyAdopted, field: "organizationID", zh: "该单位已在推广应用此品牌做法",
            en: "This unit has adopted this practice already")
        return try await UniqueViolation.refused(as: duplicate) {
            try await self.host.store.write(actor) { tx in
                let s = tx.session
                let path = try OrganizationRegistry.path(of: unitID, in: s, scope: actor.scope(for: .readOrganizations))
                try actor.requireOnVisible(.writeLedger, over: path)
                let brand = try Self.promoted(brandID, actor: actor, in: s)
                let brandPath =
                    try OrganizationRegistry.paths(of: [brand.organizationID], in: s)[brand.organizationID] ?? ""
                guard !path.hasPrefix(brandPath) else {
                    throw DangjianError.invalid(
                        BrandCreationErrorCode.ownPractice, field: "organizationID", zh: "推广应用须由其他单位进行",
                        en: "A practice is adopted by other units, not by the brand's own")
                }
                let adopted = on ?? tx.today
                try Validate.notFuture(adopted, field: "adoptedOn", today: tx.today)
                if let promoted = brand.promotedOn, adopted < promoted {
                    throw DangjianError.invalid(
                        KernelErrorCode.validationDateOrder, field: "adoptedOn", zh: "日期不能早于列入推广的日期 \(promoted)",
                        en: "The date cannot be before the practice was promoted (\(promoted))")
                }
                let id = try s.insert(
                    "INSERT INTO brand_adoptions (brand_id, organization_id, adopted_on, created_at) VALUES (?, ?, ?, ?)",
                    [.integer(brandID), .integer(unitID), SQLValue(adopted), tx.timestamp])
                let adoption = try Self.load(brandID: brandID, in: s).first { $0.id == id }!
                try tx.audit(
                    Self.adoption, id: id, action: "adopt", path: path, before: Adoption?.none, after: adoption)
                return adoption
            }
        }
    }

    /// The adopting unit reports its results; a later report replaces the earlier one (the
    /// earlier stays in the audit log).
    public func report(_ adoptionID: Int64, _ draft: AdoptionDraft, by actor: Principal) async throws -> Adoption {
        let results = try Validate.longText(draft.results, field: "results", max: 5000)
        return try await host.store.write(actor) { tx in
            let s = tx.session
            guard
                let row = try s.queryOne(
                    "SELECT brand_id, organization_id FROM brand_adoptions WHERE id = ?", [.integer(adoptionID)]),
                let path = try OrganizationRegistry.paths(of: [try row.int64("organization_id")], in: s).values.first,
                actor.scope(for: .readLedger).contains(path: path)
            else { throw DangjianError.notFound(Self.adoption) }
            try actor.requireOnVisible(.writeLedger, over: path)
            let brandID = try row.int64("brand_id")
            let before = try Self.load(brandID: brandID, in: s).first { $0.id == adoptionID }!
            try s.execute(
                "UPDATE brand_adoptions SET results = ?, reported_on = ? WHERE id = ?",
                [.text(results), SQLValue(tx.today), .integer(adoptionID)])
            let after = try Self.load(brandID: brandID, in: s).first { $0.id == adoptionID }!
            try tx.audit(Self.adoption, id: adoptionID, action: "report", path: path, before: before, after: after)
            return after
        }
    }

    /// The units that adopted a brand's practice, for whoever sees the brand or, once it is
    /// promoted, for anyone: either way only the adopting units the caller can see (readLedger)
    /// are listed, so no unseen organisation's name or results leak.
    public func adoptions(of brandID: Int64, by actor: Principal) async throws -> [Adoption] {
        try await host.store.read { s in
            _ = try Self.promoted(brandID, actor: actor, in: s, orVisible: true)
            return try Self.load(brandID: brandID, in: s, scope: actor.scope(for: .readLedger))
        }
    }

    /// 推广的品牌做法: every promoted practice, for any caller. What a unit needs to adopt one
    /// (the brand's name, tier, idea, carriers, activity forms and the practice), no personal
    /// data and not the unit itself.
    public func practices(by actor: Principal) async throws -> [PromotedPractice] {
        try await host.store.read { s in
            let ids = try s.query(
                "SELECT id FROM brand_brands WHERE promoted_on IS NOT NULL ORDER BY promoted_on DESC, id DESC", []
            )
            .map { try $0.int64("id") }
            return try Brands.load(ids, in: s).compactMap(PromotedPractice.init)
        }
    }

    /// A brand whose practice is promoted, or (with `orVisible`) one the caller may read. An
    /// unknown brand and one not promoted look the same (404) to whoever cannot read it; those
    /// who can are told it is not promoted (409).
    static func promoted(_ brandID: Int64, actor: Principal, in s: any SQLSession, orVisible: Bool = false) throws
        -> Brand
    {
        guard let brand = try Brands.load([brandID], in: s).first else { throw DangjianError.notFound(Brands.brand) }
        if brand.promotedOn != nil { return brand }
        let path = try OrganizationRegistry.paths(of: [brand.organizationID], in: s)[brand.organizationID] ?? ""
        guard actor.scope(for: .readLedger).contains(path: path) else { throw DangjianError.notFound(Brands.brand) }
        if orVisible { return brand }
        throw DangjianError.conflict(
            BrandCreationErrorCode.notPromoted, field: "brandID", zh: "该品牌做法尚未列入推广",
            en: "This brand's practice is not marked for promotion")
    }

    static func load(brandID: Int64, in s: any SQLSession, scope: Scope = Principal.system.scope(for: .readLedger))
        throws -> [Adoption]
    {
        let rows = try s.query("SELECT * FROM brand_adoptions WHERE brand_id = ? ORDER BY id", [.integer(brandID)])
        let units = try OrganizationRegistry.labels(of: try rows.map { try $0.int64("organization_id") }, in: s)
        // A brand's adopters are a handful of units, so the scope is applied here, not in SQL.
        return try rows.compactMap {
            guard let unit = units[try $0.int64("organization_id")], scope.contains(path: unit.path) else { return nil }
            return Adoption(
                id: try $0.int64("id"), brandID: brandID, organizationID: unit.id,
                organizationName: unit.name,
                adoptedOn: try $0.day("adopted_on"), results: try $0.optionalString("results"),
                reportedOn: try $0.optionalDay("reported_on"))
        }
    }
}
