import AsyncHTTPClient
import NIOCore

/// The time limits of every request a channel sends over HTTP (issue 15): how long opening a
/// connection may take, and how long the whole exchange may take, answer included.
public struct HTTPTimeouts: Sendable, Equatable {
    /// How long opening a connection (TCP and TLS) may take; the client's setting, see `clientConfiguration`.
    public var connect: Duration
    /// How long one request may take from start to the last byte of the answer; each request's own deadline.
    public var deadline: Duration

    /// Limits of `connect` (5 s unless told) and `deadline` (10 s unless told).
    public init(connect: Duration = .seconds(5), deadline: Duration = .seconds(10)) {
        self.connect = connect
        self.deadline = deadline
    }

    /// The configuration of the one `HTTPClient` the sender makes and shares between channels.
    /// AsyncHTTPClient sets the connect timeout per client, not per request, so it lives here.
    /// Redirects are refused: a robot URL carries its key, and a redirect would carry the
    /// message (and a webhook's signature) to a host nobody configured. Connections are pooled
    /// per host, as AsyncHTTPClient does.
    public var clientConfiguration: HTTPClient.Configuration {
        HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: Self.timeAmount(connect)),
            connectionPool: .init(idleTimeout: .seconds(60)))
    }

    /// `duration` as NIO's time amount, to the nanosecond.
    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
