import Dangjian
import Foundation

/// 联建项目: a joint project of member units (seed 000: "党建联建、服务联推、文明共创、文化共育").
/// Its milestones are TaskRegistry items, issued by the lead unit to the unit responsible.
public struct JointProject: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case jointBuilding, servicePromotion, civilityCreation, cultureCultivation
        public var zh: String {
            switch self {
            case .jointBuilding: "党建联建"
            case .servicePromotion: "服务联推"
            case .civilityCreation: "文明共创"
            case .cultureCultivation: "文化共育"
            }
        }
    }

    public let id: Int64
    public let committeeID: Int64
    public var kind: Kind
    public var name: String
    public var leadID: Int64
    public var partnerIDs: [Int64]
    public var goals: String
    /// 共享资源: venues, teachers, volunteers the units put in.
    public var resources: String?
    public var results: String?
    public var startedOn: Day
    /// Task ids of the milestones.
    public var milestoneIDs: [Int64]
}

public struct JointProjectDraft: Sendable, Codable {
    public struct MilestoneDraft: Sendable, Codable {
        public var title: String?
        public var responsibleOrganizationID: Int64?
        public var dueOn: String?
        public var acceptanceCriteria: String?
        public init(
            title: String? = nil, responsibleOrganizationID: Int64? = nil, dueOn: String? = nil,
            acceptanceCriteria: String? = nil
        ) {
            self.title = title
            self.responsibleOrganizationID = responsibleOrganizationID
            self.dueOn = dueOn
            self.acceptanceCriteria = acceptanceCriteria
        }
    }

    public var committeeID: Int64?
    public var kind: String?
    public var name: String?
    public var leadID: Int64?
    public var partnerIDs: [Int64]?
    public var goals: String?
    public var resources: String?
    public var results: String?
    public var startedOn: String?
    public var milestones: [MilestoneDraft]?
    public init(
        committeeID: Int64? = nil, kind: String? = nil, name: String? = nil, leadID: Int64? = nil,
        partnerIDs: [Int64]? = nil,
        goals: String? = nil, resources: String? = nil, results: String? = nil, startedOn: String? = nil,
        milestones: [MilestoneDraft]? = nil
    ) {
        self.committeeID = committeeID
        self.kind = kind
        self.name = name
        self.leadID = leadID
        self.partnerIDs = partnerIDs
        self.goals = goals
        self.resources = resources
        self.results = results
        self.startedOn = startedOn
        self.milestones = milestones
    }
}
