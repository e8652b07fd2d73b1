import Dangjian
import Foundation

/// Score sheets and the publication of results.
///
/// Conflict of interest: an evaluator never scores a brand of their own unit. "Own unit" means
/// the evaluator's member record belongs to the brand's unit or to an organisation inside it
/// (a branch member of a department's committee is inside it), or any account of that member
/// holds a role on the brand's unit or inside it (its secretary, say, whose membership is kept
/// elsewhere). A role above the unit (the organiser's own) is no conflict. The one definition,
/// `conflict(_:unitPath:)`, decides sheets the evaluator enters, sheets the organiser enters
/// for them from paper, and the sheets counted as owed.
extension Evaluations {
    public func score(_ roundID: Int64, _ draft: SheetDraft, by actor: Principal) async throws -> ScoreSheet {
        guard let brandID = draft.brandID else { throw DangjianError.required("brandID") }
        guard let evaluator = draft.evaluatorMemberID ?? actor.memberID else {
            throw DangjianError.required("evaluatorMemberID")
        }
        let given = draft.scores ?? []
        let duplicate = DangjianError.conflict(
            BrandCreationErrorCode.sheetExists, field: "brandID", zh: "该评委已为此品牌评分，每人每个品牌只评一次",
            en: "This evaluator has scored this brand already; one sheet per evaluator and entry")
        return try await UniqueViolation.refused(as: duplicate) {
            try await self.host.store.write(actor) { tx in
                let s = tx.session
                let round = try Self.readable(roundID, actor: actor, in: s)
                let path = try OrganizationRegistry.path(
                    of: round.organizationID, in: s, scope: Principal.system.scope(for: .readLedger))
                let forThemselves = actor.memberID == evaluator
                guard forThemselves || actor.has(.writeLedger, over: path) else {
                    throw DangjianError.forbidden(
                        zh: "评委本人评分；代为录入须由评比的组织单位办理",
                        en: "evaluators score for themselves; only the round's organiser enters a sheet for another")
                }
                try Self.requireUnpublished(round)
                guard tx.today <= round.scoringDeadline else {
                    throw DangjianError.conflict(
                        BrandCreationErrorCode.scoringClosed, field: "round", zh: "评分已于 \(round.scoringDeadline) 截止",
                        en: "Scoring closed on \(round.scoringDeadline)")
                }
                guard round.evaluatorMemberIDs.contains(evaluator) else {
                    throw DangjianError.invalid(
                        BrandCreationErrorCode.notAnEvaluator, field: "evaluatorMemberID", zh: "该党员不是本次评比的评委",
                        en: "This member is not an evaluator of this round")
                }
                guard
                    try s.queryOne(
                        "SELECT 1 AS one FROM brand_entries WHERE round_id = ? AND brand_id = ?",
                        [.integer(roundID), .integer(brandID)]) != nil
                else {
                    throw DangjianError.invalid(
                        BrandCreationErrorCode.notAnEntry, field: "brandID", zh: "该品牌未参加本次评比",
                        en: "This brand is not an entry of this round")
                }
                try Self.requireNoConflict(evaluator, brandID: brandID, in: s)
                let items = try Self.check(given, against: round.rubric)
                let total = items.reduce(0) { $0 + $1.points }
                let id = try s.insert(
                    """
                    INSERT INTO brand_sheets (round_id, brand_id, evaluator_member_id, items, total, submitted_at) VALUES (?, ?, ?, ?, ?, ?)
                    """,
                    [
                        .integer(roundID), .integer(brandID), .integer(evaluator), .text(JSONText.encode(items)),
                        .real(total), tx.timestamp,
                    ])
                let sheet = ScoreSheet(
                    id: id, roundID: roundID, brandID: brandID, evaluatorMemberID: evaluator, items: items,
                    total: total.roundedScore)
                try tx.audit(
                    entity: "brand.sheet", id: id, action: "score", path: path, before: nil,
                    after: JSONText.encode(sheet))
                return sheet
            }
        }
    }

