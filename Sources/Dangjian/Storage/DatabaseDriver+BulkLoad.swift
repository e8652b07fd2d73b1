extension DatabaseDriver {
    /// Runs `body` with a 256 MB page cache for the writer instead of SQLite's 2 MB, for a bulk
    /// load (the synthetic district): the attendance and audit indexes outgrow the default many
    /// times over, and each miss is a read from disk. The cache is set back afterwards.
    public func withBulkCache<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        guard dialect == .sqlite else { return try await body() }
        func cache(kibibytes: Int) async throws {
            try await writeWithoutTransaction { s in _ = try s.execute("PRAGMA cache_size = -\(kibibytes)", []) }
        }
        try await cache(kibibytes: 262_144)
        let result: Result<T, any Error>
        do { result = .success(try await body()) } catch { result = .failure(error) }
        try await cache(kibibytes: 2000)
        return try result.get()
    }
}
