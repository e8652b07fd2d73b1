import Dangjian
import DangjianLua
import Foundation

/// 一季度一督查 (seed 003): the leadership group inspects each quarter. The inspection and its
/// findings are kernel inspections, so each finding opens a rectification item for its unit;
/// all of it commits in one transaction.
public struct InspectionRequest: Sendable, Codable {
    public struct FindingRequest: Sendable, Codable {
        public var organizationID: Int64?
        public var description: String?
        public var rectifyBy: String?
        public var acceptanceCriteria: String?
        public init(
            organizationID: Int64? = nil, description: String? = nil, rectifyBy: String? = nil,
            acceptanceCriteria: String? = nil
        ) {
            self.organizationID = organizationID
            self.description = description
            self.rectifyBy = rectifyBy
            self.acceptanceCriteria = acceptanceCriteria
        }
    }

    public var quarter: String?
    public var inspectedOn: String?
    public var summary: String?
    public var findings: [FindingRequest]?
    public init(
        quarter: String? = nil, inspectedOn: String? = nil, summary: String? = nil, findings: [FindingRequest]? = nil
    ) {
        self.quarter = quarter
        self.inspectedOn = inspectedOn
        self.summary = summary
        self.findings = findings
    }
}

public final class Supervision: Sendable {
    let host: DangjianHost

    public init(host: DangjianHost) { self.host = host }

    public func inspect(_ programmeID: Int64, _ request: InspectionRequest, by actor: Principal) async throws
        -> Inspection
    {
        let quarter = try Self.quarter(request.quarter)
        let summary = try Validate.optionalText(request.summary, field: "summary", max: 10_000, multiline: true)
        let findings = try (request.findings ?? []).enumerated().map { index, finding -> TaskRegistry.ValidFinding in
            do {
                return try TaskRegistry.validate(
                    FindingDraft(
                        organizationID: finding.organizationID, description: finding.description,
                        rectifyBy: finding.rectifyBy, acceptanceCriteria: finding.acceptanceCriteria))
            } catch let error as DangjianError {
                throw error.at(field: "findings.\(index).\(error.field ?? "")")
            }
        }
        return try await host.store.write(actor) { tx in
            let s = tx.session
            let programme = try Programmes.load(programmeID, in: s)
            _ = try Programmes.readablePath(programme, actor: actor, in: s)
            _ = try Programmes.requireGroupMember(programme, actor)
            try Self.requireQuarter(quarter, of: programme)
            if let on = request.inspectedOn.flatMap({ Day($0) }), on < quarter.start {
                throw DangjianError.invalid(
                    KernelErrorCode.validationDateOrder, field: "inspectedOn", zh: "督查日期不能早于所督查的季度",
                    en: "An inspection cannot be before the quarter it inspects")
            }
            let units = Set(
                try s.query(
                    "SELECT organization_id FROM secretary_projects WHERE programme_id = ?", [.integer(programmeID)]
                )
                .map { try $0.int64("organization_id") })
            for (index, finding) in findings.enumerated() where !units.contains(finding.unit) {
                throw DangjianError.invalid(
                    SecretaryProjectsErrorCode.noProject, field: "findings.\(index).organizationID",
                    zh: "该单位在本计划中没有书记项目", en: "This organisation has no project in the programme")
            }
            let inspection = try TaskRegistry.validate(
                InspectionDraft(
                    organizationID: programme.organizationID, title: "\(programme.title) \(quarter.key) 督查",
                    inspectedOn: request.inspectedOn ?? tx.today.description, summary: summary))
            let recorded = try self.host.tasks.recordInspection(inspection, in: tx)
            for finding in findings { _ = try self.host.tasks.addFinding(to: recorded.id, finding, in: tx) }
            try s.execute(
                "INSERT INTO secretary_inspections (programme_id, quarter, inspection_id) VALUES (?, ?, ?)",
                [.integer(programmeID), .text(quarter.key), .integer(recorded.id)])
            return try self.host.tasks.inspection(recorded.id, in: tx)
        }
    }

    /// A quarter of the programme's year, from the quarter it started in.
    static func requireQuarter(_ quarter: Period, of programme: Programme) throws {
        guard quarter.start.year == programme.year, quarter.end >= programme.startedOn else {
            throw DangjianError.invalid(
                SecretaryProjectsErrorCode.quarterOutsideProgramme, field: "quarter",
                zh: "\(quarter.key) 不在本计划（\(programme.year) 年，自 \(programme.startedOn) 起）之内",
                en: "\(quarter.key) is outside the programme (\(programme.year), from \(programme.startedOn))")
        }
    }

    /// "2026-Q3": a quarter, or 400.
    static func quarter(_ text: String?) throws -> Period {
        guard let text else { throw DangjianError.required("quarter") }
        guard let period = Period(text), text.contains("-Q") else {
            throw DangjianError.invalid(
                SecretaryProjectsErrorCode.badQuarter, field: "quarter", zh: "季度应写作 2026-Q3",
                en: "A quarter is written 2026-Q3")
        }
        return period
    }
}
