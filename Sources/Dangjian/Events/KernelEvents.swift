/// The kernel's facts. Each one's fields keep the keys hooks have always read (`event.to`,
/// `event.from`, …); ids are integers and days are "YYYY-MM-DD" text in Lua.

/// An organisation was created (`organizationID` is the new one).
public struct OrganizationCreated: DomainEvent {
    /// The name hooks subscribe to: "organization.created".
    public static let name = "organization.created"
    /// The organisation itself (`organization_id` in Lua).
    public let organizationID: Int64?
    /// The organisation's name at creation (`name` in a hook's table).
    public let organizationName: String
    /// Committee, general branch, branch, … (`kind` in a hook's table, its raw value).
    public let kind: Organization.Kind
    /// The parent organisation; nil only for the root (`parentID` in a hook's table, absent when nil).
    public let parentID: Int64?
    /// The entity the event is about (`entity_id` in Lua): the organisation.
    public var entityID: Int64? { organizationID }
    /// What a hook's table shows besides the common keys: `name`, `kind`, and `parentID` when set.
    public var fields: [String: EventField] {
        var fields: [String: EventField] = ["name": .text(organizationName), "kind": .text(kind.rawValue)]
        if let parentID { fields["parentID"] = .integer(parentID) }
        return fields
    }
}

/// An organisation's name, kind or seats changed.
public struct OrganizationUpdated: DomainEvent {
    /// The name hooks subscribe to: "organization.updated".
    public static let name = "organization.updated"
    /// The organisation itself (`organization_id` in Lua).
    public let organizationID: Int64?
    /// The entity the event is about (`entity_id` in Lua): the organisation.
    public var entityID: Int64? { organizationID }
}

/// An organisation moved under another parent, with its subtree.
public struct OrganizationMoved: DomainEvent {
    /// The name hooks subscribe to: "organization.moved".
    public static let name = "organization.moved"
    /// The organisation itself (`organization_id` in Lua).
    public let organizationID: Int64?
    /// The parent it left; nil if it had none (`from` in a hook's table, absent when nil).
    public let fromParentID: Int64?
    /// The parent it now sits under (`to` in a hook's table).
    public let toParentID: Int64
    /// The entity the event is about (`entity_id` in Lua): the organisation.
    public var entityID: Int64? { organizationID }
    /// What a hook's table shows besides the common keys: `to`, and `from` when it had a parent.
    public var fields: [String: EventField] {
        var fields: [String: EventField] = ["to": .integer(toParentID)]
        if let fromParentID { fields["from"] = .integer(fromParentID) }
        return fields
    }
}

/// An organisation was archived (撤销).
public struct OrganizationArchived: DomainEvent {
    /// The name hooks subscribe to: "organization.archived".
    public static let name = "organization.archived"
    /// The organisation itself (`organization_id` in Lua).
    public let organizationID: Int64?
    /// The entity the event is about (`entity_id` in Lua): the organisation.
    public var entityID: Int64? { organizationID }
}

/// A member was registered.
public struct MemberCreated: DomainEvent {
    /// The name hooks subscribe to: "member.created".
    public static let name = "member.created"
    /// The member's id.
    public let memberID: Int64
    /// The member's organisation when the fact was written; nil for a member held by none.
    public let organizationID: Int64?
    /// The pipeline stage the member was registered at (`status` in a hook's table).
    public let status: MemberStatus
    /// The entity the event is about (`entity_id` in Lua): the member.
    public var entityID: Int64? { memberID }
    /// What a hook's table shows besides the common keys: `status`.
    public var fields: [String: EventField] { ["status": .text(status.rawValue)] }
}

/// A member's contact data or flags changed.
public struct MemberUpdated: DomainEvent {
    /// The name hooks subscribe to: "member.updated".
    public static let name = "member.updated"
    /// The member's id.
    public let memberID: Int64
    /// The member's organisation when the fact was written; nil for a member held by none.
    public let organizationID: Int64?
    /// The entity the event is about (`entity_id` in Lua): the member.
    public var entityID: Int64? { memberID }
}

