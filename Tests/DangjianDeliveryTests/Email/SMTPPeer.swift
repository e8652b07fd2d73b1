import DangjianDelivery
import DangjianTestSupport
import Foundation

/// The real SMTP server of `Peers/smtp_server.py` (aiosmtpd) on a free loopback port, with a
/// self-signed certificate made for it by `openssl`, and a folder where it files what it takes.
final class SMTPPeer: @unchecked Sendable {
    // Set once in init and only read afterwards.
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()

    /// The login the peer accepts.
    static let user = "secretary@dangjian.example.cn"
    static let password = "Pa55-密码-\u{1F511}-secret"

    /// The port it listens on.
    let port: Int
    /// Where it files each message it takes (NAME.json, NAME.eml) and where its certificate is.
    let folder: URL
    /// The certificate to trust (`SMTPSettings.caFile`).
    let caFile: String

    /// Starts a peer with STARTTLS required and AUTH for `user`, plus `options` (`--plain`,
    /// `--mechanisms LOGIN`, `--stall-seconds 5`, `--garbage`, …).
    private init(options: [String]) async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("dangjian-smtp-\(UUID().uuidString)")
        let tls = folder.appendingPathComponent("tls")
        try FileManager.default.createDirectory(at: tls, withIntermediateDirectories: true)
        caFile = tls.appendingPathComponent("cert.pem").path
        let key = tls.appendingPathComponent("key.pem").path
        try Self.run(
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout", key, "-out", caFile)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Peers/smtp_server.py")
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            [
                "python3", script.path, "--dir", folder.path, "--cert", caFile, "--key", key, "--user", Self.user,
                "--exit-with-stdin",
            ] + options
        process.environment = ProcessInfo.processInfo.environment.merging(["SMTP_PEER_PASSWORD": Self.password]) { $1 }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.launchAlone()
        let line = output.fileHandleForReading.availableData
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            process.terminate()
            throw PeerError("the SMTP peer printed no port (is aiosmtpd installed? `make deps`)")
        }
        self.port = port
    }

    /// Runs `body` with a fresh peer, and stops the peer afterwards, whether `body` failed or not.
    static func with<T>(_ options: String..., body: (SMTPPeer) async throws -> T) async throws -> T {
        let peer = try await SMTPPeer(options: options)
        defer { peer.stop() }
        return try await body(peer)
    }

    /// Settings for this peer: STARTTLS, its certificate, its login, short timeouts.
    func settings(password: String = SMTPPeer.password) -> SMTPSettings {
        SMTPSettings(
            host: "127.0.0.1", port: port, username: Self.user, password: password, from: "notice@dangjian.example.cn",
            fromName: "党建工作提醒", caFile: caFile, connectTimeout: .seconds(5), commandTimeout: .seconds(10))
    }

    /// The messages taken so far, in order of arrival.
    func received() throws -> [ReceivedMail] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".eml") }
        return try names.sorted().map { name in
            let eml = folder.appendingPathComponent(name)
            let envelope = eml.deletingPathExtension().appendingPathExtension("json")
            return ReceivedMail(
                envelope: try JSONDecoder().decode(ReceivedMail.Envelope.self, from: Data(contentsOf: envelope)),
                raw: try Data(contentsOf: eml), file: eml)
        }
    }

    /// Stops the server (a later connection to `port` is refused) and removes its folder.
    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs a program to its end; a failure is thrown.
    @discardableResult
    static func run(_ arguments: String...) throws -> Data {
        let process = Process()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.launchAlone()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw PeerError("\(arguments[0]) failed") }
        return data
    }
}

extension SMTPPeer {
    /// One message the peer took: the envelope it recorded and the bytes as they arrived.
    struct ReceivedMail {
        struct Envelope: Decodable {
            var mail_from: String
            var rcpt_tos: [String]
            var tls: Bool
            var login: String?
            var message_id: String?
            var idempotency_key: String?
        }

        var envelope: Envelope
        var raw: Data
        var file: URL

        /// The message as Python's email package reads it (`Peers/read_mail.py`).
        func parsed() throws -> ParsedMail {
            let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Peers/read_mail.py")
            return try JSONDecoder().decode(ParsedMail.self, from: SMTPPeer.run("python3", script.path, file.path))
        }
    }

    /// What `Peers/read_mail.py` reports.
    struct ParsedMail: Decodable {
        struct Part: Decodable {
            var type: String
            var charset: String?
            var encoding: String?
            var text: String
        }

        var subject, fromName, fromAddress, to, messageID, idempotencyKey, date, contentType: String
        var dateParses: Bool
        var defects: [String]
        var parts: [Part]
        var longLines: [String]
        var bareLineFeeds: Int
    }

    struct PeerError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
