import Dangjian

/// The kinds of organisational life a ledger records (三会一课 and the others), with the names
/// from the glossary. The raw values are what the API, the CSV and Lua use.
public enum MeetingKind: String, Sendable, Codable, CaseIterable {
    case generalMeeting, committeeMeeting, groupMeeting, partyLecture
    case themeDay, orgLifeMeeting, democraticEvaluation, heartToHeartTalk, studySession

    public var zh: String {
        switch self {
        case .generalMeeting: "支部党员大会"
        case .committeeMeeting: "支委会"
        case .groupMeeting: "党小组会"
        case .partyLecture: "党课"
        case .themeDay: "主题党日"
        case .orgLifeMeeting: "组织生活会"
        case .democraticEvaluation: "民主评议党员"
        case .heartToHeartTalk: "谈心谈话"
        case .studySession: "集中学习"
        }
    }

    /// What the branch rules ask for (RULES.md 17–25), for the compliance matrix and the
    /// monthly tips: the period in which at least `times` records are due. Heart-to-heart
    /// talks and class hours are counted per member; see `Requirement`.
    public var cadence: (period: String, times: Int)? {
        switch self {
        case .generalMeeting: ("quarter", 1)
        case .committeeMeeting: ("month", 1)
        case .groupMeeting: ("month", 1)
        case .partyLecture: ("quarter", 1)
        case .themeDay: ("month", 1)
        case .orgLifeMeeting: ("year", 1)
        case .democraticEvaluation: ("year", 1)
        case .heartToHeartTalk, .studySession: nil
        }
    }
}
