import Dangjian
import Foundation

/// One meeting or activity in an organisation's ledger (台账). Attendance is counted from
/// `attendees` and `absentees`; corrections bump `revision` and leave the old text in the audit log.
public struct LedgerRecord: Sendable, Codable, Equatable {
    public struct Attendee: Sendable, Codable, Equatable {
        public let memberID: Int64
        public let name: String
        /// Class hours (学时) credited for this record.
        public let classHours: Double
    }

    public struct Absentee: Sendable, Codable, Equatable {
        public let memberID: Int64
        public let name: String
        public let reason: String
    }

    public let id: Int64
    public let organizationID: Int64
    public var kind: MeetingKind
    /// When it began, China time, to the minute.
    public var heldAt: Date
    public var heldOn: Day
    public var place: String?
    /// Who chaired it (主持人), as written in the minutes.
    public var host: String?
    public var topic: String
    public var minutes: String?
    public var resolutions: String?
    public var attendees: [Attendee]
    public var absentees: [Absentee]
    public let createdAt: Date
    public var updatedAt: Date
    public var revision: Int
}

/// What a secretary sends to record a meeting, or to correct one (then `reason` is required).
public struct LedgerRecordDraft: Sendable, Codable {
    public struct AttendeeDraft: Sendable, Codable {
        public var memberID: Int64?
        public var classHours: Double?
        public init(memberID: Int64?, classHours: Double? = nil) {
            self.memberID = memberID
            self.classHours = classHours
        }
    }

    public struct AbsenteeDraft: Sendable, Codable {
        public var memberID: Int64?
        public var reason: String?
        public init(memberID: Int64?, reason: String?) {
            self.memberID = memberID
            self.reason = reason
        }
    }

    public var organizationID: Int64?
    public var kind: String?
    /// "2026-06-12T14:30" (China time) or "2026-06-12".
    public var heldAt: String?
    public var place: String?
    public var host: String?
    public var topic: String?
    public var minutes: String?
    public var resolutions: String?
    public var attendees: [AttendeeDraft]?
    public var absentees: [AbsenteeDraft]?
    /// Why a record is corrected; required for a correction, recorded in the audit log.
    public var reason: String?

    public init(
        organizationID: Int64? = nil, kind: String? = nil, heldAt: String? = nil, place: String? = nil,
        host: String? = nil, topic: String? = nil, minutes: String? = nil, resolutions: String? = nil,
        attendees: [AttendeeDraft]? = nil, absentees: [AbsenteeDraft]? = nil, reason: String? = nil
    ) {
        self.organizationID = organizationID
        self.kind = kind
        self.heldAt = heldAt
        self.place = place
        self.host = host
        self.topic = topic
        self.minutes = minutes
        self.resolutions = resolutions
        self.attendees = attendees
        self.absentees = absentees
        self.reason = reason
    }
}
