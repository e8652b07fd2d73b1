/// How a message reads in a group: each notice's title, its body, the rule that produced it
/// (`规则 <ruleRef>`) and the link to the item (`查看：<url>`), notices apart by a blank line.
/// Every channel's text is made here, so a reminder reads the same in WeCom, DingTalk and Feishu.
enum NoticeText {
    /// The plain text of `message`, after a first line of `mentionLine` when there is one.
    static func plain(_ message: OutboundMessage, mentionLine: String? = nil) -> String {
        let notices = message.notices.map { notice in
            var lines = [notice.title]
            if !notice.body.isEmpty { lines.append(notice.body) }
            if let rule = notice.ruleRef { lines.append("规则 \(rule)") }
            if let link = notice.link { lines.append("查看：\(link)") }
            return lines.joined(separator: "\n")
        }
        return ([mentionLine].compactMap { $0 } + notices).joined(separator: "\n\n")
    }

    /// The markdown text of `message` (WeCom's subset): the title in bold, the rule in grey, the link clickable.
    static func markdown(_ message: OutboundMessage) -> String {
        message.notices.map { notice in
            var lines = ["**\(notice.title)**"]
            if !notice.body.isEmpty { lines.append(notice.body) }
            if let rule = notice.ruleRef { lines.append("<font color=\"comment\">规则 \(rule)</font>") }
            if let link = notice.link { lines.append("查看：[\(link)](\(link))") }
            return lines.joined(separator: "\n")
        }.joined(separator: "\n\n")
    }
}

/// Keeps a message within a channel's size limit by cutting what is longest (a body, else a
/// title), never splitting a character, and marking each cut with "…". The rule line and the
/// link are never cut: they are what makes a reminder traceable.
enum NoticeCut {
    /// The mark a cut text ends with.
    static let mark = "…"

    /// `message`, cut until `size` says it is within its limit (or nothing is left to cut).
    static func fitted(_ message: OutboundMessage, size: (OutboundMessage) -> (bytes: Int, limit: Int))
        -> OutboundMessage
    {
        var message = message
        // Each round removes at least the overflow from one text, so a few rounds suffice; the
        // bound only guards against a measure that does not shrink.
        for _ in 0..<(4 * message.notices.count + 8) {
            let (bytes, limit) = size(message)
            guard bytes > limit else { break }
            let overflow = bytes - limit
            if let index = longest(message.notices.map(\.body)) {
                message.notices[index].body = cut(message.notices[index].body, dropping: overflow)
            } else if let index = longest(message.notices.map(\.title)) {
                message.notices[index].title = cut(message.notices[index].title, dropping: overflow)
            } else {
                break
            }
        }
        return message
    }

    /// The index of the longest non-empty text, in UTF-8 bytes.
    private static func longest(_ texts: [String]) -> Int? {
        texts.indices.filter { !texts[$0].isEmpty }.max { texts[$0].utf8.count < texts[$1].utf8.count }
    }

    /// `text` less at least `overflow` bytes, with the mark; empty when too little would be left.
    static func cut(_ text: String, dropping overflow: Int) -> String {
        let keep = text.utf8.count - overflow - mark.utf8.count
        return keep > 0 ? text.prefix(utf8Bytes: keep) + mark : ""
    }
}

extension String {
    /// The longest prefix of whole characters that takes at most `utf8Bytes` bytes in UTF-8.
    func prefix(utf8Bytes limit: Int) -> String {
        var bytes = 0
        var end = startIndex
        for character in self {
            bytes += character.utf8.count
            if bytes > limit { break }
            end = index(after: end)
        }
        return String(self[..<end])
    }
}
