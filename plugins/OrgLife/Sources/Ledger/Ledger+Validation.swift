import Dangjian
import Foundation

extension Ledger {
    /// A draft checked for shape, before the database checks the organisation and its members.
    struct ValidRecord: Sendable {
        let organizationID: Int64
        let kind: MeetingKind
        let heldAt: Date
        let place: String?
        let host: String?
        let topic: String
        let minutes: String?
        let resolutions: String?
        let attendees: [(memberID: Int64, classHours: Double)]
        let absentees: [(memberID: Int64, reason: String)]
    }

    /// Minutes are text typed or pasted by a secretary; scans go to the document store, not here.
    static let maxMinutes = 20_000

    /// Class hours credited per attendee when the draft gives none: a lecture or a study
    /// session counts as a two-hour session (EDU), a meeting counts nothing towards the 32.
    static func defaultClassHours(_ kind: MeetingKind) -> Double {
        kind == .partyLecture || kind == .studySession ? 2 : 0
    }

    static func validate(_ draft: LedgerRecordDraft, now: Date) throws -> ValidRecord {
        guard let organizationID = draft.organizationID else { throw DangjianError.required("organizationID") }
        let kind: MeetingKind = try Validate.enumValue(draft.kind, field: "kind")
        let heldAt = try parseHeldAt(draft.heldAt)
        if heldAt > now {
            throw DangjianError.invalid(
                KernelErrorCode.validationFutureDate, field: "heldAt",
                zh: "不能登记尚未召开的会议或活动", en: "A meeting cannot be recorded before it was held")
        }
        var seen: Set<Int64> = []
        var attendees: [(Int64, Double)] = []
        for (index, attendee) in (draft.attendees ?? []).enumerated() {
            guard let id = attendee.memberID else { throw DangjianError.required("attendees.\(index).memberID") }
            let hours = attendee.classHours ?? defaultClassHours(kind)
            guard hours >= 0, hours <= 24 else {
                throw DangjianError.badValue(
                    "attendees.\(index).classHours", zh: "学时应在 0 到 24 之间", en: "must be between 0 and 24")
            }
            guard seen.insert(id).inserted else { throw duplicateAttendee(id, field: "attendees.\(index).memberID") }
            attendees.append((id, hours))
        }
        var absentees: [(Int64, String)] = []
        for (index, absentee) in (draft.absentees ?? []).enumerated() {
            guard let id = absentee.memberID else { throw DangjianError.required("absentees.\(index).memberID") }
            let reason = try Validate.text(absentee.reason, field: "absentees.\(index).reason", max: 200)
            guard seen.insert(id).inserted else { throw duplicateAttendee(id, field: "absentees.\(index).memberID") }
            absentees.append((id, reason))
        }
        return ValidRecord(
            organizationID: organizationID, kind: kind, heldAt: heldAt,
            place: try Validate.optionalText(draft.place, field: "place", max: 200),
            host: try Validate.optionalText(draft.host, field: "host", max: 50),
            topic: try Validate.text(draft.topic, field: "topic", max: 200),
            minutes: try Validate.optionalText(draft.minutes, field: "minutes", max: maxMinutes, multiline: true),
            resolutions: try Validate.optionalText(draft.resolutions, field: "resolutions", max: 5000, multiline: true),
            attendees: attendees, absentees: absentees)
    }

    static func parseHeldAt(_ text: String?) throws -> Date { try Validate.moment(text, field: "heldAt") }

    static func duplicateAttendee(_ id: Int64, field: String) -> DangjianError {
        .invalid(
            OrgLifeErrorCode.duplicateAttendee, field: field,
            zh: "党员 \(id) 在出席和缺席名单中重复出现", en: "Member \(id) appears twice among attendees and absentees")
    }

    /// What the checks need to know of an organisation, read once per organisation and write
    /// (a batch of a branch's history reads it once, not once per record).
    struct Facts {
        let organization: Organization
        let hasCommittee: Bool
        /// Its party members (full and probationary): for a party group, its branch's.
        let members: Set<Int64>
    }

    /// Reads the facts inside the write, after checking the caller may write its ledger.
    static func facts(of organizationID: Int64, in tx: Transaction) throws -> Facts {
        let s = tx.session
        let path = try OrganizationRegistry.path(of: organizationID, in: s, scope: tx.actor.scope(for: .readLedger))
        try tx.actor.require(.writeLedger, over: path)
        let organization = try OrganizationRegistry.load(organizationID, in: s)!
        guard !organization.isArchived else {
            throw DangjianError.conflict(
                KernelErrorCode.organizationArchived, zh: "该组织已撤销", en: "The organisation is archived")
        }
        // A party group's members are held by its branch (members are never held by a group).
        let holder = organization.kind == .group ? (organization.parentID ?? organization.id) : organization.id
        // Party members only (full and probationary): applicants and activists may sit in on a
        // lecture, but they are not recorded as attending the organisation's life.
        let members = try MemberRegistry.memberIDs(of: holder, statuses: [.full, .probationary], in: s)
        return Facts(
            organization: organization,
            hasCommittee: !(try OrganizationRegistry.committee(of: organization.id, in: s).isEmpty),
            members: members)
    }

    /// Checks the record against its organisation and people.
    static func check(_ record: ValidRecord, against facts: Facts) throws {
        let organization = facts.organization
        let members = facts.members
        if record.kind == .committeeMeeting, !facts.hasCommittee {
            throw DangjianError.invalid(
                OrgLifeErrorCode.noCommittee, field: "kind",
                zh: "「\(organization.name)」未设支部委员会，不能登记支委会",
                en: "\(organization.name) has no committee, so it cannot hold a committee meeting")
        }
        let people = record.attendees.count + record.absentees.count
        if people > members.count {
            throw DangjianError.invalid(
                OrgLifeErrorCode.attendanceExceedsMembership, field: "attendees",
                zh: "出席和缺席共 \(people) 人，超过本组织党员人数 \(members.count)",
                en: "\(people) attendees and absentees, but the organisation has \(members.count) members")
        }
        for (index, id) in (record.attendees.map(\.memberID) + record.absentees.map(\.memberID)).enumerated()
        where !members.contains(id) {
            let field =
                index < record.attendees.count
                ? "attendees.\(index).memberID" : "absentees.\(index - record.attendees.count).memberID"
            throw DangjianError.invalid(
                OrgLifeErrorCode.notAMember, field: field,
                zh: "党员 \(id) 不是「\(organization.name)」的党员", en: "Member \(id) is not a member of \(organization.name)")
        }
    }
}
