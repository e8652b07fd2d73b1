import Logging
import Metrics
import Synchronization

/// Delivers committed events to subscribers. A handler that throws is logged and counted;
/// it never undoes the commit and never stops the handlers after it.
public final class EventBus: Sendable {
    public typealias Handler = @Sendable (HostEvent) async throws -> Void

    private struct Subscription: Sendable {
        let name: String
        let subscriber: String
        let handler: Handler
    }

    private let subscriptions = Mutex<[Subscription]>([])
    private let failures = Mutex<Int>(0)
    private let logger: Logger

    public init(logger: Logger = Logger(label: "dangjian.events")) {
        self.logger = logger
    }

    /// Subscribes to one event name, or to every event with "*".
    public func subscribe(_ name: String, subscriber: String, _ handler: @escaping Handler) {
        subscriptions.withLock { $0.append(Subscription(name: name, subscriber: subscriber, handler: handler)) }
    }

    public var failureCount: Int { failures.withLock { $0 } }

    /// Called by the store after a transaction commits, in commit order.
    public func publish(_ events: [HostEvent]) async {
        guard !events.isEmpty else { return }
        let current = subscriptions.withLock { $0 }
        for event in events {
            for subscription in current where subscription.name == event.name || subscription.name == "*" {
                do {
                    try await subscription.handler(event)
                } catch {
                    failures.withLock { $0 += 1 }
                    Counter(label: "dangjian_event_handler_failures_total", dimensions: [("subscriber", subscription.subscriber)]).increment()
                    logger.error("event handler failed", metadata: [
                        "event": "\(event.name)", "subscriber": "\(subscription.subscriber)", "error": "\(error)",
                    ])
                }
            }
        }
    }
}
