import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// One POST a channel wants to make: where, with which headers, and the body's text.
struct HTTPPost: Sendable {
    var url: String
    var headers: [(name: String, value: String)]
    var body: String
}

/// What came back from one POST: the channel's answer, or why there was none.
enum HTTPExchange: Sendable {
    /// The channel answered with `status`; `body` is at most `HTTPExchange.readLimit` bytes of its answer.
    case answered(status: Int, headers: HTTPHeaders, body: String)
    /// No answer: a timeout, a refused or broken connection (worth a retry), or an address that
    /// can never work (not). `reason` never names the address, which carries the robot's key.
    case failed(reason: String, permanent: Bool)

    /// How much of an answer is read: enough for any channel's JSON and for a kept answer, so a
    /// receiver that answers megabytes cannot hold the sender's memory.
    static let readLimit = 64 * 1024
}

extension HTTPClient {
    /// Sends `post` under `timeouts.deadline` and reads the answer; never throws.
    func exchange(_ post: HTTPPost, timeouts: HTTPTimeouts) async -> HTTPExchange {
        guard let url = URL(string: post.url), let scheme = url.scheme?.lowercased(),
            ["http", "https"].contains(scheme),
            url.host?.isEmpty == false
        else { return .failed(reason: "the address is not an http(s) URL", permanent: true) }
        var request = HTTPClientRequest(url: post.url)
        request.method = .POST
        for header in post.headers { request.headers.add(name: header.name, value: header.value) }
        request.body = .bytes(ByteBuffer(string: post.body))
        let prepared = request
        do {
            // AsyncHTTPClient's deadline ends when the head arrives; the race keeps a body that
            // stalls within the same deadline.
            return try await withThrowingTaskGroup(of: HTTPExchange.self) { group in
                group.addTask { try await self.answer(to: prepared, timeouts: timeouts) }
                group.addTask {
                    try await _Concurrency.Task.sleep(for: timeouts.deadline)
                    throw HTTPClientError.deadlineExceeded
                }
                defer { group.cancelAll() }
                return try await group.next() ?? .failed(reason: "no answer", permanent: false)
            }
        } catch {
            return Self.failure(error, timeouts: timeouts)
        }
    }

    /// Sends `request` and reads at most `HTTPExchange.readLimit` bytes of the answer.
    private func answer(to request: HTTPClientRequest, timeouts: HTTPTimeouts) async throws -> HTTPExchange {
        let response = try await execute(request, deadline: .now() + HTTPTimeouts.timeAmount(timeouts.deadline))
        var collected = ByteBuffer()
        for try await var chunk in response.body {
            let room = HTTPExchange.readLimit - collected.readableBytes
            if var slice = chunk.readSlice(length: min(room, chunk.readableBytes)) { collected.writeBuffer(&slice) }
            if collected.readableBytes >= HTTPExchange.readLimit { break }
        }
        return .answered(status: Int(response.status.code), headers: response.headers, body: String(buffer: collected))
    }

    /// Why a request got no answer, in words that name no address.
    static func failure(_ error: any Error, timeouts: HTTPTimeouts) -> HTTPExchange {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return .failed(reason: "no answer within \(timeouts.deadline)", permanent: false)
            case .connectTimeout:
                return .failed(reason: "no connection within \(timeouts.connect)", permanent: false)
            case .invalidURL, .emptyHost, .emptyScheme:
                return .failed(reason: "the address is not an http(s) URL", permanent: true)
            case .remoteConnectionClosed:
                return .failed(reason: "the connection was closed before an answer", permanent: false)
            default:
                return .failed(reason: "HTTP error: \(error)", permanent: false)
            }
        }
        // NIO's connect errors (refused, unreachable, DNS) and TLS errors: the network or the
        // far side may recover, so they are worth another try.
        return .failed(reason: "no connection: \(error)", permanent: false)
    }
}
