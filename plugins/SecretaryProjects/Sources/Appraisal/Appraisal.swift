import Dangjian
import DangjianLua
import Foundation
import Synchronization

/// 述职评议 (seed 003: "纳入各级党组织书记年终抓党建述职评议考核"). The secretary submits a report;
/// each member of the leadership group scores it against the rubric; the programme's
/// organisation rates it. A rating of 差, or a project seriously behind, opens a case for the
/// programme's organisation to decide on an admonition talk: nothing happens to anyone
/// automatically.
public final class Appraisal: Sendable {
    let host: DangjianHost
    let rules: @Sendable () -> RuleRuntime?

    public static let report = Entity("secretary.report", zh: "述职报告", en: "Year-end report")
    static let rubricName = "secretary-report"

    /// - Parameter rules: the host's running rules, asked at call time for the rubric's `score`.
    public init(host: DangjianHost, rules: @escaping @Sendable () -> RuleRuntime?) {
        self.host = host
        self.rules = rules
    }

    public func submit(_ projectID: Int64, _ draft: ReportDraft, by actor: Principal) async throws -> YearEndReport {
        guard let year = draft.year, Day.supportedYears.contains(year) else { throw DangjianError.required("year") }
        let text = try Validate.longText(draft.text, field: "text", max: 20_000)
        let submitted = try Validate.day(draft.submittedOn, field: "submittedOn")
        do {
            return try await host.store.write(actor) { tx in
                let s = tx.session
                guard let project = try Projects.load([projectID], in: s).first else {
                    throw DangjianError.notFound(Projects.project)
                }
                try Projects.requireReadable(project, actor: actor, in: s)
                let path =
                    try OrganizationRegistry.paths(of: [project.organizationID], in: s)[project.organizationID] ?? ""
                try actor.requireOnVisible(.writeLedger, over: path)
                let on = submitted ?? tx.today
                try Validate.notFuture(on, field: "submittedOn", today: tx.today)
                // The report is dated the day it is handed in; only the programme's organisation
                // enters one received earlier, so lateness stays on the record.
                let programme = try Programmes.load(project.programmeID, in: s)
                let programmePath = try OrganizationRegistry.path(
                    of: programme.organizationID, in: s, scope: Scope(paths: ["/"]))
                if on != tx.today, !actor.isSystem,
                    !actor.has(.writeLedger, over: programmePath) || programmePath == path
                {
                    throw DangjianError.invalid(
                        SecretaryProjectsErrorCode.backdated, field: "submittedOn",
                        zh: "述职报告的提交日期为提交当日；补录由上级党组织办理",
                        en: "A report is dated the day it is handed in; the organisation above enters earlier ones")
                }
                let id = try s.insert(
                    "INSERT INTO secretary_reports (project_id, year, text, submitted_on) VALUES (?, ?, ?, ?)",
                    [.integer(projectID), SQLValue(year), .text(text), SQLValue(on)])
                let report = try Self.load(id, in: s)
                try tx.audit(
                    Self.report, id: id, action: "submit", path: path, before: YearEndReport?.none, after: report)
                return report
            }
        } catch is UniqueViolation {
            throw DangjianError.conflict(
                SecretaryProjectsErrorCode.reportSubmitted, field: "year", zh: "\(year) 年度述职报告已提交",
                en: "The report for \(year) is submitted already")
        }
    }

