import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// What the server is doing, for the drain before a graceful shutdown: the requests in flight
/// and when the last one started. `RequestActivity.Middleware` keeps it, outside every other.
public final class RequestActivity: Sendable {
    private struct State {
        var inFlight = 0
        var lastStart = ContinuousClock.now
        var draining = false
    }

    private let state = Mutex(State())

    /// An idle server: nothing in flight, not draining.
    public init() {}

    /// True from the graceful shutdown's start: `/readyz` answers 503 so a balancer sends no more.
    public var isDraining: Bool { state.withLock { $0.draining } }

    func started() {
        state.withLock {
            $0.inFlight += 1; $0.lastStart = .now
        }
    }
    func finished() { state.withLock { $0.inFlight -= 1 } }

    /// Returns once nothing is in flight and no request has started for `quiet`, or after `limit`.
    /// A second, not less: on a busy machine an accepted connection's request can take a few
    /// hundred milliseconds to be read, and a shorter quiet ended the drain before it (332 and
    /// then 202 of 400 waiting requests answered in a loaded test run).
    func drain(quiet: Duration = .seconds(1), limit: Duration = .seconds(5)) async {
        let deadline = ContinuousClock.now + limit
        state.withLock {
            $0.draining = true; $0.lastStart = .now
        }
        while ContinuousClock.now < deadline {
            let idle = state.withLock { $0.inFlight == 0 && ContinuousClock.now - $0.lastStart >= quiet }
            if idle { return }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    struct Middleware<Context: RequestContext>: RouterMiddleware {
        let activity: RequestActivity

        func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
            async throws -> Response
        {
            activity.started()
            defer { activity.finished() }
            return try await next(request, context)
        }
    }
}

/// The application as `serve` runs it. On SIGTERM Hummingbird closes the listening socket and
/// every connection with no request in progress at once, so connections still in the accept
/// queue, or accepted with their request not yet read, were reset. Here the graceful shutdown
/// first drains: the server keeps accepting and answering until it has been quiet for a moment
/// (at most a few seconds), and only then does Hummingbird's own graceful shutdown begin.
public struct DrainingApplication<Inner: ApplicationProtocol>: ApplicationProtocol {
    /// The inner application's responder.
    public typealias Responder = Inner.Responder

    let inner: Inner
    let activity: RequestActivity

    /// The inner application's responder, unchanged.
    public var responder: Responder { get async throws { try await inner.responder } }
    /// The inner application's server.
    public var server: HTTPServerBuilder { inner.server }
    /// The inner application's event loops.
    public var eventLoopGroup: any EventLoopGroup { inner.eventLoopGroup }
    /// The inner application's address and server settings.
    public var configuration: ApplicationConfiguration { inner.configuration }
    /// The inner application's logger.
    public var logger: Logger { inner.logger }
    /// The inner application's services, run in its own group.
    public var services: [any Service] { inner.services }
    /// The inner application's start-up work, unchanged.
    public var processesRunBeforeServerStart: [@Sendable () async throws -> Void] {
        inner.processesRunBeforeServerStart
    }
    /// Passes the running channel on to the inner application.
    @Sendable public func onServerRunning(_ channel: any Channel) async { await inner.onServerRunning(channel) }

    /// Runs the inner application in a group of its own and, on a graceful shutdown, drains before passing
    /// the shutdown on; cancellation passes straight through.
    public func run() async throws {
        let group = ServiceGroup(configuration: .init(services: [inner], logger: logger))
        // Detached, so that the inner group does not see this task's graceful shutdown (service
        // groups pass it down through a task local) before the drain is over.
        let running = Task.detached { try await group.run() }
        let activity = self.activity
        let logger = self.logger
        try await withTaskCancellationHandler {
            try await withGracefulShutdownHandler {
                try await running.value
            } onGracefulShutdown: {
                Task {
                    logger.info("draining before shutdown")
                    await activity.drain()
                    await group.triggerGracefulShutdown()
                }
            }
        } onCancel: {
            running.cancel()
        }
    }
}
