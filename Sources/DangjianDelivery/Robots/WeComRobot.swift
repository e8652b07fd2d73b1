import Dangjian
import Foundation

/// 企业微信群机器人, as WeCom's "群机器人配置说明" documents it
/// (https://developer.work.weixin.qq.com/document/path/91770): JSON POSTed to the robot's
/// webhook URL, whose `key` query item is the robot's only credential. A `text` message (content
/// at most 2048 bytes of UTF-8) @-mentions by `mentioned_mobile_list`; a `markdown` message (at
/// most 4096 bytes) shows links but cannot @-mention by mobile. At most 20 messages a minute per
/// robot. The answer's `errcode` is 0 when sent, 45009 ("api freq out of limit") for the rate
/// limit, -1 when the system is busy; 93000 ("invalid webhook url") and every other code are permanent
/// (the codes: https://developer.work.weixin.qq.com/document/path/90313).
public struct WeComRobot: RobotFormat {
    /// The documented limit of a text message's content, in bytes of UTF-8.
    public static let textLimit = 2048
    /// The documented limit of a markdown message's content, in bytes of UTF-8.
    public static let markdownLimit = 4096

    /// Markdown shows a link as a link, but only text @-mentions by mobile: a message that
    /// mentions someone goes as text (WeCom still turns its URL into a link).
    static func usesMarkdown(_ message: OutboundMessage) -> Bool {
        message.mentions.isEmpty && message.notices.contains { $0.link != nil }
    }

    func size(of message: OutboundMessage) -> (bytes: Int, limit: Int) {
        Self.usesMarkdown(message)
            ? (NoticeText.markdown(message).utf8.count, Self.markdownLimit)
            : (NoticeText.plain(message).utf8.count, Self.textLimit)
    }

    func post(_ message: OutboundMessage, to target: ChannelTarget, at now: Date) -> HTTPPost {
        let body: [String: JSONValue] =
            Self.usesMarkdown(message)
            ? ["msgtype": .string("markdown"), "markdown": .object(["content": .string(NoticeText.markdown(message))])]
            : [
                "msgtype": .string("text"),
                "text": .object([
                    "content": .string(NoticeText.plain(message)),
                    "mentioned_mobile_list": RobotAnswer.array(message.mentions),
                ]),
            ]
        return HTTPPost(url: target.address, headers: [], body: RobotAnswer.json(body))
    }

    func verdict(status: Int, answer: String) -> RobotVerdict? {
        RobotAnswer.code(answer, keys: ["errcode"]).map { RobotAnswer.verdict($0.code, limited: [45009]) }
    }
}
