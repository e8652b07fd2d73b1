import Dangjian
import DangjianHTTP

// Request bodies: every field optional, unknown fields refused (APIInput).
extension BrandStepDraft: APIInput {
    public init() { self.init(on: nil) }
}
extension AdoptionDraft: APIInput { public init() { self.init(organizationID: nil) } }
extension RoundDraft: APIInput { public init() { self.init(organizationID: nil) } }

extension BrandDraft: APIInput {
    public init() { self.init(organizationID: nil) }
}

extension SheetDraft: APIInput {
    public init() { self.init(brandID: nil, scores: nil) }
}