    /// The rubric for a report: the `secretary-report` score function as it applies to the
    /// project's organisation (a district's overlay replaces the baseline's).
    /// Once a report has a score sheet, its rubric is the one that sheet used (a district that
    /// changes its rubric mid-evaluation does not split one report's sheets across two rubrics).
    public func rubric(for reportID: Int64, by actor: Principal) async throws -> (items: [RubricItem], ref: String) {
        let (report, organizationID, frozen) = try await host.store.read { s in
            let report = try Self.load(reportID, in: s)
            let project = try Self.project(of: report, actor: actor, in: s)
            return (report, project.organizationID, try Self.frozenRubric(reportID, in: s))
        }
        if let frozen { return frozen }
        guard let runtime = rules() else {
            throw DangjianError(
                .unavailable, code: SecretaryProjectsErrorCode.rulesNotLoaded, zh: "规则尚未加载，暂不能评议",
                en: "The rules are not loaded, so nothing can be scored yet")
        }
        let entries = try await host.organizations.sweepEntries(ids: [organizationID])
        let (scores, failures) = try await runtime.engine.scores(
            Self.rubricName, argument: .int(Int64(report.year)), entries: entries)
        guard let rubric = scores.first, !rubric.items.isEmpty,
            Set(rubric.items.map(\.item)).count == rubric.items.count,
            rubric.items.allSatisfy({ $0.points > 0 })
        else {
            throw DangjianError(
                .unavailable, code: SecretaryProjectsErrorCode.noRubric,
                zh: "评分细则不可用：\(failures.first?.error.message ?? "未定义")",
                en: "No rubric: \(failures.first?.error.message ?? "score secretary-report is not declared")")
        }
        return (
            rubric.items.map { RubricItem(item: $0.item, max: $0.points, description: $0.evidence) }, rubric.ruleRef
        )
    }

    /// One sheet per evaluator and report: every rubric item once, each within 0…its maximum.
    public func score(_ reportID: Int64, _ draft: ScoreSheetDraft, by actor: Principal) async throws -> YearEndReport {
        let (rubric, ref) = try await rubric(for: reportID, by: actor)
        let lines = draft.items ?? []
        var items: [YearEndReport.ScoreLine] = []
        for (index, line) in lines.enumerated() {
            guard let name = line.item, let rule = rubric.first(where: { $0.item == name }) else {
                throw DangjianError.badValue(
                    "items.\(index).item", zh: "不是评分细则中的项目",
                    en: "not an item of the rubric: "
                        + rubric.map(\.item).joined(separator: ", "))
            }
            guard let points = line.points, points.isFinite, points >= 0, points <= rule.max else {
                throw DangjianError.invalid(
                    SecretaryProjectsErrorCode.scoreOutOfRange, field: "items.\(index).points",
                    zh: "「\(name)」的分值应在 0 到 \(rule.max) 之间", en: "\(name) is scored from 0 to \(rule.max)")
            }
            guard !items.contains(where: { $0.item == name }) else {
                throw DangjianError.badValue("items.\(index).item", zh: "项目重复", en: "an item appears twice")
            }
            items.append(YearEndReport.ScoreLine(item: name, points: points))
        }
        if let missing = rubric.first(where: { rule in !items.contains { $0.item == rule.item } }) {
            throw DangjianError.invalid(
                SecretaryProjectsErrorCode.itemNotScored, field: "items", zh: "「\(missing.item)」尚未评分",
                en: "\(missing.item) is not scored")
        }
        let total = items.reduce(0) { $0 + $1.points }
        let sheet = items
        do {
            return try await host.store.write(actor) { tx in
                let s = tx.session
                let report = try Self.load(reportID, in: s)
                let project = try Self.project(of: report, actor: actor, in: s)
                let programme = try Programmes.load(project.programmeID, in: s)
                let evaluator = try Programmes.requireGroupMember(programme, actor)
                try Self.refuseOwnUnit(project, evaluator: evaluator, actor: actor, in: s)
                guard
                    try s.queryOne("SELECT 1 AS one FROM secretary_ratings WHERE report_id = ?", [.integer(reportID)])
                        == nil
                else {
                    throw DangjianError.conflict(
                        SecretaryProjectsErrorCode.alreadyRated, field: "items", zh: "已评定等次，不能再评分",
                        en: "The report is rated already")
                }
                // Freeze the rubric with the first sheet; a sheet made against another one is refused.
                if let frozen = try Self.frozenRubric(reportID, in: s) {
                    guard frozen.ref == ref else {
                        throw DangjianError.conflict(
                            SecretaryProjectsErrorCode.rubricChanged, field: "items", zh: "评分细则已随首份评分表确定，请按其重新评分",
                            en: "The report's rubric was fixed by its first score sheet; score again against it")
                    }
                } else {
                    try s.execute(
                        "UPDATE secretary_reports SET rubric = ?, rubric_ref = ? WHERE id = ?",
                        [.text(JSONText.encode(rubric)), .text(ref), .integer(reportID)])
                }
                try s.execute(
                    """
                    INSERT INTO secretary_scores (report_id, evaluator_member_id, items, total, rubric_ref, scored_at) VALUES (?, ?, ?, ?, ?, ?)
                    """,
                    [
                        .integer(reportID), .integer(evaluator), .text(JSONText.encode(sheet)), .real(total),
                        .text(ref), tx.timestamp,
                    ])
                let after = try Self.load(reportID, in: s)
                try tx.audit(
                    Self.report, id: reportID, action: "score",
                    path: try OrganizationRegistry.paths(of: [project.organizationID], in: s)[project.organizationID]
                        ?? "",
                    before: report, after: after)
                return after
            }
        } catch is UniqueViolation {
            throw DangjianError.conflict(
                SecretaryProjectsErrorCode.alreadyScored, field: "items", zh: "您已为该述职报告评分",
                en: "You have scored this report already")
        }
    }

