import Dangjian
import DangjianHTTP

// Request bodies: every field optional, unknown fields refused (APIInput).
extension CouncilDraft: APIInput { public init() { self.init(name: nil) } }
extension CommitteeDraft: APIInput { public init() { self.init(name: nil) } }
extension CharterDraft: APIInput { public init() { self.init(text: nil) } }
extension SubCouncilDraft: APIInput { public init() { self.init(name: nil) } }
extension UnitsDraft: APIInput { public init() { self.init(organizationIDs: nil) } }
extension TopicCallDraft: APIInput { public init() { self.init(year: nil) } }
extension TopicDraft: APIInput { public init() { self.init(callID: nil) } }
extension TopicStepDraft: APIInput { public init() { self.init(on: nil) } }
extension TransferDraft: APIInput { public init() { self.init(organizationID: nil) } }

extension CouncilMeetingDraft: APIInput {
    public init() { self.init(kind: nil) }
}

extension JointProjectDraft: APIInput {
    public init() { self.init(committeeID: nil) }
}
