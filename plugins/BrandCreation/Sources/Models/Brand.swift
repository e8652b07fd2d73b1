import Dangjian

/// 党建品牌: a unit's party-building brand (一单位一品牌), from the application (项目申报) to
/// recognition at its tier, its evidence per checklist item, and its promotion (推广).
public struct Brand: Sendable, Codable, Equatable {
    public enum Stage: String, Sendable, Codable, CaseIterable {
        case applied, approved, inCreation, assessed, recognised, returned

        public var zh: String {
            switch self {
            case .applied: "已申报"
            case .approved: "已批准创建"
            case .inCreation: "创建中"
            case .assessed: "已考核"
            case .recognised: "已命名"
            case .returned: "已退回"
            }
        }

        /// Stages that wait on the organisation above rather than on the unit.
        public var awaitsParent: Bool { self == .applied || self == .assessed }
    }

    /// Evidence (佐证材料) for one checklist item.
    public struct Evidence: Sendable, Codable, Equatable {
        public let id: Int64
        /// 1-based number of the item in the tier's checklist.
        public let item: Int
        public let note: String
        public let recordedOn: Day
    }

    /// One checklist item with whether it has evidence.
    public struct ChecklistItem: Sendable, Codable, Equatable {
        public let item: Int
        public let text: String
        public let evidenced: Bool
    }

    public let id: Int64
    public let organizationID: Int64
    public var organizationName: String
    public var name: String
    /// 品牌理念
    public var idea: String
    /// 载体, e.g. 党员示范岗, 课题攻坚党小组, "金点子" 征集 (seed 002).
    public var carriers: [String]
    /// 活动形式
    public var activityForms: [String]
    /// The brand's own 评价标准.
    public var standards: [String]
    public var tier: Tier
    public var stage: Stage
    /// The day the brand entered its stage: a stalled stage is counted from it.
    public var stageSince: Day
    public var appliedOn: Day
    public var recognisedOn: Day?
    /// Why it was returned, while it is.
    public var returnReason: String?
    /// The stage it was returned from (applied or assessed): a resubmission goes back there.
    public var returnedFrom: Stage?
    /// The work plan's kernel tasks.
    public var planTaskIDs: [Int64]
    public var evidence: [Evidence]
    /// The practice marked for promotion (推广), once recognised.
    public var promotedPractice: String?
    public var promotedOn: Day?

    /// The checklist of its tier, each item with whether evidence is recorded.
    public var checklist: [ChecklistItem] {
        let evidenced = Set(evidence.map(\.item))
        return tier.checklist.enumerated().map {
            ChecklistItem(item: $0 + 1, text: $1, evidenced: evidenced.contains($0 + 1))
        }
    }

    /// The checklist items without evidence: what stands between the brand and recognition.
    public var gaps: [ChecklistItem] { checklist.filter { !$0.evidenced } }
}

/// Another unit's adoption of a promoted practice, and what it reported.
public struct Adoption: Sendable, Codable, Equatable {
    public let id: Int64
    public let brandID: Int64
    public let organizationID: Int64
    public var organizationName: String
    public let adoptedOn: Day
    public var results: String?
    public var reportedOn: Day?
}

/// A promoted practice (推广) as every caller sees it: what to adopt, nothing about people.
public struct PromotedPractice: Sendable, Codable, Equatable {
    public let brandID: Int64
    public let name: String
    public let tier: Tier
    public let idea: String
    public let carriers: [String]
    public let activityForms: [String]
    public let practice: String
    public let promotedOn: Day

    init?(_ brand: Brand) {
        guard let practice = brand.promotedPractice, let promotedOn = brand.promotedOn else { return nil }
        self.brandID = brand.id
        self.name = brand.name
        self.tier = brand.tier
        self.idea = brand.idea
        self.carriers = brand.carriers
        self.activityForms = brand.activityForms
        self.practice = practice
        self.promotedOn = promotedOn
    }
}
