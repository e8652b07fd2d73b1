import DangjianDelivery
import Foundation
import Logging
import Synchronization
import Testing

/// Issue 15: a secret never appears in a log line. The email channel's log, captured whole,
/// while a real relay refuses a login.
@Suite struct EmailLogTests {
    /// Keeps every line logged through it, message and metadata, as text.
    final class LogLines: Sendable {
        let lines = Mutex<[String]>([])

        struct Handler: LogHandler {
            let sink: LogLines
            var metadata: Logger.Metadata = [:]
            var logLevel: Logger.Level = .trace

            subscript(metadataKey key: String) -> Logger.Metadata.Value? {
                get { metadata[key] }
                set { metadata[key] = newValue }
            }

            func log(
                level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String,
                file: String, function: String, line: UInt
            ) {
                let all = self.metadata.merging(metadata ?? [:]) { $1 }
                sink.lines.withLock { $0.append("\(level) \(message) \(all)") }
            }
        }

        var logger: Logger { Logger(label: "test") { _ in Handler(sink: self) } }
    }

    @Test func aRefusedLoginLogsNeitherThePasswordNorItsBase64() async throws {
        try await SMTPPeer.with { peer in
            let wrong = "Wr0ng-口令-\(UUID().uuidString)"
            let logs = LogLines()
            let transport = EmailTransport(
                client: SMTPClient(settings: peer.settings(password: wrong)), logger: logs.logger)
            let outcome = await transport.send(EmailTransportTests.message(), to: EmailTransportTests.target())
            #expect(outcome.answer.hasPrefix("AUTH PLAIN: 535"))
            let lines = logs.lines.withLock { $0 }
            #expect(lines.count == 1 && lines.first?.contains("535") == true, "\(lines)")
            let plain = "\0\(SMTPPeer.user)\0\(wrong)"
            for secret in [wrong, Data(wrong.utf8).base64EncodedString(), Data(plain.utf8).base64EncodedString()] {
                #expect(lines.allSatisfy { !$0.contains(secret) })
            }
        }
    }
}
