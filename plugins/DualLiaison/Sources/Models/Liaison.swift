import Dangjian
import Foundation

/// The two liaisons of a sub-council (双联系人制度, seed 000): "局领导班子成员每人联系一个分会……
/// 党委办公室每位同志也联系一个分会".
public enum LiaisonRole: String, Sendable, Codable, CaseIterable {
    /// 领导联系人: a member of the bureau's leadership, who takes part in the sub-council's
    /// meetings and activities.
    case leader
    /// 党办联系人: a member of the party committee's office, who communicates, coordinates and
    /// serves the sub-council's research topics.
    case staff

    public var zh: String {
        switch self {
        case .leader: "领导联系人"
        case .staff: "党办联系人"
        }
    }
}

/// Where a committee's liaisons come from: the leadership's organisation (e.g. the bureau's
/// office branch of its leaders) and the party office's. A leader liaison is a member of the
/// first's subtree, a staff liaison of the second's.
public struct LiaisonSettings: Sendable, Codable, Equatable {
    public let committeeID: Int64
    public let leadershipOrganizationID: Int64
    public let leadershipOrganization: String
    public let officeOrganizationID: Int64
    public let officeOrganization: String
}

/// One person liaising with one sub-council in one role, from a day until a day (nil while
/// current). A replaced or ended assignment stays, so the history is kept.
public struct LiaisonAssignment: Sendable, Codable, Equatable {
    public let id: Int64
    public let subCouncilID: Int64
    public let committeeID: Int64
    public let role: LiaisonRole
    public let memberID: Int64
    /// The member's name: the only personal data shown.
    public let name: String
    public let from: Day
    public var to: Day?
}

/// A sub-council and its current liaisons.
public struct SubCouncilLiaisons: Sendable, Codable, Equatable {
    public let subCouncilID: Int64
    public let name: String
    public let leader: LiaisonAssignment?
    public let staff: LiaisonAssignment?
}

/// A committee's liaison system as it stands: where liaisons come from, how many sub-councils
/// one person may take per role, and each sub-council's pair.
public struct CommitteeLiaisons: Sendable, Codable, Equatable {
    public let committeeID: Int64
    public let settings: LiaisonSettings?
    public let maxSubCouncilsPerPerson: Int
    public let subCouncils: [SubCouncilLiaisons]
}

public struct LiaisonSettingsDraft: Sendable, Codable {
    public var leadershipOrganizationID: Int64?
    public var officeOrganizationID: Int64?
    public init(leadershipOrganizationID: Int64? = nil, officeOrganizationID: Int64? = nil) {
        self.leadershipOrganizationID = leadershipOrganizationID
        self.officeOrganizationID = officeOrganizationID
    }
}

/// Assigns `memberID` as the sub-council's liaison in `role` from `from` (default today); the
/// one holding the role until then is replaced from that day.
public struct AssignmentDraft: Sendable, Codable {
    public var role: String?
    public var memberID: Int64?
    public var from: String?
    public init(role: String? = nil, memberID: Int64? = nil, from: String? = nil) {
        self.role = role
        self.memberID = memberID
        self.from = from
    }
}

/// Ends the current liaison in `role` on `on` (default today), leaving the role vacant.
public struct AssignmentEndDraft: Sendable, Codable {
    public var role: String?
    public var on: String?
    public init(role: String? = nil, on: String? = nil) {
        self.role = role
        self.on = on
    }
}
