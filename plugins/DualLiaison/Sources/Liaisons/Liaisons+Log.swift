import Dangjian
import DangjianLua
import Foundation
import RegionalCouncil

/// The liaison log: what each liaison did for their sub-council, checked against who held the
/// role on the day, the sub-council's own meetings and topics undertaken by its units.
extension Liaisons {
    public static let logEntry = Entity("liaison.logEntry", zh: "联系工作记录", en: "Liaison log entry")

    public func log(_ draft: LiaisonLogDraft, by actor: Principal) async throws -> LiaisonLogEntry {
        let kind: LiaisonLogKind = try Validate.enumValue(draft.kind, field: "kind")
        guard let memberID = draft.memberID else { throw DangjianError.required("memberID") }
        guard let subCouncilID = draft.subCouncilID else { throw DangjianError.required("subCouncilID") }
        let note = try Validate.optionalText(draft.note, field: "note", max: 2000, multiline: true)
        if draft.meetingID != nil, kind != .meeting {
            throw DangjianError.badValue("meetingID", zh: "只有参加会议的记录才能关联会议", en: "only a meeting entry names a meeting")
        }
        if draft.topicID != nil, kind != .topicContact {
            throw DangjianError.badValue("topicID", zh: "只有课题联系记录才能关联课题", en: "only a topic contact names a topic")
        }
        let duplicate = DangjianError.conflict(
            DualLiaisonErrorCode.duplicateEntry, field: "meetingID",
            zh: "该联系人参加这次会议已有记录", en: "This liaison's attendance at this meeting is logged already")
        do {
            return try await write(
                kind, member: memberID, subCouncil: subCouncilID, note: note, draft: draft, by: actor)
        } catch is UniqueViolation {
            throw duplicate
        }
    }

