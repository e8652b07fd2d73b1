import Dangjian
import Foundation

/// A programme of secretary projects, e.g. the "3+2" of a year (seed 003): three engineering
/// programmes (工程) and two works (工作), each with the items a project must carry, run by a
/// leadership group (领导小组) whose office does the daily work and inspects.
public struct Programme: Sendable, Codable, Equatable {
    public struct Component: Sendable, Codable, Equatable {
        public enum Kind: String, Sendable, Codable, CaseIterable {
            /// 工程, e.g. 规范化强基
            case engineering
            /// 工作, e.g. 提高群众组织化程度
            case work
        }
        /// A short stable key items refer to, e.g. "standardisation".
        public let key: String
        public let kind: Kind
        public let name: String
        /// What every project must do under it (必选动作).
        public let requiredItems: [String]
    }

    public struct GroupMember: Sendable, Codable, Equatable {
        public enum Role: String, Sendable, Codable, CaseIterable {
            /// 组长, 副组长, 成员, 办公室主任
            case leader, deputy, member, officeDirector
        }
        public let memberID: Int64
        public let name: String
        public let role: Role
        /// As the attachment writes it, e.g. "市教体局党委书记、局长".
        public let title: String?
    }

    public let id: Int64
    /// The organisation that runs it (局党委).
    public let organizationID: Int64
    public let year: Int
    public var title: String
    public var startedOn: Day
    public var components: [Component]
    /// Where the leadership group's office sits (局党委办公室).
    public var officeOrganizationID: Int64?
    public var group: [GroupMember]
}

public struct ProgrammeDraft: Sendable, Codable {
    public struct ComponentDraft: Sendable, Codable {
        public var key: String?
        public var kind: String?
        public var name: String?
        public var requiredItems: [String]?
        public init(key: String? = nil, kind: String? = nil, name: String? = nil, requiredItems: [String]? = nil) {
            self.key = key
            self.kind = kind
            self.name = name
            self.requiredItems = requiredItems
        }
    }

    public var organizationID: Int64?
    public var year: Int?
    public var title: String?
    /// When it began (default today): a programme entered in March that began in January says so.
    public var startedOn: String?
    public var components: [ComponentDraft]?
    public init(
        organizationID: Int64? = nil, year: Int? = nil, title: String? = nil, startedOn: String? = nil,
        components: [ComponentDraft]? = nil
    ) {
        self.startedOn = startedOn
        self.organizationID = organizationID
        self.year = year
        self.title = title
        self.components = components
    }
}

/// The leadership group as a whole: replacing it keeps the old one in the audit log.
public struct LeadershipGroupDraft: Sendable, Codable {
    public struct MemberDraft: Sendable, Codable {
        public var memberID: Int64?
        public var role: String?
        public var title: String?
        public init(memberID: Int64? = nil, role: String? = nil, title: String? = nil) {
            self.memberID = memberID
            self.role = role
            self.title = title
        }
    }

    public var officeOrganizationID: Int64?
    public var members: [MemberDraft]?
    public init(officeOrganizationID: Int64? = nil, members: [MemberDraft]? = nil) {
        self.officeOrganizationID = officeOrganizationID
        self.members = members
    }
}
