import Foundation

/// The append-only trace (痕迹) of every change: who, when, what, before and after. Inspections
/// read it instead of asking the secretary to write the facts again. Nothing updates or
/// deletes its rows.
/// `before` and `after` hold the JSON text as stored; in an answer they cross as JSON objects
/// (`AuditEntry+JSON.swift`), so a client reads the record, not a string to parse again.
public struct AuditEntry: Sendable, Codable, Equatable {
    /// The entry's id; ids grow in the order changes committed.
    public let id: Int64
    /// The committing transaction's timestamp.
    public let at: Date
    /// The user who made the change; nil for a system principal.
    public let actorUserID: Int64?
    /// The actor's username at the time (a system principal's name for jobs and imports).
    public let actorName: String
    /// The entity's code name, e.g. "member" or "organization".
    public let entity: String
    /// The changed row's id.
    public let entityID: Int64
    /// What was done, e.g. "create", "update", "move", "archive", "changeStatus".
    public let action: String
    /// The entity as JSON before the change; nil for a creation.
    public let before: String?
    /// The entity as JSON after the change.
    public let after: String?
}

/// The audit log (痕迹): every change with who made it, when, and the entity before and after.
public enum AuditLog {
    static let migration = Migration(
        module: "kernel.audit", version: 1, name: "audit log",
        sql: [
            """
            CREATE TABLE audit_log (
                id {id},
                at TEXT NOT NULL,
                actor_user_id INTEGER,
                actor_name TEXT NOT NULL,
                entity TEXT NOT NULL,
                entity_id INTEGER NOT NULL,
                action TEXT NOT NULL,
                org_path {path} NOT NULL,
                before_json TEXT,
                after_json TEXT
            )
            """,
            "CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id)",
            "CREATE INDEX audit_log_path ON audit_log (org_path, id)",
        ])

    static func json<T: Encodable>(_ value: T) -> String {
        JSONText.encode(value)
    }

    /// - Parameter at: the transaction's timestamp, as stored.
    static func append(
        in session: any SQLSession, at: SQLValue, actor: Principal, entity: String, entityID: Int64,
        action: String, path: String, before: String?, after: String?
    ) throws {
        try session.execute(
            """
            INSERT INTO audit_log (at, actor_user_id, actor_name, entity, entity_id, action, org_path, before_json, after_json)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                at, actor.isSystem ? .null : .integer(actor.userID), .text(actor.username),
                .text(entity), .integer(entityID), .text(action), .text(path), SQLValue(before), SQLValue(after),
            ])
    }

    static func decode(_ row: SQLRow) throws -> AuditEntry {
        AuditEntry(
            id: try row.int64("id"), at: try row.date("at"), actorUserID: try row.optionalInt64("actor_user_id"),
            actorName: try row.string("actor_name"), entity: try row.string("entity"),
            entityID: try row.int64("entity_id"), action: try row.string("action"),
            before: try row.optionalString("before_json"), after: try row.optionalString("after_json"))
    }
}

/// Reads the audit log, limited to the subtrees where the caller holds `readAudit`.
public struct AuditReader: Sendable {
    let store: Store

    /// The log's reader over the host's store.
    public init(store: Store) { self.store = store }

    /// What to list: one entity, one id, a time range.
    public struct Filter: Sendable {
        /// Only entries about this entity (its code name, e.g. "member").
        public var entity: String?
        /// Only entries about this row id.
        public var entityID: Int64?
        /// Only entries at or after this instant.
        public var from: Date?
        /// Only entries before this instant (exclusive).
        public var to: Date?
        /// A filter; nil fields do not filter.
        public init(entity: String? = nil, entityID: Int64? = nil, from: Date? = nil, to: Date? = nil) {
            self.entity = entity
            self.entityID = entityID
            self.from = from
            self.to = to
        }
    }

    /// Newest first; the cursor is the last id seen.
    /// One page of the entries within the caller's `readAudit` subtrees that match `filter`, newest first.
    public func list(_ filter: Filter, page: PageRequest, by actor: Principal) async throws -> Page<AuditEntry> {
        let scope = actor.scope(for: .readAudit)
        guard !scope.isEmpty else { throw DangjianError.forbidden(.readAudit) }
        let condition = scope.condition("org_path")
        var sql = "SELECT * FROM audit_log WHERE \(condition.sql)"
        var arguments = condition.arguments
        if let entity = filter.entity { sql += " AND entity = ?"; arguments.append(.text(entity)) }
        if let id = filter.entityID { sql += " AND entity_id = ?"; arguments.append(.integer(id)) }
        if let from = filter.from { sql += " AND at >= ?"; arguments.append(SQLValue(from)) }
        if let to = filter.to { sql += " AND at < ?"; arguments.append(SQLValue(to)) }
        if let after = try page.cursorID() { sql += " AND id < ?"; arguments.append(.integer(after)) }
        sql += " ORDER BY id DESC LIMIT ?"
        arguments.append(.integer(Int64(page.limit + 1)))
        let rows = try await store.read { [sql, arguments] session in try session.query(sql, arguments) }
        return try Page(rows: rows, limit: page.limit, decode: AuditLog.decode) { .id($0.id) }
    }
}
