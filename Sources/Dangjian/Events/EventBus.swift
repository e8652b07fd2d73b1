import Logging
import Metrics
import Synchronization

/// What caused a write: a request or a job (depth 0), or a handler of an event of depth
/// d - 1. It is a task-local, so an event emitted while a handler runs knows its depth without
/// every write path passing it along.
public struct EventCause: Sendable, Equatable {
    /// 0 for a request or a job; n + 1 for a write by a handler of an event of depth n.
    public let depth: Int
    /// The Lua hook whose intents made the write, e.g. "on:task.created@1a2b3c4d5e6f (hooks.lua:3)".
    public let hook: String?

    /// A cause at `depth`, made by `hook` when a Lua hook's intents write.
    public init(depth: Int, hook: String? = nil) {
        self.depth = depth
        self.hook = hook
    }

    /// A request's or a job's own write: depth 0, no hook.
    public static let direct = EventCause(depth: 0)
}

/// Delivers committed events to subscribers from a queue, in commit order, off the path of the
/// write that committed them: a request answers as soon as its transaction commits, whatever
/// its events' handlers do. An event caused by a handler carries its depth; past `maxDepth` it
/// is refused (logged, counted and told to the refusal handlers), so handlers that feed each
/// other cannot cascade without bound. A handler that throws is logged and counted; it never
/// undoes the commit and never stops the handlers after it.
public final class EventBus: Sendable {
    /// A subscriber's handler; what it throws is logged and counted, never undoes the commit.
    public typealias Handler = @Sendable (HostEvent) async throws -> Void
    /// Told of an event refused for its depth.
    public typealias RefusalHandler = @Sendable (HostEvent) async -> Void

    /// The cause of whatever the current task writes.
    @TaskLocal public static var cause: EventCause = .direct

    /// A request's event is depth 0, what a hook writes in answer is depth 1, and so on. Three
    /// levels let a hook answer a hook that answers a change; a loop stops there.
    public static let defaultMaxDepth = 3

    private struct Subscription: Sendable {
        let name: String
        let subscriber: String
        let handler: Handler
    }

    /// Events waiting, from `head` on; delivered ones are dropped in bulk, not one by one.
    private struct Queue: Sendable {
        var events: [HostEvent] = []
        var head = 0
        var delivering = false
        var closed = false
        var idle: [CheckedContinuation<Void, Never>] = []

        var isEmpty: Bool { head == events.count }
    }

    /// The deepest event the bus delivers; deeper ones are refused, logged and counted.
    public let maxDepth: Int
    private let subscriptions = Mutex<[Subscription]>([])
    private let refusalHandlers = Mutex<[RefusalHandler]>([])
    private let queue = Mutex(Queue())
    private let failures = Mutex<Int>(0)
    private let refusals = Mutex<Int>(0)
    private let logger: Logger

    /// A bus that refuses events deeper than `maxDepth`.
    public init(maxDepth: Int = EventBus.defaultMaxDepth, logger: Logger = Logger(label: "dangjian.events")) {
        self.maxDepth = maxDepth
        self.logger = logger
    }

    /// Subscribes to one event name, or to every event with "*".
    public func subscribe(_ name: String, subscriber: String, _ handler: @escaping Handler) {
        subscriptions.withLock { $0.append(Subscription(name: name, subscriber: subscriber, handler: handler)) }
    }

    /// Subscribes to one kind of fact, handed over as its own type with its envelope.
    public func subscribe<Fact: DomainEvent>(
        _ kind: Fact.Type, subscriber: String, _ handler: @escaping @Sendable (Fact, HostEvent) async throws -> Void
    ) {
        subscribe(Fact.name, subscriber: subscriber) { event in
            if let fact = event.fact(as: Fact.self) { try await handler(fact, event) }
        }
    }

    /// Told of every event refused for its depth, e.g. to switch off the hook that caused it.
    public func onRefusal(_ handler: @escaping RefusalHandler) {
        refusalHandlers.withLock { $0.append(handler) }
    }

    /// A write's place in commit order, taken inside its transaction.
    public struct Ticket: Sendable, Equatable {
        fileprivate let number: UInt64
    }

    /// Tickets handed out, and the events of committed writes waiting for an earlier ticket.
    private struct Order: Sendable {
        var issued: UInt64 = 0
        var next: UInt64 = 0
        var waiting: [UInt64: [HostEvent]] = [:]
    }

    private let order = Mutex(Order())

    /// Takes the next place in commit order. Every ticket must come back through
    /// `publish(_:ticket:)`, with no events when the write did not commit, or later events wait.
    public func ticket() -> Ticket {
        order.withLock { o in
            defer { o.issued += 1 }
            return Ticket(number: o.issued)
        }
    }

    /// Queues a committed write's events once every write before it in commit order has.
    public func publish(_ events: [HostEvent], ticket: Ticket) {
        // Queued under the order's lock: two writers flushing one after the other must not
        // reach the queue the other way round.
        order.withLock { o in
            o.waiting[ticket.number] = events
            var ready: [HostEvent] = []
            while let batch = o.waiting.removeValue(forKey: o.next) {
                ready += batch
                o.next += 1
            }
            publish(ready)
        }
    }

