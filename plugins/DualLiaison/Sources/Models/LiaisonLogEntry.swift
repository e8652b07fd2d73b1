import Dangjian
import Foundation

/// What a liaison did for a sub-council. The leader's duty is its meetings and activities
/// ("定期参与分会的会议和活动"), the staff's the contact on research topics ("做好各分会党建课题的
/// 沟通、协调、联系与服务工作").
public enum LiaisonLogKind: String, Sendable, Codable, CaseIterable {
    /// Attended a sub-council meeting (optionally naming the recorded meeting).
    case meeting
    /// Took part in a sub-council activity.
    case activity
    /// The staff liaison's contact on a research topic (optionally naming the topic).
    case topicContact

    public var zh: String {
        switch self {
        case .meeting: "参加分会会议"
        case .activity: "参加分会活动"
        case .topicContact: "课题沟通联系"
        }
    }
}

/// One entry of the liaison log (联系工作记录).
public struct LiaisonLogEntry: Sendable, Codable, Equatable {
    public let id: Int64
    public let subCouncilID: Int64
    public let committeeID: Int64
    public let memberID: Int64
    public let name: String
    /// The role the member held for the sub-council on that day.
    public let role: LiaisonRole
    public let kind: LiaisonLogKind
    public let meetingID: Int64?
    public let topicID: Int64?
    public let on: Day
    public let note: String?
}

public struct LiaisonLogDraft: Sendable, Codable {
    public var memberID: Int64?
    public var subCouncilID: Int64?
    public var kind: String?
    public var meetingID: Int64?
    public var topicID: Int64?
    /// The day; for a named meeting, its day (the default).
    public var on: String?
    public var note: String?

    public init(
        memberID: Int64? = nil, subCouncilID: Int64? = nil, kind: String? = nil, meetingID: Int64? = nil,
        topicID: Int64? = nil, on: String? = nil, note: String? = nil
    ) {
        self.memberID = memberID
        self.subCouncilID = subCouncilID
        self.kind = kind
        self.meetingID = meetingID
        self.topicID = topicID
        self.on = on
        self.note = note
    }
}
