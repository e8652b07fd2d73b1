import AsyncHTTPClient
import Dangjian
import Foundation

/// Sends to the group robots (WeCom, DingTalk, Feishu) and to signed webhooks, each in its
/// documented format, over one shared `HTTPClient` that the caller makes (with
/// `HTTPTimeouts.clientConfiguration`), owns and shuts down. Every request carries
/// `X-Dangjian-Idempotency-Key` and has its deadline. A timeout, a refused connection, a 429 or a
/// 5xx is temporary; another 4xx, a channel's refusal or an answer that is not the channel's
/// JSON is permanent, the answer kept with every secret of the target masked.
public struct RobotTransport: ChannelTransport {
    private let client: HTTPClient
    private let timeouts: HTTPTimeouts
    private let clock: any HostClock

    /// A transport over `client`, each request within `timeouts.deadline`, signing with `clock`'s time.
    public init(client: HTTPClient, timeouts: HTTPTimeouts = HTTPTimeouts(), clock: any HostClock = SystemClock()) {
        self.client = client
        self.timeouts = timeouts
        self.clock = clock
    }

    /// Whether `message` goes to a `kind` endpoint as it is, within the channel's documented
    /// size; the sender batches notices only while this holds. A message that does not fit is
    /// still sent, its longest texts cut. An email carries one notice.
    public static func fits(_ message: OutboundMessage, kind: ChannelKind) -> Bool {
        guard let format = format(for: kind) else { return message.notices.count == 1 }
        let (bytes, limit) = format.size(of: message)
        return bytes <= limit
    }

    static func format(for kind: ChannelKind) -> (any RobotFormat)? {
        switch kind {
        case .wecom: WeComRobot()
        case .dingtalk: DingTalkRobot()
        case .feishu: FeishuRobot()
        case .webhook: SignedWebhook()
        case .email: nil
        }
    }

    /// Sends `message` to `target` and classifies the answer; never throws.
    public func send(_ message: OutboundMessage, to target: ChannelTarget) async -> DeliveryOutcome {
        let secrets = Self.secrets(of: target)
        guard let format = Self.format(for: target.kind) else {
            return .permanent(answer: "\(target.kind.rawValue) is not a robot channel")
        }
        let now = clock.now()
        var post = format.post(NoticeCut.fitted(message, size: format.size(of:)), to: target, at: now)
        post.headers += [
            (name: "Content-Type", value: "application/json; charset=utf-8"), (name: "User-Agent", value: "Dangjian"),
            (name: "X-Dangjian-Idempotency-Key", value: message.idempotencyKey),
        ]
        switch await client.exchange(post, timeouts: timeouts) {
        case .failed(let reason, let permanent):
            let kept = Self.kept(reason, hiding: secrets)
            return permanent ? .permanent(answer: kept) : .temporary(answer: kept, retryAfter: nil)
        case .answered(let status, let headers, let body):
            let kept = Self.kept("\(status) \(body)", hiding: secrets)
            let hint = RetryAfter.delay(in: headers, now: now)
            if status == 429 || status >= 500 { return .temporary(answer: kept, retryAfter: hint) }
            switch format.verdict(status: status, answer: body) {
            case .delivered where (200..<300).contains(status): return .delivered(answer: kept)
            case .temporary(let penalty): return .temporary(answer: kept, retryAfter: hint ?? penalty)
            case .delivered, .permanent, nil: return .permanent(answer: kept)
            }
        }
    }

    /// What of `target` must never be kept: its secret, and the parts of its URL that act as
    /// one (every query value, such as WeCom's `key` and DingTalk's `access_token`, and a last
    /// path segment long enough to be a token, such as Feishu's hook id).
    static func secrets(of target: ChannelTarget) -> [String] {
        var secrets = [target.secret, target.address].compactMap { $0 }
        if let url = URLComponents(string: target.address) {
            secrets += (url.queryItems ?? []).compactMap(\.value).filter { $0.count >= 8 }
            if let last = url.path.split(separator: "/").last, last.count >= 8 { secrets.append(String(last)) }
        }
        // The longest first, so a secret that contains another is masked whole.
        return secrets.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
    }

    /// `answer` with every secret masked, cut to `DeliveryOutcome.answerLimit` characters.
    static func kept(_ answer: String, hiding secrets: [String]) -> String {
        let masked = secrets.reduce(answer) { text, secret in text.replacingOccurrences(of: secret, with: "***") }
        return String(masked.prefix(DeliveryOutcome.answerLimit))
    }
}
