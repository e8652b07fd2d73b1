import Dangjian

extension Ledger {
    /// The ledger's facts, for Swift subscribers and Lua hooks (`on("meeting.recorded", …)`).
    public enum Event {
        public static let recorded = Recorded.name
        public static let corrected = Corrected.name

        public struct Recorded: DomainEvent {
            public static let name = "meeting.recorded"
            public let recordID: Int64
            public let organizationID: Int64?
            public let kind: MeetingKind
            public let heldOn: Day
            public var entityID: Int64? { recordID }
            public var fields: [String: EventField] { ["kind": .text(kind.rawValue), "heldOn": .day(heldOn)] }
        }

        public struct Corrected: DomainEvent {
            public static let name = "meeting.corrected"
            public let recordID: Int64
            public let organizationID: Int64?
            public let kind: MeetingKind
            public var entityID: Int64? { recordID }
            public var fields: [String: EventField] { ["kind": .text(kind.rawValue)] }
        }
    }
}
