import Dangjian
import DangjianHTTP

// Request bodies: every field optional, unknown fields refused (APIInput).
extension ProgrammeDraft: APIInput {
    public init() { self.init(organizationID: nil) }
    public static var nestedFields: [String: Set<String>] { ["components": ["key", "kind", "name", "requiredItems"]] }
}
extension LeadershipGroupDraft: APIInput {
    public init() { self.init(officeOrganizationID: nil) }
    public static var nestedFields: [String: Set<String>] { ["members": ["memberID", "role", "title"]] }
}
private let itemFields: Set<String> = ["component", "title", "responsibleOrganizationID", "responsibleMemberID", "dueOn", "acceptanceCriteria"]
extension ProjectDraft: APIInput {
    public init() { self.init(programmeID: nil) }
    public static var nestedFields: [String: Set<String>] { ["items": itemFields] }
}
extension TemplateDraft: APIInput {
    public init() { self.init(organizationID: nil) }
    public static var nestedFields: [String: Set<String>] { ["items": itemFields] }
}
extension StudyDraft: APIInput { public init() { self.init(heldOn: nil) } }
extension InspectionRequest: APIInput {
    public init() { self.init(quarter: nil) }
    public static var nestedFields: [String: Set<String>] { ["findings": ["organizationID", "description", "rectifyBy", "acceptanceCriteria"]] }
}
extension ReportDraft: APIInput { public init() { self.init(year: nil) } }
extension ScoreSheetDraft: APIInput {
    public init() { self.init(items: nil) }
    public static var nestedFields: [String: Set<String>] { ["items": ["item", "points"]] }
}
extension RatingDraft: APIInput { public init() { self.init(rating: nil) } }

/// `{"quarter": "2026-Q3"}` for publishing a bulletin.
public struct QuarterRequest: APIInput {
    public var quarter: String?
    public init() {}
}
