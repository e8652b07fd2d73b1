import Foundation

/// Inboxes and the outbox. The in-app channel is the inbox itself; every other channel gets an
/// outbox row in the same transaction as the notification, which a sender delivers with retries.
public struct NotificationCenter: Sendable {
    /// The in-app channel, the inbox itself: every notification is delivered to it at once.
    public static let inApp = "inApp"

    let store: Store
    let kinds: KindCatalog
    /// Where each kind goes when no organisation above a notice has set a route (`delivery.routes`).
    let routes: [String: [DeliveryTarget]]

    /// The notification centre over `store`, refusing kinds that `kinds` has not registered.
    public init(store: Store, kinds: KindCatalog, routes: [String: [DeliveryTarget]] = [:]) {
        self.store = store
        self.kinds = kinds
        self.routes = routes
    }

    static let migrations = [
        Migration(
            module: "kernel.notifications", version: 1, name: "inbox and outbox",
            sql: [
                """
                CREATE TABLE notifications (
                    id {id},
                    user_id INTEGER NOT NULL REFERENCES users (id),
                    kind TEXT NOT NULL,
                    title TEXT NOT NULL,
                    body TEXT NOT NULL,
                    organization_id INTEGER,
                    link TEXT,
                    idempotency_key TEXT NOT NULL UNIQUE,
                    rule_ref TEXT,
                    created_at TEXT NOT NULL,
                    read_at TEXT
                )
                """,
                "CREATE INDEX notifications_inbox ON notifications (user_id, read_at, id)",
                """
                CREATE TABLE outbox (
                    id {id},
                    notification_id INTEGER NOT NULL REFERENCES notifications (id),
                    channel TEXT NOT NULL,
                    idempotency_key TEXT NOT NULL UNIQUE,
                    status TEXT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    next_attempt_at TEXT NOT NULL,
                    last_error TEXT,
                    delivered_at TEXT,
                    created_at TEXT NOT NULL
                )
                """,
                "CREATE INDEX outbox_pending ON outbox (status, next_attempt_at)",
            ]),
        DeliverySchema.migration,
    ]

    /// Stores a notification inside a running transaction. Returns nil when one with the same
    /// idempotency key exists already: the second send of a reminder is a no-op, not an error.
    @discardableResult
    public func send(_ draft: NotificationDraft, in tx: Transaction) throws -> Notification? {
        try send(draft, planner: try DeliveryPlanner([draft], defaults: routes, in: tx.session), in: tx)
    }

