import Dangjian
import DangjianLua
import Foundation

/// 展示、交流评比: the organisation that runs a round (writeLedger over it) opens it with the
/// rubric of its rules, enters assessed or recognised brands of its subtree, names evaluators,
/// and publishes the ranking to the units. Evaluators score through `Evaluations+Scoring`.
public final class Evaluations: Sendable {
    let host: DangjianHost
    /// The running rules' engine, if loaded; the rubric comes from them.
    let rules: @Sendable () -> RuleEngine?

    public static let round = Entity("brand.round", zh: "品牌评比", en: "Evaluation round")
    public static let notificationKind = "brand.results"

    public init(host: DangjianHost, rules: @escaping @Sendable () -> RuleEngine?) {
        self.host = host
        self.rules = rules
    }

    public func open(_ draft: RoundDraft, by actor: Principal) async throws -> EvaluationRound {
        guard let organizationID = draft.organizationID else { throw DangjianError.required("organizationID") }
        // Checked before the rules run, so an outsider learns nothing from the rubric's errors.
        _ = try await host.store.read { s in
            let path = try OrganizationRegistry.path(of: organizationID, in: s, scope: actor.scope(for: .readLedger))
            try actor.requireOnVisible(.writeLedger, over: path)
        }
        let rubric = try await Rubric.load(for: organizationID, engine: rules(), host: host)
        return try await open(draft, rubric: rubric, by: actor)
    }

    /// Opens a round with a rubric already resolved. `allowingPastDeadline` is for fixtures,
    /// which set up rounds whose scoring closed before their day.
    func open(_ draft: RoundDraft, rubric: Rubric, allowingPastDeadline: Bool = false, by actor: Principal) async throws
        -> EvaluationRound
    {
        guard let organizationID = draft.organizationID else { throw DangjianError.required("organizationID") }
        let title = try Validate.text(draft.title, field: "title", max: 200)
        let deadline = try Validate.requiredDay(draft.scoringDeadline, field: "scoringDeadline")
        let duplicate = DangjianError.conflict(
            BrandCreationErrorCode.duplicateRound, field: "title", zh: "同名评比「\(title)」已存在",
            en: "A round titled \(title) exists already")
        return try await UniqueViolation.refused(as: duplicate) {
            try await self.host.store.write(actor) { tx in
                let s = tx.session
                let path = try OrganizationRegistry.path(
                    of: organizationID, in: s, scope: actor.scope(for: .readLedger))
                guard deadline >= tx.today || allowingPastDeadline else {
                    throw DangjianError.invalid(
                        KernelErrorCode.validationDateOrder, field: "scoringDeadline", zh: "评分截止日期不能早于今天",
                        en: "The scoring deadline cannot be in the past")
                }
                let id = try s.insert(
                    """
                    INSERT INTO brand_rounds (organization_id, title, rubric, rubric_ref, scoring_deadline, created_at) VALUES (?, ?, ?, ?, ?, ?)
                    """,
                    [
                        .integer(organizationID), .text(title), .text(JSONText.encode(rubric.items)),
                        .text(rubric.ruleRef),
                        SQLValue(deadline), tx.timestamp,
                    ])
                try Self.add(draft, to: id, path: path, in: tx)
                let round = try Self.load(id, in: s)
                try tx.audit(
                    Self.round, id: id, action: "open", path: path, before: EvaluationRound?.none, after: round)
                return round
            }
        }
    }

    /// More entries or evaluators, until the results are published.
    public func extend(_ id: Int64, _ draft: RoundDraft, by actor: Principal) async throws -> EvaluationRound {
        try await host.store.write(actor) { tx in
            let (before, path) = try Self.writable(id, in: tx)
            try Self.requireUnpublished(before)
            try Self.add(draft, to: id, path: path, in: tx)
            let after = try Self.load(id, in: tx.session)
            try tx.audit(Self.round, id: id, action: "extend", path: path, before: before, after: after)
            return after
        }
    }

