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
    private let timedOut = Watchdog.Record()

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
        let watchdog = Watchdog(channel: channel, after: limit ?? timeout, stage: stage, record: timedOut)
        defer { watchdog.cancel() }
        // A write fails when the channel has closed under it (a failed TLS handshake, a relay
        // that said 421 and hung up); the reason, or that last reply, still waits in the stream.
        var unwritten: (any Error)?
        do {
            if let bytes { try await outbound.write(ByteBuffer(bytes: bytes)) }
        } catch {
            unwritten = error
        }
        let reply: SMTPReply?
        do {
            reply = try await replies.next()
        } catch {
            throw failure(error, stage: stage)
        }
        guard let reply else {
            if let late = timedOut.stage.withLock({ $0 }) { throw SMTPError.timeout(late) }
            throw SMTPError.closed(unwritten.map { "\(stage) (\($0))" } ?? stage)
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

    private func failure(_ error: any Error, stage: String) -> SMTPError {
        if let late = timedOut.stage.withLock({ $0 }) { return .timeout(late) }
        if let garbage = error as? SMTPGarbage { return .garbage(garbage.received) }
        if case ByteToMessageDecoderError.dataReceivedInErrorState(let first as SMTPGarbage, _) = error {
            return .garbage(first.received)
        }
        if tlsStarted, error is NIOSSLError || error is NIOSSLExtraError { return .tls(String(describing: error)) }
        return .closed("\(stage) (\(error))")
    }
}

/// Closes a channel when a command has waited too long, and remembers for which command: the
/// close may land just after the reply it was set for, and then the next command must still
/// learn that the connection ended for a timeout.
private struct Watchdog {
    /// The stage whose wait ran out, shared by every watchdog of one connection.
    final class Record: Sendable {
        let stage = Mutex<String?>(nil)
    }

    private let scheduled: Scheduled<Void>

    init(channel: any Channel, after limit: Duration, stage: String, record: Record) {
        scheduled = channel.eventLoop.scheduleTask(in: TimeAmount(limit)) {
            record.stage.withLock { $0 = $0 ?? stage }
            channel.close(promise: nil)
        }
    }

    func cancel() { scheduled.cancel() }
}
