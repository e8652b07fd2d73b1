import Dangjian

/// The evaluation rubric (评分细则) of a round, from the Lua `score("brand-evaluation", …)`
/// function: each item's `points` there is the item's full marks, its `evidence` the criterion.
public struct Rubric: Sendable, Codable, Equatable {
    public struct Item: Sendable, Codable, Equatable {
        public let item: String
        public let max: Double
        public let criterion: String
    }

    public let items: [Item]
    /// "score:brand-evaluation@hash": which pack's version gave it.
    public let ruleRef: String

    public var total: Double { items.reduce(0) { $0 + $1.max } }
}

/// 展示、交流评比: a round of evaluation with its entries, evaluators, score sheets and ranking.
public struct EvaluationRound: Sendable, Codable, Equatable {
    public struct Entry: Sendable, Codable, Equatable {
        public let brandID: Int64
        public let brandName: String
        public let organizationID: Int64
        public let organizationName: String
        public let tier: Tier
        /// Score sheets received.
        public let sheets: Int
        /// The average of the evaluators' totals, to one decimal; nil before any sheet.
        public let average: Double?
        /// 1 = best; entries without a sheet are not ranked.
        public let rank: Int?
    }

    public let id: Int64
    public let organizationID: Int64
    public let title: String
    public let rubric: Rubric
    public let scoringDeadline: Day
    public let publishedOn: Day?
    /// Ranked entries first, best first.
    public let entries: [Entry]
    public let evaluatorMemberIDs: [Int64]
}

extension EvaluationRound {
    /// The round as an evaluator sees it before publication: no averages, no ranks, entries by id.
    var withoutRanking: EvaluationRound {
        let hidden = entries.sorted { $0.brandID < $1.brandID }.map {
            Entry(
                brandID: $0.brandID, brandName: $0.brandName, organizationID: $0.organizationID,
                organizationName: $0.organizationName,
                tier: $0.tier, sheets: $0.sheets, average: nil, rank: nil)
        }
        return EvaluationRound(
            id: id, organizationID: organizationID, title: title, rubric: rubric, scoringDeadline: scoringDeadline,
            publishedOn: publishedOn, entries: hidden, evaluatorMemberIDs: evaluatorMemberIDs)
    }
}

public struct ScoreSheet: Sendable, Codable, Equatable {
    public struct Item: Sendable, Codable, Equatable {
        public let item: String
        public let points: Double
    }
    public let id: Int64
    public let roundID: Int64
    public let brandID: Int64
    public let evaluatorMemberID: Int64
    public let items: [Item]
    public let total: Double
}

public struct RoundDraft: Sendable, Codable {
    public var organizationID: Int64?
    public var title: String?
    public var scoringDeadline: String?
    public var brandIDs: [Int64]?
    public var evaluatorMemberIDs: [Int64]?

    public init(
        organizationID: Int64? = nil, title: String? = nil, scoringDeadline: String? = nil, brandIDs: [Int64]? = nil,
        evaluatorMemberIDs: [Int64]? = nil
    ) {
        self.organizationID = organizationID
        self.title = title
        self.scoringDeadline = scoringDeadline
        self.brandIDs = brandIDs
        self.evaluatorMemberIDs = evaluatorMemberIDs
    }
}

public struct SheetDraft: Sendable, Codable {
    public struct Score: Sendable, Codable {
        public var item: String?
        public var points: Double?
        public init(item: String?, points: Double?) {
            self.item = item
            self.points = points
        }
    }
    public var brandID: Int64?
    /// Who scores; defaults to the caller's own member record.
    public var evaluatorMemberID: Int64?
    public var scores: [Score]?

    public init(brandID: Int64?, evaluatorMemberID: Int64? = nil, scores: [Score]?) {
        self.brandID = brandID
        self.evaluatorMemberID = evaluatorMemberID
        self.scores = scores
    }
}