    /// Stores one notice with its inbox row and the outbox rows its route plans (a robot of its
    /// organisation or the one above, the recipient's email), all in the caller's transaction.
    private func send(_ draft: NotificationDraft, planner: DeliveryPlanner, in tx: Transaction) throws -> Notification?
    {
        try kinds.requireNotificationKind(draft.kind)
        let title = try Validate.text(draft.title, field: "title", max: 200)
        let body = try Validate.optionalText(draft.body, field: "body", max: 10000, multiline: true) ?? ""
        let key = try Validate.text(draft.idempotencyKey, field: "idempotencyKey", max: 300)
        let s = tx.session
        guard
            let row = try s.queryOne(
                """
                INSERT INTO notifications (user_id, kind, title, body, organization_id, link, idempotency_key, rule_ref, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (idempotency_key) DO NOTHING RETURNING *
                """,
                [
                    .integer(draft.userID), .text(draft.kind), .text(title), .text(body),
                    SQLValue(draft.organizationID),
                    SQLValue(draft.link), .text(key), SQLValue(draft.ruleRef), tx.timestamp,
                ])
        else { return nil }
        let notification = try Notification(row: row)
        for planned in planner.rows(for: draft) {
            try s.execute(
                """
                INSERT INTO outbox (notification_id, channel, idempotency_key, status, next_attempt_at, created_at,
                    organization_id, endpoint_id, address, mention) VALUES (?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?)
                """,
                [
                    .integer(notification.id), .text(planned.channel),
                    .text("\(key)#\(planned.endpointID.map { "\(planned.channel):\($0)" } ?? planned.channel)"),
                    tx.timestamp, tx.timestamp, SQLValue(draft.organizationID), SQLValue(planned.endpointID),
                    SQLValue(planned.address), SQLValue(planned.mention),
                ])
        }
        // Channels a producer names itself (before routes existed); no sender claims them.
        for channel in [Self.inApp] + draft.channels.filter({ $0 != Self.inApp }) {
            let delivered = channel == Self.inApp
            try s.execute(
                """
                INSERT INTO outbox (notification_id, channel, idempotency_key, status, next_attempt_at, delivered_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .integer(notification.id), .text(channel), .text("\(key)#\(channel)"),
                    .text(delivered ? "delivered" : "pending"), tx.timestamp, delivered ? tx.timestamp : .null,
                    tx.timestamp,
                ])
        }
        tx.emit(
            NotificationCreated(
                notificationID: notification.id, organizationID: draft.organizationID,
                userID: draft.userID, kind: draft.kind))
        return notification
    }

    /// Sends outside any other change, e.g. from a scheduled job.
    @discardableResult
    public func send(_ draft: NotificationDraft) async throws -> Notification? {
        try await store.write(.system) { tx in try self.send(draft, in: tx) }
    }

    /// Sends a batch in one transaction, leaving out (before the write) those whose key was
    /// stored already, so a daily job holds the writer only for what is new. Returns how many
    /// were stored.
    public func sendAll(_ drafts: [NotificationDraft]) async throws -> Int {
        let sent = try await existingKeys(drafts.map(\.idempotencyKey))
        let sending = drafts.filter { !sent.contains($0.idempotencyKey) }
        guard !sending.isEmpty else { return 0 }
        return try await store.write(.system) { tx in
            let planner = try DeliveryPlanner(sending, defaults: routes, in: tx.session)
            return try sending.reduce(0) { $0 + (try self.send($1, planner: planner, in: tx) == nil ? 0 : 1) }
        }
    }

    /// Which of these idempotency keys were stored already (for dry runs), in one query per 500.
    public func existingKeys(_ keys: [String]) async throws -> Set<String> {
        try await store.existingKeys(keys, in: "notifications")
    }

    // MARK: The caller's own inbox

    /// One page of the caller's own inbox, newest first; `unreadOnly` leaves out what was read.
    public func inbox(unreadOnly: Bool, page: PageRequest, by actor: Principal) async throws -> Page<Notification> {
        let after = try page.cursorID()
        return try await store.read { s in
            var sql = "SELECT * FROM notifications WHERE user_id = ?"
            var arguments: [SQLValue] = [.integer(actor.userID)]
            if unreadOnly { sql += " AND read_at IS NULL" }
            if let after { sql += " AND id < ?"; arguments.append(.integer(after)) }
            sql += " ORDER BY id DESC LIMIT ?"
            arguments.append(.integer(Int64(page.limit + 1)))
            return try Page(rows: try s.query(sql, arguments), limit: page.limit, decode: Notification.init(row:)) {
                .id($0.id)
            }
        }
    }

    /// How many of the caller's notifications are unread.
    public func unreadCount(by actor: Principal) async throws -> Int {
        try await store.read { s in
            Int(
                try s.scalarInt(
                    "SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL", [.integer(actor.userID)]
                ))
        }
    }

    /// Marks one of the caller's notifications read; another user's is "not found".
    public func markRead(_ id: Int64, by actor: Principal) async throws -> Notification {
        try await store.write(actor) { tx in
            try tx.session.execute(
                "UPDATE notifications SET read_at = ? WHERE id = ? AND user_id = ? AND read_at IS NULL",
                [tx.timestamp, .integer(id), .integer(actor.userID)])
            guard
                let row = try tx.session.queryOne(
                    "SELECT * FROM notifications WHERE id = ? AND user_id = ?",
                    [.integer(id), .integer(actor.userID)])
            else { throw DangjianError.notFound(.notification) }
            return try Notification(row: row)
        }
    }

    /// Marks every unread notification of the caller read; returns how many it marked.
    @discardableResult
    public func markAllRead(by actor: Principal) async throws -> Int {
        try await store.write(actor) { tx in
            try tx.session.execute(
                "UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL",
                [tx.timestamp, .integer(actor.userID)])
        }
    }
}
