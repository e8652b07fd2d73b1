/// The storage kernel protocol. Registries talk SQL in the subset SQLite and PostgreSQL
/// share, with `?` placeholders; a driver rewrites what its dialect needs. No registry
/// imports a driver.
public protocol DatabaseDriver: Sendable {
    /// Which SQL the driver speaks, so the few statements that differ (ids, upserts) are written
    /// once per dialect in `SQLDialect`.
    var dialect: SQLDialect { get }

    /// Runs `body` in one read transaction (a consistent snapshot).
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T

    /// `read` for callers on a thread of their own (a Lua VM's serial queue), which may block:
    /// a rule function asking for a batch of rows waits for it. Never call this from the
    /// cooperative pool.
    func readBlocking<T>(_ body: (any SQLSession) throws -> T) throws -> T

    /// Runs `body` in one write transaction: everything it did commits together, or, when it
    /// throws, nothing does.
    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T

    /// Runs `body` outside a transaction, for work like `VACUUM INTO` that refuses one.
    func writeWithoutTransaction<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws
        -> T

    /// Closes the database once the host stops; no call may follow. The host calls it last, after
    /// the queued events are delivered and the plugins have stopped.
    func close() async throws
}

/// A connection inside a transaction. It is only valid during the closure that received it.
public protocol SQLSession {
    /// The dialect of the connection, as its driver's `dialect`.
    var dialect: SQLDialect { get }

    /// Executes a statement and returns how many rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int

    /// Runs a query and returns all its rows.
    func query(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow]

    /// Runs a query and hands each row to `body` without collecting them, for large reads.
    func forEach(_ sql: String, _ arguments: [SQLValue], _ body: (SQLRow) throws -> Void) throws
}

extension SQLSession {
    /// Runs a statement without arguments; returns the rows changed.
    @discardableResult
    public func execute(_ sql: String) throws -> Int { try execute(sql, []) }

    /// The first row, or nil when there is none.
    public func queryOne(_ sql: String, _ arguments: [SQLValue] = []) throws -> SQLRow? {
        var found: SQLRow?
        try forEach(sql, arguments) { row in if found == nil { found = row } }
        return found
    }

    /// Inserts and returns the generated `id`. `RETURNING` works in SQLite 3.35+ and PostgreSQL.
    public func insert(_ sql: String, _ arguments: [SQLValue]) throws -> Int64 {
        guard let row = try queryOne(sql + " RETURNING id", arguments) else {
            throw StorageError.noRowReturned(sql)
        }
        return try row.int64("id")
    }

    /// The first column of the first row as an integer, 0 when there is no row (counts, sums).
    public func scalarInt(_ sql: String, _ arguments: [SQLValue] = []) throws -> Int64 {
        guard let row = try queryOne(sql, arguments), let first = row.values.first else { return 0 }
        switch first {
        case .integer(let v): return v
        case .real(let v): return Int64(v)
        case .text(let s): return Int64(s) ?? 0
        case .null: return 0
        }
    }
}
