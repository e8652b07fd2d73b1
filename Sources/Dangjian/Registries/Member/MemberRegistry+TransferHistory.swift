extension MemberRegistry {
    /// Every relation transfer of a member the caller can see, oldest first (the member page's
    /// 组织关系转接 tab). A member the caller cannot see answers 404.
    public func transfers(of memberID: Int64, by actor: Principal) async throws -> [RelationTransfer] {
        try await store.read { s in
            guard try Self.visible(memberID, in: s, actor: actor) != nil else { throw DangjianError.notFound(.member) }
            return try s.query("SELECT * FROM member_transfers WHERE member_id = ? ORDER BY id", [.integer(memberID)])
                .map(Self.decodeTransfer)
        }
    }
}
