import Foundation

/// A fact that happened and committed, in the envelope the bus delivers: the typed fact, who
/// made it, when, and how deep in a chain of hooks. Subscribers match on `name` (or "*"), read
/// the fact back by type with `fact(as:)`, and Lua hooks get `fields` as a table.
public struct HostEvent: Sendable {
    public let fact: any DomainEvent
    public let name: String
    public let entityID: Int64?
    public let organizationID: Int64?
    public let actorUserID: Int64?
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

    public var fields: [String: EventField] { fact.fields }
    /// The fields as text, as logs and tests show them.
    public var payload: [String: String] { fact.fields.mapValues(\.description) }
}
