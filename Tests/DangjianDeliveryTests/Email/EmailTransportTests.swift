import Dangjian
import DangjianDelivery
import Foundation
import Testing

/// Issue 15, point 3 (email): a notice mailed through a real SMTP server (aiosmtpd) with
/// STARTTLS and AUTH, read back with Python's email package, and every way a relay says no.
@Suite struct EmailTransportTests {
    static let notice = OutboundMessage.Notice(
        title: "【提醒】第三党支部请于 12 月 15 日前完成 2026 年度组织生活会和民主评议党员工作，并上报会议记录与评议结果",
        body: "请支部书记 <李红> 组织召开会议 & 上报材料。\n\"按时\"完成，'逾期'将升级提醒。<script>alert(1)</script>",
        link: "http://localhost:8080/#/tasks/42?from=mail&kind=reminder", ruleRef: "meeting.annual-review@3",
        idempotencyKey: "reminder:meeting.annual-review@3:org:17:2026")

    static func message(_ notice: OutboundMessage.Notice = notice) -> OutboundMessage {
        OutboundMessage(notices: [notice], idempotencyKey: notice.idempotencyKey)
    }

    /// "delivered", "temporary" or "permanent".
    static func verdict(_ outcome: DeliveryOutcome) -> String {
        switch outcome {
        case .delivered: "delivered"
        case .temporary: "temporary"
        case .permanent: "permanent"
        }
    }

    static func target(_ address: String = "li.hong@branch3.example.cn") -> ChannelTarget {
        ChannelTarget(kind: .email, address: address)
    }

