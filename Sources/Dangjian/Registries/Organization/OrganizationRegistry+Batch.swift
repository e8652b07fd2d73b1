/// Many organisations at once (a bulk load such as the synthetic district): one transaction per
/// call, each row through the same checks, audit entry and event as `create` and `update`.
/// One refusal writes nothing of the batch.
extension OrganizationRegistry {
    /// Creates the drafts in order. A parent must exist before the batch starts, so a tree is
    /// created one level per batch.
    public func createBatch(_ drafts: [OrganizationDraft], by actor: Principal) async throws -> [Organization] {
        let valid = try drafts.map(Self.validate)
        return try await store.write(actor) { tx in
            var parents: [Int64: Organization] = [:]
            return try valid.map { try Self.insert($0, in: tx, parents: &parents) }
        }
    }

    /// Applies each patch to its organisation, in order.
    public func updateBatch(_ patches: [(id: Int64, patch: OrganizationPatch)], by actor: Principal) async throws
        -> [Organization]
    {
        let valid = try patches.map { (id: $0.id, patch: try Self.validate($0.patch)) }
        return try await store.write(actor) { tx in
            try valid.map { try Self.apply($0.patch, to: $0.id, in: tx) }
        }
    }
}
