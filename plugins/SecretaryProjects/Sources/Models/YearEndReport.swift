import Dangjian
import DangjianLua
import Foundation

/// 述职评议: a secretary's year-end report, the group's score sheets against the rubric the
/// Lua score function `secretary-report` defines, and the rating.
public struct YearEndReport: Sendable, Codable, Equatable {
    public enum Rating: String, Sendable, Codable, CaseIterable {
        /// 好 / 较好 / 一般 / 差
        case good, fairlyGood, average, poor
        public var zh: String {
            switch self {
            case .good: "好"
            case .fairlyGood: "较好"
            case .average: "一般"
            case .poor: "差"
            }
        }
    }

    public struct ScoreLine: Sendable, Codable, Equatable {
        public let item: String
        public let points: Double
    }

    public struct ScoreSheet: Sendable, Codable, Equatable {
        public let evaluatorMemberID: Int64
        public let items: [ScoreLine]
        public let total: Double
        public let rubricRef: String
    }

    public let id: Int64
    public let projectID: Int64
    public let year: Int
    public let text: String
    public let submittedOn: Day
    public var scores: [ScoreSheet]
    public var rating: Rating?
    /// The mean of the score sheets when the rating was given.
    public var average: Double?
    /// The case opened for the parent to decide on an admonition talk (诫勉谈话), if any.
    public var caseTaskID: Int64?
}

/// One rubric line: what is scored and the most it can earn.
public struct RubricItem: Sendable, Codable, Equatable {
    public let item: String
    public let max: Double
    public let description: String
}

public struct ReportDraft: Sendable, Codable {
    public var year: Int?
    public var text: String?
    public var submittedOn: String?
    public init(year: Int? = nil, text: String? = nil, submittedOn: String? = nil) {
        self.year = year
        self.text = text
        self.submittedOn = submittedOn
    }
}

public struct ScoreSheetDraft: Sendable, Codable {
    public struct Line: Sendable, Codable {
        public var item: String?
        public var points: Double?
        public init(item: String? = nil, points: Double? = nil) {
            self.item = item
            self.points = points
        }
    }
    public var items: [Line]?
    public init(items: [Line]? = nil) { self.items = items }
}

public struct RatingDraft: Sendable, Codable {
    public var rating: String?
    public var ratedOn: String?
    public init(rating: String? = nil, ratedOn: String? = nil) {
        self.rating = rating
        self.ratedOn = ratedOn
    }
}
