import NIOCore
import NIOSSL
import Synchronization

/// One open SMTP connection, spoken to one command at a time. Every reply is awaited under a
/// watchdog that closes the channel when the command timeout passes, so a relay that stalls
/// anywhere (greeting, end of DATA, a TLS handshake) ends the wait as a timeout.
struct SMTPDialogue {
    let channel: any Channel
    var replies: NIOAsyncChannelInboundStream<SMTPReply>.AsyncIterator
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    let timeout: Duration
    private var tlsStarted = false

    init(
        channel: any Channel, replies: NIOAsyncChannelInboundStream<SMTPReply>.AsyncIterator,
        outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>, timeout: Duration
    ) {
        self.channel = channel
        self.replies = replies
        self.outbound = outbound
        self.timeout = timeout
    }

    /// Sends `command` (nil: only waits, for the greeting) and returns the reply when its code
    /// is one of `codes`; any other reply is thrown as the failure of `stage`.
    @discardableResult
    mutating func expect(_ command: String?, stage: String, codes: Set<Int>) async throws -> SMTPReply {
        try await expect(raw: command.map { Array("\($0)\r\n".utf8) }, stage: stage, codes: codes)
    }

    /// As `expect(_:stage:codes:)`, with the bytes to send already formed (the message after DATA).
    @discardableResult
    mutating func expect(
        raw bytes: [UInt8]?, stage: String, codes: Set<Int>, within limit: Duration? = nil
    ) async throws -> SMTPReply {
        let watchdog = Watchdog(channel: channel, after: limit ?? timeout)
        defer { watchdog.cancel() }
        let reply: SMTPReply?
        do {
            if let bytes { try await outbound.write(ByteBuffer(bytes: bytes)) }
            reply = try await replies.next()
        } catch {
            throw failure(error, stage: stage, timedOut: watchdog.fired)
        }
        guard let reply else {
            throw watchdog.fired ? SMTPError.timeout(stage) : SMTPError.closed(stage)
        }
        guard codes.contains(reply.code) else { throw SMTPError.reply(reply, to: stage) }
        return reply
    }

    /// Puts TLS under the line decoder, after the relay's 220 to STARTTLS (RFC 3207). The
    /// certificate is checked against `host`, or against the address for an IP literal, which
    /// SNI may not carry.
    mutating func startTLS(_ context: NIOSSLContext, host: String) async throws {
        let serverName: String? = (try? SocketAddress(ipAddress: host, port: 0)) == nil ? host : nil
        let channel = self.channel
        try await channel.eventLoop.submit {
            let handler = try NIOSSLClientHandler(context: context, serverHostname: serverName)
            try channel.pipeline.syncOperations.addHandler(handler, position: .first)
        }.get()
        tlsStarted = true
    }

    /// Says goodbye, without waiting long: the mail's fate is already known.
    mutating func quit() async {
        _ = try? await expect(raw: Array("QUIT\r\n".utf8), stage: "QUIT", codes: [221], within: .seconds(2))
    }

    private func failure(_ error: any Error, stage: String, timedOut: Bool) -> SMTPError {
        if timedOut { return .timeout(stage) }
        if let garbage = error as? SMTPGarbage { return .garbage(garbage.received) }
        if case ByteToMessageDecoderError.dataReceivedInErrorState(let first as SMTPGarbage, _) = error {
            return .garbage(first.received)
        }
        if tlsStarted, error is NIOSSLError || error is NIOSSLExtraError { return .tls(String(describing: error)) }
        return .closed("\(stage) (\(error))")
    }
}

/// Closes a channel when a command has waited too long, and remembers that it did.
private struct Watchdog {
    private final class Flag: Sendable {
        let value = Atomic(false)
    }

    private let flag = Flag()
    private let scheduled: Scheduled<Void>

    init(channel: any Channel, after limit: Duration) {
        let flag = self.flag
        scheduled = channel.eventLoop.scheduleTask(in: TimeAmount(limit)) {
            flag.value.store(true, ordering: .sequentiallyConsistent)
            channel.close(promise: nil)
        }
    }

    /// Whether the time ran out and the channel was closed for it.
    var fired: Bool { flag.value.load(ordering: .sequentiallyConsistent) }

    func cancel() { scheduled.cancel() }
}
