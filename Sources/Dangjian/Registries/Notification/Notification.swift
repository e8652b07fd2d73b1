import Foundation

/// One message in a user's inbox. Its idempotency key is unique in the database, so the same
/// reminder is stored, and sent, once, whichever host or retry produced it.
public struct Notification: Sendable, Codable, Equatable {
    /// The notice's id.
    public let id: Int64
    /// The user whose inbox holds it; only that user reads it.
    public let userID: Int64
    /// A registered notification kind: "general", "task", "reminder" or one a plugin declares.
    public let kind: String
    /// At most 200 characters.
    public let title: String
    /// At most 10,000 characters, may span lines; "" when the producer gave none.
    public let body: String
    /// The organisation the notice is about, if any.
    public let organizationID: Int64?
    /// Where the console should open when the notice is clicked, if anywhere.
    public let link: String?
    /// Unique in the database: a second send with the same key stores nothing (at most 300 characters).
    public let idempotencyKey: String
    /// The rule (id@version) that produced it, when a rule did.
    public let ruleRef: String?
    /// When it was stored.
    public let createdAt: Date
    /// When its user marked it read; nil while unread.
    public var readAt: Date?
}

/// What a producer (kernel, plugin, rule engine) asks to send.
public struct NotificationDraft: Sendable, Codable {
    /// The user whose inbox receives it.
    public var userID: Int64
    /// A registered notification kind; an unknown one is refused.
    public var kind: String
    /// Required, at most 200 characters.
    public var title: String
    /// At most 10,000 characters, may span lines.
    public var body: String
    /// The organisation the notice is about, if any.
    public var organizationID: Int64?
    /// Where the console should open when the notice is clicked, if anywhere.
    public var link: String?
    /// Names the fact being told (for a reminder: rule, subject, period, stage), so a retry sends nothing twice.
    public var idempotencyKey: String
    /// The rule (id@version) that produced it, when a rule did.
    public var ruleRef: String?
    /// Channels besides the in-app inbox (e.g. "wecom", "webhook"); delivered by the outbox sender.
    public var channels: [String]

    /// A notice for `userID`; `NotificationCenter.send` checks it and stores it once per `idempotencyKey`.
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
