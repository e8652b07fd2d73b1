import Foundation

/// The admin's view of deliveries in their subtree: lists by status, channel and organisation,
/// a dead letter tried again, a test message, and the queue's depth for `/metrics`.
extension Outbox {
    /// One delivery as an admin sees it; an email address is masked.
    public struct Delivery: Sendable, Codable, Equatable {
        /// The outbox row.
        public let id: Int64
        /// The notice it delivers.
        public let notificationID: Int64
        /// The notice's kind.
        public let kind: String
        /// The notice's title.
        public let title: String
        /// `wecom`, `dingtalk`, `feishu`, `webhook` or `email`.
        public let channel: String
        /// The robot, for a group channel.
        public let endpointID: Int64?
        /// The notice's organisation.
        public let organizationID: Int64?
        /// The recipient's email, masked (`z***@example.cn`).
        public let address: String?
        /// `pending`, `delivered` or `dead`.
        public let status: String
        /// Attempts made so far.
        public let attempts: Int
        /// When a pending row is tried next.
        public let nextAttemptAt: String
        /// The channel's last answer, cut to 1,000 characters.
        public let lastAnswer: String?
        /// When the channel took it.
        public let deliveredAt: String?
        /// When the sender gave up on it.
        public let deadAt: String?
        /// When the row was written, with its notice.
        public let createdAt: String
        /// Every attempt, oldest first (the last 20).
        public let attemptLog: [Attempt]
    }

    /// What to list; nil fields do not filter.
    public struct Filter: Sendable {
        /// `pending`, `delivered` or `dead`.
        public var status: String?
        /// A channel kind.
        public var channel: String?
        /// One organisation (not its subtree).
        public var organizationID: Int64?

        /// A filter on any of status, channel and organisation.
        public init(status: String? = nil, channel: String? = nil, organizationID: Int64? = nil) {
            self.status = status
            self.channel = channel
            self.organizationID = organizationID
        }
    }

    /// One page of the deliveries of the caller's subtree (in-app copies left out), newest first.
    public func deliveries(_ filter: Filter, page: PageRequest, by actor: Principal) async throws -> Page<Delivery> {
        if let status = filter.status, !["pending", "delivered", "dead"].contains(status) {
            throw DangjianError.badValue(
                "status", zh: "状态应为 pending、delivered 或 dead", en: "status must be pending, delivered or dead")
        }
        let after = try page.cursorID()
        return try await store.read { s in
            let scope = actor.scope(for: .manageChannels).condition("g.path")
            var sql = """
                SELECT o.*, n.kind, n.title FROM outbox o JOIN notifications n ON n.id = o.notification_id
                JOIN organizations g ON g.id = o.organization_id
                WHERE o.channel <> 'inApp' AND \(scope.sql)
                """
            var arguments = scope.arguments
            if let status = filter.status { sql += " AND o.status = ?"; arguments.append(.text(status)) }
            if let channel = filter.channel { sql += " AND o.channel = ?"; arguments.append(.text(channel)) }
            if let organization = filter.organizationID {
                sql += " AND o.organization_id = ?"
                arguments.append(.integer(organization))
            }
            if let after { sql += " AND o.id < ?"; arguments.append(.integer(after)) }
            sql += " ORDER BY o.id DESC LIMIT ?"
            arguments.append(.integer(Int64(page.limit + 1)))
            return try Page(rows: try s.query(sql, arguments), limit: page.limit, decode: Self.delivery(from:)) {
                .id($0.id)
            }
        }
    }

