import Foundation

/// The outbox's rows as the sender works them: claimed under a lease, grouped into a batch
/// whose key never changes, recorded after each attempt, and turned into dead letters after
/// the last. A row's lease runs out when its sender dies, and the row is claimed again with the
/// same batch key, so a repeat can be dropped by the receiver.
public struct Outbox: Sendable {
    let store: Store
    let notifications: NotificationCenter

    /// The outbox over `store`; alerts about dead letters go through `notifications`.
    public init(store: Store, notifications: NotificationCenter) {
        self.store = store
        self.notifications = notifications
    }

    /// A row claimed for sending, with its notice.
    public struct Claim: Sendable, Equatable {
        /// The outbox row.
        public let id: Int64
        /// The channel kind: `wecom`, `dingtalk`, `feishu`, `webhook` or `email`.
        public let channel: String
        /// The robot, for a group channel.
        public let endpointID: Int64?
        /// The recipient's address, for email.
        public let address: String?
        /// Whom the robot @-mentions, if anyone.
        public let mention: String?
        /// The key of the batch this row went out in before, which a resend must keep.
        public let batchKey: String?
        /// Attempts made so far.
        public let attempts: Int
        /// The notice's organisation, if any.
        public let organizationID: Int64?
        /// The notice's kind, title, body, console link and rule.
        public let kind: String, title: String, body: String, link: String?, ruleRef: String?
        /// The notice's own idempotency key.
        public let noticeKey: String
        /// The row's own key (the notice's, with its channel and robot): a message of this row
        /// alone goes out under it.
        public let rowKey: String
    }

    /// Claims at most `limit` due rows for `owner` until `until`, in one transaction: pending,
    /// due, not leased (or the lease ran out), not on a paused robot. In-app and legacy rows
    /// without a target are never claimed. A batch is claimed whole: rows that share a claimed
    /// row's batch key come too, past the limit if need be.
    public func claim(owner: String, now: Date, until: Date, limit: Int) async throws -> [Claim] {
        try await store.write(.system) { tx in
            let s = tx.session
            let rows = try s.query(
                """
                SELECT \(Self.claimColumns)
                FROM outbox o JOIN notifications n ON n.id = o.notification_id
                LEFT JOIN channel_endpoints e ON e.id = o.endpoint_id
                WHERE o.status = 'pending' AND o.next_attempt_at <= ? AND (o.lease_until IS NULL OR o.lease_until < ?)
                    AND (o.endpoint_id IS NOT NULL OR o.address IS NOT NULL) AND COALESCE(e.paused, 0) = 0
                ORDER BY o.next_attempt_at, o.id LIMIT ?
                """, [SQLValue(now), SQLValue(now), .integer(Int64(limit))])
            var claims = try rows.map(Self.claim(from:))
            claims += try Self.batchMates(of: claims, now: now, in: s)
            _ = try s.query(ids: claims.map(\.id), before: [.text(owner), SQLValue(until)]) {
                "UPDATE outbox SET lease_owner = ?, lease_until = ? WHERE id IN (\($0)) RETURNING id"
            }
            return claims
        }
    }

    /// The pending, unleased rows that share a batch key with `claims` but were left out of them.
    /// A batch cut by the claim's limit would go out twice under one key, each time with part of
    /// its rows, and a receiver that drops a key it has seen would never show the second part.
    static func batchMates(of claims: [Claim], now: Date, in s: any SQLSession) throws -> [Claim] {
        let keys = Array(Set(claims.compactMap(\.batchKey))).sorted()
        guard !keys.isEmpty else { return [] }
        let claimed = Set(claims.map(\.id))
        // At most one key per claimed row, far below SQLite's limit on arguments.
        return try s.query(
            """
            SELECT \(Self.claimColumns)
            FROM outbox o JOIN notifications n ON n.id = o.notification_id
            WHERE o.status = 'pending' AND (o.lease_until IS NULL OR o.lease_until < ?)
                AND o.batch_key IN (\(Array(repeating: "?", count: keys.count).joined(separator: ", ")))
            ORDER BY o.next_attempt_at, o.id
            """, [SQLValue(now)] + keys.map(SQLValue.text)
        )
        .map(Self.claim(from:)).filter { !claimed.contains($0.id) }
    }

    /// What a claim reads of a row and its notice.
    static let claimColumns = "o.*, n.kind, n.title, n.body, n.link, n.rule_ref, n.idempotency_key AS notice_key"

    static func claim(from row: SQLRow) throws -> Claim {
        Claim(
            id: try row.int64("id"), channel: try row.string("channel"),
            endpointID: try row.optionalInt64("endpoint_id"),
            address: try row.optionalString("address"), mention: try row.optionalString("mention"),
            batchKey: try row.optionalString("batch_key"), attempts: try row.int("attempts"),
            organizationID: try row.optionalInt64("organization_id"), kind: try row.string("kind"),
            title: try row.string("title"), body: try row.string("body"), link: try row.optionalString("link"),
            ruleRef: try row.optionalString("rule_ref"), noticeKey: try row.string("notice_key"),
            rowKey: try row.string("idempotency_key"))
    }

