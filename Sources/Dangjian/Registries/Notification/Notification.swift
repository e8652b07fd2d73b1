import Foundation

/// One message in a user's inbox. Its idempotency key is unique in the database, so the same
/// reminder is stored, and sent, once, whichever host or retry produced it.
public struct Notification: Sendable, Codable, Equatable {
    public let id: Int64
    public let userID: Int64
    public let kind: String
    public let title: String
    public let body: String
    public let organizationID: Int64?
    public let link: String?
    public let idempotencyKey: String
    /// The rule (id@version) that produced it, when a rule did.
    public let ruleRef: String?
    public let createdAt: Date
    public var readAt: Date?
}

/// What a producer (kernel, plugin, rule engine) asks to send.
public struct NotificationDraft: Sendable, Codable {
    public var userID: Int64
    public var kind: String
    public var title: String
    public var body: String
    public var organizationID: Int64?
    public var link: String?
    public var idempotencyKey: String
    public var ruleRef: String?
    /// Channels besides the in-app inbox (e.g. "wecom", "webhook"); delivered by the outbox sender.
    public var channels: [String]

    public init(
        userID: Int64, kind: String, title: String, body: String, organizationID: Int64? = nil,
        link: String? = nil, idempotencyKey: String, ruleRef: String? = nil, channels: [String] = []
    ) {
        self.userID = userID
        self.kind = kind
        self.title = title
        self.body = body
        self.organizationID = organizationID
        self.link = link
        self.idempotencyKey = idempotencyKey
        self.ruleRef = ruleRef
        self.channels = channels
    }
}

extension Notification {
    init(row: SQLRow) throws {
        id = try row.int64("id")
        userID = try row.int64("user_id")
        kind = try row.string("kind")
        title = try row.string("title")
        body = try row.string("body")
        organizationID = try row.optionalInt64("organization_id")
        link = try row.optionalString("link")
        idempotencyKey = try row.string("idempotency_key")
        ruleRef = try row.optionalString("rule_ref")
        createdAt = try row.date("created_at")
        readAt = try row.optionalDate("read_at")
    }
}
