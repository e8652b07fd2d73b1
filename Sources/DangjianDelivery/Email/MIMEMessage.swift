import Dangjian
import Foundation

/// One notice as an email (RFC 5322, MIME): Chinese headers as RFC 2047 encoded-words, and a
/// `multipart/alternative` body with a plain-text and an HTML part, both UTF-8 in Base64.
/// Everything but `Date` follows from the notice, so a repeat after a crash is the same mail
/// under the same `Message-ID`, which the receiving side can drop.
public struct MIMEMessage: Sendable {
    /// The sender's address and display name.
    public var from: String
    /// The sender's display name, if any.
    public var fromName: String?
    /// The recipient's address.
    public var to: String
    /// What the mail tells.
    public var notice: OutboundMessage.Notice
    /// When it was written, for the `Date` header.
    public var date: Date

    /// The mail telling `notice` to `to`, written at `date`.
    public init(from: String, fromName: String? = nil, to: String, notice: OutboundMessage.Notice, date: Date) {
        self.from = from
        self.fromName = fromName
        self.to = to
        self.notice = notice
        self.date = date
    }

    /// `<hex SHA-256 of the idempotency key@the sender's domain>`: the same key, the same id.
    public var messageID: String {
        let domain = from.lastIndex(of: "@").map { String(from[from.index(after: $0)...]) } ?? "localhost"
        return "<\(ContentHash.sha256(notice.idempotencyKey))@\(domain)>"
    }

    /// The boundary between the parts. It starts with "=_", which Base64 never produces, so it
    /// cannot occur inside a part.
    var boundary: String { "=_dangjian_" + ContentHash.sha256("boundary:" + notice.idempotencyKey).prefix(32) }

    /// The text part: title, body, the rule that produced the notice (`规则 …`) and the link (`查看：…`).
    public var plainText: String {
        var paragraphs = [notice.title]
        if !notice.body.isEmpty { paragraphs.append(notice.body) }
        var footer: [String] = []
        if let rule = notice.ruleRef { footer.append("规则 \(rule)") }
        if let link = notice.link { footer.append("查看：\(link)") }
        if !footer.isEmpty { paragraphs.append(footer.joined(separator: "\n")) }
        return paragraphs.joined(separator: "\n\n") + "\n"
    }

    /// The HTML part, saying the same as `plainText`; every piece of the notice is escaped, and
    /// only an http(s) link becomes a link.
    public var html: String {
        let escape = HTMLText.escaped
        let title = escape(notice.title)
        var body = "<h2>\(title)</h2>\n"
        if !notice.body.isEmpty {
            let lines = notice.body.split(separator: "\n", omittingEmptySubsequences: false)
            body += "<p>\(lines.map { escape(String($0)) }.joined(separator: "<br>\n"))</p>\n"
        }
        if let rule = notice.ruleRef { body += "<p>规则 \(escape(rule))</p>\n" }
        if let link = notice.link {
            let isWeb = link.hasPrefix("https://") || link.hasPrefix("http://")
            let shown = isWeb ? "<a href=\"\(escape(link))\">\(escape(link))</a>" : escape(link)
            body += "<p>查看：\(shown)</p>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head><meta charset="UTF-8"><title>\(title)</title></head>
            <body>
            \(body)</body>
            </html>

            """
    }

    /// The whole message with CRLF line ends, no line longer than 76 characters (an address or
    /// idempotency key of plain ASCII longer than a line excepted).
    public func rendered() -> [UInt8] {
        let from = fromName.map { MIMEEncoding.header("From", $0, trailer: "<\(self.from)>") } ?? "From: \(self.from)"
        let key = notice.idempotencyKey
        let headers = [
            from,
            "To: \(to)",
            MIMEEncoding.header("Subject", notice.title),
            "Date: \(MIMEEncoding.date(date))",
            "Message-ID: \(messageID)",
            MIMEEncoding.isPlainHeaderText(key)
                ? "X-Dangjian-Idempotency-Key: \(key)" : MIMEEncoding.header("X-Dangjian-Idempotency-Key", key),
            // RFC 3834: an automatic notice, so vacation responders stay quiet.
            "Auto-Submitted: auto-generated",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative;",
            " boundary=\"\(boundary)\"",
        ]
        func part(_ type: String, _ text: String) -> String {
            let crlf = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
            return """
                --\(boundary)\r
                Content-Type: \(type); charset=UTF-8\r
                Content-Transfer-Encoding: base64\r
                \r
                \(MIMEEncoding.base64Lines(Array(crlf.utf8)))\r

                """
        }
        let message =
            headers.joined(separator: "\r\n") + "\r\n\r\n"
            + "This is a message in MIME format: a plain-text and an HTML part.\r\n\r\n"
            + part("text/plain", plainText) + part("text/html", html)
            + "--\(boundary)--\r\n"
        return Array(message.utf8)
    }
}