    /// How many handler calls have thrown since the bus started.
    public var failureCount: Int { failures.withLock { $0 } }
    /// How many events were refused for being deeper than `maxDepth` since the bus started.
    public var refusedCount: Int { refusals.withLock { $0 } }

    /// Queues events for delivery, in the order given. Returns at once; delivery happens on
    /// its own task. Events nobody subscribes to are not queued, so a bulk load with no
    /// subscriber keeps nothing in memory (under `serve` the rule runtime subscribes to all).
    public func publish(_ events: [HostEvent]) {
        guard !events.isEmpty else { return }
        let names = subscriptions.withLock { Set($0.map(\.name)) }
        let wanted = names.contains("*") ? events : events.filter { names.contains($0.name) }
        guard !wanted.isEmpty else { return }
        let (start, closed) = queue.withLock { q -> (Bool, Bool) in
            guard !q.closed else { return (false, true) }
            q.events += wanted
            guard !q.delivering else { return (false, false) }
            q.delivering = true
            return (true, false)
        }
        if closed { logger.warning("events after shutdown are not delivered", metadata: ["count": "\(wanted.count)"]) }
        // Detached: the delivery must not inherit the publisher's cause or cancellation.
        if start { Task.detached { await self.drain() } }
    }

    /// Returns once every event published so far, and every event its handlers caused, has
    /// been delivered (or the bus was shut down). For tests and commands that exit after writing.
    public func settle() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = queue.withLock { q -> Bool in
                if q.closed || (!q.delivering && q.isEmpty) { return true }
                q.idle.append(continuation)
                return false
            }
            if ready { continuation.resume() }
        }
    }

    /// Waits up to `timeout` for the queue to empty, then takes no more events. Returns how many
    /// were left undelivered. A handler still running goes on until its own limits stop it.
    @discardableResult
    public func shutdown(within timeout: Duration) async -> Int {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.settle() }
            group.addTask { try? await Task.sleep(for: timeout) }
            await group.next()
            let left = close()
            group.cancelAll()
            return left
        }
    }

    private func close() -> Int {
        let (left, waiting) = queue.withLock { q -> ([HostEvent], [CheckedContinuation<Void, Never>]) in
            q.closed = true
            let left = Array(q.events[q.head...])
            q.events = []
            q.head = 0
            defer { q.idle = [] }
            return (left, q.idle)
        }
        for continuation in waiting { continuation.resume() }
        // The queue lives in memory: name what is lost, so an operator can redo it by hand.
        // (Names and ids only; payloads may hold personal data.)
        if !left.isEmpty {
            let named = left.prefix(20).map { "\($0.name)#\($0.entityID.map(String.init) ?? "-")" }.joined(
                separator: ",")
            logger.warning("shutdown: events not delivered", metadata: ["count": "\(left.count)", "first": "\(named)"])
        }
        return left.count
    }

    private func drain() async {
        while let event = next() {
            if event.depth > maxDepth {
                await refuse(event)
            } else {
                await deliver(event)
            }
        }
    }

    /// The next event, or nil when the queue is empty (then the waiters of `settle` are woken).
    private func next() -> HostEvent? {
        let (event, waiting) = queue.withLock { q -> (HostEvent?, [CheckedContinuation<Void, Never>]) in
            guard !q.closed, !q.isEmpty else {
                q.delivering = false
                q.events = []
                q.head = 0
                defer { q.idle = [] }
                return (nil, q.idle)
            }
            let event = q.events[q.head]
            q.head += 1
            if q.head >= 1024, q.head * 2 >= q.events.count {
                q.events.removeFirst(q.head)
                q.head = 0
            }
            return (event, [])
        }
        for continuation in waiting { continuation.resume() }
        return event
    }

    private func deliver(_ event: HostEvent) async {
        let current = subscriptions.withLock { $0 }
        for subscription in current where subscription.name == event.name || subscription.name == "*" {
            do {
                // What a handler writes is caused by this event: one level deeper.
                try await EventBus.$cause.withValue(EventCause(depth: event.depth + 1)) {
                    try await subscription.handler(event)
                }
            } catch {
                failures.withLock { $0 += 1 }
                Counter(
                    label: "dangjian_event_handler_failures_total",
                    dimensions: [("subscriber", subscription.subscriber)]
                ).increment()
                logger.error(
                    "event handler failed",
                    metadata: [
                        "event": "\(event.name)", "subscriber": "\(subscription.subscriber)", "error": "\(error)",
                    ])
            }
        }
    }

    private func refuse(_ event: HostEvent) async {
        refusals.withLock { $0 += 1 }
        Counter(label: "dangjian_events_refused_total", dimensions: [("event", event.name)]).increment()
        logger.error(
            "event refused: handlers caused events too deep",
            metadata: [
                "event": "\(event.name)", "depth": "\(event.depth)", "maxDepth": "\(maxDepth)",
                "causedBy": "\(event.causedBy ?? "-")",
            ])
        for handler in refusalHandlers.withLock({ $0 }) { await handler(event) }
    }
}
