import Foundation

/// One versioned schema step of one module. Versions count up per module; a migration that
/// has shipped is never edited, a change is a new version.
public struct Migration: Sendable {
    /// "kernel.organizations", a plugin id, …: versions count per module.
    public let module: String
    /// The step's number within its module, from 1.
    public let version: Int
    /// What the step does, for the log and the `schema_migrations` table.
    public let name: String
    /// The SQL statements of the step for a dialect, run in one transaction.
    public let statements: @Sendable (SQLDialect) -> [String]

    /// A migration of `module` (the kernel or a plugin id); versions count from 1 and are never edited once shipped.
    public init(module: String, version: Int, name: String, statements: @escaping @Sendable (SQLDialect) -> [String]) {
        self.module = module
        self.version = version
        self.name = name
        self.statements = statements
    }

    /// The common case: plain SQL with `{id}` and `{path}` markers rendered per dialect.
    public init(module: String, version: Int, name: String, sql: [String]) {
        self.init(module: module, version: version, name: name) { dialect in sql.map(dialect.render) }
    }
}

/// Applies the migrations each module has not applied yet, in order, each in its own
/// transaction together with its bookkeeping row.
public struct Migrator: Sendable {
    /// The database it upgrades.
    public let database: any DatabaseDriver

    /// A migrator over the database it upgrades.
    public init(database: any DatabaseDriver) { self.database = database }

    /// Applies the migrations not yet applied, each in its own transaction, in module and version order; returns their names.
    @discardableResult
    public func migrate(_ migrations: [Migration]) async throws -> [String] {
        _ = try await database.write { session in
            try session.execute(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    module TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    applied_at TEXT NOT NULL,
                    PRIMARY KEY (module, version)
                )
                """)
        }
        let applied = try await appliedVersions()
        var done: [String] = []
        // Modules run in the order they are given (kernel tables first, then plugins in
        // dependency order), so a table is created after the tables it references.
        let byModule = Dictionary(grouping: migrations, by: \.module)
        var moduleOrder: [String] = []
        for migration in migrations where !moduleOrder.contains(migration.module) {
            moduleOrder.append(migration.module)
        }
        for module in moduleOrder {
            let steps = byModule[module]!.sorted { $0.version < $1.version }
            for (expected, step) in zip(1..., steps) where step.version != expected {
                throw StorageError.migration(module, step.version, "versions must count up from 1 without gaps")
            }
            for step in steps where step.version > (applied[module] ?? 0) {
                let now = Timestamp.format(Date())
                try await database.write { session in
                    for statement in step.statements(session.dialect) {
                        try session.execute(statement)
                    }
                    try session.execute(
                        "INSERT INTO schema_migrations (module, version, name, applied_at) VALUES (?, ?, ?, ?)",
                        [.text(step.module), .integer(Int64(step.version)), .text(step.name), .text(now)]
                    )
                }
                done.append("\(module)#\(step.version) \(step.name)")
            }
        }
        return done
    }

    /// The steps `migrate` would apply, as "module#version", applying none: a host opened
    /// read-only refuses a database that lacks any.
    public func pending(_ migrations: [Migration]) async throws -> [String] {
        let bookkept = try await database.read { session in
            try session.scalarInt(session.dialect.tableCount, [.text("schema_migrations")]) > 0
        }
        let applied = bookkept ? try await appliedVersions() : [:]
        return migrations.filter { $0.version > (applied[$0.module] ?? 0) }.map { "\($0.module)#\($0.version)" }
    }

    /// The last version applied of each module.
    public func appliedVersions() async throws -> [String: Int] {
        try await database.read { session in
            var versions: [String: Int] = [:]
            for row in try session.query("SELECT module, MAX(version) AS v FROM schema_migrations GROUP BY module", [])
            {
                versions[try row.string("module")] = try row.int("v")
            }
            return versions
        }
    }
}
