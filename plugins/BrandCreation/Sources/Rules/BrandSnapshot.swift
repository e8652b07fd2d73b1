import Dangjian
import DangjianLua

/// Brands, their gaps and the evaluation rounds as rules read them: loaded once per sweep in a
/// handful of queries, whatever the number of organisations asking.
struct BrandSnapshot: Sendable {
    struct Round: Sendable {
        let id: Int64
        let title: String
        let organizationID: Int64
        let deadline: Day
        let published: Bool
        /// Sheets each evaluator still owes (their own units' entries excluded), by member id.
        var owed: [Int64: Int] = [:]
        var ranking: [EvaluationRound.Entry] = []
    }

    var brands: [Int64: Brand] = [:]
    var paths: [Int64: String] = [:]
    var rounds: [Int64: Round] = [:]

    static func load(_ context: CallContext) throws -> BrandSnapshot {
        try context.batch("brand.snapshot") { s in try load(in: s) }
    }

    /// The snapshot in a fixed number of queries, whatever the number of brands or rounds.
    static func load(in s: any SQLSession) throws -> BrandSnapshot {
        var snapshot = BrandSnapshot()
        let ids = try s.query("SELECT id FROM brand_brands", []).map { try $0.int64("id") }
        for brand in try Brands.load(ids, in: s) { snapshot.brands[brand.organizationID] = brand }
        snapshot.paths = try OrganizationRegistry.paths(of: Array(snapshot.brands.keys), in: s)
        for row in try s.query(
            "SELECT id, title, organization_id, scoring_deadline, published_on FROM brand_rounds", [])
        {
            let id = try row.int64("id")
            let round = Round(
                id: id, title: try row.string("title"), organizationID: try row.int64("organization_id"),
                deadline: try row.day("scoring_deadline"), published: try row.optionalDay("published_on") != nil)
            snapshot.rounds[id] = round
        }
        // Every round's ranking (dj.brand.scores reads published ones too) in one query, and
        // the sheets owed only for the unpublished rounds dj.brand.rounds reads, in another.
        for (id, entries) in try Evaluations.entries(of: nil, in: s) { snapshot.rounds[id]?.ranking = entries }
        for owed in try Evaluations.owedSheets(roundID: nil, in: s) {
            snapshot.rounds[owed.roundID]?.owed[owed.memberID] = owed.owed
        }
        return snapshot
    }
}

extension Brand {
    func lua(today: Day?) -> LuaValue {
        var fields: [String: LuaValue] = [
            "id": .int(id), "name": .string(name), "tier": .string(tier.rawValue), "tier_zh": .string(tier.zh),
            "stage": .string(stage.rawValue), "stage_zh": .string(stage.zh),
            "stage_since": .string(stageSince.description),
            "awaits_parent": .bool(stage.awaitsParent), "gaps": .int(Int64(gaps.count)),
        ]
        if let today { fields["days_in_stage"] = .int(Int64(stageSince.days(until: today))) }
        return .table(LuaTable(fields: fields))
    }
}
