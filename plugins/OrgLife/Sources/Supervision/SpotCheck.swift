import Dangjian
import Foundation

/// 抽查: an inspector picks organisations, at random or by name, and the ledger is checked the
/// "三查一听" way (seed 004): meeting records, work plans, activity records, and hearing the
/// members. The missing items become findings of one kernel inspection, each with a
/// rectification deadline, so they are followed up like every other finding.
public struct SpotCheckDraft: Sendable, Codable {
    /// The inspecting organisation (the inspection belongs to it); the picks come from its subtree.
    public var organizationID: Int64?
    public var quarter: String?
    /// Organisations chosen by the inspector; or leave empty and give `sample`.
    public var organizationIDs: [Int64]?
    /// How many branches to pick at random (1–50).
    public var sample: Int?
    /// Notes from hearing the members (一听), kept in the inspection's summary.
    public var notes: String?

    public init(
        organizationID: Int64? = nil, quarter: String? = nil, organizationIDs: [Int64]? = nil, sample: Int? = nil,
        notes: String? = nil
    ) {
        self.organizationID = organizationID
        self.quarter = quarter
        self.organizationIDs = organizationIDs
        self.sample = sample
        self.notes = notes
    }
}

public struct SpotCheck: Sendable, Codable, Equatable {
    public let inspectionID: Int64
    public let quarter: String
    public let checked: [ComplianceMatrix.Row]
    /// Plans filed with the organisation above for the quarter's months (查计划), by organisation.
    public let plansFiled: [String: Int]
    public let findings: Int
}

extension Supervision {
    /// "2026-Q2", and nothing else: a month or a year is refused.
    static func quarter(_ text: String?) throws -> Period {
        let quarter = try Period.parse(try Validate.text(text, field: "quarter", max: 7), field: "quarter")
        guard quarter.parts(.quarter).count == 1, quarter.parts(.month).count == 3 else {
            throw DangjianError.badValue("quarter", zh: "应为季度，如 2026-Q2", en: "must be a quarter like 2026-Q2")
        }
        return quarter
    }

    /// A quarter that has ended: checks and spot checks look back, never at what is still due.
    static func endedQuarter(_ text: String?, today: Day) throws -> Period {
        let quarter = try quarter(text)
        guard quarter.end < today else {
            throw DangjianError.invalid(
                OrgLifeErrorCode.quarterNotEnded, field: "quarter",
                zh: "\(quarter.key) 尚未结束，不能检查", en: "\(quarter.key) has not ended yet, so it cannot be checked")
        }
        return quarter
    }

    public func spotCheck(
        _ draft: SpotCheckDraft, today: Day, by actor: Principal,
        random: @Sendable (Int) -> Int = { Int.random(in: 0..<$0) }
    ) async throws -> SpotCheck {
        guard let inspecting = draft.organizationID else { throw DangjianError.required("organizationID") }
        let quarter = try Self.endedQuarter(draft.quarter, today: today)
        let notes = try Validate.optionalText(draft.notes, field: "notes", max: 5000, multiline: true)
        let matrix = try await matrix(under: inspecting, quarter: quarter, by: actor)
        let candidates = matrix.rows.filter { row in row.cells.contains { $0.status != .notApplicable } }
        var picked: [ComplianceMatrix.Row]
        if let ids = draft.organizationIDs, !ids.isEmpty {
            guard ids.count <= 50 else {
                throw DangjianError.badValue(
                    "organizationIDs", zh: "一次至多抽查 50 个组织", en: "at most 50 organisations per spot check")
            }
            picked = try ids.enumerated().map { index, id in
                guard let row = candidates.first(where: { $0.organizationID == id }) else {
                    throw DangjianError.invalid(
                        OrgLifeErrorCode.notInSubtree, field: "organizationIDs.\(index)",
                        zh: "组织 \(id) 不在本次抽查范围内",
                        en: "Organisation \(id) is not a branch under the inspecting organisation")
                }
                return row
            }
        } else {
            guard let sample = draft.sample, (1...50).contains(sample) else {
                throw DangjianError.badValue(
                    "sample", zh: "请指定抽查组织或抽查数量（1–50）", en: "give organizationIDs or a sample size of 1–50")
            }
            var pool = candidates
            picked = []
            while picked.count < sample, !pool.isEmpty { picked.append(pool.remove(at: random(pool.count))) }
        }
        let months = quarter.parts(.month).map(\.key)
        let ids = picked.map(\.organizationID)
        // 查计划: the plans filed for the quarter's months, for every picked organisation at once.
        let plans = try await host.store.read { s in
            var filed: [String: Int] = [:]
            guard !ids.isEmpty else { return filed }
            let marks = ids.map { _ in "?" }.joined(separator: ", ")
            for row in try s.query(
                """
                SELECT organization_id, COUNT(*) AS n FROM orglife_plans WHERE month IN (?, ?, ?) AND organization_id IN (\(marks))
                GROUP BY organization_id
                """, months.map { .text($0) } + ids.map { .integer($0) })
            {
                filed[String(try row.int64("organization_id"))] = try row.int("n")
            }
            return filed
        }
        let inspectionDraft = try TaskRegistry.validate(
            InspectionDraft(
                organizationID: inspecting, title: "组织生活抽查 \(quarter.key)", inspectedOn: today.description,
                summary: "三查一听：查会议记录、查工作计划、查活动记录、听党员意见。抽查 \(picked.count) 个组织。" + (notes.map { "\n" + $0 } ?? "")))
        let findingDrafts = try picked.compactMap { row -> TaskRegistry.ValidFinding? in
            var problems = row.cells.filter { $0.status == .missing || $0.status == .partly }.map {
                "\($0.kind.zh)\($0.status == .missing ? "未落实" : "部分落实")（\($0.held)/\($0.required)）"
            }
            let filed = plans[String(row.organizationID)] ?? 0
            if filed < 3 { problems.append("季度内月度活动计划未全部报备（\(filed)/3）") }
            guard !problems.isEmpty else { return nil }
            return try TaskRegistry.validate(
                FindingDraft(
                    organizationID: row.organizationID,
                    description: "「\(row.name)」\(quarter.key)：" + problems.joined(separator: "；"),
                    rectifyBy: today.adding(days: 30).description, acceptanceCriteria: "补齐台账记录与计划，或书面说明原因"))
        }
        // The inspection and its findings (with their rectification items) commit together.
        let tasks = host.tasks
        let inspectionID = try await host.store.write(actor) { tx in
            let inspection = try tasks.recordInspection(inspectionDraft, in: tx)
            for finding in findingDrafts { _ = try tasks.addFinding(to: inspection.id, finding, in: tx) }
            return inspection.id
        }
        let findings = findingDrafts.count
        return SpotCheck(
            inspectionID: inspectionID, quarter: quarter.key, checked: picked, plansFiled: plans, findings: findings)
    }
}
