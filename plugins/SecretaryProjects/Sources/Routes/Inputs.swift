import Dangjian
import DangjianHTTP

// Request bodies: every field optional, unknown fields refused (APIInput).
extension ProgrammeDraft: APIInput {
    public init() { self.init(organizationID: nil) }
}
extension LeadershipGroupDraft: APIInput {
    public init() { self.init(officeOrganizationID: nil) }
}
extension ProjectDraft: APIInput {
    public init() { self.init(programmeID: nil) }
}
extension TemplateDraft: APIInput {
    public init() { self.init(organizationID: nil) }
}
extension StudyDraft: APIInput { public init() { self.init(heldOn: nil) } }
extension InspectionRequest: APIInput {
    public init() { self.init(quarter: nil) }
}
extension ReportDraft: APIInput { public init() { self.init(year: nil) } }
extension ScoreSheetDraft: APIInput {
    public init() { self.init(items: nil) }
}
extension RatingDraft: APIInput { public init() { self.init(rating: nil) } }

/// `{"quarter": "2026-Q3"}` for publishing a bulletin.
public struct QuarterRequest: APIInput {
    public var quarter: String?
    public init() {}
}
