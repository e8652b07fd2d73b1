import Dangjian

extension Liaisons {
    public enum Event {
        public static let assigned = Assigned.name
        public static let ended = Ended.name
        public static let logged = Logged.name

        public struct Assigned: DomainEvent {
            public static let name = "liaison.assigned"
            public let assignmentID: Int64
            public let organizationID: Int64?
            public let role: LiaisonRole
            public let subCouncilID: Int64
            public let memberID: Int64
            public var entityID: Int64? { assignmentID }
            public var fields: [String: EventField] {
                ["role": .text(role.rawValue), "subCouncilID": .integer(subCouncilID), "memberID": .integer(memberID)]
            }
        }

        public struct Ended: DomainEvent {
            public static let name = "liaison.ended"
            public let assignmentID: Int64
            public let organizationID: Int64?
            public let role: LiaisonRole
            public var entityID: Int64? { assignmentID }
            public var fields: [String: EventField] { ["role": .text(role.rawValue)] }
        }

        public struct Logged: DomainEvent {
            public static let name = "liaison.logged"
            public let entryID: Int64
            public let organizationID: Int64?
            public let kind: LiaisonLogKind
            public let on: Day
            public var entityID: Int64? { entryID }
            public var fields: [String: EventField] { ["kind": .text(kind.rawValue), "on": .day(on)] }
        }
    }
}
