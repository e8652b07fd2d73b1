extension TaskRegistry {
    /// Opens many tasks in one transaction (a bulk load such as the synthetic district), each
    /// through the same checks, audit entry and event as `create`; one refusal writes none.
    public func createBatch(_ drafts: [TaskDraft], by actor: Principal) async throws -> [TaskItem] {
        let valid = try drafts.map(validate)
        return try await store.write(actor) { tx in
            try valid.map { try self.open($0, in: tx, idempotencyKey: nil, ruleRef: nil, findingID: nil)! }
        }
    }
}
