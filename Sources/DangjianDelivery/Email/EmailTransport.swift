import Dangjian
import Logging
import NIOCore
import NIOPosix

/// The email channel: each notice as its own mail to `target.address`, through the relay in
/// `SMTPSettings`. A 250 to the end of DATA is delivered; a 4xx, a timeout, a refused connection
/// or a failed TLS handshake is temporary; a 5xx or an answer that is not SMTP is permanent.
/// Make one and keep it: it reads the certificates to trust once.
public struct EmailTransport: ChannelTransport {
    /// The client that speaks to the relay.
    public let client: SMTPClient
    private let clock: any HostClock
    private let logger: Logger

    /// The email channel through `client`, dating each mail by `clock`.
    public init(
        client: SMTPClient, clock: any HostClock = SystemClock(),
        logger: Logger = Logger(label: "dangjian.delivery.email")
    ) {
        self.client = client
        self.clock = clock
        self.logger = logger
    }

    /// The email channel through the relay in `settings`, on the sender's event loops.
    public init(
        settings: SMTPSettings, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        clock: any HostClock = SystemClock()
    ) {
        self.init(client: SMTPClient(settings: settings, group: group), clock: clock)
    }

    /// Mails every notice of `message` (the sender gives one) to `target.address`, in order,
    /// each under its own key's Message-ID; the first failure is the outcome, and a retry sends
    /// the earlier ones again under the same ids.
    public func send(_ message: OutboundMessage, to target: ChannelTarget) async -> DeliveryOutcome {
        func cut(_ text: String) -> String { String(text.prefix(DeliveryOutcome.answerLimit)) }
        guard target.kind == .email else {
            return .permanent(answer: "the email channel cannot send to a \(target.kind.rawValue) target")
        }
        guard SMTPSettings.isAddress(target.address) else {
            return .permanent(answer: "the recipient is not a plain email address (local@domain)")
        }
        guard !message.notices.isEmpty else { return .permanent(answer: "the message has no notice") }
        let settings = client.settings
        var answers: [String] = []
        for notice in message.notices {
            let mail = MIMEMessage(
                from: settings.from, fromName: settings.fromName, to: target.address, notice: notice, date: clock.now())
            do {
                let reply = try await client.send(
                    SMTPMail(from: settings.from, recipients: [target.address], data: mail.rendered()))
                answers.append(reply.description)
            } catch {
                logger.warning(
                    "email not sent",
                    metadata: [
                        "messageID": "\(mail.messageID)", "temporary": "\(error.isTemporary)", "why": "\(error)",
                    ])
                let answer = cut(error.description)
                return error.isTemporary ? .temporary(answer: answer, retryAfter: nil) : .permanent(answer: answer)
            }
        }
        return .delivered(answer: cut(answers.joined(separator: " | ")))
    }
}