    /// 公布结果: the ranking goes to each entered unit's secretaries, once the deadline has passed
    /// or every evaluator has scored every entry they may score.
    public func publish(_ roundID: Int64, by actor: Principal) async throws -> EvaluationRound {
        try await host.store.write(actor) { tx in
            let s = tx.session
            let (round, path) = try Self.writable(roundID, in: tx)
            try Self.requireUnpublished(round)
            let missing = try Self.missingSheets(round, in: s)
            guard tx.today > round.scoringDeadline || missing == 0 else {
                throw DangjianError.conflict(
                    BrandCreationErrorCode.scoringOpen, field: "round",
                    zh: "评分截止前尚缺 \(missing) 份评分表，暂不能公布",
                    en: "Scoring is open until \(round.scoringDeadline) and \(missing) sheet(s) are missing")
            }
            try s.execute(
                "UPDATE brand_rounds SET published_on = ? WHERE id = ?", [SQLValue(tx.today), .integer(roundID)])
            let after = try Self.load(roundID, in: s)
            // The entered units' secretaries, in one query; a disabled account is not told.
            let secretaries =
                after.entries.isEmpty
                ? [:]
                : try UserRegistry.holders(of: .secretary, organizationIDs: after.entries.map(\.organizationID), in: s)
            for entry in after.entries {
                let result = entry.rank.map { "第 \($0) 名，平均 \(entry.average ?? 0) 分" } ?? "未获评分"
                for user in secretaries[entry.organizationID] ?? [] {
                    try self.host.notifications.send(
                        NotificationDraft(
                            userID: user, kind: Self.notificationKind, title: "「\(round.title)」结果公布：\(result)",
                            body:
                                "品牌「\(entry.brandName)」在「\(round.title)」中\(result)（共 \(after.entries.count) 个品牌参评，满分 \(String(format: "%g", round.rubric.total)) 分）。",
                            organizationID: entry.organizationID,
                            idempotencyKey: "brand:results:\(roundID):\(entry.brandID):\(user)"), in: tx)
                }
                tx.emit(
                    Event.ResultsPublished(
                        roundID: roundID, organizationID: entry.organizationID, brandID: entry.brandID))
            }
            try tx.audit(Self.round, id: roundID, action: "publish", path: path, before: round, after: after)
            return after
        }
    }

    /// Whether a member who stands at these paths (`MemberRegistry.standingPaths`: their
    /// member record's organisation and every organisation where an account of theirs, disabled
    /// or not, holds a role) has a conflict with the unit at `unitPath`: one of them is in its subtree.
    static func conflict(_ standing: Set<String>, unitPath: String) -> Bool {
        standing.contains { $0.hasPrefix(unitPath) }
    }

    static func requireNoConflict(_ evaluator: Int64, brandID: Int64, in s: any SQLSession) throws {
        let unit = try s.queryOne("SELECT organization_id FROM brand_brands WHERE id = ?", [.integer(brandID)])
            .map { try $0.int64("organization_id") }
        let conflicted = try unit.map { unit in
            guard let unitPath = try OrganizationRegistry.paths(of: [unit], in: s)[unit] else { return false }
            return conflict(
                try MemberRegistry.standingPaths(of: [evaluator], in: s)[evaluator] ?? [], unitPath: unitPath)
        }
        guard conflicted != true else {
            throw DangjianError.conflict(
                BrandCreationErrorCode.conflictOfInterest, field: "brandID", zh: "评委不能为本单位的品牌评分（利益回避）",
                en: "An evaluator never scores a brand of their own unit (conflict of interest)")
        }
    }