    /// Tries a dead letter again from its first attempt; one outside the subtree is a 404.
    public func retry(_ id: Int64, by actor: Principal) async throws -> Delivery {
        try await store.write(actor) { tx in
            let scope = actor.scope(for: .manageChannels).condition("g.path")
            guard
                let row = try tx.session.queryOne(
                    """
                    SELECT o.status, g.path FROM outbox o JOIN organizations g ON g.id = o.organization_id
                    WHERE o.id = ? AND o.channel <> 'inApp' AND \(scope.sql)
                    """, [.integer(id)] + scope.arguments)
            else { throw DangjianError.notFound(.delivery) }
            guard try row.string("status") == "dead" else {
                throw DangjianError.conflict(
                    KernelErrorCode.deliveryNotDead, zh: "只有已放弃的投递可以重试", en: "only a dead letter can be tried again")
            }
            try tx.session.execute(
                """
                UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, dead_at = NULL,
                    lease_owner = NULL, lease_until = NULL WHERE id = ?
                """, [tx.timestamp, .integer(id)])
            try tx.audit(
                .delivery, id: id, action: "retry", path: try row.string("path"), before: String?.none, after: "pending"
            )
            return try Self.delivery(id, in: tx.session)
        }
    }

    /// Sends a test message to one robot: a notice in the caller's inbox, with one outbox row
    /// for that robot alone, sent like any other.
    public func test(_ endpointID: Int64, by actor: Principal) async throws -> Delivery {
        try await store.write(actor) { tx in
            let s = tx.session
            let (endpoint, path) = try ChannelDirectory.visible(endpointID, in: s, by: actor)
            let key = "channel-test:\(endpointID):\(UUID().uuidString)"
            let notification = try s.insert(
                """
                INSERT INTO notifications (user_id, kind, title, body, organization_id, idempotency_key, created_at)
                VALUES (?, 'general', ?, ?, ?, ?, ?)
                """,
                [
                    .integer(actor.userID), .text("测试消息 / Test message"),
                    .text("这是来自党建工作平台的测试消息：\(endpoint.name)"), .integer(endpoint.organizationID), .text(key),
                    tx.timestamp,
                ])
            let id = try s.insert(
                """
                INSERT INTO outbox (notification_id, channel, idempotency_key, status, next_attempt_at, created_at,
                    organization_id, endpoint_id) VALUES (?, ?, ?, 'pending', ?, ?, ?, ?)
                """,
                [
                    .integer(notification), .text(endpoint.kind), .text("\(key)#\(endpoint.kind):\(endpointID)"),
                    tx.timestamp, tx.timestamp, .integer(endpoint.organizationID), .integer(endpointID),
                ])
            try tx.audit(.channel, id: endpointID, action: "test", path: path, before: String?.none, after: "queued")
            return try Self.delivery(id, in: s)
        }
    }

    /// The queue for `/metrics`: pending rows (not in-app) and the age of the oldest, in seconds.
    public func depth(now: Date) async throws -> (pending: Int, oldestSeconds: Double) {
        try await store.read { s in
            let row = try s.queryOne(
                "SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM outbox WHERE status = 'pending' AND channel <> 'inApp'",
                [])
            let oldest = try row?.optionalDate("oldest")
            return (try row?.int("n") ?? 0, oldest.map { max(0, now.timeIntervalSince($0)) } ?? 0)
        }
    }

    static func delivery(_ id: Int64, in s: any SQLSession) throws -> Delivery {
        guard
            let row = try s.queryOne(
                "SELECT o.*, n.kind, n.title FROM outbox o JOIN notifications n ON n.id = o.notification_id WHERE o.id = ?",
                [.integer(id)])
        else { throw DangjianError.notFound(.delivery) }
        return try delivery(from: row)
    }

    static func delivery(from row: SQLRow) throws -> Delivery {
        Delivery(
            id: try row.int64("id"), notificationID: try row.int64("notification_id"), kind: try row.string("kind"),
            title: try row.string("title"), channel: try row.string("channel"),
            endpointID: try row.optionalInt64("endpoint_id"), organizationID: try row.optionalInt64("organization_id"),
            address: try row.optionalString("address").map(EmailAddress.mask), status: try row.string("status"),
            attempts: try row.int("attempts"), nextAttemptAt: try row.string("next_attempt_at"),
            lastAnswer: try row.optionalString("last_answer"), deliveredAt: try row.optionalString("delivered_at"),
            deadAt: try row.optionalString("dead_at"), createdAt: try row.string("created_at"),
            attemptLog: try Attempt.log(of: row))
    }
}
