import Dangjian
import Foundation

/// A meeting of a committee or sub-council, or a lecture of the monthly series (每月一讲).
/// Seed 000: the committee meets every half year, each sub-council every quarter.
public enum CouncilMeetingKind: String, Sendable, Codable, CaseIterable {
    /// 专委会例会 (every half year)
    case plenary
    /// 分会例会 (every quarter)
    case subCouncil
    /// 每月一讲
    case lecture

    public var zh: String {
        switch self {
        case .plenary: "专委会例会"
        case .subCouncil: "分会例会"
        case .lecture: "每月一讲"
        }
    }
}

public struct CouncilMeeting: Sendable, Codable, Equatable {
    public struct Attendance: Sendable, Codable, Equatable {
        public let organizationID: Int64
        public let name: String
        public let present: Bool
        /// Who came for the unit, as written in the minutes.
        public let representative: String?
    }

    public let id: Int64
    public let kind: CouncilMeetingKind
    public let committeeID: Int64
    public let subCouncilID: Int64?
    public var heldAt: Date
    public var heldOn: Day
    public var title: String
    public var place: String?
    /// A lecture's speaker (主讲人), e.g. a scholar of the municipal party school.
    public var speaker: String?
    public var minutes: String?
    /// The research topics discussed.
    public var topicIDs: [Int64]
    /// Units present and absent (meetings), or nothing (lectures).
    public var units: [Attendance]
    /// People present at a lecture; for a meeting, the number of units present.
    public var attendeeCount: Int
}

public struct CouncilMeetingDraft: Sendable, Codable {
    public struct UnitDraft: Sendable, Codable {
        public var organizationID: Int64?
        public var present: Bool?
        public var representative: String?
        public init(organizationID: Int64? = nil, present: Bool? = nil, representative: String? = nil) {
            self.organizationID = organizationID
            self.present = present
            self.representative = representative
        }
    }

    public var kind: String?
    /// The committee for plenaries and lectures; for a sub-council's meeting, its committee is implied.
    public var committeeID: Int64?
    public var subCouncilID: Int64?
    public var heldAt: String?
    public var title: String?
    public var place: String?
    public var speaker: String?
    public var minutes: String?
    public var topicIDs: [Int64]?
    public var units: [UnitDraft]?
    public var attendeeCount: Int?

    public init(
        kind: String? = nil, committeeID: Int64? = nil, subCouncilID: Int64? = nil, heldAt: String? = nil,
        title: String? = nil, place: String? = nil, speaker: String? = nil, minutes: String? = nil,
        topicIDs: [Int64]? = nil, units: [UnitDraft]? = nil, attendeeCount: Int? = nil
    ) {
        self.kind = kind
        self.committeeID = committeeID
        self.subCouncilID = subCouncilID
        self.heldAt = heldAt
        self.title = title
        self.place = place
        self.speaker = speaker
        self.minutes = minutes
        self.topicIDs = topicIDs
        self.units = units
        self.attendeeCount = attendeeCount
    }
}