    /// Every rubric item scored once, each within 0 and its full marks.
    static func check(_ given: [SheetDraft.Score], against rubric: Rubric) throws -> [ScoreSheet.Item] {
        var byItem: [String: Double] = [:]
        for (index, score) in given.enumerated() {
            guard let name = score.item, let rubricItem = rubric.items.first(where: { $0.item == name }) else {
                throw DangjianError.invalid(
                    BrandCreationErrorCode.unknownRubricItem, field: "scores.\(index).item",
                    zh: "评分细则中没有此项；应为：\(rubric.items.map(\.item).joined(separator: "、"))",
                    en: "Not an item of the rubric; the items are \(rubric.items.map(\.item).joined(separator: ", "))")
            }
            guard byItem[name] == nil else {
                throw DangjianError.badValue("scores.\(index).item", zh: "同一项只能评一次", en: "each item is scored once")
            }
            guard let points = score.points, points.isFinite, points >= 0, points <= rubricItem.max else {
                throw DangjianError.invalid(
                    BrandCreationErrorCode.scoreOutOfRange, field: "scores.\(index).points",
                    zh: "「\(name)」的得分应在 0 到 \(String(format: "%g", rubricItem.max)) 之间",
                    en: "\(name) is scored from 0 to \(String(format: "%g", rubricItem.max))")
            }
            byItem[name] = points
        }
        if let missing = rubric.items.first(where: { byItem[$0.item] == nil }) {
            throw DangjianError.invalid(
                BrandCreationErrorCode.rubricItemMissing, field: "scores",
                zh: "缺少「\(missing.item)」的得分", en: "The sheet lacks a score for \(missing.item)")
        }
        return rubric.items.map { ScoreSheet.Item(item: $0.item, points: byItem[$0.item]!) }
    }

    /// Sheets still owed: each evaluator for each entry they may score (entries they have a
    /// conflict with excluded, by the same definition the sheets are checked against).
    static func missingSheets(_ round: EvaluationRound, in s: any SQLSession) throws -> Int {
        try owedSheets(roundID: round.id, in: s).reduce(0) { $0 + $1.owed }
    }

    /// Sheets owed per round and evaluator, of one round or (nil) of every unpublished round,
    /// ordered by round and evaluator; the rules read the same count. Four queries whatever the
    /// number of rounds: the unscored pairs, the entries' unit paths and the evaluators' standing.
    static func owedSheets(roundID: Int64?, in s: any SQLSession) throws -> [(
        roundID: Int64, memberID: Int64, owed: Int
    )] {
        let which = roundID == nil ? "r.published_on IS NULL" : "e.round_id = ?"
        let unscored = try s.query(
            """
            SELECT e.round_id, v.member_id, b.organization_id FROM brand_entries e JOIN brand_evaluators v ON v.round_id = e.round_id
            JOIN brand_rounds r ON r.id = e.round_id JOIN brand_brands b ON b.id = e.brand_id
            WHERE \(which) AND NOT EXISTS (SELECT 1 FROM brand_sheets sh WHERE sh.round_id = e.round_id
                                           AND sh.brand_id = e.brand_id AND sh.evaluator_member_id = v.member_id)
            """, roundID.map { [.integer($0)] } ?? []
        ).map {
            (
                roundID: try $0.int64("round_id"), memberID: try $0.int64("member_id"),
                unit: try $0.int64("organization_id")
            )
        }
        let unitPaths = try OrganizationRegistry.paths(of: unscored.map(\.unit), in: s)
        let standing = try MemberRegistry.standingPaths(of: unscored.map(\.memberID), in: s)
        var owed: [Pair: Int] = [:]
        for pair in unscored {
            // An entered brand's unit always exists (organisations are archived, never deleted), as the join assumed.
            guard let unitPath = unitPaths[pair.unit] else { continue }
            guard !conflict(standing[pair.memberID] ?? [], unitPath: unitPath) else { continue }
            owed[Pair(roundID: pair.roundID, memberID: pair.memberID), default: 0] += 1
        }
        return owed.sorted { ($0.key.roundID, $0.key.memberID) < ($1.key.roundID, $1.key.memberID) }
            .map { ($0.key.roundID, $0.key.memberID, $0.value) }
    }

    private struct Pair: Hashable {
        let roundID: Int64
        let memberID: Int64
    }
}
