import Dangjian
import Foundation

/// 党建课题: a party-building research topic, from the annual call to awards and results
/// (seed 000; the graded call of seed 001). A topic never skips a stage.
public struct ResearchTopic: Sendable, Codable, Equatable {
    /// 重大 / 重点 / 一般 (seed 001 "重大课题、重点课题、一般课题").
    public enum Grade: String, Sendable, Codable, CaseIterable {
        case major, key, general
        public var zh: String {
            switch self {
            case .major: "重大"
            case .key: "重点"
            case .general: "一般"
            }
        }
    }

    /// 区级 / 市级: every district-level topic has an advisor (seed 000, 课题指导员).
    public enum Level: String, Sendable, Codable, CaseIterable {
        case district, municipal
    }

    public enum Stage: String, Sendable, Codable, CaseIterable {
        /// 申报
        case applied
        /// 立项
        case approved
        /// 开题 passed
        case kickedOff
        /// 中期论证 passed
        case midtermPassed
        /// 结题
        case concluded
        /// 评审获奖
        case awarded
        /// 未立项
        case rejected

        public var zh: String {
            switch self {
            case .applied: "已申报"
            case .approved: "已立项"
            case .kickedOff: "已开题"
            case .midtermPassed: "已通过中期论证"
            case .concluded: "已结题"
            case .awarded: "已获奖"
            case .rejected: "未立项"
            }
        }

        /// Still being researched: a secretary with such a topic "has a topic".
        public var isActive: Bool { [.applied, .approved, .kickedOff, .midtermPassed].contains(self) }

        /// The review that moves a topic on from this stage, if any.
        public var nextReview: ReviewKind? {
            switch self {
            case .approved: .kickoff
            case .kickedOff: .midterm
            case .midtermPassed: .conclusion
            default: nil
            }
        }
    }

    /// 开题 / 中期论证 / 结题
    public enum ReviewKind: String, Sendable, Codable, CaseIterable {
        case kickoff, midterm, conclusion
        public var zh: String {
            switch self {
            case .kickoff: "开题报告"
            case .midterm: "中期论证"
            case .conclusion: "结题"
            }
        }
        /// The document a review reads, as the Chinese collection and CSVs name it.
        public var documentZh: String {
            switch self {
            case .kickoff: "开题报告"
            case .midterm: "中期论证报告"
            case .conclusion: "结题报告"
            }
        }
        /// The stage a passed review leads to.
        public var passes: Stage {
            switch self {
            case .kickoff: .kickedOff
            case .midterm: .midtermPassed
            case .conclusion: .concluded
            }
        }
        /// Months allowed for the next review when no due date is given.
        var defaultMonths: Int {
            switch self {
            case .kickoff: 2
            case .midterm: 6
            case .conclusion: 6
            }
        }
    }

    public struct Review: Sendable, Codable, Equatable {
        public enum Outcome: String, Sendable, Codable, CaseIterable {
            case pending, passed, returned
        }
        public let id: Int64
        public let kind: ReviewKind
        /// 1 for the first submission; a returned review opens the next round.
        public let round: Int
        public var dueOn: Day
        public var submittedOn: Day?
        /// Where the submitted document is kept (file number, archive reference or link).
        public var document: String?
        public var outcome: Outcome
        public var reviewedOn: Day?
        public var reviewer: String?
        public var comments: String?
    }

    /// 市/区 一等奖… as awarded in the evaluation (评审).
    public struct Award: Sendable, Codable, Equatable {
        public enum Scope: String, Sendable, Codable, CaseIterable { case municipal, district }
        public enum Rank: String, Sendable, Codable, CaseIterable { case first, second, third, excellence }
        public let scope: Scope
        public let rank: Rank
        public let awardedOn: Day
        public let by: String?

        public var zh: String {
            let scope = self.scope == .municipal ? "市" : "区"
            return switch rank {
            case .first: "\(scope)一等奖"
            case .second: "\(scope)二等奖"
            case .third: "\(scope)三等奖"
            case .excellence: "\(scope)优秀奖"
            }
        }
    }

    /// 成果转化: where a result was put into practice.
    public struct Transfer: Sendable, Codable, Equatable {
        public let id: Int64
        public let organizationID: Int64
        public let appliedOn: Day
        public let description: String
    }

