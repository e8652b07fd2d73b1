import Foundation

/// A fact that happened and committed. Plugins and Lua hooks subscribe by `name`.
public struct HostEvent: Sendable, Equatable, Codable {
    public let name: String
    public let entityID: Int64?
    public let organizationID: Int64?
    public let actorUserID: Int64?
    public let at: Date
    /// Flat string values, so every subscriber (Swift or Lua) reads them the same way.
    public let payload: [String: String]
    /// 0 for a change made by a request or a job; n + 1 for one made by a handler of an event of
    /// depth n. The bus refuses events deeper than its bound.
    public let depth: Int
    /// The Lua hook whose intents caused this event, if one did.
    public let causedBy: String?

    public init(name: String, entityID: Int64?, organizationID: Int64?, actorUserID: Int64? = nil,
                at: Date = Date(), payload: [String: String] = [:], depth: Int = 0, causedBy: String? = nil) {
        self.name = name
        self.entityID = entityID
        self.organizationID = organizationID
        self.actorUserID = actorUserID
        self.at = at
        self.payload = payload
        self.depth = depth
        self.causedBy = causedBy
    }
}

/// The kernel's event names. Plugins name theirs `plugin.thing`.
extension HostEvent {
    public enum Name {
        public static let organizationCreated = "organization.created"
        public static let organizationUpdated = "organization.updated"
        public static let organizationMoved = "organization.moved"
        public static let organizationArchived = "organization.archived"
        public static let memberCreated = "member.created"
        public static let memberUpdated = "member.updated"
        public static let memberStatusChanged = "member.statusChanged"
        public static let memberTransferStarted = "member.transferStarted"
        public static let memberTransferred = "member.transferred"
        public static let taskCreated = "task.created"
        public static let taskStatusChanged = "task.statusChanged"
        public static let taskOverdue = "task.overdue"
        public static let inspectionRecorded = "inspection.recorded"
        public static let findingRecorded = "inspection.findingRecorded"
        public static let notificationCreated = "notification.created"
        public static let userCreated = "user.created"
    }
}