    private func write(
        _ kind: LiaisonLogKind, member memberID: Int64, subCouncil subCouncilID: Int64, note: String?,
        draft: LiaisonLogDraft, by actor: Principal
    ) async throws -> LiaisonLogEntry {
        try await host.store.write(actor) { tx in
            let s = tx.session
            let sub = try Councils.subCouncilRow(subCouncilID, in: s)
            let access = try Councils.writable(sub.committeeID, as: Councils.subCouncil, in: tx)
            var on = try Validate.day(draft.on, field: "on")
            if let meetingID = draft.meetingID {
                let held = try Self.meetingDay(meetingID, of: sub, in: s)
                guard on == nil || on == held else {
                    throw DangjianError.invalid(
                        DualLiaisonErrorCode.notTheMeetingDay, field: "on",
                        zh: "该会议于 \(held) 召开，不是 \(on!)", en: "The meeting was held on \(held), not \(on!)")
                }
                on = held
            }
            guard let day = on else { throw DangjianError.required("on") }
            try Validate.notFuture(day, field: "on", today: tx.today)
            if let topicID = draft.topicID {
                guard let topic = try CouncilDirectory.topics(ids: [topicID], in: s)[topicID] else {
                    throw DangjianError.notFound(Topics.topic)
                }
                guard topic.committeeID == sub.committeeID else {
                    throw DangjianError.invalid(
                        DualLiaisonErrorCode.topicOfAnotherCommittee, field: "topicID",
                        zh: "课题 \(topicID) 不是本专委会的课题", en: "Topic \(topicID) is not this committee's")
                }
                // The staff liaison serves the sub-council's own topics: one of its units undertakes it.
                let units = try CouncilDirectory.unitIDs(ofSubCouncils: [sub.id], in: s)[sub.id] ?? []
                guard topic.unitIDs.contains(where: units.contains) else {
                    throw DangjianError.invalid(
                        DualLiaisonErrorCode.topicOfAnotherSubCouncil, field: "topicID",
                        zh: "课题 \(topicID) 的承担单位都不是「\(sub.name)」的成员单位",
                        en: "None of topic \(topicID)'s units is a unit of \(sub.name)")
                }
            }
            let role = try Self.role(of: memberID, at: sub.id, on: day, for: kind, in: s)
            let id = try s.insert(
                """
                INSERT INTO liaison_log (committee_id, subcouncil_id, member_id, role, kind, meeting_id, topic_id, happened_on, note, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .integer(sub.committeeID), .integer(sub.id), .integer(memberID), SQLValue(role), SQLValue(kind),
                    SQLValue(draft.meetingID), SQLValue(draft.topicID), SQLValue(day), SQLValue(note), tx.timestamp,
                ])
            let entry = try Self.entries("l.id = ?", [.integer(id)], in: s)[0]
            try tx.audit(
                Self.logEntry, id: id, action: "create", path: access.path, before: LiaisonLogEntry?.none, after: entry)
            tx.emit(Event.Logged(entryID: id, organizationID: access.organizationID, kind: kind, on: day))
            return entry
        }
    }

    /// A sub-council's log in a period ("2026-Q2", "2026-06", "2026-H1", "2026"; this year when absent), oldest first.
    public func log(ofSubCouncil subCouncilID: Int64, period: String?, by actor: Principal) async throws
        -> [LiaisonLogEntry]
    {
        let span = try Councils.period(period, today: host.store.clock.today(), code: DualLiaisonErrorCode.badPeriod)
        return try await host.store.read { s in
            let sub = try Councils.subCouncilRow(subCouncilID, in: s)
            _ = try Councils.readable(sub.committeeID, actor: actor, as: Councils.subCouncil, in: s)
            return try Self.entries(
                "l.subcouncil_id = ? AND l.happened_on BETWEEN ? AND ?",
                [.integer(subCouncilID), SQLValue(span.start), SQLValue(span.end)], in: s)
        }
    }

    /// The day of a meeting of this sub-council; another body's meeting is refused.
    static func meetingDay(_ meetingID: Int64, of sub: SubCouncil, in s: any SQLSession) throws -> Day {
        guard let meeting = try CouncilDirectory.meetings(ids: [meetingID], in: s)[meetingID] else {
            throw DangjianError.notFound(Councils.meeting)
        }
        guard meeting.kind == .subCouncil, meeting.subCouncilID == sub.id else {
            throw DangjianError.invalid(
                DualLiaisonErrorCode.meetingOfAnotherSubCouncil, field: "meetingID",
                zh: "会议 \(meetingID) 不是「\(sub.name)」的例会", en: "Meeting \(meetingID) is not a meeting of \(sub.name)")
        }
        return meeting.heldOn
    }

    /// The role the member held for the sub-council on the day. A topic contact is the staff
    /// liaison's duty; meetings and activities are logged for either.
    static func role(
        of memberID: Int64, at subCouncilID: Int64, on day: Day, for kind: LiaisonLogKind, in s: any SQLSession
    ) throws -> LiaisonRole {
        let roles: Set<LiaisonRole> = Set(
            try s.query(
                """
                SELECT role FROM liaison_assignments WHERE subcouncil_id = ? AND member_id = ? AND from_on <= ? AND (to_on IS NULL OR to_on >= ?)
                """, [.integer(subCouncilID), .integer(memberID), SQLValue(day), SQLValue(day)]
            ).map { try $0.enumValue("role") })
        guard !roles.isEmpty else {
            throw DangjianError.invalid(
                DualLiaisonErrorCode.notALiaison, field: "memberID",
                zh: "党员 \(memberID) 在 \(day) 不是该分会的联系人",
                en: "Member \(memberID) was not a liaison of this sub-council on \(day)")
        }
        if kind == .topicContact {
            guard roles.contains(.staff) else {
                throw DangjianError.invalid(
                    DualLiaisonErrorCode.notStaffLiaison, field: "kind",
                    zh: "课题沟通联系是党办联系人的职责", en: "Topic contacts are the staff liaison's duty")
            }
            return .staff
        }
        return roles.contains(.leader) ? .leader : .staff
    }

    static func entries(_ condition: String, _ arguments: [SQLValue], in s: any SQLSession) throws -> [LiaisonLogEntry]
    {
        let rows = try s.query(
            """
            SELECT l.id, l.subcouncil_id, l.committee_id, l.member_id, l.role, l.kind, l.meeting_id, l.topic_id, l.happened_on, l.note
            FROM liaison_log l WHERE \(condition) ORDER BY l.happened_on, l.id
            """, arguments)
        let people = try MemberRegistry.facts(of: try rows.map { try $0.int64("member_id") }, in: s)
        return try rows.compactMap { row in
            guard let person = people[try row.int64("member_id")] else { return nil }
            return LiaisonLogEntry(
                id: try row.int64("id"), subCouncilID: try row.int64("subcouncil_id"),
                committeeID: try row.int64("committee_id"),
                memberID: person.id, name: person.name, role: try row.enumValue("role"),
                kind: try row.enumValue("kind"), meetingID: try row.optionalInt64("meeting_id"),
                topicID: try row.optionalInt64("topic_id"), on: try row.day("happened_on"),
                note: try row.optionalString("note"))
        }
    }
}
