import Foundation

/// A user's own channels and mutes, and the routes an admin sets on a subtree.
extension ChannelDirectory {
    /// The notification kind no one can mute: an escalation is what reaches someone when the
    /// reminders did not.
    public static let unmutable: Set<String> = ["escalation"]

    /// Sets the caller's own address for one kind (email, or the id a group @-mentions).
    public func setOwn(_ kind: String, address: String?, by actor: Principal) async throws -> UserChannel {
        let address = try Self.userAddress(address, kind: kind)
        return try await store.write(actor) { tx in
            try tx.session.execute(
                """
                INSERT INTO user_channels (user_id, kind, address, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (user_id, kind) DO UPDATE SET address = excluded.address, updated_at = excluded.updated_at
                """, [.integer(actor.userID), .text(kind), .text(address), tx.timestamp])
            return UserChannel(kind: kind, address: address)
        }
    }

    /// Removes the caller's own address for one kind; true when there was one.
    public func removeOwn(_ kind: String, by actor: Principal) async throws -> Bool {
        try await store.write(actor) { tx in
            try tx.session.execute(
                "DELETE FROM user_channels WHERE user_id = ? AND kind = ?", [.integer(actor.userID), .text(kind)]) > 0
        }
    }

    /// The caller's own channels, in full: they are the caller's own data.
    public func own(by actor: Principal) async throws -> [UserChannel] {
        try await store.read { s in
            try s.query(
                "SELECT kind, address FROM user_channels WHERE user_id = ? ORDER BY kind", [.integer(actor.userID)]
            )
            .map { UserChannel(kind: try $0.string("kind"), address: try $0.string("address")) }
        }
    }

    /// Mutes a kind on the caller's own channels (email, @-mentions); the inbox still gets it.
    public func mute(_ kind: String, by actor: Principal) async throws {
        try kinds.requireNotificationKind(kind)
        guard !Self.unmutable.contains(kind) else {
            throw DangjianError.invalid(
                KernelErrorCode.channelNotMutable, field: "kind", zh: "升级提醒不能屏蔽", en: "escalations cannot be muted")
        }
        try await store.write(actor) { tx in
            try tx.session.execute(
                "INSERT INTO notification_mutes (user_id, kind, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                [.integer(actor.userID), .text(kind), tx.timestamp])
        }
    }

    /// Unmutes a kind for the caller.
    public func unmute(_ kind: String, by actor: Principal) async throws {
        try await store.write(actor) { tx in
            try tx.session.execute(
                "DELETE FROM notification_mutes WHERE user_id = ? AND kind = ?", [.integer(actor.userID), .text(kind)])
        }
    }

    /// The kinds the caller has muted, sorted.
    public func mutes(by actor: Principal) async throws -> [String] {
        try await store.read { s in
            try s.query("SELECT kind FROM notification_mutes WHERE user_id = ? ORDER BY kind", [.integer(actor.userID)])
                .map { try $0.string("kind") }
        }
    }

    /// Sets where `kind` goes in the organisation's subtree (unless one below sets its own);
    /// `targets: []` means the inbox only there.
    public func setRoute(
        _ kind: String, targets: [String]?, on organizationID: Int64, by actor: Principal
    ) async throws -> DeliveryRoute {
        try kinds.requireNotificationKind(kind)
        let targets = try Self.targets(targets)
        return try await store.write(actor) { tx in
            let path = try OrganizationRegistry.path(
                of: organizationID, in: tx.session, scope: actor.scope(for: .readOrganizations))
            try actor.requireOnVisible(.manageChannels, over: path)
            let route = DeliveryRoute(organizationID: organizationID, kind: kind, targets: targets)
            try tx.session.execute(
                """
                INSERT INTO delivery_routes (organization_id, kind, targets, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (organization_id, kind) DO UPDATE SET targets = excluded.targets, updated_at = excluded.updated_at
                """,
                [
                    .integer(organizationID), .text(kind), .text(targets.map(\.rawValue).joined(separator: "+")),
                    tx.timestamp,
                ])
            try tx.audit(
                .channel, id: organizationID, action: "route", path: path, before: DeliveryRoute?.none, after: route)
            return route
        }
    }

    /// The routes set on the organisation and above it, nearest first: what holds there.
    public func routes(of organizationID: Int64, by actor: Principal) async throws -> [DeliveryRoute] {
        try await store.read { s in
            let path = try OrganizationRegistry.path(
                of: organizationID, in: s, scope: actor.scope(for: .readOrganizations))
            try actor.requireOnVisible(.manageChannels, over: path)
            return try DeliveryPlanner.routes(above: [path], in: s)[path] ?? []
        }
    }
}
