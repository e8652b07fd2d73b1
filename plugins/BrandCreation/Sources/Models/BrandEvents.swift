import Dangjian

extension Brands {
    public enum Event {
        public static let stageChanged = StageChanged.name

        /// A brand reached a new stage; `stage` is the new one.
        public struct StageChanged: DomainEvent {
            public static let name = "brand.stageChanged"
            public let brandID: Int64
            public let organizationID: Int64?
            public let stage: Brand.Stage
            public var entityID: Int64? { brandID }
            public var fields: [String: EventField] { ["stage": .text(stage.rawValue)] }
        }
    }
}

extension Evaluations {
    public enum Event {
        public static let resultsPublished = ResultsPublished.name

        /// One brand's result in a published round, for its unit.
        public struct ResultsPublished: DomainEvent {
            public static let name = "brand.resultsPublished"
            public let roundID: Int64
            public let organizationID: Int64?
            public let brandID: Int64
            public var entityID: Int64? { roundID }
            public var fields: [String: EventField] { ["brandID": .integer(brandID)] }
        }
    }
}