/// A member moved along the development pipeline (e.g. applicant to activist) on a day, for a reason.
public struct MemberStatusChanged: DomainEvent {
    /// The name hooks subscribe to: "member.statusChanged".
    public static let name = "member.statusChanged"
    /// The member's id.
    public let memberID: Int64
    /// The member's organisation when the fact was written; nil for a member held by none.
    public let organizationID: Int64?
    /// The stage the member left (`from`).
    public let from: MemberStatus
    /// The stage the member reached (`to`).
    public let to: MemberStatus
    /// The day the change takes effect, which may be before the write (`on`, "YYYY-MM-DD" in Lua).
    public let on: Day
    /// Why the stage changed, as the writer gave it (`reason`).
    public let reason: String
    /// The entity the event is about (`entity_id` in Lua): the member.
    public var entityID: Int64? { memberID }
    /// What a hook's table shows besides the common keys: `from`, `to`, `on`, `reason`.
    public var fields: [String: EventField] {
        ["from": .text(from.rawValue), "to": .text(to.rawValue), "on": .day(on), "reason": .text(reason)]
    }
}

/// 组织关系转出: sent from the member's organisation, not yet received.
public struct MemberTransferStarted: DomainEvent {
    /// The name hooks subscribe to: "member.transferStarted".
    public static let name = "member.transferStarted"
    /// The member's id.
    public let memberID: Int64
    /// The member's organisation when the fact was written; nil for a member held by none.
    public let organizationID: Int64?
    /// The transfer (组织关系转接) record's id (`transferID`).
    public let transferID: Int64
    /// The receiving organisation (`to`); the member stays in `organizationID` until received.
    public let toOrganizationID: Int64
    /// The entity the event is about (`entity_id` in Lua): the member.
    public var entityID: Int64? { memberID }
    /// What a hook's table shows besides the common keys: `transferID`, `to`.
    public var fields: [String: EventField] { ["transferID": .integer(transferID), "to": .integer(toOrganizationID)] }
}

/// 组织关系转入: received; `organizationID` is the new organisation.
public struct MemberTransferred: DomainEvent {
    /// The name hooks subscribe to: "member.transferred".
    public static let name = "member.transferred"
    /// The member's id.
    public let memberID: Int64
    /// The member's organisation when the fact was written; nil for a member held by none.
    public let organizationID: Int64?
    /// The transfer (组织关系转接) record's id (`transferID`).
    public let transferID: Int64
    /// The organisation that sent the member (`from`).
    public let fromOrganizationID: Int64
    /// The entity the event is about (`entity_id` in Lua): the member.
    public var entityID: Int64? { memberID }
    /// What a hook's table shows besides the common keys: `transferID`, `from`.
    public var fields: [String: EventField] {
        ["transferID": .integer(transferID), "from": .integer(fromOrganizationID)]
    }
}

/// A task or rectification item was opened.
public struct TaskCreated: DomainEvent {
    /// The name hooks subscribe to: "task.created".
    public static let name = "task.created"
    /// The task's id.
    public let taskID: Int64
    /// The responsible organisation.
    public let organizationID: Int64?
    /// The task's kind, e.g. "general" or "rectification", as the opener gave it (`kind`).
    public let kind: String
    /// The day the task is due (`dueOn`, "YYYY-MM-DD" in Lua).
    public let dueOn: Day
    /// The entity the event is about (`entity_id` in Lua): the task.
    public var entityID: Int64? { taskID }
    /// What a hook's table shows besides the common keys: `kind`, `dueOn`.
    public var fields: [String: EventField] { ["kind": .text(kind), "dueOn": .day(dueOn)] }
}

/// A task moved from one status to another.
public struct TaskStatusChanged: DomainEvent {
    /// The name hooks subscribe to: "task.statusChanged".
    public static let name = "task.statusChanged"
    /// The task's id.
    public let taskID: Int64
    /// The responsible organisation (责任单位).
    public let organizationID: Int64?
    /// The status the task left (`from`).
    public let from: TaskItem.Status
    /// The status the task reached (`to`).
    public let to: TaskItem.Status
    /// The entity the event is about (`entity_id` in Lua): the task.
    public var entityID: Int64? { taskID }
    /// What a hook's table shows besides the common keys: `from`, `to`.
    public var fields: [String: EventField] { ["from": .text(from.rawValue), "to": .text(to.rawValue)] }
}

