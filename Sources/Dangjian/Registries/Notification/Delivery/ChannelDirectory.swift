import Foundation

/// The organisations' group robots (write-only URLs and secrets, sealed at rest), the users'
/// own channels and mutes, and the routes set for a subtree: the only way to change them.
/// Every call is scoped to the caller's subtree; an organisation or robot outside it is a 404.
public struct ChannelDirectory: Sendable {
    let store: Store
    let box: SecretBox
    let kinds: KindCatalog

    /// The directory over `store`, sealing with `box`; mutes name kinds `kinds` has registered.
    public init(store: Store, box: SecretBox, kinds: KindCatalog) {
        self.store = store
        self.box = box
        self.kinds = kinds
    }

    /// Adds a robot to an organisation the caller manages channels for.
    public func add(_ draft: EndpointDraft, by actor: Principal) async throws -> ChannelEndpoint {
        guard let organizationID = draft.organizationID else { throw DangjianError.required("organizationID") }
        let kind = try Self.kind(draft.kind)
        let name = try Validate.text(draft.name, field: "name", max: 100)
        let url = try Self.url(draft.url, kind: kind)
        let secret = try Self.secret(draft.secret)
        return try await store.write(actor) { tx in
            let s = tx.session
            let path = try OrganizationRegistry.path(
                of: organizationID, in: s, scope: actor.scope(for: .readOrganizations))
            try actor.requireOnVisible(.manageChannels, over: path)
            let id = try s.insert(
                """
                INSERT INTO channel_endpoints (organization_id, kind, name, address_sealed, address_hint, secret_sealed,
                    created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .integer(organizationID), .text(kind), .text(name), .text(try box.seal(url)), .text(Self.hint(url)),
                    SQLValue(try secret.map(box.seal)), tx.timestamp, tx.timestamp,
                ])
            let endpoint = try Self.load(id, in: s)
            try tx.audit(.channel, id: id, action: "create", path: path, before: ChannelEndpoint?.none, after: endpoint)
            return endpoint
        }
    }

    /// Changes a robot's name, URL or secret (only what the draft sets); `secret: ""` removes it.
    public func update(_ id: Int64, _ draft: EndpointDraft, by actor: Principal) async throws -> ChannelEndpoint {
        let name = try draft.name.map { try Validate.text($0, field: "name", max: 100) }
        let secret = try draft.secret.map { $0.isEmpty ? nil : try Self.secret($0) }
        return try await store.write(actor) { tx in
            let (before, path) = try Self.visible(id, in: tx.session, by: actor)
            let url = try draft.url.map { try Self.url($0, kind: before.kind) }
            var sets: [String] = ["updated_at = ?"]
            var arguments: [SQLValue] = [tx.timestamp]
            if let name { sets.append("name = ?"); arguments.append(.text(name)) }
            if let url {
                sets += ["address_sealed = ?", "address_hint = ?"]
                arguments += [.text(try box.seal(url)), .text(Self.hint(url))]
            }
            if let secret { sets.append("secret_sealed = ?"); arguments.append(SQLValue(try secret.map(box.seal))) }
            try tx.session.execute(
                "UPDATE channel_endpoints SET \(sets.joined(separator: ", ")) WHERE id = ?", arguments + [.integer(id)])
            let after = try Self.load(id, in: tx.session)
            try tx.audit(.channel, id: id, action: "update", path: path, before: before, after: after)
            return after
        }
    }

    /// Pauses a robot (its rows stay pending) or resumes it.
    public func setPaused(_ id: Int64, _ paused: Bool, by actor: Principal) async throws -> ChannelEndpoint {
        try await store.write(actor) { tx in
            let (before, path) = try Self.visible(id, in: tx.session, by: actor)
            try tx.session.execute(
                "UPDATE channel_endpoints SET paused = ?, updated_at = ? WHERE id = ?",
                [.integer(paused ? 1 : 0), tx.timestamp, .integer(id)])
            let after = try Self.load(id, in: tx.session)
            try tx.audit(
                .channel, id: id, action: paused ? "pause" : "resume", path: path, before: before, after: after)
            return after
        }
    }

    /// One robot the caller manages channels for; another's is a 404.
    public func endpoint(_ id: Int64, by actor: Principal) async throws -> ChannelEndpoint {
        try await store.read { s in try Self.visible(id, in: s, by: actor).0 }
    }

    /// The robots of the caller's subtree (or of one organisation in it), by organisation then id.
    public func endpoints(of organizationID: Int64? = nil, by actor: Principal) async throws -> [ChannelEndpoint] {
        try await store.read { s in
            let scope = actor.scope(for: .manageChannels).condition("o.path")
            var sql = """
                SELECT e.* FROM channel_endpoints e JOIN organizations o ON o.id = e.organization_id WHERE \(scope.sql)
                """
            var arguments = scope.arguments
            if let organizationID { sql += " AND e.organization_id = ?"; arguments.append(.integer(organizationID)) }
            return try s.query(sql + " ORDER BY e.organization_id, e.id", arguments).map(Self.endpoint(from:))
        }
    }

    /// The decrypted address and secret of a robot, for the sender only: never answered by the API.
    public func opened(_ id: Int64) async throws -> (kind: String, url: String, secret: String?, paused: Bool) {
        try await store.read { s in
            guard let row = try s.queryOne("SELECT * FROM channel_endpoints WHERE id = ?", [.integer(id)]) else {
                throw DangjianError.notFound(.channel)
            }
            return (
                try row.string("kind"), try box.open(try row.string("address_sealed")),
                try row.optionalString("secret_sealed").map(box.open), try row.int("paused") != 0
            )
        }
    }

    static func visible(_ id: Int64, in s: any SQLSession, by actor: Principal) throws -> (ChannelEndpoint, String) {
        let scope = actor.scope(for: .manageChannels).condition("o.path")
        guard
            let row = try s.queryOne(
                """
                SELECT e.*, o.path FROM channel_endpoints e JOIN organizations o ON o.id = e.organization_id
                WHERE e.id = ? AND \(scope.sql)
                """, [.integer(id)] + scope.arguments)
        else { throw DangjianError.notFound(.channel) }
        return (try endpoint(from: row), try row.string("path"))
    }

    static func load(_ id: Int64, in s: any SQLSession) throws -> ChannelEndpoint {
        guard let row = try s.queryOne("SELECT * FROM channel_endpoints WHERE id = ?", [.integer(id)]) else {
            throw DangjianError.notFound(.channel)
        }
        return try endpoint(from: row)
    }

    static func endpoint(from row: SQLRow) throws -> ChannelEndpoint {
        ChannelEndpoint(
            id: try row.int64("id"), organizationID: try row.int64("organization_id"), kind: try row.string("kind"),
            name: try row.string("name"), addressHint: try row.string("address_hint"),
            hasSecret: try row.optionalString("secret_sealed") != nil, paused: try row.int("paused") != 0,
            createdAt: try row.string("created_at"), updatedAt: try row.string("updated_at"))
    }
}
