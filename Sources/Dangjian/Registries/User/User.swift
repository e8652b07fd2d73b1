import Foundation

public struct User: Sendable, Codable, Equatable {
    public let id: Int64
    public let username: String
    public var displayName: String
    public var memberID: Int64?
    public var disabled: Bool
    public let createdAt: Date
    public var grants: [GrantView]

    public struct GrantView: Sendable, Codable, Equatable {
        public let role: Role
        public let organizationID: Int64
    }
}

public struct UserDraft: Sendable, Codable {
    public var username: String?
    public var displayName: String?
    public var password: String?
    public var memberID: Int64?
    public var grants: [GrantDraft]?

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

public struct GrantDraft: Sendable, Codable {
    public var role: String?
    public var organizationID: Int64?

    public init(role: String?, organizationID: Int64?) {
        self.role = role
        self.organizationID = organizationID
    }
}

public struct Credentials: Sendable, Codable {
    public var username: String?
    public var password: String?

    public init(username: String?, password: String?) {
        self.username = username
        self.password = password
    }
}

/// A bearer token as handed out: the secret is shown once and only its hash is stored.
public struct IssuedToken: Sendable, Codable {
    public let id: Int64
    public let token: String
    public let kind: String
    public let name: String
    public let expiresAt: Date?
}

public struct TokenInfo: Sendable, Codable, Equatable {
    public let id: Int64
    public let kind: String
    public let name: String
    public let createdAt: Date
    public let expiresAt: Date?
    public let lastUsedAt: Date?
}

public struct TokenDraft: Sendable, Codable {
    public var name: String?
    public var expiresInDays: Int?

    public init(name: String?, expiresInDays: Int? = nil) {
        self.name = name
        self.expiresInDays = expiresInDays
    }
}
