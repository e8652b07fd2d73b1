import Dangjian

/// An application (项目申报). Lists arrive as text arrays; the work plan's items become tasks.
public struct BrandDraft: Sendable, Codable {
    public struct PlanItem: Sendable, Codable {
        public var title: String?
        public var responsibleOrganizationID: Int64?
        public var responsibleMemberID: Int64?
        public var dueOn: String?
        public var acceptanceCriteria: String?

        public init(
            title: String?, responsibleOrganizationID: Int64? = nil, responsibleMemberID: Int64? = nil,
            dueOn: String? = nil, acceptanceCriteria: String? = nil
        ) {
            self.title = title
            self.responsibleOrganizationID = responsibleOrganizationID
            self.responsibleMemberID = responsibleMemberID
            self.dueOn = dueOn
            self.acceptanceCriteria = acceptanceCriteria
        }
    }

    public var organizationID: Int64?
    public var name: String?
    public var idea: String?
    public var carriers: [String]?
    public var activityForms: [String]?
    public var standards: [String]?
    public var tier: String?
    public var appliedOn: String?
    public var plan: [PlanItem]?

    public init(
        organizationID: Int64?, name: String? = nil, idea: String? = nil, carriers: [String]? = nil,
        activityForms: [String]? = nil, standards: [String]? = nil, tier: String? = nil, appliedOn: String? = nil,
        plan: [PlanItem]? = nil
    ) {
        self.organizationID = organizationID
        self.name = name
        self.idea = idea
        self.carriers = carriers
        self.activityForms = activityForms
        self.standards = standards
        self.tier = tier
        self.appliedOn = appliedOn
        self.plan = plan
    }
}

/// A step of a brand's way: the day it is taken and, where it applies, a reason, an opinion,
/// evidence or the revised application.
public struct BrandStepDraft: Sendable, Codable {
    public var on: String?
    public var reason: String?
    public var opinion: String?
    /// Evidence: the checklist item's number and the note.
    public var item: Int?
    public var note: String?
    /// Promotion: the practice to promote.
    public var practice: String?
    /// Resubmission: the revised application, each part optional (what is left out stays).
    /// Only a returned application is revised in full; after a return at the assessment only
    /// the idea may change.
    public var idea: String?
    public var name: String?
    public var carriers: [String]?
    public var activityForms: [String]?
    public var standards: [String]?
    public var tier: String?
    /// A revised work plan: its items are opened as tasks beside the earlier plan's.
    public var plan: [BrandDraft.PlanItem]?

    public init(
        on: String? = nil, reason: String? = nil, opinion: String? = nil, item: Int? = nil, note: String? = nil,
        practice: String? = nil, idea: String? = nil, name: String? = nil, carriers: [String]? = nil,
        activityForms: [String]? = nil, standards: [String]? = nil, tier: String? = nil,
        plan: [BrandDraft.PlanItem]? = nil
    ) {
        self.on = on
        self.reason = reason
        self.opinion = opinion
        self.item = item
        self.note = note
        self.practice = practice
        self.idea = idea
        self.name = name
        self.carriers = carriers
        self.activityForms = activityForms
        self.standards = standards
        self.tier = tier
        self.plan = plan
    }

    /// Whether it revises more than the idea.
    var revisesApplication: Bool {
        name != nil || carriers != nil || activityForms != nil || standards != nil || tier != nil || plan != nil
    }
}

public struct AdoptionDraft: Sendable, Codable {
    public var organizationID: Int64?
    public var adoptedOn: String?
    public var results: String?

    public init(organizationID: Int64? = nil, adoptedOn: String? = nil, results: String? = nil) {
        self.organizationID = organizationID
        self.adoptedOn = adoptedOn
        self.results = results
    }
}
