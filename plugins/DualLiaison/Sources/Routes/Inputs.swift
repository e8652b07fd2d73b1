import Dangjian
import DangjianHTTP

// Request bodies: every field optional, unknown fields refused (APIInput).
extension LiaisonSettingsDraft: APIInput { public init() { self.init(leadershipOrganizationID: nil) } }
extension AssignmentDraft: APIInput { public init() { self.init(role: nil) } }
extension AssignmentEndDraft: APIInput { public init() { self.init(role: nil) } }
extension LiaisonLogDraft: APIInput { public init() { self.init(memberID: nil) } }
extension CommunityReportDraft: APIInput { public init() { self.init(memberID: nil) } }
extension CommunityServiceDraft: APIInput { public init() { self.init(memberID: nil) } }