    /// Releases the rows leased by processes of this machine that no longer run (a sender
    /// killed with kill -9), so a restarted host sends them again at once, under the same batch
    /// keys, instead of waiting the lease out. Returns how many rows it released.
    @discardableResult
    public func reclaimLeasesOfDeadProcesses() async throws -> Int {
        let owners = try await store.read { s in
            try s.query(
                "SELECT DISTINCT lease_owner FROM outbox WHERE lease_owner IS NOT NULL AND status = 'pending'", []
            )
            .map { try $0.string("lease_owner") }
        }
        let dead = owners.filter(LeaseOwner.isDeadProcess)
        guard !dead.isEmpty else { return 0 }
        return try await store.write(.system) { tx in
            try dead.reduce(0) { released, owner in
                released
                    + (try tx.session.execute(
                        "UPDATE outbox SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = ? AND status = 'pending'",
                        [.text(owner)]))
            }
        }
    }

    /// Fixes the batch a set of claimed rows goes out in, before the send: after a crash they
    /// are sent again together, under the same key.
    public func assignBatch(_ ids: [Int64], key: String, owner: String) async throws {
        try await store.write(.system) { tx in
            _ = try tx.session.query(ids: ids, before: [.text(key), .text(owner)]) {
                "UPDATE outbox SET batch_key = ? WHERE lease_owner = ? AND id IN (\($0)) RETURNING id"
            }
        }
    }

    /// Gives rows back unsent, due again at `due` (a robot's rate limit is reached); their
    /// batch key stays.
    public func release(_ ids: [Int64], due: Date, owner: String) async throws {
        try await store.write(.system) { tx in
            _ = try tx.session.query(ids: ids, before: [SQLValue(due), .text(owner)]) {
                """
                UPDATE outbox SET lease_owner = NULL, lease_until = NULL, next_attempt_at = ?
                WHERE lease_owner = ? AND id IN (\($0)) RETURNING id
                """
            }
        }
    }

    /// What one attempt came to, as the sender decided.
    public enum Result: String, Sendable {
        /// The channel took it.
        case delivered
        /// Try again at the given time.
        case retry
        /// No more tries: a dead letter, with an alert to the district admins above.
        case dead
    }

    /// Records one attempt on each row that `owner` still holds, in one transaction with the
    /// alert a dead letter raises. Returns the rows recorded.
    @discardableResult
    public func record(
        _ ids: [Int64], result: Result, answer: String, next: Date? = nil, owner: String
    ) async throws -> Int {
        let answer = String(answer.prefix(1000))
        return try await store.write(.system) { tx in
            let s = tx.session
            let held = try s.query(ids: ids, before: [.text(owner)]) {
                "SELECT o.id, o.attempts, o.attempt_log, o.channel, o.endpoint_id, o.organization_id FROM outbox o WHERE o.lease_owner = ? AND o.id IN (\($0))"
            }
            for row in held {
                var log = try Attempt.log(of: row)
                log.append(Attempt(at: Timestamp.format(tx.now), result: result.rawValue, answer: answer))
                let status = result == .delivered ? "delivered" : result == .retry ? "pending" : "dead"
                try s.execute(
                    """
                    UPDATE outbox SET status = ?, attempts = attempts + 1, last_answer = ?, attempt_log = ?,
                        next_attempt_at = COALESCE(?, next_attempt_at), lease_owner = NULL, lease_until = NULL,
                        delivered_at = CASE WHEN ? = 'delivered' THEN ? ELSE delivered_at END,
                        dead_at = CASE WHEN ? = 'dead' THEN ? ELSE dead_at END
                    WHERE id = ?
                    """,
                    [
                        .text(status), .text(answer), .text(try JSONText.encode(Array(log.suffix(20)))), SQLValue(next),
                        .text(status), tx.timestamp, .text(status), tx.timestamp, .integer(try row.int64("id")),
                    ])
                if result == .dead { try alert(row, answer: answer, in: tx) }
            }
            return held.count
        }
    }

    /// One attempt as the row's log keeps it.
    public struct Attempt: Sendable, Codable, Equatable {
        /// When it was recorded.
        public let at: String
        /// `delivered`, `retry` or `dead`.
        public let result: String
        /// The channel's answer, cut to 1,000 characters.
        public let answer: String

        /// A row's `attempt_log`, oldest first; a log that cannot be read counts as none.
        static func log(of row: SQLRow) throws -> [Attempt] {
            (try? JSONDecoder().decode([Attempt].self, from: Data(try row.string("attempt_log").utf8))) ?? []
        }
    }

    /// The district admins above the row's organisation (or all, for a row without one) hear
    /// of a dead letter once a day per channel target, naming the channel and the error.
    private func alert(_ row: SQLRow, answer: String, in tx: Transaction) throws {
        let s = tx.session
        let organization = try row.optionalInt64("organization_id")
        let ancestors = try organization.map { id -> [Int64] in
            let path = try OrganizationRegistry.paths(of: [id], in: s)[id] ?? ""
            return path.split(separator: "/").compactMap { Int64($0) }
        }
        let admins = Set(
            try UserRegistry.holders(of: .districtAdmin, organizationIDs: ancestors, in: s).values.joined())
        let channel = try row.string("channel")
        let target = try row.optionalInt64("endpoint_id").map { "\(channel):\($0)" } ?? channel
        for admin in admins.sorted() {
            try notifications.send(
                NotificationDraft(
                    userID: admin, kind: Self.deadLetterKind, title: "消息投递失败：\(channel)",
                    body: "投递记录 \(try row.int64("id")) 已放弃重试。渠道答复：\(answer.prefix(300))",
                    organizationID: organization, link: "/admin/deliveries?status=dead",
                    idempotencyKey: "delivery-dead:\(target):\(tx.today):\(admin)"), in: tx)
        }
    }

    /// The kind of the alert a dead letter raises (投递失败告警).
    public static let deadLetterKind = "delivery.dead"
}
