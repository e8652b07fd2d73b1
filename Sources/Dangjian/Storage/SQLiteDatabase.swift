import Foundation
import GRDB

/// The embedded default: one SQLite file in WAL mode through GRDB's `DatabasePool`, which
/// lets readers run beside the single writer.
public final class SQLiteDatabase: DatabaseDriver {
    /// Always `.sqlite`.
    public let dialect: SQLDialect = .sqlite
    /// The database file as opened.
    public let path: String
    private let pool: DatabasePool

    /// Set to a file path, every statement is appended there with its arguments in place.
    /// For diagnosis and for the benchmarks' SQL baselines; it slows every statement down.
    public static let traceVariable = "DANGJIAN_SQL_TRACE"

    private static let pinyinLocale = Locale(identifier: "zh@collation=pinyin")

    /// Chinese names in pinyin order (ICU's collation, through Foundation), as people look a name
    /// up: `SortOrder` sorts `name` with it. Names ICU holds equal fall back to code points, so the
    /// order is total and a keyset cursor never skips or repeats a row.
    static let pinyin = DatabaseCollation(SortOrder.pinyinCollation) { lhs, rhs in
        let order = lhs.compare(rhs, locale: pinyinLocale)
        if order != .orderedSame || lhs == rhs { return order }
        return lhs.unicodeScalars.lexicographicallyPrecedes(rhs.unicodeScalars) ? .orderedAscending : .orderedDescending
    }

    /// Opens the SQLite file at `path` as a WAL-mode pool with foreign keys on and the pinyin
    /// collation, creating its directory (and the file) unless `readOnly`.
    /// - Throws: `DatabaseUnavailable` when `readOnly` and the file does not exist; GRDB's error
    ///   when the file cannot be opened.
    /// - Parameter readOnly: for the commands that promise to write nothing: the file must
    ///   exist already, and no connection may change it (SQLite refuses every write).
    public init(path: String, readOnly: Bool = false) throws {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.readonly = readOnly
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            db.add(collation: Self.pinyin)
        }
        if let trace = ProcessInfo.processInfo.environment[Self.traceVariable], !trace.isEmpty {
            let log = StatementLog(path: trace)
            configuration.prepareDatabase { db in db.trace(options: .statement) { log.append($0.expandedDescription) } }
        }
        let directory = (path as NSString).deletingLastPathComponent
        if readOnly {
            guard FileManager.default.fileExists(atPath: path) else { throw DatabaseUnavailable.missing(path: path) }
        } else if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        pool = try DatabasePool(path: path, configuration: configuration)
    }

    /// Runs `body` on a reader connection, concurrently with other reads and with the writer (WAL).
    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T {
        try await translate { try await pool.read { db in try body(GRDBSession(db: db)) } }
    }

    /// A read on the calling thread, for the Lua bridge, which cannot await; storage errors stay storage errors.
    public func readBlocking<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        do {
            return try pool.read { db in try body(GRDBSession(db: db)) }
        } catch let error as DatabaseError {
            // A busy or broken database reaches the rule as a storage error, not a GRDB one.
            throw StorageError.readFailed(error.message ?? "\(error.resultCode)")
        }
    }

    /// Runs `body` in one transaction on the single writer: all of it commits, or none.
    public func write<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T {
        try await translate { try await pool.write { db in try body(GRDBSession(db: db)) } }
    }

    /// The writer without a transaction around `body`, for migrations and pragmas that manage their own.
    public func writeWithoutTransaction<T: Sendable>(
        _ body: @escaping @Sendable (any SQLSession) throws -> T
    ) async throws -> T {
        try await translate {
            try await pool.writeWithoutTransaction { db in try body(GRDBSession(db: db)) }
        }
    }

    /// Closes every connection; the database file stays consistent.
    public func close() async throws { try pool.close() }

    private func translate<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as DatabaseError
            where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE
            || error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY
        {
            throw UniqueViolation(message: error.message ?? "unique constraint failed")
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY {
            throw ReferenceViolation(message: error.message ?? "foreign key constraint failed")
        }
    }
}

