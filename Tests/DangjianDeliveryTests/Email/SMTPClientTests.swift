import DangjianDelivery
import Foundation
import Testing

/// The client below the transport: what it puts on the wire arrives byte for byte.
@Suite struct SMTPClientTests {
    @Test func linesStartingWithADotArriveIntactThroughARealServer() async throws {
        try await SMTPPeer.with { peer in
            let data = "Subject: dots\r\n\r\n.hidden\r\n.\r\n..two\r\nend\r\n"
            let client = SMTPClient(settings: peer.settings())
            let reply = try await client.send(
                SMTPMail(from: "notice@dangjian.example.cn", recipients: ["a@b.cn", "c@d.cn"], data: Array(data.utf8)))
            #expect(reply.code == 250)
            let mails = try peer.received()
            #expect(mails.count == 1)
            #expect(mails.first.map { String(decoding: $0.raw, as: UTF8.self) } == data)
            #expect(mails.first?.envelope.rcpt_tos == ["a@b.cn", "c@d.cn"])
        }
    }

    @Test func aFailureSaysWhetherToTryAgain() async throws {
        try await SMTPPeer.with { peer in
            let client = SMTPClient(settings: peer.settings())
            do {
                _ = try await client.send(
                    SMTPMail(from: "n@dangjian.example.cn", recipients: ["tempfail@x.cn"], data: []))
                Issue.record("a 451 was taken for success")
            } catch let error as SMTPError {
                #expect(error.isTemporary && error.reply?.code == 451)
            }
        }
    }

    @Test func anAddressThatCouldSmuggleACommandIsRefusedBeforeConnecting() async {
        // Port 9 on loopback: nothing listens, so any answer but a local refusal would be a connection error.
        let client = SMTPClient(
            settings: SMTPSettings(host: "127.0.0.1", port: 9, security: .none, from: "n@dangjian.example.cn"))
        for mail in [
            SMTPMail(from: "n@dangjian.example.cn>\r\nRCPT TO:<spy@evil.example", recipients: ["a@b.cn"], data: []),
            SMTPMail(from: "n@dangjian.example.cn", recipients: ["a@b.cn>\r\nDATA"], data: []),
            SMTPMail(from: "n@dangjian.example.cn", recipients: [], data: []),
        ] {
            do {
                _ = try await client.send(mail)
                Issue.record("sent \(mail.from) to \(mail.recipients)")
            } catch {
                #expect(!error.isTemporary && error.description.hasPrefix("not a valid"), "\(error)")
            }
        }
    }
}
