import Foundation

/// A password change: the caller's own, checked against the current one.
public struct PasswordChange: Sendable, Codable {
    /// The password now in use.
    public var currentPassword: String?
    /// The new one; the same strength rules as a new account's.
    public var newPassword: String?

    /// A change from `currentPassword` to `newPassword`.
    public init(currentPassword: String?, newPassword: String?) {
        self.currentPassword = currentPassword
        self.newPassword = newPassword
    }
}

extension UserRegistry {
    /// Changes the caller's own password, and ends every other login session of the account at
    /// once, on every host: their tokens are revoked in the same transaction. The session the
    /// change was made from (`keeping`) stays; API tokens for integrations stay too, since they are
    /// revoked one by one. A wrong current password is a 400 `auth.wrongPassword`; nothing changes.
    /// Returns how many other sessions were ended.
    @discardableResult
    public func changePassword(_ change: PasswordChange, keeping token: String?, by actor: Principal) async throws
        -> Int
    {
        guard let current = change.currentPassword, !current.isEmpty else {
            throw DangjianError.required("currentPassword")
        }
        let password = try PasswordHasher.checkStrength(change.newPassword)
        let stored = try await store.read { s in
            try s.queryOne("SELECT password_hash FROM users WHERE id = ?", [.integer(actor.userID)])?.string(
                "password_hash")
        }
        guard let stored, await hasher.verify(current, hash: stored) else {
            throw DangjianError.invalid(
                KernelErrorCode.authWrongPassword, field: "currentPassword", zh: "当前密码不正确",
                en: "The current password is wrong")
        }
        let hash = await hasher.hash(password)
        let kept = token.map(Self.hash) ?? ""
        return try await store.write(actor) { tx in
            try tx.session.execute(
                "UPDATE users SET password_hash = ? WHERE id = ?", [.text(hash), .integer(actor.userID)])
            let ended = try tx.session.execute(
                """
                UPDATE api_tokens SET revoked_at = ?
                WHERE user_id = ? AND kind = 'session' AND revoked_at IS NULL AND token_hash <> ?
                """, [tx.timestamp, .integer(actor.userID), .text(kept)])
            try tx.audit(
                entity: "user", id: actor.userID, action: "changePassword", path: "/", before: nil,
                after: "{\"endedSessions\":\(ended)}")
            return ended
        }
    }
}
