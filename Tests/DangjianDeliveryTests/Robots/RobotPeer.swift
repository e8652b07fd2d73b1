import AsyncHTTPClient
import Dangjian
import DangjianDelivery
import DangjianTestSupport
import Foundation
import NIOCore
import NIOHTTP1

/// The robots' test peer (`Peers/robots.py`), a real HTTP server on a free loopback port, with
/// the shared client and a transport pointed at it. `run` stops both, even when the test fails.
/// Unchecked Sendable: its `Process` is touched by one test at a time, in order (started, read,
/// killed), and only handed to a thread of its own to start and stop.
struct RobotPeer: @unchecked Sendable {
    /// One message the peer accepted, as `GET /_received` reports it.
    struct Received: Decodable {
        var path: String
        var kind: String
        var name: String
        var headers: [String: String]
        var body: String
        var text: String?
        var mentions: [String]
        var idempotencyKey: String?
    }

    let process: Process
    let port: Int
    let client: HTTPClient

    /// Starts a peer that knows `secrets` (endpoint name → secret), runs `body` with it and a
    /// transport made with `timeouts` and `clock`, then stops the peer and shuts the client down.
    static func run<T>(
        secrets: [String: String] = [:], timeouts: HTTPTimeouts = HTTPTimeouts(),
        clock: any HostClock = SystemClock(), _ body: (RobotPeer, RobotTransport) async throws -> T
    ) async throws -> T {
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: timeouts.clientConfiguration)
        let result: Result<T, any Error>
        do {
            let peer = try await offThePool { try start(secrets: secrets, client: client) }
            do {
                result = .success(
                    try await body(peer, RobotTransport(client: client, timeouts: timeouts, clock: clock)))
            } catch {
                result = .failure(error)
            }
            _ = try? await offThePool { peer.stop() }
        } catch {
            result = .failure(error)
        }
        try await client.shutdown()
        return try result.get()
    }

    private static func start(secrets: [String: String], client: HTTPClient) throws -> RobotPeer {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            ["python3", Checkout.path("Tests/DangjianDeliveryTests/Peers/robots.py"), "--port", "0"]
            + secrets.flatMap { ["--secret", "\($0.key)=\($0.value)"] }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.launchAlone()
        // The peer prints its port, then nothing more on standard output.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        else {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            throw PeerError(description: "the robot peer printed no port")
        }
        return RobotPeer(process: process, port: port, client: client)
    }

    /// Kills the peer and waits for it, so no test leaves one running. SIGKILL, because a
    /// test process may pass on an ignored SIGTERM, and the peer keeps nothing worth a clean stop.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// The peer's URL of `path` (e.g. "/wecom/KEY").
    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Every message the peer accepted, oldest first.
    func received() async throws -> [Received] {
        let response = try await client.execute(HTTPClientRequest(url: url("/_received")), timeout: .seconds(5))
        let body = try await response.body.collect(upTo: 16 << 20)
        return try JSONDecoder().decode([Received].self, from: Data(body.readableBytesView))
    }

    /// Tells the peer how `path` answers from now on: "normal", "fail", "hang", "permanent" or "garbage".
    func mode(_ path: String, _ mode: String, status: Int? = nil, retryAfter: Int? = nil) async throws {
        var order: [String: JSONValue] = ["path": .string(path), "mode": .string(mode)]
        if let status { order["status"] = .integer(Int64(status)) }
        if let retryAfter { order["retryAfter"] = .integer(Int64(retryAfter)) }
        var request = HTTPClientRequest(url: url("/_mode"))
        request.method = .POST
        request.body = .bytes(ByteBuffer(string: JSONText.encode(JSONValue.object(order))))
        _ = try await client.execute(request, timeout: .seconds(5)).body.collect(upTo: 1 << 16)
    }
}

/// The peer could not be started.
struct PeerError: Error, CustomStringConvertible {
    var description: String
}