/// A task passed its due day without being done (the daily sweep marks it).
public struct TaskOverdue: DomainEvent {
    /// The name hooks subscribe to: "task.overdue".
    public static let name = "task.overdue"
    /// The task's id.
    public let taskID: Int64
    /// The responsible organisation (责任单位).
    public let organizationID: Int64?
    /// The due day that passed, as "YYYY-MM-DD" text (`dueOn`).
    public let dueOn: String
    /// The entity the event is about (`entity_id` in Lua): the task.
    public var entityID: Int64? { taskID }
    /// What a hook's table shows besides the common keys: `dueOn`.
    public var fields: [String: EventField] { ["dueOn": .text(dueOn)] }
}

/// An inspection (督查) was recorded.
public struct InspectionRecorded: DomainEvent {
    /// The name hooks subscribe to: "inspection.recorded".
    public static let name = "inspection.recorded"
    /// The inspection's id.
    public let inspectionID: Int64
    /// The organisation that was inspected.
    public let organizationID: Int64?
    /// The entity the event is about (`entity_id` in Lua): the inspection.
    public var entityID: Int64? { inspectionID }
}

/// An inspection found a problem in a unit; its rectification item opens with it.
public struct FindingRecorded: DomainEvent {
    /// The name hooks subscribe to: "inspection.findingRecorded".
    public static let name = "inspection.findingRecorded"
    /// The finding's id.
    public let findingID: Int64
    /// The unit the finding is about.
    public let organizationID: Int64?
    /// The inspection (督查) the finding belongs to (`inspectionID`).
    public let inspectionID: Int64
    /// The entity the event is about (`entity_id` in Lua): the finding.
    public var entityID: Int64? { findingID }
    /// What a hook's table shows besides the common keys: `inspectionID`.
    public var fields: [String: EventField] { ["inspectionID": .integer(inspectionID)] }
}

/// Not hookable (a hook that answered notices with notices would loop).
public struct NotificationCreated: DomainEvent {
    /// The name hooks subscribe to: "notification.created".
    public static let name = "notification.created"
    /// The notice's id.
    public let notificationID: Int64
    /// The organisation the notice is about, if any.
    public let organizationID: Int64?
    /// The user whose inbox the notice went to (`userID`).
    public let userID: Int64
    /// The notice's kind, e.g. "reminder" or "task" (`kind`).
    public let kind: String
    /// The entity the event is about (`entity_id` in Lua): the notice.
    public var entityID: Int64? { notificationID }
    /// What a hook's table shows besides the common keys: `userID`, `kind`.
    public var fields: [String: EventField] { ["userID": .integer(userID), "kind": .text(kind)] }
}

/// A user account was created.
public struct UserCreated: DomainEvent {
    /// The name hooks subscribe to: "user.created".
    public static let name = "user.created"
    /// The user account's id.
    public let userID: Int64
    /// The organisation of the user's first grant, if any.
    public let organizationID: Int64?
    /// The entity the event is about (`entity_id` in Lua): the user account.
    public var entityID: Int64? { userID }
}

/// The kernel's event names, for subscribing by name (or "*" for all).
extension HostEvent {
    /// Names to pass to `subscribe`; each is the event type's `name`.
    public enum Name {
        /// "organization.created".
        public static let organizationCreated = OrganizationCreated.name
        /// "organization.updated".
        public static let organizationUpdated = OrganizationUpdated.name
        /// "organization.moved".
        public static let organizationMoved = OrganizationMoved.name
        /// "organization.archived".
        public static let organizationArchived = OrganizationArchived.name
        /// "member.created".
        public static let memberCreated = MemberCreated.name
        /// "member.updated".
        public static let memberUpdated = MemberUpdated.name
        /// "member.statusChanged".
        public static let memberStatusChanged = MemberStatusChanged.name
        /// "member.transferStarted".
        public static let memberTransferStarted = MemberTransferStarted.name
        /// "member.transferred".
        public static let memberTransferred = MemberTransferred.name
        /// "task.created".
        public static let taskCreated = TaskCreated.name
        /// "task.statusChanged".
        public static let taskStatusChanged = TaskStatusChanged.name
        /// "task.overdue".
        public static let taskOverdue = TaskOverdue.name
        /// "inspection.recorded".
        public static let inspectionRecorded = InspectionRecorded.name
        /// "inspection.findingRecorded".
        public static let findingRecorded = FindingRecorded.name
        /// "notification.created"; not hookable.
        public static let notificationCreated = NotificationCreated.name
        /// "user.created".
        public static let userCreated = UserCreated.name
    }
}
