import Foundation

/// Why a mail was not taken, and whether trying again later may help. Its description is what
/// the outbox keeps as the channel's answer: it never holds the password.
public struct SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Reason: Sendable, Equatable {
        case unreachable(String)
        case timeout(String)
        case tls(String)
        case closed(String)
        case reply(SMTPReply, String)
        case garbage(String)
        case refusedLocally(String)
    }

    private var reason: Reason

    /// The relay could not be reached: refused, unknown host, no route, the connect timeout.
    static func unreachable(_ detail: String) -> SMTPError { SMTPError(reason: .unreachable(detail)) }
    /// The relay did not answer `stage` within the command timeout.
    static func timeout(_ stage: String) -> SMTPError { SMTPError(reason: .timeout(stage)) }
    /// STARTTLS was answered but the TLS handshake failed (certificate, protocol).
    static func tls(_ detail: String) -> SMTPError { SMTPError(reason: .tls(detail)) }
    /// The relay closed the connection before answering `stage`.
    static func closed(_ stage: String) -> SMTPError { SMTPError(reason: .closed(stage)) }
    /// The relay answered `stage` with a reply other than the one that lets the mail go on.
    static func reply(_ reply: SMTPReply, to stage: String) -> SMTPError { SMTPError(reason: .reply(reply, stage)) }
    /// The relay answered something that is not SMTP.
    static func garbage(_ received: String) -> SMTPError { SMTPError(reason: .garbage(received)) }
    /// The client will not go on: no STARTTLS offered, no usable AUTH mechanism, bad settings or address.
    static func refusedLocally(_ why: String) -> SMTPError { SMTPError(reason: .refusedLocally(why)) }

    /// Whether another try later may succeed: a 4xx, a timeout, a connection or TLS failure.
    /// A 5xx, an answer that is not SMTP, and settings the client refuses are permanent.
    public var isTemporary: Bool {
        switch reason {
        case .unreachable, .timeout, .tls, .closed: true
        case .reply(let reply, _): reply.isTransient
        case .garbage, .refusedLocally: false
        }
    }

    /// The relay's reply, when the failure is one.
    public var reply: SMTPReply? {
        if case .reply(let reply, _) = reason { return reply }
        return nil
    }

    /// What happened, in English, naming the SMTP stage, e.g. "RCPT TO: 550 5.1.1 no such user".
    public var description: String {
        switch reason {
        case .unreachable(let detail): "cannot connect to the relay: \(detail)"
        case .timeout(let stage): "no answer to \(stage) within the command timeout"
        case .tls(let detail): "TLS failed after STARTTLS: \(detail)"
        case .closed(let stage): "the relay closed the connection before answering \(stage)"
        case .reply(let reply, let stage): "\(stage): \(reply)"
        case .garbage(let received): "not an SMTP reply: \(received)"
        case .refusedLocally(let why): why
        }
    }

    /// The same failure with every occurrence of `secrets` in its texts replaced by "***", so a
    /// relay that echoes a credential cannot put it into the outbox.
    func masking(_ secrets: [String]) -> SMTPError {
        let secrets = secrets.filter { $0.count >= 3 }
        guard !secrets.isEmpty else { return self }
        func mask(_ text: String) -> String {
            secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "***") }
        }
        var masked = self
        switch reason {
        case .unreachable(let detail): masked.reason = .unreachable(mask(detail))
        case .timeout(let stage): masked.reason = .timeout(mask(stage))
        case .tls(let detail): masked.reason = .tls(mask(detail))
        case .closed(let stage): masked.reason = .closed(mask(stage))
        case .reply(let reply, let stage):
            masked.reason = .reply(SMTPReply(code: reply.code, lines: reply.lines.map(mask)), mask(stage))
        case .garbage(let received): masked.reason = .garbage(mask(received))
        case .refusedLocally(let why): masked.reason = .refusedLocally(mask(why))
        }
        return masked
    }
}