    /// The rating, given once by the programme's organisation.
    public func rate(_ reportID: Int64, _ draft: RatingDraft, by actor: Principal) async throws -> YearEndReport {
        let rating: YearEndReport.Rating = try Validate.enumValue(draft.rating, field: "rating")
        let on = try Validate.day(draft.ratedOn, field: "ratedOn")
        do {
            return try await host.store.write(actor) { tx in
                let s = tx.session
                let report = try Self.load(reportID, in: s)
                let project = try Self.project(of: report, actor: actor, in: s)
                let programme = try Programmes.load(project.programmeID, in: s)
                _ = try Programmes.writable(programme, in: tx)
                try Self.refuseOwnUnit(project, evaluator: actor.memberID, actor: actor, in: s)
                guard !report.scores.isEmpty else {
                    throw DangjianError.invalid(
                        SecretaryProjectsErrorCode.notScored, field: "rating", zh: "领导小组尚未评分，不能评定等次",
                        en: "No member of the leadership group has scored the report yet")
                }
                let rated = on ?? tx.today
                try Validate.notFuture(rated, field: "ratedOn", today: tx.today)
                guard rated >= report.submittedOn else {
                    throw DangjianError.invalid(
                        KernelErrorCode.validationDateOrder, field: "ratedOn", zh: "评定日期不能早于述职报告提交日期",
                        en: "A rating cannot be before the report was submitted")
                }
                let average =
                    report.scores.isEmpty
                    ? nil : report.scores.reduce(0) { $0 + $1.total } / Double(report.scores.count)
                try s.execute(
                    "INSERT INTO secretary_ratings (report_id, rating, average, rated_on) VALUES (?, ?, ?, ?)",
                    [.integer(reportID), SQLValue(rating), average.map { .real($0) } ?? .null, SQLValue(rated)])
                if rating == .poor || project.progress.seriouslyBehind {
                    let unit = try OrganizationRegistry.load(project.organizationID, in: s)
                    let why = rating == .poor ? "述职评议等次为「差」" : "书记项目严重滞后（逾期 \(project.progress.overdue) 项）"
                    let draft = TaskDraft(
                        issuerOrganizationID: programme.organizationID,
                        responsibleOrganizationID: programme.organizationID,
                        kind: "case", title: "研判是否对「\(unit?.name ?? "")」书记进行诫勉谈话",
                        description: "\(report.year) 年度\(why)。请领导小组研究决定是否诫勉谈话或调整；系统不自动采取任何措施。",
                        dueOn: rated.adding(days: 30).description)
                    if let task = try self.host.tasks.open(
                        try self.host.tasks.validate(draft), in: tx,
                        idempotencyKey: "secretary.admonition:\(reportID)", ruleRef: nil, findingID: nil)
                    {
                        try s.execute(
                            "UPDATE secretary_ratings SET case_task_id = ? WHERE report_id = ?",
                            [.integer(task.id), .integer(reportID)])
                    }
                }
                let after = try Self.load(reportID, in: s)
                try tx.audit(
                    Self.report, id: reportID, action: "rate",
                    path: try OrganizationRegistry.paths(of: [project.organizationID], in: s)[project.organizationID]
                        ?? "",
                    before: report, after: after)
                return after
            }
        } catch is UniqueViolation {
            throw DangjianError.conflict(
                SecretaryProjectsErrorCode.alreadyRated, field: "rating", zh: "该述职报告已评定等次",
                en: "The report is rated already")
        }
    }