    @Test func aNoticeArrivesOverSTARTTLSAndAUTHAndReadsBackInChinese() async throws {
        try await SMTPPeer.with { peer in
            // 2026-12-07 23:06:56 UTC.
            let clock = ManualClock(Date(timeIntervalSince1970: 1_796_684_816))
            let transport = EmailTransport(settings: peer.settings(), clock: clock)
            let outcome = await transport.send(Self.message(), to: Self.target())
            guard case .delivered(let answer) = outcome else { throw SMTPPeer.PeerError("not delivered: \(outcome)") }
            #expect(answer.hasPrefix("250"))

            let mails = try peer.received()
            #expect(mails.count == 1)
            let mail = try #require(mails.first)
            #expect(mail.envelope.tls && mail.envelope.login == SMTPPeer.user)
            #expect(mail.envelope.mail_from == "notice@dangjian.example.cn")
            #expect(mail.envelope.rcpt_tos == ["li.hong@branch3.example.cn"])

            let parsed = try mail.parsed()
            #expect(parsed.defects.isEmpty)
            #expect(parsed.subject == Self.notice.title)
            #expect(parsed.fromName == "党建工作提醒" && parsed.fromAddress == "notice@dangjian.example.cn")
            #expect(parsed.to == "li.hong@branch3.example.cn")
            let id = ContentHash.sha256(Self.notice.idempotencyKey)
            #expect(parsed.messageID == "<\(id)@dangjian.example.cn>")
            #expect(parsed.idempotencyKey == Self.notice.idempotencyKey)
            #expect(parsed.dateParses && parsed.date == "Tue, 08 Dec 2026 07:06:56 +0800")
            #expect(mail.envelope.message_id == parsed.messageID)
            #expect(mail.envelope.idempotency_key == Self.notice.idempotencyKey)
            #expect(parsed.contentType == "multipart/alternative")
            // RFC 5322's 78 columns hold for every line but the Message-ID, which cannot be folded.
            #expect(parsed.longLines == ["Message-ID: <\(id.prefix(7))"] && parsed.bareLineFeeds == 0)

            #expect(parsed.parts.map(\.type) == ["text/plain", "text/html"])
            #expect(parsed.parts.allSatisfy { $0.charset == "utf-8" && $0.encoding == "base64" })
            let plain = try #require(parsed.parts.first).text
            for expected in [
                Self.notice.title, Self.notice.body.replacingOccurrences(of: "\n", with: "\r\n"),
                "规则 meeting.annual-review@3", "查看：http://localhost:8080/#/tasks/42?from=mail&kind=reminder",
            ] {
                #expect(plain.contains(expected), "plain part lacks \(expected)")
            }
            let html = try #require(parsed.parts.last).text
            #expect(html.contains("<h2>【提醒】第三党支部"))
            #expect(html.contains("请支部书记 &lt;李红&gt; 组织召开会议 &amp; 上报材料。"))
            #expect(html.contains("&quot;按时&quot;完成，&#39;逾期&#39;将升级提醒。&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!html.contains("<script>") && !html.contains("<李红>"))
            #expect(html.contains("规则 meeting.annual-review@3"))
            #expect(
                html.contains(
                    "查看：<a href=\"http://localhost:8080/#/tasks/42?from=mail&amp;kind=reminder\">"))

            // A repeat after a crash: the same key makes the same Message-ID, so the copy can be dropped.
            #expect(Self.verdict(await transport.send(Self.message(), to: Self.target())) == "delivered")
            let again = try peer.received()
            #expect(again.count == 2)
            #expect(try again.last?.parsed().messageID == parsed.messageID)
            // Another notice, another id.
            var other = Self.notice
            other.idempotencyKey += ":next"
            #expect(Self.verdict(await transport.send(Self.message(other), to: Self.target())) == "delivered")
            #expect(try peer.received().last?.parsed().messageID != parsed.messageID)
        }
    }

    @Test func loginIsUsedWhenTheRelayOffersNoPlain() async throws {
        try await SMTPPeer.with("--mechanisms", "LOGIN") { peer in
            let outcome = await EmailTransport(settings: peer.settings()).send(Self.message(), to: Self.target())
            #expect(Self.verdict(outcome) == "delivered", "\(outcome)")
            let mails = try peer.received()
            #expect(mails.map(\.envelope.login) == [SMTPPeer.user])
        }
    }

    @Test func fourHundredsAreTemporaryAndFiveHundredsPermanent() async throws {
        try await SMTPPeer.with { peer in
            let transport = EmailTransport(settings: peer.settings())
            let cases: [(String, String, Bool)] = [
                ("tempfail@branch3.example.cn", "RCPT TO: 451", true),
                ("reject@branch3.example.cn", "RCPT TO: 550", false),
                ("tempfail-data@branch3.example.cn", "end of DATA: 451", true),
                ("reject-data@branch3.example.cn", "end of DATA: 554", false),
            ]
            for (address, answer, temporary) in cases {
                let outcome = await transport.send(Self.message(), to: Self.target(address))
                #expect(Self.verdict(outcome) == (temporary ? "temporary" : "permanent"), "\(address): \(outcome)")
                #expect(outcome.answer.hasPrefix(answer), "\(address): \(outcome.answer)")
            }
            let mails = try peer.received()
            #expect(mails.isEmpty)
        }
    }

    @Test func aWrongPasswordIsPermanentAndTheAnswerNeverHoldsAPassword() async throws {
        try await SMTPPeer.with { peer in
            let wrong = "Wr0ng-口令-\(UUID().uuidString)"
            let outcome = await EmailTransport(settings: peer.settings(password: wrong))
                .send(Self.message(), to: Self.target())
            #expect(Self.verdict(outcome) == "permanent", "\(outcome)")
            #expect(outcome.answer.hasPrefix("AUTH PLAIN: 535"))
            for secret in [wrong, SMTPPeer.password, Data(wrong.utf8).base64EncodedString()] {
                #expect(!outcome.answer.contains(secret))
            }
            let mails = try peer.received()
            #expect(mails.isEmpty)
        }
    }

    @Test func aRelayThatIsNotThereIsTemporary() async throws {
        let settings = try await SMTPPeer.with { peer in
            peer.stop()
            var settings = peer.settings()
            settings.caFile = nil  // gone with the peer's folder
            return settings
        }
        let outcome = await EmailTransport(settings: settings).send(Self.message(), to: Self.target())
        #expect(Self.verdict(outcome) == "temporary", "\(outcome)")
        #expect(outcome.answer.hasPrefix("cannot connect to the relay: 127.0.0.1:\(settings.port)"))
        #expect(!outcome.answer.contains(SMTPPeer.password))
    }

    @Test func aRelayThatStallsTimesOutAsTemporary() async throws {
        // The relay stalls for a minute; the 3 s timeout ends the wait long before, with room for a
        // loaded machine's slow TLS handshake.
        try await SMTPPeer.with("--stall-seconds", "60") { peer in
            var settings = peer.settings()
            settings.commandTimeout = .seconds(3)
            let started = ContinuousClock.now
            let outcome = await EmailTransport(settings: settings).send(Self.message(), to: Self.target("stall@x.cn"))
            #expect(ContinuousClock.now - started < .seconds(40))
            #expect(Self.verdict(outcome) == "temporary", "\(outcome)")
            #expect(outcome.answer == "no answer to RCPT TO within the command timeout")
        }
    }

    @Test func anUntrustedCertificateIsATemporaryTLSFailureAndNothingIsSent() async throws {
        try await SMTPPeer.with { peer in
            var settings = peer.settings()
            settings.caFile = nil  // the system's roots do not know the peer's self-signed certificate
            let outcome = await EmailTransport(settings: settings).send(Self.message(), to: Self.target())
            #expect(Self.verdict(outcome) == "temporary", "\(outcome)")
            #expect(outcome.answer.hasPrefix("TLS failed after STARTTLS"))
            let mails = try peer.received()
            #expect(mails.isEmpty)
        }
    }

    @Test func aRelayWithoutSTARTTLSGetsNeitherThePasswordNorTheMail() async throws {
        try await SMTPPeer.with("--plain") { peer in
            let outcome = await EmailTransport(settings: peer.settings()).send(Self.message(), to: Self.target())
            #expect(Self.verdict(outcome) == "permanent", "\(outcome)")
            #expect(outcome.answer.contains("does not offer STARTTLS"))
            let mails = try peer.received()
            #expect(mails.isEmpty)

            // On loopback, plain text is allowed when asked for.
            var plain = peer.settings()
            plain.security = .none
            let sent = await EmailTransport(settings: plain).send(Self.message(), to: Self.target())
            #expect(Self.verdict(sent) == "delivered", "\(sent)")
            let plainMails = try peer.received()
            #expect(plainMails.map(\.envelope.tls) == [false])
        }
    }

    @Test func garbageIsPermanentWithTheAnswerKept() async throws {
        try await SMTPPeer.with("--garbage") { peer in
            let outcome = await EmailTransport(settings: peer.settings()).send(Self.message(), to: Self.target())
            #expect(Self.verdict(outcome) == "permanent", "\(outcome)")
            #expect(outcome.answer.hasPrefix("not an SMTP reply: HTTP/1.1 400 Bad Request <html>xxx"))
            #expect(outcome.answer.count == DeliveryOutcome.answerLimit)
        }
    }

    @Test func aBadRecipientOrAnotherKindIsRefusedWithoutConnecting() async throws {
        let settings = SMTPSettings(host: "127.0.0.1", port: 9, security: .none, from: "notice@dangjian.example.cn")
        let transport = EmailTransport(settings: settings)
        for address in ["li.hong@branch3.example.cn\r\nRCPT TO:<spy@evil.example>", "李红", "<a@b.cn>", ""] {
            #expect(Self.verdict(await transport.send(Self.message(), to: Self.target(address))) == "permanent")
        }
        let robot = ChannelTarget(kind: .wecom, address: "li.hong@branch3.example.cn")
        #expect(Self.verdict(await transport.send(Self.message(), to: robot)) == "permanent")
    }
}
