import Dangjian
import DangjianHTTP

// Request bodies: every field optional, unknown fields refused (APIInput).
extension BrandStepDraft: APIInput {
    public init() { self.init(on: nil) }
    public static var nestedFields: [String: Set<String>] { BrandDraft.nestedFields }
}
extension AdoptionDraft: APIInput { public init() { self.init(organizationID: nil) } }
extension RoundDraft: APIInput { public init() { self.init(organizationID: nil) } }

extension BrandDraft: APIInput {
    public init() { self.init(organizationID: nil) }
    public static var nestedFields: [String: Set<String>] {
        ["plan": ["title", "responsibleOrganizationID", "responsibleMemberID", "dueOn", "acceptanceCriteria"]]
    }
}

extension SheetDraft: APIInput {
    public init() { self.init(brandID: nil, scores: nil) }
    public static var nestedFields: [String: Set<String>] { ["scores": ["item", "points"]] }
}