/// A database a read-only command cannot use: missing, or not migrated to this version.
/// Told to the operator in both languages, naming where the host looked.
public struct DatabaseUnavailable: Error, CustomStringConvertible, Sendable {
    /// What is wrong and what to run, in Chinese, naming the path.
    public let zh: String
    /// What is wrong and what to run, in English, naming the path.
    public let en: String

    /// The Chinese line, then the English one.
    public var description: String { "\(zh)\n\(en)" }

    static func missing(path: String) -> DatabaseUnavailable {
        let file = (path as NSString).lastPathComponent
        let directory = URL(fileURLWithPath: (path as NSString).deletingLastPathComponent).standardizedFileURL.path
        return DatabaseUnavailable(
            zh: "在目录 \(directory) 中没有数据库 \(file)：请先运行 dangjian init，或用 --data-dir 指定数据目录。此命令不会创建数据库。",
            en:
                "no database \(file) in \(directory): run `dangjian init` first, or give the data directory with --data-dir. This command never creates one."
        )
    }

    /// A read-only command met a database this version has not migrated, and it never migrates one.
    /// - Parameter pending: the migrations this version has and the database lacks, as "module#version".
    public static func notMigrated(path: String, pending: [String]) -> DatabaseUnavailable {
        let steps = pending.prefix(5).joined(separator: ", ") + (pending.count > 5 ? ", …" : "")
        return DatabaseUnavailable(
            zh: "数据库 \(path) 尚未升级到此版本（缺少 \(steps)）：请先用 dangjian serve 启动一次以完成升级。此命令不会升级数据库。",
            en:
                "the database \(path) is not migrated to this version (missing \(steps)): start `dangjian serve` once to migrate it. This command never migrates."
        )
    }
}

/// Wraps a GRDB `Database` for the length of one closure.
struct GRDBSession: SQLSession {
    let db: Database
    var dialect: SQLDialect { .sqlite }

    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        if arguments.isEmpty {
            // Schema steps and pragmas: run once, and a migration step may hold several statements.
            try db.execute(sql: sql)
        } else {
            // A write repeated for every row (an attendance line, an audit entry) is prepared
            // once per connection, as queries are, instead of parsed and authorised each time.
            try db.cachedStatement(sql: sql).execute(arguments: Self.arguments(arguments))
        }
        return db.changesCount
    }

    func query(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        var rows: [SQLRow] = []
        try forEach(sql, arguments) { rows.append($0) }
        return rows
    }

    func forEach(_ sql: String, _ arguments: [SQLValue], _ body: (SQLRow) throws -> Void) throws {
        let statement = try db.cachedStatement(sql: sql)
        let columns = SQLColumns(statement.columnNames)
        let count = columns.names.count
        let cursor = try Row.fetchCursor(statement, arguments: Self.arguments(arguments))
        while let row = try cursor.next() {
            var values: [SQLValue] = []
            values.reserveCapacity(count)
            for i in 0..<count {
                let value: DatabaseValue = row[i]
                switch value.storage {
                case .null: values.append(.null)
                case .int64(let v): values.append(.integer(v))
                case .double(let v): values.append(.real(v))
                case .string(let v): values.append(.text(v))
                case .blob(let v): values.append(.text(String(decoding: v, as: UTF8.self)))
                }
            }
            try body(SQLRow(columns: columns, values: values))
        }
    }

    static func arguments(_ values: [SQLValue]) -> StatementArguments {
        StatementArguments(
            values.map { value -> (any DatabaseValueConvertible)? in
                switch value {
                case .null: nil
                case .integer(let v): v
                case .real(let v): v
                case .text(let v): v
                }
            })
    }
}

/// The statement log behind `DANGJIAN_SQL_TRACE`: one statement per entry, ended by ";".
final class StatementLog: @unchecked Sendable {
    private let lock = NSLock()
    private let handle: FileHandle?

    init(path: String) {
        if !FileManager.default.fileExists(atPath: path) { FileManager.default.createFile(atPath: path, contents: nil) }
        handle = FileHandle(forWritingAtPath: path)
        _ = try? handle?.seekToEnd()
    }

    func append(_ statement: String) {
        lock.withLock { handle?.write(Data((statement + ";\n").utf8)) }
    }
}
