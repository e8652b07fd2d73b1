import Foundation
import HummingbirdBcrypt

/// Accounts, their role grants over organisation subtrees, and bearer tokens. Only token
/// hashes are stored; passwords are bcrypt hashes.
public struct UserRegistry: Sendable {
    let store: Store
    let hasher: PasswordHasher
    let sessionLifetime: TimeInterval
    /// Checked when a username is unknown, so a wrong username costs as much time as a wrong
    /// password and does not reveal which accounts exist.
    let decoyHash: String

    /// A registry over `store`; `sessionLifetime` (seconds) is how long a login's token lasts.
    public init(store: Store, hasher: PasswordHasher, sessionLifetime: TimeInterval = 12 * 3600) {
        self.store = store
        self.hasher = hasher
        self.sessionLifetime = sessionLifetime
        self.decoyHash = Bcrypt.hash("dangjian-decoy-password", cost: hasher.cost)
    }

    /// Creates an account with its grants and audits it. Every grant's organisation must be in the caller's
    /// subtree (404 otherwise) with `manageUsers` over it; a taken username is a conflict. `demo` marks accounts
    /// made by `dangjian demo`, which `serve` warns about.
    public func create(_ draft: UserDraft, demo: Bool = false, by actor: Principal) async throws -> User {
        let username = try Validate.text(draft.username, field: "username", max: 50)
        guard username.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) else {
            throw DangjianError.invalid(
                KernelErrorCode.userBadUsername, field: "username",
                zh: "用户名只能包含字母、数字和 . _ -", en: "Username may contain letters, digits and . _ - only")
        }
        let displayName = try Validate.text(draft.displayName, field: "displayName", max: 50)
        let password = try PasswordHasher.checkStrength(draft.password)
        let grants = try (draft.grants ?? []).map { grant -> (Role, Int64) in
            guard let organizationID = grant.organizationID else {
                throw DangjianError.required("grants.organizationID")
            }
            return (try Validate.enumValue(grant.role, field: "grants.role"), organizationID)
        }
        guard !grants.isEmpty else { throw DangjianError.required("grants") }
        let hash = await hasher.hash(password)

        return try await store.write(actor) { tx in
            let s = tx.session
            var auditPath = "/"
            for (_, organizationID) in grants {
                let path = try OrganizationRegistry.path(
                    of: organizationID, in: s, scope: actor.scope(for: .readOrganizations))
                try actor.require(.manageUsers, over: path)
                auditPath = path
            }
            if let memberID = draft.memberID {
                guard try MemberRegistry.visible(memberID, in: s, actor: actor) != nil else {
                    throw DangjianError.notFound(.member)
                }
            }
            if try s.queryOne("SELECT id FROM users WHERE username = ?", [.text(username)]) != nil {
                throw DangjianError.conflict(
                    KernelErrorCode.userDuplicateUsername, field: "username",
                    zh: "用户名已被占用", en: "The username is taken")
            }
            let id = try s.insert(
                """
                INSERT INTO users (username, display_name, password_hash, member_id, demo, created_at) VALUES (?, ?, ?, ?, ?, ?)
                """,
                [
                    .text(username), .text(displayName), .text(hash), SQLValue(draft.memberID), SQLValue(demo),
                    tx.timestamp,
                ])
            var unique: [(Role, Int64)] = []
            for grant in grants where !unique.contains(where: { $0 == grant }) { unique.append(grant) }
            for (role, organizationID) in unique {
                try s.execute(
                    "INSERT INTO role_grants (user_id, role, organization_id, created_at) VALUES (?, ?, ?, ?)",
                    [.integer(id), SQLValue(role), .integer(organizationID), tx.timestamp])
            }
            let user = try Self.load(id, in: s)!
            try tx.audit(.user, id: id, action: "create", path: auditPath, before: User?.none, after: user)
            tx.emit(UserCreated(userID: id, organizationID: grants.first?.1))
            return user
        }
    }

    /// Users with at least one grant inside the caller's `manageUsers` subtrees.
    public func list(page: PageRequest, by actor: Principal) async throws -> Page<User> {
        let scope = actor.scope(for: .manageUsers)
        let condition = scope.condition("o.path")
        let after = try page.cursorID()
        return try await store.read { s in
            var sql = """
                SELECT DISTINCT u.id FROM users u JOIN role_grants g ON g.user_id = u.id
                JOIN organizations o ON o.id = g.organization_id WHERE \(condition.sql)
                """
            var arguments = condition.arguments
            if let after { sql += " AND u.id > ?"; arguments.append(.integer(after)) }
            sql += " ORDER BY u.id LIMIT ?"
            arguments.append(.integer(Int64(page.limit + 1)))
            let ids = try s.query(sql, arguments).map { try $0.int64("id") }
            let users = try ids.prefix(page.limit).compactMap { try Self.load($0, in: s, grantsWithin: scope) }
            return Page(
                items: users, nextCursor: ids.count > page.limit ? users.last.map { Cursor.id($0.id).encoded } : nil)
        }
    }

    /// The caller's own account with all its grants.
    public func me(_ actor: Principal) async throws -> User {
        try await store.read { s in
            guard let user = try Self.load(actor.userID, in: s) else { throw DangjianError.notFound(.user) }
            return user
        }
    }

    /// Whether any account created by `dangjian demo` exists; `serve` warns about them.
    public func demoAccountsExist() async throws -> Bool {
        try await demoAccounts().isEmpty == false
    }

    /// The active demo accounts (username, display name) in the order they were made, for the
    /// banner of `make run`: the kernel's and every plugin's demo logins alike.
    public func demoAccounts() async throws -> [(username: String, displayName: String)] {
        try await store.read { s in
            try s.query("SELECT username, display_name FROM users WHERE demo = 1 AND disabled = 0 ORDER BY id", []).map
            {
                (try $0.string("username"), try $0.string("display_name"))
            }
        }
    }

    /// How many accounts exist, disabled and demo ones included.
    public func userCount() async throws -> Int {
        try await store.read { s in Int(try s.scalarInt("SELECT COUNT(*) FROM users")) }
    }

    /// A user with their grants; with `grantsWithin`, only the grants inside that scope, so a
    /// list does not reveal a user's roles in other districts.
    static func load(_ id: Int64, in s: any SQLSession, grantsWithin scope: Scope? = nil) throws -> User? {
        guard let row = try s.queryOne("SELECT * FROM users WHERE id = ?", [.integer(id)]) else { return nil }
        let grants = try s.query(
            """
            SELECT g.role, g.organization_id, o.path FROM role_grants g JOIN organizations o ON o.id = g.organization_id
            WHERE g.user_id = ? ORDER BY g.organization_id, g.role
            """, [.integer(id)]
        ).filter { scope?.contains(path: try $0.string("path")) ?? true }.map {
            User.GrantView(role: try $0.enumValue("role"), organizationID: try $0.int64("organization_id"))
        }
        return User(
            id: id, username: try row.string("username"), displayName: try row.string("display_name"),
            memberID: try row.optionalInt64("member_id"), disabled: try row.bool("disabled"),
            createdAt: try row.date("created_at"), grants: grants)
    }
}
