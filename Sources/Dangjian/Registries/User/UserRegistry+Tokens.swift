import Foundation

extension UserRegistry {
    /// Checks a username and password and issues a session token for `security.sessionHours`. An unknown,
    /// disabled or wrong account answers 401 `auth.badCredentials` after the same bcrypt work.
    public func login(_ credentials: Credentials) async throws -> IssuedToken {
        let username = try Validate.text(credentials.username, field: "username", max: 50)
        guard let password = credentials.password, !password.isEmpty else { throw DangjianError.required("password") }
        let account = try await store.read { s -> (Int64, String)? in
            guard
                let row = try s.queryOne(
                    "SELECT id, password_hash FROM users WHERE username = ? AND disabled = 0",
                    [.text(username)])
            else { return nil }
            return (try row.int64("id"), try row.string("password_hash"))
        }
        let verified = await hasher.verify(password, hash: account?.1 ?? decoyHash)
        guard let account, verified else { throw DangjianError.badCredentials }
        return try await issue(
            userID: account.0, kind: "session", name: "login",
            expiresAt: store.clock.now().addingTimeInterval(sessionLifetime))
    }

    /// An API token for integrations, owned by the caller and carrying the caller's grants.
    public func createAPIToken(_ draft: TokenDraft, by actor: Principal) async throws -> IssuedToken {
        let name = try Validate.text(draft.name, field: "name", max: 100)
        if let days = draft.expiresInDays, !(1...3650).contains(days) {
            throw DangjianError.badValue("expiresInDays", zh: "应在 1 到 3650 之间", en: "must be between 1 and 3650")
        }
        let expires = draft.expiresInDays.map { store.clock.now().addingTimeInterval(TimeInterval($0) * 86400) }
        return try await issue(userID: actor.userID, kind: "api", name: name, expiresAt: expires)
    }

    /// The caller's own tokens that are not revoked (expired ones included), oldest first; never the secrets.
    public func tokens(by actor: Principal) async throws -> [TokenInfo] {
        try await store.read { s in
            try s.query(
                "SELECT * FROM api_tokens WHERE user_id = ? AND revoked_at IS NULL ORDER BY id",
                [.integer(actor.userID)]
            ).map {
                TokenInfo(
                    id: try $0.int64("id"), kind: try $0.string("kind"), name: try $0.string("name"),
                    createdAt: try $0.date("created_at"), expiresAt: try $0.optionalDate("expires_at"),
                    lastUsedAt: try $0.optionalDate("last_used_at"))
            }
        }
    }

    /// Revokes one of the caller's own tokens (logging out revokes the session token).
    public func revokeToken(_ id: Int64, by actor: Principal) async throws {
        try await store.write(actor) { tx in
            let changed = try tx.session.execute(
                "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL",
                [tx.timestamp, .integer(id), .integer(actor.userID)])
            guard changed == 1 else { throw DangjianError.notFound(.token) }
        }
    }

    /// Revokes the token with this secret, whoever owns it (logout); an unknown or revoked one changes nothing.
    public func revoke(token: String) async throws {
        let hash = Self.hash(token)
        let now = store.clock.now()
        _ = try await store.database.write { s in
            try s.execute(
                "UPDATE api_tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL",
                [SQLValue(now), .text(hash)])
        }
    }

    /// Resolves a bearer token to the caller, or nil when it is unknown, expired, revoked or its
    /// user is disabled. Grants are read with their organisations' current paths, so a moved
    /// subtree takes effect on the next request.
    public func principal(forToken token: String) async throws -> Principal? {
        guard token.hasPrefix("dj_"), token.count < 100 else { return nil }
        let hash = Self.hash(token)
        let now = store.clock.now()
        let found = try await store.read { s -> (Principal, Int64, Date?)? in
            guard
                let row = try s.queryOne(
                    """
                    SELECT t.id AS token_id, t.expires_at, t.last_used_at, u.id, u.username, u.member_id
                    FROM api_tokens t JOIN users u ON u.id = t.user_id
                    WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.disabled = 0
                    """, [.text(hash)])
            else { return nil }
            if let expires = try row.optionalDate("expires_at"), expires <= now { return nil }
            let userID = try row.int64("id")
            let grants = try s.query(
                """
                SELECT g.role, g.organization_id, o.path FROM role_grants g JOIN organizations o ON o.id = g.organization_id
                WHERE g.user_id = ? AND o.archived_at IS NULL
                """, [.integer(userID)]
            ).map {
                Principal.Grant(
                    role: try $0.enumValue("role"), organizationID: try $0.int64("organization_id"),
                    path: try $0.string("path"))
            }
            let principal = Principal(
                userID: userID, username: try row.string("username"),
                memberID: try row.optionalInt64("member_id"), grants: grants)
            return (principal, try row.int64("token_id"), try row.optionalDate("last_used_at"))
        }
        guard let (principal, tokenID, lastUsed) = found else { return nil }
        // Record use at most every ten minutes, so reads do not each become a write.
        if lastUsed.map({ now.timeIntervalSince($0) > 600 }) ?? true {
            _ = try await store.database.write { s in
                try s.execute(
                    "UPDATE api_tokens SET last_used_at = ? WHERE id = ?", [SQLValue(now), .integer(tokenID)])
            }
        }
        return principal
    }

    private func issue(userID: Int64, kind: String, name: String, expiresAt: Date?) async throws -> IssuedToken {
        var bytes = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for i in bytes.indices { bytes[i] = generator.next() }
        let token =
            "dj_"
            + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        let hash = Self.hash(token)
        let now = store.clock.now()
        let id = try await store.database.write { s in
            try s.insert(
                """
                INSERT INTO api_tokens (user_id, kind, name, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)
                """, [.integer(userID), .text(kind), .text(name), .text(hash), SQLValue(now), SQLValue(expiresAt)])
        }
        return IssuedToken(id: id, token: token, kind: kind, name: name, expiresAt: expiresAt)
    }

    static func hash(_ token: String) -> String { ContentHash.sha256(token) }
}
