import Foundation

/// One item of work (任务): who is responsible, by when, and what counts as done (验收标准).
public struct TaskItem: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case open, inProgress, submitted, accepted, returned, overdue

        /// Who moves a task where: the responsible side works and submits; the issuing side
        /// accepts or returns; the daily sweep marks what is past due as overdue.
        var next: Set<Status> {
            switch self {
            case .open: [.inProgress, .submitted]
            case .inProgress: [.submitted]
            case .submitted: [.accepted, .returned]
            case .returned: [.inProgress, .submitted]
            case .overdue: [.inProgress, .submitted]
            case .accepted: []
            }
        }

        var reviewedByIssuer: Bool { self == .accepted || self == .returned }

        public var zh: String {
            switch self {
            case .open: "未开始"
            case .inProgress: "进行中"
            case .submitted: "待验收"
            case .accepted: "已验收"
            case .returned: "已退回"
            case .overdue: "已逾期"
            }
        }
    }

    public let id: Int64
    public let listID: Int64?
    public let kind: String
    /// The organisation that issued the task and accepts it.
    public let issuerOrganizationID: Int64
    public let responsibleOrganizationID: Int64
    public var assigneeUserID: Int64?
    /// 责任人: the member answerable for the task, in the responsible organisation's subtree.
    public var responsibleMemberID: Int64?
    public var title: String
    public var description: String?
    public var acceptanceCriteria: String?
    public var dueOn: Day
    public var status: Status
    public let findingID: Int64?
    /// The rule (id@version) that opened the task, when a rule did.
    public let ruleRef: String?
    public let createdAt: Date
    public var updatedAt: Date
    public var evidence: [Evidence]?

    public struct Evidence: Sendable, Codable, Equatable {
        public let id: Int64
        public let note: String
        public let actorUserID: Int64?
        public let at: Date
    }
}

public struct TaskList: Sendable, Codable, Equatable {
    public let id: Int64
    public let organizationID: Int64
    public let title: String
    public let description: String?
    public let createdAt: Date
}

public struct TaskListDraft: Sendable, Codable {
    public var organizationID: Int64?
    public var title: String?
    public var description: String?

    public init(organizationID: Int64?, title: String?, description: String? = nil) {
        self.organizationID = organizationID
        self.title = title
        self.description = description
    }
}

public struct TaskDraft: Sendable, Codable {
    public var listID: Int64?
    /// Required when there is no list: the list's organisation issues its items.
    public var issuerOrganizationID: Int64?
    public var responsibleOrganizationID: Int64?
    public var assigneeUserID: Int64?
    public var responsibleMemberID: Int64?
    public var kind: String?
    public var title: String?
    public var description: String?
    public var acceptanceCriteria: String?
    public var dueOn: String?

    public init(
        listID: Int64? = nil, issuerOrganizationID: Int64? = nil, responsibleOrganizationID: Int64?,
        assigneeUserID: Int64? = nil, kind: String? = nil, title: String?, description: String? = nil,
        acceptanceCriteria: String? = nil, dueOn: String?, responsibleMemberID: Int64? = nil
    ) {
        self.responsibleMemberID = responsibleMemberID
        self.listID = listID
        self.issuerOrganizationID = issuerOrganizationID
        self.responsibleOrganizationID = responsibleOrganizationID
        self.assigneeUserID = assigneeUserID
        self.kind = kind
        self.title = title
        self.description = description
        self.acceptanceCriteria = acceptanceCriteria
        self.dueOn = dueOn
    }
}

public struct TaskTransition: Sendable, Codable {
    public var status: String?
    /// An evidence note (佐证材料说明) or the reason for a return.
    public var note: String?

    public init(status: String?, note: String? = nil) {
        self.status = status
        self.note = note
    }
}

extension TaskItem {
    enum Columns {
        static let all = """
            t.id, t.list_id, t.kind, t.issuer_org_id, t.responsible_org_id, t.assignee_user_id, t.responsible_member_id, t.title, t.description,
            t.acceptance_criteria, t.due_on, t.status, t.finding_id, t.rule_ref, t.created_at, t.updated_at
            """
    }

    init(row: SQLRow) throws {
        id = try row.int64("id")
        listID = try row.optionalInt64("list_id")
        kind = try row.string("kind")
        issuerOrganizationID = try row.int64("issuer_org_id")
        responsibleOrganizationID = try row.int64("responsible_org_id")
        assigneeUserID = try row.optionalInt64("assignee_user_id")
        responsibleMemberID = try row.optionalInt64("responsible_member_id")
        title = try row.string("title")
        description = try row.optionalString("description")
        acceptanceCriteria = try row.optionalString("acceptance_criteria")
        dueOn = try row.day("due_on")
        status = try row.enumValue("status")
        findingID = try row.optionalInt64("finding_id")
        ruleRef = try row.optionalString("rule_ref")
        createdAt = try row.date("created_at")
        updatedAt = try row.date("updated_at")
        evidence = nil
    }
}
