import Dangjian
@testable import DangjianDelivery
import Foundation
import Testing

/// The message format on its own: RFC 2047 folding, RFC 5322 dates, the derived Message-ID, and
/// the transparency of RFC 5321 §4.5.2.
@Suite struct MIMEMessageTests {
    /// The encoded-words of a header's lines, each decoded on its own.
    func decodedWords(_ header: String) -> [String?] {
        let pattern = /=\?UTF-8\?B\?([A-Za-z0-9+\/=]*)\?=/
        return header.matches(of: pattern).map { match in
            Data(base64Encoded: String(match.output.1)).flatMap { String(data: $0, encoding: .utf8) }
        }
    }

    @Test func aLongChineseSubjectFoldsIntoWholeCharacterWordsOfAtMost76Columns() {
        let subjects = [
            String(repeating: "关于开展“不忘初心、牢记使命”主题教育的通知，", count: 6),
            "提醒：" + String(repeating: "👨‍👩‍👧‍👦组织生活会🇨🇳", count: 8),
            "Mixed 中英 subject with =?UTF-8?B?fake?= inside and trailing ASCII " + String(repeating: "x", count: 90),
        ]
        for subject in subjects {
            let header = MIMEEncoding.header("Subject", subject)
            let lines = header.components(separatedBy: "\r\n")
            #expect(lines.count > 1)
            #expect(lines.allSatisfy { $0.utf8.count <= 76 }, "\(lines.map(\.utf8.count))")
            #expect(lines.first?.hasPrefix("Subject: =?UTF-8?B?") == true)
            #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" =?UTF-8?B?") && $0.hasSuffix("?=") })
            let words = decodedWords(header)
            #expect(words.count == lines.count)
            // Each word is valid UTF-8 by itself: no character is split between two words.
            #expect(words.allSatisfy { $0 != nil })
            #expect(words.compactMap { $0 }.joined() == subject)
        }
    }

    @Test func aShortASCIISubjectStaysPlainAndAnInjectionAttemptIsEncoded() {
        #expect(MIMEEncoding.header("Subject", "Monthly digest") == "Subject: Monthly digest")
        let attack = "Hi\r\nBcc: spy@evil.example"
        let header = MIMEEncoding.header("Subject", attack)
        #expect(!header.contains("\r\nBcc"))
        #expect(decodedWords(header).compactMap { $0 }.joined() == attack)
    }

    @Test func theDisplayNameIsEncodedAndTheAddressFollowsIt() {
        #expect(
            MIMEEncoding.header("From", "党建工作提醒", trailer: "<notice@dangjian.example.cn>")
                == "From: =?UTF-8?B?5YWa5bu65bel5L2c5o+Q6YaS?= <notice@dangjian.example.cn>")
        let long = MIMEEncoding.header("From", String(repeating: "中共某某区委组织部", count: 4), trailer: "<a@b.cn>")
        let lines = long.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 76 } && lines.last?.hasSuffix(" <a@b.cn>") == true)
    }

    @Test func theDateIsRFC5322InChinaTime() {
        // 2026-12-07 23:06:56 UTC is Tuesday 07:06:56 the next morning in Beijing.
        let date = Date(timeIntervalSince1970: 1_796_684_816)
        #expect(MIMEEncoding.date(date) == "Tue, 08 Dec 2026 07:06:56 +0800")
    }

    @Test func theMessageIDFollowsTheKeyAndNothingElse() {
        let notice = OutboundMessage.Notice(title: "提醒", body: "", idempotencyKey: "digest:2026-11:user:7")
        let first = MIMEMessage(from: "notice@dj.example.cn", to: "a@b.cn", notice: notice, date: Date())
        var later = first
        later.date = first.date.addingTimeInterval(3600)
        later.notice.title = "提醒（重发）"
        #expect(first.messageID == "<\(ContentHash.sha256("digest:2026-11:user:7"))@dj.example.cn>")
        #expect(later.messageID == first.messageID)
        var other = first
        other.notice.idempotencyKey = "digest:2026-12:user:7"
        #expect(other.messageID != first.messageID)
    }

    @Test func theRenderedMessageHasShortCRLFLinesAndBothParts() throws {
        let notice = OutboundMessage.Notice(
            title: String(repeating: "长标题", count: 40), body: String(repeating: "正文很长，", count: 200),
            link: "https://dj.example.cn/#/tasks/1", ruleRef: "r@1", idempotencyKey: "k")
        let bytes = MIMEMessage(from: "n@dj.example.cn", to: "a@b.cn", notice: notice, date: Date()).rendered()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(bytes.allSatisfy { $0 < 0x80 })
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { !$0.contains("\n") && !$0.contains("\r") })
        // Every line fits in 76 columns but the Message-ID's, which cannot be folded (RFC 5322 §3.6.4).
        #expect(lines.filter { $0.utf8.count > 76 }.map { $0.prefix(11) } == ["Message-ID:"])
        #expect(text.contains("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64"))
        #expect(text.contains("Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64"))
        #expect(text.contains("Auto-Submitted: auto-generated\r\nMIME-Version: 1.0\r\n"))
    }

    @Test func dotStuffingDoublesLeadingDotsAndEndsTheData() {
        let data = Array("Hello\r\n.hidden line\r\n.\r\n..two\nbare LF\r\nno dot. here\rlast".utf8)
        let wire = String(decoding: DotStuffing.stuffed(data), as: UTF8.self)
        #expect(wire == "Hello\r\n..hidden line\r\n..\r\n...two\r\nbare LF\r\nno dot. here\r\nlast\r\n.\r\n")
        #expect(String(decoding: DotStuffing.stuffed(Array(".\r\n".utf8)), as: UTF8.self) == "..\r\n.\r\n")
        #expect(String(decoding: DotStuffing.stuffed([]), as: UTF8.self) == ".\r\n")
    }
}
