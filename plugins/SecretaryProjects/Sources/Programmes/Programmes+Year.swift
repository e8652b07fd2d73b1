import Dangjian

extension Programmes {
    /// The year's programmes the caller may read (its organisation's readers, and the
    /// secretaries of units with projects under it), oldest first: the console's start page.
    public func list(year: Int, by actor: Principal) async throws -> [Programme] {
        try await host.store.read { s in
            let ids = try s.query("SELECT id FROM secretary_programmes WHERE year = ? ORDER BY id", [SQLValue(year)])
                .map { try $0.int64("id") }
            return try ids.map { try Self.load($0, in: s) }.filter {
                (try? Self.readablePath($0, actor: actor, in: s)) != nil
            }
        }
    }
}
