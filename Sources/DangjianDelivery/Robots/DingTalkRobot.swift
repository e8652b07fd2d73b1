import Dangjian
import Foundation

/// 钉钉自定义机器人, as DingTalk documents it in "自定义机器人安全设置"
/// (https://open.dingtalk.com/document/robots/customize-robot-security-settings) and
/// "自定义机器人发送群消息" (https://open.dingtalk.com/document/orgapp/custom-robots-send-group-messages).
/// Signed (加签): the string `timestamp + "\n" + secret`, the timestamp in milliseconds and within
/// an hour of DingTalk's clock, is signed with HMAC-SHA256 keyed with the secret, then
/// Base64-encoded, then URL-encoded, and sent as `&timestamp=…&sign=…` after the webhook URL.
/// A text message @-mentions by `at.atMobiles`, and the text names each mobile after an `@` so
/// the mention shows. At most 20 messages a minute per robot; past that DingTalk throttles it for
/// ten minutes and answers `errcode` 410100 (older answers: 130101, "send too fast"). 310000 (a
/// signature, keyword, IP or timestamp refusal), 400101 (no such access_token), 400102 (robot
/// stopped) and every other code are permanent; -1 (busy) is temporary. A body over 20,000 bytes
/// is refused (460101, "message too long, exceed 20000 bytes").
public struct DingTalkRobot: RobotFormat {
    /// The largest body DingTalk takes, in bytes.
    public static let bodyLimit = 20_000
    /// How long DingTalk throttles a robot that went past its rate limit.
    public static let throttle: Duration = .seconds(600)

    /// The signature of `timestampMilliseconds` with `secret`, Base64 as DingTalk computes it
    /// (before the URL-encoding the query adds).
    public static func signature(timestampMilliseconds: Int64, secret: String) -> String {
        RobotSigning.hmacSHA256(key: secret, message: "\(timestampMilliseconds)\n\(secret)").base64EncodedString()
    }

    /// The query items a signed request adds: `timestamp=…&sign=…`, the signature URL-encoded.
    public static func signedQuery(timestampMilliseconds: Int64, secret: String) -> String {
        let sign = signature(timestampMilliseconds: timestampMilliseconds, secret: secret)
        return "timestamp=\(timestampMilliseconds)&sign=\(RobotSigning.queryEncoded(sign))"
    }

    func size(of message: OutboundMessage) -> (bytes: Int, limit: Int) {
        (body(message).utf8.count, Self.bodyLimit)
    }

    func post(_ message: OutboundMessage, to target: ChannelTarget, at now: Date) -> HTTPPost {
        var url = target.address
        if let secret = target.secret {
            let milliseconds = Int64((now.timeIntervalSince1970 * 1000).rounded(.down))
            url +=
                (url.contains("?") ? "&" : "?") + Self.signedQuery(timestampMilliseconds: milliseconds, secret: secret)
        }
        return HTTPPost(url: url, headers: [], body: body(message))
    }

    private func body(_ message: OutboundMessage) -> String {
        let mentionLine = message.mentions.isEmpty ? nil : message.mentions.map { "@\($0)" }.joined(separator: " ")
        return RobotAnswer.json([
            "msgtype": .string("text"),
            "text": .object(["content": .string(NoticeText.plain(message, mentionLine: mentionLine))]),
            "at": .object(["atMobiles": RobotAnswer.array(message.mentions), "isAtAll": .bool(false)]),
        ])
    }

    func verdict(status: Int, answer: String) -> RobotVerdict? {
        RobotAnswer.code(answer, keys: ["errcode"]).map {
            RobotAnswer.verdict($0.code, limited: [410100, 130101], penalty: Self.throttle)
        }
    }
}
