import Dangjian
import Foundation

extension Brands {
    /// A brand the caller may see (readLedger over its unit), with the paths that decide who acts.
    struct Access {
        let brand: Brand
        let unitPath: String
        /// The organisation above the unit; nil for a unit without a parent (the tree's root),
        /// whose parent-only steps only a district admin takes (never the unit itself).
        let parentPath: String?
    }

    static func visible(_ id: Int64, actor: Principal, in s: any SQLSession) throws -> Access {
        guard
            let row = try s.queryOne("SELECT organization_id FROM brand_brands WHERE id = ?", [.integer(id)]),
            let unit = try OrganizationRegistry.load(try row.int64("organization_id"), in: s)
        else { throw DangjianError.notFound(brand) }
        guard actor.scope(for: .readLedger).contains(path: unit.path), let brand = try load([id], in: s).first else {
            throw DangjianError.notFound(Self.brand)
        }
        let parentPath = try unit.parentID.flatMap { try OrganizationRegistry.paths(of: [$0], in: s)[$0] }
        return Access(brand: brand, unitPath: unit.path, parentPath: parentPath)
    }

    /// Brands with their plan tasks and evidence, in four queries per 10,000 brands.
    static func load(_ ids: [Int64], in s: any SQLSession) throws -> [Brand] {
        guard !ids.isEmpty else { return [] }
        var tasks: [Int64: [Int64]] = [:]
        for row in try s.query(
            ids: ids, { "SELECT brand_id, task_id FROM brand_plan_tasks WHERE brand_id IN (\($0)) ORDER BY task_id" })
        {
            tasks[try row.int64("brand_id"), default: []].append(try row.int64("task_id"))
        }
        var evidence: [Int64: [Brand.Evidence]] = [:]
        for row in try s.query(
            ids: ids, { "SELECT * FROM brand_evidence WHERE brand_id IN (\($0)) ORDER BY item, id" })
        {
            evidence[try row.int64("brand_id"), default: []].append(
                Brand.Evidence(
                    id: try row.int64("id"), item: try row.int("item"), note: try row.string("note"),
                    recordedOn: try row.day("recorded_on")))
        }
        var byID: [Int64: Brand] = [:]
        let rows = try s.query(ids: ids, { "SELECT * FROM brand_brands WHERE id IN (\($0))" })
        let units = try OrganizationRegistry.names(of: try rows.map { try $0.int64("organization_id") }, in: s)
        for row in rows {
            let id = try row.int64("id")
            // A brand's unit always exists (organisations are archived, never deleted), as the join assumed.
            guard let unitName = units[try row.int64("organization_id")] else { continue }
            byID[id] = Brand(
                id: id, organizationID: try row.int64("organization_id"), organizationName: unitName,
                name: try row.string("name"), idea: try row.string("idea"),
                carriers: try strings(try row.string("carriers")),
                activityForms: try strings(try row.string("activity_forms")),
                standards: try strings(try row.string("standards")),
                tier: try row.enumValue("tier"), stage: try row.enumValue("stage"),
                stageSince: try row.day("stage_since"),
                appliedOn: try row.day("applied_on"), recognisedOn: try row.optionalDay("recognised_on"),
                returnReason: try row.optionalString("return_reason"),
                returnedFrom: try row.optionalEnum("returned_from"),
                planTaskIDs: tasks[id] ?? [], evidence: evidence[id] ?? [],
                promotedPractice: try row.optionalString("promoted_practice"),
                promotedOn: try row.optionalDay("promoted_on"))
        }
        return ids.compactMap { byID[$0] }
    }
}
