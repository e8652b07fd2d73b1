import Dangjian
import Foundation

/// 书记项目: one organisation's project under a programme, owned by its secretary. Its work plan
/// items are TaskRegistry items issued by the organisation, each serving one component.
public struct SecretaryProject: Sendable, Codable, Equatable {
    public struct Item: Sendable, Codable, Equatable {
        public let taskID: Int64
        public let component: String
        public let title: String
        public let responsibleOrganizationID: Int64
        public let responsibleMemberID: Int64?
        public let dueOn: Day
        public let status: TaskItem.Status
    }

    public struct Progress: Sendable, Codable, Equatable {
        public let items: Int
        public let accepted: Int
        public let overdue: Int
        /// accepted / items, 0 when there are no items.
        public let share: Double
        /// Three or more items overdue, or a third of them: the project is seriously behind.
        public var seriouslyBehind: Bool { overdue >= 3 || (items > 0 && Double(overdue) * 3 >= Double(items)) }
    }

    public let id: Int64
    public let programmeID: Int64
    public let organizationID: Int64
    public let secretaryMemberID: Int64
    public var title: String
    public var startedOn: Day
    public var items: [Item]
    public var progress: Progress
}

public struct ProjectDraft: Sendable, Codable {
    public struct ItemDraft: Sendable, Codable {
        public var component: String?
        public var title: String?
        public var responsibleOrganizationID: Int64?
        public var responsibleMemberID: Int64?
        public var dueOn: String?
        public var acceptanceCriteria: String?
        public init(
            component: String? = nil, title: String? = nil, responsibleOrganizationID: Int64? = nil,
            responsibleMemberID: Int64? = nil,
            dueOn: String? = nil, acceptanceCriteria: String? = nil
        ) {
            self.component = component
            self.title = title
            self.responsibleOrganizationID = responsibleOrganizationID
            self.responsibleMemberID = responsibleMemberID
            self.dueOn = dueOn
            self.acceptanceCriteria = acceptanceCriteria
        }
    }

    public var programmeID: Int64?
    public var organizationID: Int64?
    public var title: String?
    /// When the project began (default today; an earlier day, not before the programme's start,
    /// only when the programme's organisation enters it).
    public var startedOn: String?
    public var items: [ItemDraft]?
    public init(
        programmeID: Int64? = nil, organizationID: Int64? = nil, title: String? = nil, startedOn: String? = nil,
        items: [ItemDraft]? = nil
    ) {
        self.startedOn = startedOn
        self.programmeID = programmeID
        self.organizationID = organizationID
        self.title = title
        self.items = items
    }
}

/// A template copied to every unit of a subtree in one step: each unit's item is its own, with
/// its secretary responsible.
public struct TemplateDraft: Sendable, Codable {
    public var organizationID: Int64?
    public var title: String?
    /// Defaults to the programme's start.
    public var startedOn: String?
    public var items: [ProjectDraft.ItemDraft]?
    public init(
        organizationID: Int64? = nil, title: String? = nil, startedOn: String? = nil,
        items: [ProjectDraft.ItemDraft]? = nil
    ) {
        self.organizationID = organizationID
        self.title = title
        self.startedOn = startedOn
        self.items = items
    }
}

/// 研究部署: a session where the secretary studies and deploys the project's work.
public struct StudySession: Sendable, Codable, Equatable {
    public let id: Int64
    public let projectID: Int64
    public let heldOn: Day
    public let topic: String
    public let decisions: String
}

public struct StudyDraft: Sendable, Codable {
    public var heldOn: String?
    public var topic: String?
    public var decisions: String?
    public init(heldOn: String? = nil, topic: String? = nil, decisions: String? = nil) {
        self.heldOn = heldOn
        self.topic = topic
        self.decisions = decisions
    }
}
