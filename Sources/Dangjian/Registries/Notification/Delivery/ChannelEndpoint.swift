import Foundation

/// A group robot or webhook an organisation owns (群机器人). Its URL and secret are
/// write-only: this view shows the URL masked and only whether a secret is set.
public struct ChannelEndpoint: Sendable, Codable, Equatable {
    /// The endpoint's id.
    public let id: Int64
    /// The organisation whose group it posts to.
    public let organizationID: Int64
    /// `wecom`, `dingtalk`, `feishu` or `webhook`.
    public let kind: String
    /// What the group is, e.g. 东城中学教学第1党支部群.
    public let name: String
    /// The URL with its key masked, e.g. `https://qyapi.weixin.qq.com/…?key=****9f3a`.
    public let addressHint: String
    /// Whether a signing secret is set.
    public let hasSecret: Bool
    /// A paused endpoint keeps its rows pending until it is resumed.
    public let paused: Bool
    /// When it was added.
    public let createdAt: String
    /// When it was last changed.
    public let updatedAt: String

    /// The kinds an organisation can own, in the spelling the outbox stores (`ChannelKind`'s).
    public static let kinds = ["wecom", "dingtalk", "feishu", "webhook"]
}

/// What an admin sends to add or change a robot. `url` and `secret` are never answered back.
public struct EndpointDraft: Sendable, Codable {
    /// The organisation (required when adding).
    public var organizationID: Int64?
    /// `wecom`, `dingtalk`, `feishu` or `webhook` (required when adding).
    public var kind: String?
    /// The group's name, at most 100 characters (required when adding).
    public var name: String?
    /// The robot's webhook URL: https, or http on loopback (required when adding).
    public var url: String?
    /// The signing secret (DingTalk, Feishu, webhook), at most 200 characters; "" removes it.
    public var secret: String?

    /// A draft; every field is checked by `ChannelDirectory`.
    public init(
        organizationID: Int64? = nil, kind: String? = nil, name: String? = nil, url: String? = nil,
        secret: String? = nil
    ) {
        self.organizationID = organizationID
        self.kind = kind
        self.name = name
        self.url = url
        self.secret = secret
    }
}

/// A user's own channel: an email address, or the id or mobile number a group robot
/// @-mentions them by (`wecom`, `dingtalk`: mobile; `feishu`: user id).
public struct UserChannel: Sendable, Codable, Equatable {
    /// `email`, `wecom`, `dingtalk` or `feishu`.
    public let kind: String
    /// The address, masked unless the caller may see it.
    public let address: String

    /// The kinds a user can set.
    public static let kinds = ["email", "wecom", "dingtalk", "feishu"]
}

/// Where one notification kind goes in a subtree, set on an organisation (推送规则).
public struct DeliveryRoute: Sendable, Codable, Equatable {
    /// The organisation the route is set on; it holds for its subtree unless one below sets its own.
    public let organizationID: Int64
    /// The notification kind.
    public let kind: String
    /// Besides the inbox; empty means the inbox only.
    public let targets: [DeliveryTarget]
}
