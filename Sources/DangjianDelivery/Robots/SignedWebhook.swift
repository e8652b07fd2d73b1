import Dangjian
import Foundation

/// Dangjian's own generic webhook, for receivers of the operator's choosing (issue 15, point 3).
/// The body is JSON: the message's `idempotencyKey`, its `notices` (each `title`, `body`,
/// `link`, `ruleRef`, `idempotencyKey`), the `mentions` and `sentAt` (ISO 8601). When the
/// endpoint has a secret, `X-Dangjian-Timestamp` carries the time in seconds and
/// `X-Dangjian-Signature` `sha256=` and the hex HMAC-SHA256 of `"<timestamp>.<body>"` keyed
/// with the secret, so a receiver can check the sender and refuse an old or replayed request;
/// a copy sent again after a crash has a new timestamp but the same `X-Dangjian-Idempotency-Key`.
/// Any 2xx is delivered, 429 and 5xx are temporary (with `Retry-After`), any other answer permanent.
public struct SignedWebhook: RobotFormat {
    /// The largest body sent, in bytes: no standard says, so a size every web server's default takes.
    public static let bodyLimit = 65_536

    /// The `X-Dangjian-Signature` value of `body` sent at `timestamp` (seconds) with `secret`.
    public static func signature(timestamp: Int64, body: String, secret: String) -> String {
        "sha256=" + RobotSigning.hex(RobotSigning.hmacSHA256(key: secret, message: "\(timestamp).\(body)"))
    }

    func size(of message: OutboundMessage) -> (bytes: Int, limit: Int) {
        (body(message, at: Date(timeIntervalSince1970: 0)).utf8.count, Self.bodyLimit)
    }

    func post(_ message: OutboundMessage, to target: ChannelTarget, at now: Date) -> HTTPPost {
        let text = body(message, at: now)
        let seconds = Int64(now.timeIntervalSince1970.rounded(.down))
        var headers = [(name: "X-Dangjian-Timestamp", value: String(seconds))]
        if let secret = target.secret {
            headers.append(
                (name: "X-Dangjian-Signature", value: Self.signature(timestamp: seconds, body: text, secret: secret)))
        }
        return HTTPPost(url: target.address, headers: headers, body: text)
    }

    private func body(_ message: OutboundMessage, at now: Date) -> String {
        let notices = message.notices.map { notice -> JSONValue in
            .object([
                "title": .string(notice.title), "body": .string(notice.body),
                "link": notice.link.map(JSONValue.string) ?? .null,
                "ruleRef": notice.ruleRef.map(JSONValue.string) ?? .null,
                "idempotencyKey": .string(notice.idempotencyKey),
            ])
        }
        return RobotAnswer.json([
            "idempotencyKey": .string(message.idempotencyKey), "notices": .array(notices),
            "mentions": RobotAnswer.array(message.mentions),
            "sentAt": .string(ISO8601DateFormatter().string(from: now)),
        ])
    }

    func verdict(status: Int, answer: String) -> RobotVerdict? {
        (200..<300).contains(status) ? .delivered : .permanent
    }
}
