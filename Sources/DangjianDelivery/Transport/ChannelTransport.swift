import Dangjian

/// The channels a notice can leave the host by besides the in-app inbox (issue 15): the group
/// robots an organisation owns, and a user's own mailbox.
public enum ChannelKind: String, Sendable, Codable, CaseIterable {
    /// 企业微信群机器人: text or markdown, @-mentions by mobile number.
    case wecom
    /// 钉钉自定义机器人: signed, @-mentions by mobile number.
    case dingtalk
    /// 飞书自定义机器人: signed, @-mentions by user id.
    case feishu
    /// A generic webhook: a JSON body with an HMAC-SHA256 signature and a timestamp.
    case webhook
    /// Email through SMTP, to a user's own address.
    case email

    /// Whether an organisation owns endpoints of this kind (every kind but email, which is a user's).
    public var isGroupRobot: Bool { self != .email }

    /// The channel's documented rate limits, each as at most `count` messages in `period`; the
    /// sender paces every endpoint to all of them. WeCom and DingTalk allow 20 a minute, Feishu
    /// 100 a minute and 5 a second. Webhooks and email are paced by the sender's own settings.
    public var rateLimits: [(count: Int, period: Duration)] {
        switch self {
        case .wecom, .dingtalk: [(20, .seconds(60))]
        case .feishu: [(100, .seconds(60)), (5, .seconds(1))]
        case .webhook, .email: []
        }
    }
}

/// One message to one endpoint. A group robot's message may carry several notices due for the
/// same group at once (a batch), each keeping its own key; an email carries one notice.
public struct OutboundMessage: Sendable, Equatable {
    /// One notification as the message tells it.
    public struct Notice: Sendable, Equatable {
        /// The notice's title, at most 200 characters.
        public var title: String
        /// The notice's body, possibly several lines; may be empty.
        public var body: String
        /// The item in the console, as an absolute URL (the configured base URL and the notice's link), if any.
        public var link: String?
        /// The rule and version (`id@version`) that produced it, when a rule did; every channel shows it.
        public var ruleRef: String?
        /// The notification's own idempotency key.
        public var idempotencyKey: String

        /// A notice as the sender read it from the outbox.
        public init(title: String, body: String, link: String? = nil, ruleRef: String? = nil, idempotencyKey: String) {
            self.title = title
            self.body = body
            self.link = link
            self.ruleRef = ruleRef
            self.idempotencyKey = idempotencyKey
        }
    }

    /// The notices, in the order they were stored; never empty.
    public var notices: [Notice]
    /// Whom a group robot @-mentions: mobile numbers for WeCom and DingTalk, user ids for Feishu.
    public var mentions: [String]
    /// The key of this message: the notice's key for one notice, the batch's for several. The
    /// same rows always make the same message under the same key, so a repeat after a crash can
    /// be dropped by the receiver. Webhooks carry it as the `X-Dangjian-Idempotency-Key`
    /// header, email as a `Message-ID` derived from it.
    public var idempotencyKey: String

    /// A message of `notices` under `idempotencyKey`.
    public init(notices: [Notice], mentions: [String] = [], idempotencyKey: String) {
        self.notices = notices
        self.mentions = mentions
        self.idempotencyKey = idempotencyKey
    }
}

/// Where one message goes: an endpoint's decrypted address and secret, held only for the send.
public struct ChannelTarget: Sendable {
    /// The channel kind, which decides the format and the signing.
    public var kind: ChannelKind
    /// A robot's or webhook's URL (https, or loopback http in tests), or the recipient's email address.
    public var address: String
    /// The signing secret (DingTalk, Feishu, webhook), if the endpoint has one. Never logged.
    public var secret: String?

    /// A target of `kind` at `address`, signed with `secret` when there is one.
    public init(kind: ChannelKind, address: String, secret: String? = nil) {
        self.kind = kind
        self.address = address
        self.secret = secret
    }
}

/// What came of one attempt, with the channel's answer kept (cut to `DeliveryOutcome.answerLimit`).
public enum DeliveryOutcome: Sendable, Equatable {
    /// The channel took the message.
    case delivered(answer: String)
    /// Worth another try later: a timeout, a refused connection, a 5xx, a rate limit, an SMTP 4xx.
    /// `retryAfter` is the channel's own hint, when it gave one.
    case temporary(answer: String, retryAfter: Duration?)
    /// Never worth another try: a 4xx, a signature or keyword error, an SMTP 5xx, an answer
    /// that makes no sense.
    case permanent(answer: String)

    /// How much of a channel's answer is kept in the outbox, in characters.
    public static let answerLimit = 1000

    /// The channel's answer, as kept.
    public var answer: String {
        switch self {
        case .delivered(let answer), .temporary(let answer, _), .permanent(let answer): answer
        }
    }
}

/// Sends one message to one target. Every channel implements it; the outbox sender calls it.
public protocol ChannelTransport: Sendable {
    /// Sends and classifies the answer. It never throws: a network error is a temporary
    /// outcome, an answer that is garbage a permanent one with the answer kept, cut to
    /// `DeliveryOutcome.answerLimit`.
    func send(_ message: OutboundMessage, to target: ChannelTarget) async -> DeliveryOutcome
}
