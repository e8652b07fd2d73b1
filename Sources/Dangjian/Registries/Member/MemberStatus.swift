/// The development pipeline (发展党员): applicant → activist → development candidate →
/// probationary → full member.
public enum MemberStatus: String, Sendable, Codable, CaseIterable {
    case applicant, activist, developmentCandidate, probationary, full

    /// The stage's Chinese name, e.g. "发展对象" for `developmentCandidate`.
    public var zh: String {
        switch self {
        case .applicant: "入党申请人"
        case .activist: "入党积极分子"
        case .developmentCandidate: "发展对象"
        case .probationary: "预备党员"
        case .full: "正式党员"
        }
    }

    /// The allowed transitions. Forward one stage at a time; a branch may also send an activist
    /// or a development candidate back one stage (取消资格). Anything else, such as leaving the
    /// party, is a case for people to decide and is recorded elsewhere, never a status flip.
    public var next: Set<MemberStatus> {
        switch self {
        case .applicant: [.activist]
        case .activist: [.developmentCandidate, .applicant]
        case .developmentCandidate: [.probationary, .activist]
        case .probationary: [.full]
        case .full: []
        }
    }

    /// The stage-date field this status is entered on.
    public var dateField: String {
        switch self {
        case .applicant: "appliedOn"
        case .activist: "activistOn"
        case .developmentCandidate: "candidateOn"
        case .probationary: "admittedOn"
        case .full: "fullOn"
        }
    }

    var dateColumn: String {
        switch self {
        case .applicant: "applied_on"
        case .activist: "activist_on"
        case .developmentCandidate: "candidate_on"
        case .probationary: "admitted_on"
        case .full: "full_on"
        }
    }
}
