@testable import DangjianDelivery
import Testing

/// Replies as RFC 5321 §4.2.1 writes them, one line at a time, and what is not a reply.
@Suite struct SMTPReplyTests {
    func replies(_ lines: [String]) throws -> [SMTPReply] {
        var decoder = SMTPReplyDecoder()
        return try lines.compactMap { try decoder.take($0) }
    }

    @Test func aMultiLineReplyIsOneReplyWithItsExtensions() throws {
        let ehlo = try replies(["250-relay.example.cn", "250-SIZE 10240000", "250-auth plain login", "250 STARTTLS"])
        #expect(
            ehlo == [
                SMTPReply(code: 250, lines: ["relay.example.cn", "SIZE 10240000", "auth plain login", "STARTTLS"])
            ])
        #expect(ehlo.first?.parameters(of: "AUTH") == ["PLAIN", "LOGIN"])
        #expect(ehlo.first?.parameters(of: "STARTTLS") == [])
        #expect(ehlo.first?.parameters(of: "PIPELINING") == nil)
        #expect(try replies(["220 ready", "354"]).map(\.code) == [220, 354])
        #expect(
            ehlo.first?.description == "250 relay.example.cn | 250 SIZE 10240000 | 250 auth plain login | 250 STARTTLS")
    }

    @Test func linesThatAreNotSMTPAreGarbage() {
        for bad in [
            ["HTTP/1.1 400 Bad Request"], ["250-one", "354 two"], ["25"], ["2500 x"], ["199 too low"], ["250_x"],
        ] {
            #expect(throws: SMTPGarbage.self, "\(bad)") { try replies(bad) }
        }
    }

    @Test func theClassOfTheCodeDecidesTheRetry() {
        #expect(SMTPError.reply(SMTPReply(code: 451, lines: ["later"]), to: "RCPT TO").isTemporary)
        #expect(!SMTPError.reply(SMTPReply(code: 550, lines: ["no"]), to: "RCPT TO").isTemporary)
        // A positive reply where another was due (354 to MAIL FROM) makes no sense: not retried.
        #expect(!SMTPError.reply(SMTPReply(code: 354, lines: []), to: "MAIL FROM").isTemporary)
        #expect(SMTPError.timeout("DATA").isTemporary && SMTPError.unreachable("refused").isTemporary)
        #expect(!SMTPError.garbage("x").isTemporary)
        let masked = SMTPError.reply(SMTPReply(code: 535, lines: ["bad hunter2"]), to: "AUTH").masking(["hunter2"])
        #expect(masked.description == "AUTH: 535 bad ***")
    }
}
