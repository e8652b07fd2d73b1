import Dangjian
import Foundation

/// 飞书自定义机器人, as Feishu's "自定义机器人使用指南" documents it
/// (https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot). Signed (签名校验): the
/// string `timestamp + "\n" + secret`, the timestamp in seconds and within an hour of Feishu's
/// clock, is the HMAC-SHA256 KEY, and the message signed is EMPTY ("使用 HmacSHA256 算法计算空字符串的
/// 签名结果", and every sample keys the HMAC with that string over no bytes); the result is
/// Base64, and `timestamp` and `sign` go in the JSON body. Signing the string with the secret
/// as key, as DingTalk does, is refused with `code` 19021. A text message @-mentions with
/// `<at user_id="…"></at>` in the text. At most 100 messages a minute and 5 a second per robot,
/// past which `code` 11232 answers (9499 "too many request" in older answers); the body must stay
/// within 20 KB. `code` 0 is sent; 19021 (signature or timestamp), 19022 (IP), 19024 (keyword),
/// 9499 "Bad Request" and every other code are permanent.
public struct FeishuRobot: RobotFormat {
    /// The largest body Feishu takes, in bytes: its "20 KB", read the strict way.
    public static let bodyLimit = 20_000
    /// Room the limit keeps for the `timestamp` and `sign` a signed body adds.
    static let signingRoom = 96

    /// The signature of `timestampSeconds` with `secret`: HMAC-SHA256 keyed with
    /// `"\(timestampSeconds)\n\(secret)"` over an empty message, Base64.
    public static func signature(timestampSeconds: Int64, secret: String) -> String {
        RobotSigning.hmacSHA256(key: "\(timestampSeconds)\n\(secret)", message: "").base64EncodedString()
    }

    func size(of message: OutboundMessage) -> (bytes: Int, limit: Int) {
        (RobotAnswer.json(body(message)).utf8.count, Self.bodyLimit - Self.signingRoom)
    }

    func post(_ message: OutboundMessage, to target: ChannelTarget, at now: Date) -> HTTPPost {
        var fields = body(message)
        if let secret = target.secret {
            let seconds = Int64(now.timeIntervalSince1970.rounded(.down))
            fields["timestamp"] = .string(String(seconds))
            fields["sign"] = .string(Self.signature(timestampSeconds: seconds, secret: secret))
        }
        return HTTPPost(url: target.address, headers: [], body: RobotAnswer.json(fields))
    }

    private func body(_ message: OutboundMessage) -> [String: JSONValue] {
        // An id that could close the tag is dropped rather than sent broken.
        let tags = message.mentions.map { id in
            "<at user_id=\"\(id.filter { !"\"<>".contains($0) })\"></at>"
        }
        let text = NoticeText.plain(message, mentionLine: tags.isEmpty ? nil : tags.joined(separator: " "))
        return ["msg_type": .string("text"), "content": .object(["text": .string(text)])]
    }

    func verdict(status: Int, answer: String) -> RobotVerdict? {
        RobotAnswer.code(answer, keys: ["code", "StatusCode"]).map { answer in
            if answer.code == 9499 && answer.message.lowercased().contains("too many") {
                return .temporary(retryAfter: nil)
            }
            return RobotAnswer.verdict(answer.code, limited: [11232])
        }
    }
}