    /// Nobody scores or rates the report of their own unit: not its secretary, not a member of it
    /// or of an organisation under it, not someone holding a role there.
    static func refuseOwnUnit(_ project: SecretaryProject, evaluator: Int64?, actor: Principal, in s: any SQLSession)
        throws
    {
        let unitPath = try OrganizationRegistry.paths(of: [project.organizationID], in: s)[project.organizationID] ?? ""
        var own = actor.grants.contains { $0.path.hasPrefix(unitPath) }
        if let evaluator {
            let inUnit =
                try MemberRegistry.organizationPaths(of: [evaluator], in: s)[evaluator]?.hasPrefix(unitPath) == true
            own = own || evaluator == project.secretaryMemberID || inUnit
        }
        guard !own else {
            throw DangjianError(
                .forbidden, code: SecretaryProjectsErrorCode.ownUnit, zh: "不能评议本单位书记的述职（回避）",
                en: "Nobody scores or rates the report of their own unit")
        }
    }

    /// The report's project, when the caller may read it; otherwise the report answers as missing.
    static func project(of report: YearEndReport, actor: Principal, in s: any SQLSession) throws -> SecretaryProject {
        guard let project = try Projects.load([report.projectID], in: s).first else {
            throw DangjianError.notFound(Self.report)
        }
        try Projects.requireReadable(project, actor: actor, as: Self.report, in: s)
        return project
    }

    static func frozenRubric(_ reportID: Int64, in s: any SQLSession) throws -> (items: [RubricItem], ref: String)? {
        guard
            let row = try s.queryOne(
                "SELECT rubric, rubric_ref FROM secretary_reports WHERE id = ?", [.integer(reportID)]),
            let text = try row.optionalString("rubric"), let ref = try row.optionalString("rubric_ref")
        else { return nil }
        return (try JSONDecoder().decode([RubricItem].self, from: Data(text.utf8)), ref)
    }

    public func get(_ reportID: Int64, by actor: Principal) async throws -> YearEndReport {
        try await host.store.read { s in
            let report = try Self.load(reportID, in: s)
            _ = try Self.project(of: report, actor: actor, in: s)
            return report
        }
    }

    static func load(_ id: Int64, in s: any SQLSession) throws -> YearEndReport {
        guard
            let row = try s.queryOne(
                """
                SELECT r.*, g.rating, g.average, g.case_task_id FROM secretary_reports r LEFT JOIN secretary_ratings g ON g.report_id = r.id WHERE r.id = ?
                """, [.integer(id)])
        else { throw DangjianError.notFound(report) }
        let sheets = try s.query(
            "SELECT * FROM secretary_scores WHERE report_id = ? ORDER BY evaluator_member_id", [.integer(id)]
        ).map {
            YearEndReport.ScoreSheet(
                evaluatorMemberID: try $0.int64("evaluator_member_id"),
                items: try JSONDecoder().decode(
                    [YearEndReport.ScoreLine].self, from: Data(try $0.string("items").utf8)),
                total: try $0.double("total").roundedScore, rubricRef: try $0.string("rubric_ref"))
        }
        return YearEndReport(
            id: id, projectID: try row.int64("project_id"), year: try row.int("year"), text: try row.string("text"),
            submittedOn: try row.day("submitted_on"), scores: sheets, rating: try row.optionalEnum("rating"),
            average: row.has("average") ? (try? row.double("average"))?.roundedScore : nil,
            caseTaskID: try row.optionalInt64("case_task_id"))
    }
}
