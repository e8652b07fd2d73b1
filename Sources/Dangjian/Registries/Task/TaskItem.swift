import Foundation

/// One item of work (任务): who is responsible, by when, and what counts as done (验收标准).
public struct TaskItem: Sendable, Codable, Equatable {
    /// Where a task stands (任务状态); `zh` is the label the console shows.
    public enum Status: String, Sendable, Codable, CaseIterable {
        case open, inProgress, submitted, accepted, returned, overdue

        /// Who moves a task where: the responsible side works and submits; the issuing side
        /// accepts or returns; the daily sweep marks what is past due as overdue.
        public var next: Set<Status> {
            switch self {
            case .open: [.inProgress, .submitted]
            case .inProgress: [.submitted]
            case .submitted: [.accepted, .returned]
            case .returned: [.inProgress, .submitted]
            case .overdue: [.inProgress, .submitted]
            case .accepted: []
            }
        }

        public var reviewedByIssuer: Bool { self == .accepted || self == .returned }

        /// The Chinese label, e.g. "待验收" for `submitted`.
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

    /// The task's id.
    public let id: Int64
    /// The task list (任务清单) the item belongs to; nil for a task issued on its own.
    public let listID: Int64?
    /// A registered task kind: "general", "rectification" (整改) or one a plugin declares.
    public let kind: String
    /// The organisation that issued the task and accepts it.
    public let issuerOrganizationID: Int64
    /// The responsible organisation (责任单位), which works the task and submits it.
    public let responsibleOrganizationID: Int64
    /// The user who works the task, if one is named: an active account with a grant in the issuer's subtree.
    public var assigneeUserID: Int64?
    /// 责任人: the member answerable for the task, in the responsible organisation's subtree.
    public var responsibleMemberID: Int64?
    /// At most 200 characters.
    public var title: String
    /// At most 5,000 characters, may span lines.
    public var description: String?
    /// 验收标准: what the issuer accepts as done; at most 2,000 characters.
    public var acceptanceCriteria: String?
    /// 完成时限: the day the task is due; the daily sweep marks it overdue after that.
    public var dueOn: Day
    /// Where the task stands; moved only by a transition.
    public var status: Status
    /// The inspection finding (督查问题) a rectification item answers; nil for other tasks.
    public let findingID: Int64?
    /// The rule (id@version) that opened the task, when a rule did.
    public let ruleRef: String?
    /// When the task was opened.
    public let createdAt: Date
    /// When the task last changed.
    public var updatedAt: Date
    /// The notes written with each transition, oldest first; filled only by `TaskRegistry.get`, nil in lists.
    public var evidence: [Evidence]?

    /// A note kept with a task: evidence (佐证材料说明) or the reason for a return.
    public struct Evidence: Sendable, Codable, Equatable {
        /// The note's id.
        public let id: Int64
        /// The note as written.
        public let note: String
        /// The user who wrote it; nil for a system principal.
        public let actorUserID: Int64?
        /// When it was written.
        public let at: Date
    }
}

/// A task list (任务清单) that an organisation issues; its items are the organisation's to accept.
public struct TaskList: Sendable, Codable, Equatable {
    /// The list's id.
    public let id: Int64
    /// The issuing organisation.
    public let organizationID: Int64
    /// At most 200 characters.
    public let title: String
    /// At most 5,000 characters, may span lines.
    public let description: String?
    /// When the list was created.
    public let createdAt: Date
}

/// What a caller sends to create a task list.
public struct TaskListDraft: Sendable, Codable {
    /// The issuing organisation; required, and the caller needs `writeTasks` over it.
    public var organizationID: Int64?
    /// Required, at most 200 characters.
    public var title: String?
    /// At most 5,000 characters, may span lines.
    public var description: String?

    /// A list for `organizationID` titled `title`; `TaskRegistry.createList` checks it.
    public init(organizationID: Int64?, title: String?, description: String? = nil) {
        self.organizationID = organizationID
        self.title = title
        self.description = description
    }
}

/// What a caller sends to open a task.
public struct TaskDraft: Sendable, Codable {
    /// The list the task joins; an unknown list, or one outside the caller's subtree, answers 404.
    public var listID: Int64?
    /// Required when there is no list: the list's organisation issues its items.
    public var issuerOrganizationID: Int64?
    /// 责任单位; required.
    public var responsibleOrganizationID: Int64?
    /// The user who works the task: an active account with a grant in the issuer's subtree.
    public var assigneeUserID: Int64?
    /// 责任人: the member answerable for the task, in the responsible organisation's subtree.
    public var responsibleMemberID: Int64?
    /// A registered task kind; defaults to "general", an unknown one is refused.
    public var kind: String?
    /// Required, at most 200 characters.
    public var title: String?
    /// At most 5,000 characters, may span lines.
    public var description: String?
    /// 验收标准, at most 2,000 characters.
    public var acceptanceCriteria: String?
    /// 完成时限: required, "YYYY-MM-DD".
    public var dueOn: String?

    /// A draft with every field optional; `TaskRegistry.validate` says what is missing or wrong.
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

/// A move of a task to another status, as a caller asks for it.
public struct TaskTransition: Sendable, Codable {
    /// The target `TaskItem.Status` raw value; the status must allow the move (see `TaskItem.Status`).
    public var status: String?
    /// An evidence note (佐证材料说明) or the reason for a return.
    public var note: String?

    /// A move to `status`; `note` (at most 2,000 characters) is kept as evidence and is required for a return.
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
