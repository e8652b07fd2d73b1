import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// One mail as SMTP carries it: the envelope and the message, already in its final form.
public struct SMTPMail: Sendable {
    /// The envelope sender (MAIL FROM).
    public var from: String
    /// The envelope recipients (RCPT TO), at least one.
    public var recipients: [String]
    /// The message (headers, a blank line, the body) with CRLF line ends; dot-stuffed on the way out.
    public var data: [UInt8]

    /// A mail from `from` to `recipients` carrying `data`.
    public init(from: String, recipients: [String], data: [UInt8]) {
        self.from = from
        self.recipients = recipients
        self.data = data
    }
}

/// A small SMTP submission client (RFC 5321) on SwiftNIO: EHLO, STARTTLS (RFC 3207) and EHLO
/// again, AUTH PLAIN or LOGIN (RFC 4954, 4616), MAIL FROM, RCPT TO, DATA, QUIT. One session
/// per mail; every reply is awaited within the command timeout.
public struct SMTPClient: Sendable {
    /// Where it connects and how it logs in.
    public let settings: SMTPSettings
    private let group: any EventLoopGroup
    private let tls: Result<NIOSSLContext, SMTPError>?

    /// A client for `settings` on the caller's event loops (the sender owns them).
    public init(settings: SMTPSettings, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.settings = settings
        self.group = group
        guard settings.security == .starttls else {
            tls = nil
            return
        }
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv12
        if let caFile = settings.caFile { configuration.trustRoots = .file(caFile) }
        do {
            tls = .success(try NIOSSLContext(configuration: configuration))
        } catch {
            tls = .failure(.refusedLocally("cannot read the certificates to trust (smtp.caFile): \(error)"))
        }
    }

    /// Sends `mail` and returns the relay's reply to the end of DATA (a 2xx).
    public func send(_ mail: SMTPMail) async throws(SMTPError) -> SMTPReply {
        do {
            return try await session(mail)
        } catch {
            let failure = (error as? SMTPError) ?? .unreachable(String(describing: error))
            throw failure.masking(secrets)
        }
    }

    /// The password as it may come back: in clear, and in the Base64 forms AUTH sends.
    private var secrets: [String] {
        guard let password = settings.password, !password.isEmpty else { return [] }
        let user = settings.username ?? ""
        return [
            password, Data(password.utf8).base64EncodedString(),
            Data("\0\(user)\0\(password)".utf8).base64EncodedString(),
        ]
    }

    private func session(_ mail: SMTPMail) async throws -> SMTPReply {
        let problems = settings.problems()
        guard problems.isEmpty else { throw SMTPError.refusedLocally(problems.joined(separator: "; ")) }
        // Addresses go into commands verbatim: anything but a plain address (a line break above
        // all) could smuggle in a command of its own.
        guard SMTPSettings.isAddress(mail.from) else {
            throw SMTPError.refusedLocally("not a valid sender address: \(mail.from)")
        }
        guard !mail.recipients.isEmpty, mail.recipients.allSatisfy(SMTPSettings.isAddress) else {
            throw SMTPError.refusedLocally("not a valid recipient address: \(mail.recipients.joined(separator: ", "))")
        }
        if case .failure(let error) = tls { throw error }
        let channel = try await connect()
        return try await channel.executeThenClose { inbound, outbound in
            var dialogue = SMTPDialogue(
                channel: channel.channel, replies: inbound.makeAsyncIterator(), outbound: outbound,
                timeout: settings.commandTimeout)
            do {
                let reply = try await transaction(mail, on: &dialogue)
                await dialogue.quit()
                return reply
            } catch let failure as SMTPError where failure.reply != nil {
                // The relay is still talking: end the session politely before closing.
                await dialogue.quit()
                throw failure
            }
        }
    }

    private func connect() async throws -> NIOAsyncChannel<SMTPReply, ByteBuffer> {
        do {
            return try await ClientBootstrap(group: group)
                .connectTimeout(TimeAmount(settings.connectTimeout))
                .connect(host: settings.host, port: settings.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                        return try NIOAsyncChannel<SMTPReply, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw SMTPError.unreachable("\(settings.host):\(settings.port): \(error)")
        }
    }

    /// The whole dialogue after the connection opened, ending with the reply to DATA's end.
    private func transaction(_ mail: SMTPMail, on dialogue: inout SMTPDialogue) async throws -> SMTPReply {
        try await dialogue.expect(nil, stage: "greeting", codes: [220])
        var hello = try await dialogue.expect("EHLO \(settings.fromDomain)", stage: "EHLO", codes: [250])
        if case .success(let context) = tls {
            guard hello.parameters(of: "STARTTLS") != nil else {
                throw SMTPError.refusedLocally("the relay does not offer STARTTLS, which smtp.security requires")
            }
            try await dialogue.expect("STARTTLS", stage: "STARTTLS", codes: [220])
            try await dialogue.startTLS(context, host: settings.host)
            hello = try await dialogue.expect("EHLO \(settings.fromDomain)", stage: "EHLO after STARTTLS", codes: [250])
        }
        if settings.logsIn { try await authenticate(hello, on: &dialogue) }
        try await dialogue.expect("MAIL FROM:<\(mail.from)>", stage: "MAIL FROM", codes: [250])
        for recipient in mail.recipients {
            try await dialogue.expect("RCPT TO:<\(recipient)>", stage: "RCPT TO", codes: [250, 251])
        }
        try await dialogue.expect("DATA", stage: "DATA", codes: [354])
        return try await dialogue.expect(raw: DotStuffing.stuffed(mail.data), stage: "end of DATA", codes: [250])
    }

    /// AUTH PLAIN, or LOGIN when the relay offers only that. The credentials go out only after
    /// STARTTLS, or to a loopback relay: `problems()` refuses anything else before connecting.
    private func authenticate(_ hello: SMTPReply, on dialogue: inout SMTPDialogue) async throws {
        let user = settings.username ?? ""
        let password = settings.password ?? ""
        let mechanisms = hello.parameters(of: "AUTH") ?? []
        func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
        if mechanisms.contains("PLAIN") {
            try await dialogue.expect(
                "AUTH PLAIN \(base64("\0\(user)\0\(password)"))", stage: "AUTH PLAIN", codes: [235])
        } else if mechanisms.contains("LOGIN") {
            try await dialogue.expect("AUTH LOGIN", stage: "AUTH LOGIN", codes: [334])
            try await dialogue.expect(base64(user), stage: "AUTH LOGIN username", codes: [334])
            try await dialogue.expect(base64(password), stage: "AUTH LOGIN password", codes: [235])
        } else {
            let offered = mechanisms.isEmpty ? "none" : mechanisms.joined(separator: " ")
            throw SMTPError.refusedLocally(
                "the relay offers no AUTH mechanism this client speaks (offered: \(offered))")
        }
    }
}
