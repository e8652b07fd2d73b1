/// The kernel's facts. Each one's fields keep the keys hooks have always read (`event.to`,
/// `event.from`, …); ids are integers and days are "YYYY-MM-DD" text in Lua.

/// An organisation was created (`organizationID` is the new one).
public struct OrganizationCreated: DomainEvent {
    public static let name = "organization.created"
    public let organizationID: Int64?
    public let organizationName: String
    public let kind: Organization.Kind
    public let parentID: Int64?
    public var entityID: Int64? { organizationID }
    public var fields: [String: EventField] {
        var fields: [String: EventField] = ["name": .text(organizationName), "kind": .text(kind.rawValue)]
        if let parentID { fields["parentID"] = .integer(parentID) }
        return fields
    }
}

/// An organisation's name, kind or seats changed.
public struct OrganizationUpdated: DomainEvent {
    public static let name = "organization.updated"
    public let organizationID: Int64?
    public var entityID: Int64? { organizationID }
}

/// An organisation moved under another parent, with its subtree.
public struct OrganizationMoved: DomainEvent {
    public static let name = "organization.moved"
    public let organizationID: Int64?
    public let fromParentID: Int64?
    public let toParentID: Int64
    public var entityID: Int64? { organizationID }
    public var fields: [String: EventField] {
        var fields: [String: EventField] = ["to": .integer(toParentID)]
        if let fromParentID { fields["from"] = .integer(fromParentID) }
        return fields
    }
}

/// An organisation was archived (撤销).
public struct OrganizationArchived: DomainEvent {
    public static let name = "organization.archived"
    public let organizationID: Int64?
    public var entityID: Int64? { organizationID }
}

/// A member was registered.
public struct MemberCreated: DomainEvent {
    public static let name = "member.created"
    public let memberID: Int64
    public let organizationID: Int64?
    public let status: MemberStatus
    public var entityID: Int64? { memberID }
    public var fields: [String: EventField] { ["status": .text(status.rawValue)] }
}

/// A member's contact data or flags changed.
public struct MemberUpdated: DomainEvent {
    public static let name = "member.updated"
    public let memberID: Int64
    public let organizationID: Int64?
    public var entityID: Int64? { memberID }
}

/// A member moved along the development pipeline (e.g. applicant to activist) on a day, for a reason.
public struct MemberStatusChanged: DomainEvent {
    public static let name = "member.statusChanged"
    public let memberID: Int64
    public let organizationID: Int64?
    public let from: MemberStatus
    public let to: MemberStatus
    public let on: Day
    public let reason: String
    public var entityID: Int64? { memberID }
    public var fields: [String: EventField] {
        ["from": .text(from.rawValue), "to": .text(to.rawValue), "on": .day(on), "reason": .text(reason)]
    }
}

/// 组织关系转出: sent from the member's organisation, not yet received.
public struct MemberTransferStarted: DomainEvent {
    public static let name = "member.transferStarted"
    public let memberID: Int64
    public let organizationID: Int64?
    public let transferID: Int64
    public let toOrganizationID: Int64
    public var entityID: Int64? { memberID }
    public var fields: [String: EventField] { ["transferID": .integer(transferID), "to": .integer(toOrganizationID)] }
}

/// 组织关系转入: received; `organizationID` is the new organisation.
public struct MemberTransferred: DomainEvent {
    public static let name = "member.transferred"
    public let memberID: Int64
    public let organizationID: Int64?
    public let transferID: Int64
    public let fromOrganizationID: Int64
    public var entityID: Int64? { memberID }
    public var fields: [String: EventField] {
        ["transferID": .integer(transferID), "from": .integer(fromOrganizationID)]
    }
}

/// A task or rectification item was opened.
public struct TaskCreated: DomainEvent {
    public static let name = "task.created"
    public let taskID: Int64
    /// The responsible organisation.
    public let organizationID: Int64?
    public let kind: String
    public let dueOn: Day
    public var entityID: Int64? { taskID }
    public var fields: [String: EventField] { ["kind": .text(kind), "dueOn": .day(dueOn)] }
}

/// A task moved from one status to another.
public struct TaskStatusChanged: DomainEvent {
    public static let name = "task.statusChanged"
    public let taskID: Int64
    public let organizationID: Int64?
    public let from: TaskItem.Status
    public let to: TaskItem.Status
    public var entityID: Int64? { taskID }
    public var fields: [String: EventField] { ["from": .text(from.rawValue), "to": .text(to.rawValue)] }
}

/// A task passed its due day without being done (the daily sweep marks it).
public struct TaskOverdue: DomainEvent {
    public static let name = "task.overdue"
    public let taskID: Int64
    public let organizationID: Int64?
    public let dueOn: String
    public var entityID: Int64? { taskID }
    public var fields: [String: EventField] { ["dueOn": .text(dueOn)] }
}

/// An inspection (督查) was recorded.
public struct InspectionRecorded: DomainEvent {
    public static let name = "inspection.recorded"
    public let inspectionID: Int64
    public let organizationID: Int64?
    public var entityID: Int64? { inspectionID }
}

/// An inspection found a problem in a unit; its rectification item opens with it.
public struct FindingRecorded: DomainEvent {
    public static let name = "inspection.findingRecorded"
    public let findingID: Int64
    /// The unit the finding is about.
    public let organizationID: Int64?
    public let inspectionID: Int64
    public var entityID: Int64? { findingID }
    public var fields: [String: EventField] { ["inspectionID": .integer(inspectionID)] }
}

/// Not hookable (a hook that answered notices with notices would loop).
public struct NotificationCreated: DomainEvent {
    public static let name = "notification.created"
    public let notificationID: Int64
    public let organizationID: Int64?
    public let userID: Int64
    public let kind: String
    public var entityID: Int64? { notificationID }
    public var fields: [String: EventField] { ["userID": .integer(userID), "kind": .text(kind)] }
}

/// A user account was created.
public struct UserCreated: DomainEvent {
    public static let name = "user.created"
    public let userID: Int64
    /// The organisation of the user's first grant, if any.
    public let organizationID: Int64?
    public var entityID: Int64? { userID }
}

/// The kernel's event names, for subscribing by name (or "*" for all).
extension HostEvent {
    public enum Name {
        public static let organizationCreated = OrganizationCreated.name
        public static let organizationUpdated = OrganizationUpdated.name
        public static let organizationMoved = OrganizationMoved.name
        public static let organizationArchived = OrganizationArchived.name
        public static let memberCreated = MemberCreated.name
        public static let memberUpdated = MemberUpdated.name
        public static let memberStatusChanged = MemberStatusChanged.name
        public static let memberTransferStarted = MemberTransferStarted.name
        public static let memberTransferred = MemberTransferred.name
        public static let taskCreated = TaskCreated.name
        public static let taskStatusChanged = TaskStatusChanged.name
        public static let taskOverdue = TaskOverdue.name
        public static let inspectionRecorded = InspectionRecorded.name
        public static let findingRecorded = FindingRecorded.name
        public static let notificationCreated = NotificationCreated.name
        public static let userCreated = UserCreated.name
    }
}
