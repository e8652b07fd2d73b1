import Dangjian

extension Councils {
    public enum Event {
        public static let unitJoined = UnitJoined.name
        public static let unitLeft = UnitLeft.name
        public static let meetingRecorded = MeetingRecorded.name

        /// A unit joined a sub-council; `organizationID` is the unit.
        public struct UnitJoined: DomainEvent {
            public static let name = "council.unitJoined"
            public let subCouncilID: Int64
            public let organizationID: Int64?
            public var entityID: Int64? { subCouncilID }
        }

        public struct UnitLeft: DomainEvent {
            public static let name = "council.unitLeft"
            public let subCouncilID: Int64
            public let organizationID: Int64?
            public var entityID: Int64? { subCouncilID }
        }

        /// `body` is "committee:ID" or "subcouncil:ID"; `organizationID` the body's holder.
        public struct MeetingRecorded: DomainEvent {
            public static let name = "council.meetingRecorded"
            public let meetingID: Int64
            public let organizationID: Int64?
            public let kind: CouncilMeetingKind
            public let body: String
            public let heldOn: Day
            public var entityID: Int64? { meetingID }
            public var fields: [String: EventField] {
                ["kind": .text(kind.rawValue), "body": .text(body), "heldOn": .day(heldOn)]
            }
        }
    }
}

extension Topics {
    public enum Event {
        public static let stageChanged = StageChanged.name

        /// A research topic reached a new stage; `organizationID` is its lead unit.
        public struct StageChanged: DomainEvent {
            public static let name = "council.topicStageChanged"
            public let topicID: Int64
            public let organizationID: Int64?
            public let stage: ResearchTopic.Stage
            public var entityID: Int64? { topicID }
            public var fields: [String: EventField] { ["stage": .text(stage.rawValue)] }
        }
    }
}
