import Dangjian

extension Councils {
    /// The councils the caller may read, each as `council(_:by:)` answers it: a unit's secretary
    /// sees the councils whose committees hold her unit.
    public func list(by actor: Principal) async throws -> [Council] {
        let ids = try await host.store.read { s in
            try s.query("SELECT id FROM council_councils ORDER BY id", []).map { try $0.int64("id") }
        }
        var found: [Council] = []
        for id in ids {
            if let council = try? await council(id, by: actor) { found.append(council) }
        }
        return found
    }
}
