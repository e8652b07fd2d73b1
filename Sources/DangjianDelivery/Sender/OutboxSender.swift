import Dangjian
import Foundation
import Logging
import Metrics
import ServiceLifecycle

/// Sends what the outbox holds (issue 15, point 2), a `Service` of the running application. Each
/// tick it claims due rows under a lease, packs each robot's rows into messages, paces every
/// robot to its channel's limits, sends, and records each attempt: delivered, tried again later
/// with exponential backoff and jitter, or a dead letter after the last try. A sender that dies
/// leaves its rows leased; the lease runs out and another tick, here or on another host, sends
/// them again under the same key.
public final class OutboxSender: Service, Sendable {
    /// What the sender needs besides the host.
    public struct Settings: Sendable {
        /// Attempts before a row is a dead letter.
        public var maxAttempts: Int
        /// The wait before the first retry; it doubles each time, up to `maxBackoff`.
        public var retryBase: TimeInterval
        /// The longest wait between two tries.
        public var maxBackoff: TimeInterval = 3600
        /// How often it looks for due rows.
        public var tick: Duration
        /// How long a claim holds its rows: longer than any send with its pacing.
        public var lease: TimeInterval = 120
        /// Rows claimed per tick.
        public var claimLimit = 200
        /// The console's address, for each message's link.
        public var consoleURL: String

        /// The settings `delivery.*` gives.
        public init(_ delivery: DeliveryConfiguration) {
            maxAttempts = delivery.maxAttempts
            retryBase = TimeInterval(delivery.retryBaseSeconds)
            tick = .milliseconds(delivery.tickMilliseconds)
            consoleURL = delivery.consoleURL
        }
    }

    let host: DangjianHost
    let transports: [ChannelKind: any ChannelTransport]
    let fits: @Sendable (OutboundMessage, ChannelKind) -> Bool
    let settings: Settings
    let logger: Logger
    let pacer = RobotPacer()
    /// "machine:pid:nonce" as `LeaseOwner` makes it, so a restart on this machine takes back what a
    /// killed sender held: `LeaseOwner.isDeadProcess` knows only owners that start with its
    /// machine name (which carries the pid namespace).
    let owner: String

    /// A sender over `host`'s outbox; `fits` says whether a message is within a channel's size limit.
    public init(
        host: DangjianHost, transports: [ChannelKind: any ChannelTransport], settings: Settings,
        fits: @escaping @Sendable (OutboundMessage, ChannelKind) -> Bool = { _, _ in true }, logger: Logger
    ) {
        self.host = host
        self.transports = transports
        self.settings = settings
        self.fits = fits
        self.logger = logger
        owner = LeaseOwner.make()
    }

