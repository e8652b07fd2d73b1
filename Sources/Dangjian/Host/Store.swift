import Foundation
import Synchronization

/// The one way registries change data. A change, its audit entries, its outbox rows and its
/// events are gathered in one `Transaction`; the rows commit together or not at all, and the
/// events are queued for delivery only after the commit.
public struct Store: Sendable {
    /// The database every read and write goes to.
    public let database: any DatabaseDriver
    /// Where committed events are queued.
    public let events: EventBus
    /// The host's time; tests set it.
    public let clock: any HostClock

    /// The store over a database, publishing committed events to `events`.
    public init(database: any DatabaseDriver, events: EventBus, clock: any HostClock) {
        self.database = database
        self.events = events
        self.clock = clock
    }

    /// A read; sees only committed data.
    public func read<T: Sendable>(_ body: @escaping @Sendable (any SQLSession) throws -> T) async throws -> T {
        try await database.read(body)
    }

    /// Which of `keys` a table's `idempotency_key` column holds already, for dry runs that
    /// report what an earlier run stored. 500 keys per query, under SQLite's variable limit.
    public func existingKeys(_ keys: [String], in table: String) async throws -> Set<String> {
        var found: Set<String> = []
        for start in stride(from: 0, to: keys.count, by: 500) {
            let chunk = Array(keys[start..<min(start + 500, keys.count)])
            let marks = chunk.map { _ in "?" }.joined(separator: ", ")
            let rows = try await read { s in
                try s.query(
                    "SELECT idempotency_key FROM \(table) WHERE idempotency_key IN (\(marks))", chunk.map { .text($0) })
            }
            for row in rows { found.insert(try row.string("idempotency_key")) }
        }
        return found
    }

    /// One write by `actor`: its rows, its audit entries and its events commit together, and the events are delivered after the commit, in commit order.
    public func write<T: Sendable>(
        _ actor: Principal, _ body: @escaping @Sendable (Transaction) throws -> T
    ) async throws -> T {
        let now = clock.now()
        // Read here, in the caller's task: the body may run on the database's own thread.
        let cause = EventBus.cause
        let bus = self.events
        // A ticket taken inside the transaction, where writes are serialised, puts the events in
        // commit order, whichever writer's task resumes first.
        let ticket = Mutex<EventBus.Ticket?>(nil)
        do {
            let (value, events) = try await database.write { session in
                let transaction = Transaction(session: session, actor: actor, now: now, cause: cause)
                let value = try body(transaction)
                ticket.withLock { $0 = bus.ticket() }
                return (value, transaction.events)
            }
            if let taken = ticket.withLock({ $0 }) { bus.publish(events, ticket: taken) }
            return value
        } catch {
            // The transaction did not commit after all: its place in the order is given back.
            if let taken = ticket.withLock({ $0 }) { bus.publish([], ticket: taken) }
            throw error
        }
    }
}

/// One write in progress. Lives only inside the closure given to `Store.write`.
public final class Transaction {
    /// The open session of this transaction; its reads see its own writes.
    public let session: any SQLSession
    /// Who writes, for audit, rights and the events' actor.
    public let actor: Principal
    /// The instant of the write: every row, audit entry and event of it carries this one time.
    public let now: Date
    fileprivate(set) var events: [HostEvent] = []
    let cause: EventCause

    init(session: any SQLSession, actor: Principal, now: Date, cause: EventCause) {
        self.session = session
        self.actor = actor
        self.now = now
        self.cause = cause
        timestamp = .text(Timestamp.format(now))
    }

    /// `now` as a day in China Standard Time.
    public var today: Day { Day(now) }
    /// `now` as stored, formatted once: a write of thousands of rows stamps each of them.
    public let timestamp: SQLValue

    /// Records a fact of this write; the bus delivers it once the write commits, never if it rolls back.
    public func emit(_ fact: some DomainEvent) {
        events.append(
            HostEvent(
                fact, actorUserID: actor.isSystem ? nil : actor.userID, at: now,
                depth: cause.depth, causedBy: cause.hook))
    }

    /// Appends to the audit log (痕迹). `before` and `after` are the entity's JSON forms.
    public func audit<Before: Encodable, After: Encodable>(
        _ entity: Entity, id: Int64, action: String, path: String, before: Before?, after: After?
    ) throws {
        try AuditLog.append(
            in: session, at: timestamp, actor: actor, entity: entity.rawValue, entityID: id,
            action: action, path: path, before: before.map { AuditLog.json($0) }, after: after.map { AuditLog.json($0) }
        )
    }

    /// For plugins, whose entities the kernel does not know by name.
    public func audit(entity: String, id: Int64, action: String, path: String, before: String?, after: String?) throws {
        try AuditLog.append(
            in: session, at: timestamp, actor: actor, entity: entity, entityID: id,
            action: action, path: path, before: before, after: after)
    }
}
