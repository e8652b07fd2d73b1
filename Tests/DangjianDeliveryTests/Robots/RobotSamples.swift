import DangjianDelivery

/// Messages and endpoints the robot tests send, each endpoint on its own peer path.
enum RobotSamples {
    /// The robot kinds, each tested the same way.
    static let kinds: [ChannelKind] = [.wecom, .dingtalk, .feishu, .webhook]

    /// A reminder as a rule sweep makes it: a title, a two-line body, the rule and the link.
    static func notice(_ number: Int = 1, body: String = "请于本月25日前完成。\n地点：党员活动室") -> OutboundMessage.Notice {
        OutboundMessage.Notice(
            title: "三会一课提醒 \(number)", body: body, link: "https://console.example.cn/tasks/\(number)",
            ruleRef: "orglife.meetings@3", idempotencyKey: "notice-\(number)")
    }

    /// A message of `notices` mentioning `mentions`, under key "message-key".
    static func message(_ notices: [OutboundMessage.Notice] = [notice()], mentions: [String] = []) -> OutboundMessage {
        OutboundMessage(notices: notices, mentions: mentions, idempotencyKey: "message-key")
    }

    /// The peer path of a `kind` endpoint named `name`; DingTalk's keeps its token in the query
    /// as the real URL does, so the tests see it masked there too.
    static func path(_ kind: ChannelKind, _ name: String) -> (path: String, query: String) {
        kind == .dingtalk ? ("/dingtalk/robot/send", "?access_token=\(name)") : ("/\(kind.rawValue)/\(name)", "")
    }

    /// The target of a `kind` endpoint named `name` on `peer`.
    static func target(_ kind: ChannelKind, _ name: String, on peer: RobotPeer, secret: String? = nil) -> ChannelTarget
    {
        let (path, query) = path(kind, name)
        return ChannelTarget(kind: kind, address: peer.url(path + query), secret: secret)
    }
}
