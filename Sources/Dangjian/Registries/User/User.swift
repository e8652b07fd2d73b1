import Foundation

/// A login account. What it may do comes from its grants: a role over an organisation's subtree.
public struct User: Sendable, Codable, Equatable {
    /// The account's id.
    public let id: Int64
    /// The login name: ASCII letters, digits and . _ -, at most 50 characters, unique.
    public let username: String
    /// The name shown in the console and on notices, at most 50 characters.
    public var displayName: String
    /// The member (党员) this account belongs to, if the user is one.
    public var memberID: Int64?
    /// A disabled account cannot log in.
    public var disabled: Bool
    /// When the account was created.
    public let createdAt: Date
    /// Every role the account holds, each over one organisation and its subtree.
    public var grants: [GrantView]

    /// One grant as read back: a role over an organisation and everything under it.
    public struct GrantView: Sendable, Codable, Equatable {
        /// The role granted.
        public let role: Role
        /// The organisation at the top of the subtree the role covers.
        public let organizationID: Int64
    }
}

/// What a caller sends to create an account.
public struct UserDraft: Sendable, Codable {
    /// Required: ASCII letters, digits and . _ -, at most 50 characters; a taken name is a conflict.
    public var username: String?
    /// Required, at most 50 characters.
    public var displayName: String?
    /// Required, and must pass `PasswordHasher.checkStrength`; only its bcrypt hash is stored.
    public var password: String?
    /// The member the account belongs to, if any; a member the caller cannot see answers 404.
    public var memberID: Int64?
    /// At least one grant is required.
    public var grants: [GrantDraft]?

    /// A draft with every field optional; `UserRegistry.create` says what is missing.
    public init(
        username: String?, displayName: String?, password: String?, memberID: Int64? = nil, grants: [GrantDraft]?
    ) {
        self.username = username
        self.displayName = displayName
        self.password = password
        self.memberID = memberID
        self.grants = grants
    }
}

/// A role over an organisation, as a caller asks for it.
public struct GrantDraft: Sendable, Codable {
    /// A `Role` raw value; required.
    public var role: String?
    /// The organisation whose subtree the role covers; required. One outside the caller's subtree answers 404, and the caller needs `manageUsers` over it.
    public var organizationID: Int64?

    /// A grant of `role` over `organizationID`.
    public init(role: String?, organizationID: Int64?) {
        self.role = role
        self.organizationID = organizationID
    }
}

/// A login's username and password, as `UserRegistry.login` takes them.
public struct Credentials: Sendable, Codable {
    /// Required; an unknown or disabled account answers the same error as a wrong password.
    public var username: String?
    /// Required, not empty.
    public var password: String?

    /// A login attempt with `username` and `password`.
    public init(username: String?, password: String?) {
        self.username = username
        self.password = password
    }
}

/// A bearer token as handed out: the secret is shown once and only its hash is stored.
public struct IssuedToken: Sendable, Codable {
    /// The token's id, for listing and revoking.
    public let id: Int64
    /// The bearer secret, shown only in this reply.
    public let token: String
    /// "session" for a login, "api" for an integration token.
    public let kind: String
    /// "login" for a session; the name the caller gave an API token.
    public let name: String
    /// When the token stops working; nil for an API token without an expiry.
    public let expiresAt: Date?
}

/// A token as listed: everything but the secret.
public struct TokenInfo: Sendable, Codable, Equatable {
    /// The token's id, for revoking.
    public let id: Int64
    /// "session" or "api".
    public let kind: String
    /// "login" for a session; the name the caller gave an API token.
    public let name: String
    /// When the token was issued.
    public let createdAt: Date
    /// When the token stops working; nil for no expiry.
    public let expiresAt: Date?
    /// When the token was last used to authenticate; nil if never.
    public let lastUsedAt: Date?
}

/// What a caller sends to issue an API token for integrations.
public struct TokenDraft: Sendable, Codable {
    /// Required, at most 100 characters.
    public var name: String?
    /// Days until the token expires, 1 to 3650; nil for no expiry.
    public var expiresInDays: Int?

    /// A token named `name` that expires after `expiresInDays` days (nil: never).
    public init(name: String?, expiresInDays: Int? = nil) {
        self.name = name
        self.expiresInDays = expiresInDays
    }
}
