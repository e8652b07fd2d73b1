/// One kind of fact a write commits, as a type: its name, the entity and organisation it is
/// about, and its own values. Writers emit these (`tx.emit(MemberStatusChanged(…))`), Swift
/// subscribers read them back by type (`event.fact(as:)`), and a Lua hook gets `fields` as
/// its event table. A kind is declared once, in the module that owns the entity.
public protocol DomainEvent: Sendable {
    /// "entity.pastTense", e.g. "member.statusChanged"; plugins prefix their own id.
    static var name: String { get }
    /// The entity the fact is about (a member, a task, a record), as hooks read `entity_id`;
    /// nil when it names none.
    var entityID: Int64? { get }
    /// The organisation the fact is about: a district pack's hooks see only the events of its
    /// subtree, and hooks do not run on an event without one.
    var organizationID: Int64? { get }
    /// The values a hook's table shows besides name, entity_id, organization_id and depth.
    var fields: [String: EventField] { get }
}

extension DomainEvent {
    /// A fact with no values of its own shows none.
    public var fields: [String: EventField] { [:] }
}

/// A value of an event as a subscriber reads it: ids stay integers and days stay days, so a
/// hook compares `event.to == 1203` without parsing.
public enum EventField: Sendable, Hashable, CustomStringConvertible {
    case text(String)
    case integer(Int64)
    case day(Day)

    /// The value as text: ids in decimal, days as "YYYY-MM-DD".
    public var description: String {
        switch self {
        case .text(let text): text
        case .integer(let value): String(value)
        case .day(let day): day.description
        }
    }
}

extension EventField: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    /// A text value.
    public init(stringLiteral value: String) { self = .text(value) }
    /// An integer value.
    public init(integerLiteral value: Int64) { self = .integer(value) }
}