    public func get(_ id: Int64, by actor: Principal) async throws -> EvaluationRound {
        try await host.store.read { s in try Self.readable(id, actor: actor, in: s) }
    }

    /// Entries must be assessed or recognised brands of the round's subtree; evaluators are
    /// members the caller can see. Adding one twice changes nothing.
    static func add(_ draft: RoundDraft, to id: Int64, path: String, in tx: Transaction) throws {
        let s = tx.session
        let brands = draft.brandIDs ?? []
        let evaluators = draft.evaluatorMemberIDs ?? []
        guard brands.count <= 200, evaluators.count <= 50 else {
            throw DangjianError.badValue(
                "brandIDs", zh: "一次至多 200 个参评品牌、50 名评委", en: "at most 200 entries and 50 evaluators at a time")
        }
        var entered: [Int64: (stage: String, organizationID: Int64)] = [:]
        for row in try s.query(
            ids: brands, { "SELECT id, stage, organization_id FROM brand_brands WHERE id IN (\($0))" })
        {
            entered[try row.int64("id")] = (try row.string("stage"), try row.int64("organization_id"))
        }
        let units = try OrganizationRegistry.paths(of: entered.values.map(\.organizationID), in: s)
        for (index, brandID) in brands.enumerated() {
            guard let brand = entered[brandID], units[brand.organizationID]?.hasPrefix(path) == true else {
                throw DangjianError.notFound(Brands.brand)
            }
            guard ["assessed", "recognised"].contains(brand.stage) else {
                throw DangjianError.conflict(
                    BrandCreationErrorCode.notEligible, field: "brandIDs.\(index)", zh: "只有已考核或已命名的品牌可以参加评比",
                    en: "Only assessed or recognised brands take part in an evaluation")
            }
            try s.execute(
                "INSERT INTO brand_entries (round_id, brand_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                [.integer(id), .integer(brandID)])
        }
        let scope = tx.actor.scope(for: .readMembers)
        let evaluatorPaths = try MemberRegistry.organizationPaths(of: evaluators, in: s)
        for memberID in evaluators {
            guard let memberPath = evaluatorPaths[memberID], scope.contains(path: memberPath) else {
                throw DangjianError.notFound(.member)
            }
            try s.execute(
                "INSERT INTO brand_evaluators (round_id, member_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                [.integer(id), .integer(memberID)])
        }
    }

    static func requireUnpublished(_ round: EvaluationRound) throws {
        if let published = round.publishedOn {
            throw DangjianError.conflict(
                BrandCreationErrorCode.alreadyPublished, field: "round", zh: "评比结果已于 \(published) 公布",
                en: "The results were published on \(published)")
        }
    }

    /// The organiser's view: readLedger over the round's organisation, or an evaluator of it.
    /// Until the results are published an evaluator who is not an organiser sees no averages
    /// or ranks, and the entries by brand id, so no running ranking sways them.
    static func readable(_ id: Int64, actor: Principal, in s: any SQLSession) throws -> EvaluationRound {
        let round = try load(id, in: s)
        let path = try OrganizationRegistry.path(
            of: round.organizationID, in: s, scope: Principal.system.scope(for: .readLedger))
        let evaluator = actor.memberID.map(round.evaluatorMemberIDs.contains) ?? false
        let organiser = actor.scope(for: .readLedger).contains(path: path)
        guard organiser || evaluator else { throw DangjianError.notFound(Self.round) }
        return organiser || round.publishedOn != nil ? round : round.withoutRanking
    }

    static func writable(_ id: Int64, in tx: Transaction) throws -> (EvaluationRound, String) {
        let round = try load(id, in: tx.session)
        let path =
            try OrganizationRegistry.paths(of: [round.organizationID], in: tx.session)[round.organizationID] ?? ""
        // A round the caller cannot see answers as a missing round, not as a missing organisation.
        guard tx.actor.scope(for: .readLedger).contains(path: path) else { throw DangjianError.notFound(Self.round) }
        try tx.actor.requireOnVisible(.writeLedger, over: path)
        return (round, path)
    }

    /// The entries of several rounds (nil: of every round), each round's ranked by the average
    /// of its evaluators' totals, in one query per 10,000 rounds, and the entries' unit names in one more.
    static func entries(of roundIDs: [Int64]?, in s: any SQLSession) throws -> [Int64: [EvaluationRound.Entry]] {
        func select(_ which: String) -> String {
            """
            SELECT e.round_id, b.id, b.name, b.tier, b.organization_id, COUNT(sh.id) AS sheets, AVG(sh.total) AS average
            FROM brand_entries e JOIN brand_brands b ON b.id = e.brand_id
            LEFT JOIN brand_sheets sh ON sh.round_id = e.round_id AND sh.brand_id = e.brand_id
            WHERE \(which) GROUP BY e.round_id, b.id, b.name, b.tier, b.organization_id
            """
        }
        let found =
            try roundIDs.map { ids in try s.query(ids: ids) { select("e.round_id IN (\($0))") } }
            ?? s.query(select("1 = 1"), [])
        let unitNames = try OrganizationRegistry.names(of: try found.map { try $0.int64("organization_id") }, in: s)
        // An entered brand's unit always exists (organisations are archived, never deleted), as the join assumed.
        let rows = try found.filter { unitNames[try $0.int64("organization_id")] != nil }.map { row in
            (
                roundID: try row.int64("round_id"), brandID: try row.int64("id"), name: try row.string("name"),
                tier: try row.enumValue("tier") as Tier,
                unit: try row.int64("organization_id"), unitName: unitNames[try row.int64("organization_id")] ?? "",
                sheets: try row.int("sheets"),
                average: try row.int("sheets") > 0 ? try row.double("average").roundedScore : nil
            )
        }
        var byRound: [Int64: [EvaluationRound.Entry]] = [:]
        for (roundID, unranked) in Dictionary(grouping: rows, by: \.roundID) {
            let ordered = unranked.sorted { ($0.average ?? -1, $1.brandID) > ($1.average ?? -1, $0.brandID) }
            var entries: [EvaluationRound.Entry] = []
            for (index, e) in ordered.enumerated() {
                // Equal averages share a rank (1, 2, 2, 4).
                let rank = e.average.map { average in entries.last { $0.average == average }?.rank ?? index + 1 }
                entries.append(
                    .init(
                        brandID: e.brandID, brandName: e.name, organizationID: e.unit, organizationName: e.unitName,
                        tier: e.tier,
                        sheets: e.sheets, average: e.average, rank: rank))
            }
            byRound[roundID] = entries
        }
        return byRound
    }

    /// A round with its entries ranked by the average of their evaluators' totals.
    static func load(_ id: Int64, in s: any SQLSession) throws -> EvaluationRound {
        guard let row = try s.queryOne("SELECT * FROM brand_rounds WHERE id = ?", [.integer(id)]) else {
            throw DangjianError.notFound(round)
        }
        let rubric = Rubric(
            items: try JSONDecoder().decode([Rubric.Item].self, from: Data(try row.string("rubric").utf8)),
            ruleRef: try row.string("rubric_ref"))
        let entries = try Self.entries(of: [id], in: s)[id] ?? []
        let evaluators = try s.query(
            "SELECT member_id FROM brand_evaluators WHERE round_id = ? ORDER BY member_id", [.integer(id)]
        )
        .map { try $0.int64("member_id") }
        return EvaluationRound(
            id: id, organizationID: try row.int64("organization_id"), title: try row.string("title"), rubric: rubric,
            scoringDeadline: try row.day("scoring_deadline"), publishedOn: try row.optionalDay("published_on"),
            entries: entries, evaluatorMemberIDs: evaluators)
    }
}
