import Foundation

/// A fact that happened and committed, in the envelope the bus delivers: the typed fact, who
/// made it, when, and how deep in a chain of hooks. Subscribers match on `name` (or "*"), read
/// the fact back by type with `fact(as:)`, and Lua hooks get `fields` as a table.
public struct HostEvent: Sendable {
    /// The typed fact; read it back with `fact(as:)`.
    public let fact: any DomainEvent
    /// The fact's event name, e.g. "member.statusChanged".
    public let name: String
    /// The entity the fact is about, if it names one.
    public let entityID: Int64?
    /// The organisation the fact is about, for scoping subscribers.
    public let organizationID: Int64?
    /// The user whose write made the fact; nil for a system principal.
    public let actorUserID: Int64?
    /// When the write committed (the transaction's time).
    public let at: Date
    /// 0 for a change made by a request or a job; n + 1 for one made by a handler of an event of
    /// depth n. The bus refuses events deeper than its bound.
    public let depth: Int
    /// The Lua hook whose intents caused this event, if one did.
    public let causedBy: String?

    /// The envelope of `fact`, made by `Transaction.emit` with the writer's user, time and cause.
    public init(
        _ fact: any DomainEvent, actorUserID: Int64? = nil, at: Date = Date(), depth: Int = 0, causedBy: String? = nil
    ) {
        self.fact = fact
        name = type(of: fact).name
        entityID = fact.entityID
        organizationID = fact.organizationID
        self.actorUserID = actorUserID
        self.at = at
        self.depth = depth
        self.causedBy = causedBy
    }

    /// The fact as its own type, when it is one.
    public func fact<Fact: DomainEvent>(as type: Fact.Type) -> Fact? { fact as? Fact }

    /// The fact's own values, as a Lua hook's table shows them.
    public var fields: [String: EventField] { fact.fields }
    /// The fields as text, as logs and tests show them.
    public var payload: [String: String] { fact.fields.mapValues(\.description) }
}