    public let id: Int64
    public let callID: Int64
    public let committeeID: Int64
    public var title: String
    public var grade: Grade
    public var level: Level
    /// The units doing the research; the first is the lead unit.
    public var unitIDs: [Int64]
    public var leadMemberID: Int64
    public var leadName: String
    /// Yuan.
    public var budget: Int
    public var summary: String?
    public var stage: Stage
    public var appliedOn: Day
    public var approvedOn: Day?
    public var advisor: String?
    public var reviews: [Review]
    public var award: Award?
    /// Chosen for the year's collection of outstanding papers (优秀党建论文集).
    public var outstanding: Bool
    public var transfers: [Transfer]

    public var leadUnitID: Int64 { unitIDs[0] }
}

/// The annual call (年度课题申报) of a committee, with its reference topics (参考课题).
public struct TopicCall: Sendable, Codable, Equatable {
    public let id: Int64
    public let committeeID: Int64
    public let year: Int
    public var title: String
    public var opensOn: Day
    public var closesOn: Day
    public var referenceTopics: [String]
}

public struct TopicCallDraft: Sendable, Codable {
    public var year: Int?
    public var title: String?
    public var opensOn: String?
    public var closesOn: String?
    public var referenceTopics: [String]?
    public init(
        year: Int? = nil, title: String? = nil, opensOn: String? = nil, closesOn: String? = nil,
        referenceTopics: [String]? = nil
    ) {
        self.year = year
        self.title = title
        self.opensOn = opensOn
        self.closesOn = closesOn
        self.referenceTopics = referenceTopics
    }
}

public struct TopicDraft: Sendable, Codable {
    public var callID: Int64?
    public var title: String?
    public var grade: String?
    public var level: String?
    /// The lead unit first.
    public var unitIDs: [Int64]?
    public var leadMemberID: Int64?
    public var budget: Int?
    public var summary: String?
    public var appliedOn: String?
    public init(
        callID: Int64? = nil, title: String? = nil, grade: String? = nil, level: String? = nil, unitIDs: [Int64]? = nil,
        leadMemberID: Int64? = nil, budget: Int? = nil, summary: String? = nil, appliedOn: String? = nil
    ) {
        self.callID = callID
        self.title = title
        self.grade = grade
        self.level = level
        self.unitIDs = unitIDs
        self.leadMemberID = leadMemberID
        self.budget = budget
        self.summary = summary
        self.appliedOn = appliedOn
    }
}

/// One step of a topic's way: approve, reject, assign an advisor, submit or decide a review,
/// award, select as outstanding. Which fields count depends on the step.
public struct TopicStepDraft: Sendable, Codable {
    public var on: String?
    public var advisor: String?
    /// The kind of review a submission or decision is for (kickoff, midterm, conclusion).
    public var review: String?
    public var document: String?
    public var outcome: String?
    public var reviewer: String?
    public var comments: String?
    /// The next review's due date (after approval or a pass), or the resubmission's (after a return).
    public var dueOn: String?
    public var awardScope: String?
    public var awardRank: String?
    public var awardedBy: String?
    public var reason: String?
    public init(
        on: String? = nil, advisor: String? = nil, review: String? = nil, document: String? = nil,
        outcome: String? = nil,
        reviewer: String? = nil, comments: String? = nil, dueOn: String? = nil, awardScope: String? = nil,
        awardRank: String? = nil, awardedBy: String? = nil, reason: String? = nil
    ) {
        self.on = on
        self.advisor = advisor
        self.review = review
        self.document = document
        self.outcome = outcome
        self.reviewer = reviewer
        self.comments = comments
        self.dueOn = dueOn
        self.awardScope = awardScope
        self.awardRank = awardRank
        self.awardedBy = awardedBy
        self.reason = reason
    }
}

public struct TransferDraft: Sendable, Codable {
    public var organizationID: Int64?
    public var appliedOn: String?
    public var description: String?
    public init(organizationID: Int64? = nil, appliedOn: String? = nil, description: String? = nil) {
        self.organizationID = organizationID
        self.appliedOn = appliedOn
        self.description = description
    }
}