    /// Ticks until the graceful shutdown; a send under way finishes and is recorded first.
    public func run() async throws {
        logger.info("outbox sender started", metadata: ["channels": "\(transports.keys.map(\.rawValue).sorted())"])
        do {
            let released = try await host.outbox.reclaimLeasesOfDeadProcesses()
            if released > 0 {
                logger.notice("took back the deliveries of a sender that died", metadata: ["rows": "\(released)"])
            }
        } catch {
            logger.error(
                "could not take back stale deliveries; their leases expire on their own",
                metadata: ["error": "\(error)"])
        }
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await self.tick()
                } catch {
                    self.logger.error("outbox tick failed", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: self.settings.tick)
            }
        }
        logger.info("outbox sender stopped")
    }

    /// One round: claims due rows and sends them. Returns how many rows it recorded.
    @discardableResult
    public func tick() async throws -> Int {
        let now = host.store.clock.now()
        let claims = try await host.outbox.claim(
            owner: owner, now: now, until: now.addingTimeInterval(settings.lease), limit: settings.claimLimit)
        var recorded = 0
        if !claims.isEmpty {
            let groups = Dictionary(grouping: claims) { $0.endpointID.map { "e\($0)" } ?? "m\($0.id)" }
            // At most `concurrentSends` robots or mails at once: each one in flight when the host is
            // killed is sent again after the restart (under the same key), so the number in flight
            // bounds the copies a crash makes.
            recorded = try await withThrowingTaskGroup(of: Int.self) { group in
                var total = 0
                var running = 0
                for rows in groups.values {
                    if running == Self.concurrentSends {
                        total += try await group.next() ?? 0
                        running -= 1
                    }
                    group.addTask { try await self.send(rows) }
                    running += 1
                }
                for try await sent in group { total += sent }
                return total
            }
        }
        await gauge(now: now)
        return recorded
    }

    /// How many robots' messages and mails go out at once.
    static let concurrentSends = 8

    /// One robot's rows, or one email: packed, paced, sent, recorded.
    private func send(_ rows: [Outbox.Claim]) async throws -> Int {
        guard let kind = ChannelKind(rawValue: rows[0].channel), let transport = transports[kind] else {
            // No transport for it on this host (e.g. no SMTP server configured): give the rows back for later.
            try await host.outbox.release(
                rows.map(\.id), due: host.store.clock.now().addingTimeInterval(300), owner: owner)
            return 0
        }
        let target: ChannelTarget
        do {
            target = try await self.target(rows[0], kind: kind)
        } catch {
            return try await host.outbox.record(rows.map(\.id), result: .dead, answer: "\(error)", owner: owner)
        }
        // An email's group is its one row (`tick`), and `fits` keeps an email to one notice besides.
        let batches = MessageBatch.pack(rows, consoleURL: settings.consoleURL) { self.fits($0, kind) }
        var recorded = 0
        for (index, batch) in batches.enumerated() {
            if batch.isNew {
                try await host.outbox.assignBatch(batch.rows.map(\.id), key: batch.message.idempotencyKey, owner: owner)
            }
            if let endpoint = rows[0].endpointID {
                let now = host.store.clock.now()
                let slot = pacer.nextSlot(endpoint, kind: kind, now: now)
                // Wait a little for a slot; beyond that the rest goes back, due at its slot.
                if slot.timeIntervalSince(now) > 5 {
                    let rest = batches[index...].flatMap(\.rows).map(\.id)
                    try await host.outbox.release(rest, due: slot, owner: owner)
                    break
                }
                if slot > now { try await Task.sleep(for: .milliseconds(Int(slot.timeIntervalSince(now) * 1000))) }
                pacer.sent(endpoint, kind: kind, at: host.store.clock.now())
            }
            let outcome = await transport.send(batch.message, to: target)
            recorded += try await record(batch.rows, outcome: outcome, kind: kind)
        }
        return recorded
    }

    private func target(_ row: Outbox.Claim, kind: ChannelKind) async throws -> ChannelTarget {
        if let endpoint = row.endpointID {
            let opened = try await host.channels.opened(endpoint)
            return ChannelTarget(kind: kind, address: opened.url, secret: opened.secret)
        }
        return ChannelTarget(kind: kind, address: row.address ?? "")
    }

    private func record(_ rows: [Outbox.Claim], outcome: DeliveryOutcome, kind: ChannelKind) async throws -> Int {
        let attempts = (rows.map(\.attempts).max() ?? 0) + 1
        let result: Outbox.Result
        var next: Date?
        switch outcome {
        case .delivered: result = .delivered
        case .permanent: result = .dead
        case .temporary(_, let retryAfter):
            if let endpoint = rows[0].endpointID, let retryAfter {
                pacer.hold(endpoint, until: host.store.clock.now().addingTimeInterval(retryAfter.timeInterval))
            }
            result = attempts >= settings.maxAttempts ? .dead : .retry
            next = host.store.clock.now().addingTimeInterval(
                max(backoff(attempts: attempts), retryAfter.map(\.timeInterval) ?? 0))
        }
        let label = result == .delivered ? "delivered" : result == .retry ? "retry" : "dead"
        Counter(label: "dangjian_deliveries_total", dimensions: [("channel", kind.rawValue), ("outcome", label)])
            .increment(by: rows.count)
        if result != .delivered {
            // The answer is the channel's, never the URL or the secret; the notice's text is not logged.
            logger.warning(
                "delivery attempt failed",
                metadata: [
                    "channel": "\(kind.rawValue)", "rows": "\(rows.map(\.id))", "attempt": "\(attempts)",
                    "result": "\(label)", "answer": "\(outcome.answer.prefix(200))",
                ])
        }
        return try await host.outbox.record(
            rows.map(\.id), result: result, answer: outcome.answer, next: next, owner: owner)
    }

    /// retryBase · 2^(attempts-1), at most maxBackoff, then ±20 % jitter so that rows failed
    /// together do not all come back together.
    func backoff(attempts: Int) -> TimeInterval {
        let plain = min(settings.maxBackoff, settings.retryBase * pow(2, Double(max(0, attempts - 1))))
        return plain * Double.random(in: 0.8...1.2)
    }

    private func gauge(now: Date) async {
        guard let depth = try? await host.outbox.depth(now: now) else { return }
        Gauge(label: "dangjian_outbox_pending").record(depth.pending)
        Gauge(label: "dangjian_outbox_oldest_pending_seconds").record(depth.oldestSeconds)
    }
}
