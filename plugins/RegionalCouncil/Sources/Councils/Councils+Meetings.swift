import Dangjian
import DangjianLua
import Foundation

/// Meetings of committees and sub-councils, and the monthly lecture series (每月一讲).
extension Councils {
    public static let meeting = Entity("council.meeting", zh: "联席会会议", en: "Council meeting")

    public func record(_ draft: CouncilMeetingDraft, by actor: Principal) async throws -> CouncilMeeting {
        let kind: CouncilMeetingKind = try Validate.enumValue(draft.kind, field: "kind")
        let heldAt = try Validate.moment(draft.heldAt, field: "heldAt")
        let title = try Validate.text(draft.title, field: "title", max: 200)
        let place = try Validate.optionalText(draft.place, field: "place", max: 200)
        let speaker = try Validate.optionalText(draft.speaker, field: "speaker", max: 100)
        let minutes = try Validate.optionalText(draft.minutes, field: "minutes", max: 20_000, multiline: true)
        if kind == .lecture, speaker == nil { throw DangjianError.required("speaker") }
        if let count = draft.attendeeCount, !(0...100_000).contains(count) {
            throw DangjianError.badValue("attendeeCount", zh: "应为 0 到 100000", en: "must be 0 to 100000")
        }
        if kind == .lecture, draft.attendeeCount == nil { throw DangjianError.required("attendeeCount") }
        let units = try Self.attendance(draft.units ?? [])
        let topicIDs = Array(Set(draft.topicIDs ?? [])).sorted()
        guard topicIDs.count <= 100 else { throw DangjianError.tooLong("topicIDs", max: 100) }
        guard units.count <= 500 else { throw DangjianError.tooLong("units", max: 500) }
        let duplicate = DangjianError.conflict(
            RegionalCouncilErrorCode.duplicateMeeting, field: "heldAt",
            zh: "同一时间的该会议已登记", en: "This meeting at this time is recorded already")
        return try await UniqueViolation.refused(as: duplicate) {
            try await write(
                kind, units: units, topicIDs: topicIDs, heldAt: heldAt, title: title, place: place, speaker: speaker,
                minutes: minutes, draft: draft, by: actor)
        }
    }

    private func write(
        _ kind: CouncilMeetingKind, units: [(id: Int64, present: Bool, representative: String?)], topicIDs: [Int64],
        heldAt: Date, title: String, place: String?, speaker: String?, minutes: String?, draft: CouncilMeetingDraft,
        by actor: Principal
    ) async throws -> CouncilMeeting {
        try await host.store.write(actor) { tx in
            let s = tx.session
            guard heldAt <= tx.now else {
                throw DangjianError.invalid(
                    KernelErrorCode.validationFutureDate, field: "heldAt", zh: "会议时间不能晚于现在",
                    en: "A meeting cannot be recorded before it is held")
            }
            let body: String
            let committeeID: Int64
            let members: Set<Int64>
            // Who holds the meeting: the convener, or the committee's organisation (for event hooks).
            let holder: Int64
            let established: Day
            switch kind {
            case .subCouncil:
                guard let subID = draft.subCouncilID else { throw DangjianError.required("subCouncilID") }
                let sub = try Self.subCouncilRow(subID, in: s)
                let access = try Self.readable(sub.committeeID, actor: actor, as: Self.subCouncil, in: s)
                // The convener records its sub-council's meetings; the committee may too.
                let convener = try OrganizationRegistry.path(of: sub.convenerID, in: s, scope: Scope(paths: ["/"]))
                guard actor.has(.writeLedger, over: convener) || actor.has(.writeLedger, over: access.path) else {
                    throw DangjianError.forbidden(
                        zh: "分会会议由分会召集单位或专委会所在党组织记录",
                        en: "only the sub-council's convener or the committee's organisation records its meetings")
                }
                if let given = draft.committeeID, given != sub.committeeID {
                    throw DangjianError.badValue(
                        "committeeID", zh: "分会不属于该专委会", en: "the sub-council belongs to another committee")
                }
                (body, committeeID, members) = (
                    "subcouncil:\(subID)", sub.committeeID, Set(sub.units.map(\.organizationID))
                )
                (holder, established) = (sub.convenerID, sub.establishedOn)
            case .plenary, .lecture:
                guard draft.subCouncilID == nil else {
                    throw DangjianError.badValue(
                        "subCouncilID", zh: "专委会例会和每月一讲不属于分会",
                        en: "plenaries and lectures belong to the committee, not a sub-council")
                }
                guard let id = draft.committeeID else { throw DangjianError.required("committeeID") }
                _ = try Self.writable(id, in: tx)
                (body, committeeID, members) = ("committee:\(id)", id, try Self.unitIDs(ofCommittee: id, in: s))
                let committee = try Self.committee(id, in: s)
                (holder, established) = (committee.organizationID, committee.establishedOn)
            }
            // A meeting of a body with member units records which came; a lecture counts people instead.
            if kind != .lecture, units.isEmpty, !members.isEmpty { throw DangjianError.required("units") }
            guard Day(heldAt) >= established else {
                throw DangjianError.invalid(
                    KernelErrorCode.validationDateOrder, field: "heldAt",
                    zh: "会议日期不能早于其设立日期 \(established)",
                    en: "A meeting cannot be before its body was set up (\(established))")
            }
            for (index, unit) in units.enumerated() where !members.contains(unit.id) {
                throw kind == .subCouncil
                    ? DangjianError.invalid(
                        RegionalCouncilErrorCode.notAUnit, field: "units.\(index).organizationID",
                        zh: "单位 \(unit.id) 不是该分会的成员单位",
                        en: "Organisation \(unit.id) is not a member unit of this sub-council")
                    : Self.notAUnit(unit.id, field: "units.\(index).organizationID")
            }
            if !topicIDs.isEmpty {
                let marks = topicIDs.map { _ in "?" }.joined(separator: ", ")
                let known = try s.scalarInt(
                    "SELECT COUNT(*) FROM council_topics WHERE committee_id = ? AND id IN (\(marks))",
                    [.integer(committeeID)] + topicIDs.map { .integer($0) })
                guard known == topicIDs.count else {
                    throw DangjianError.badValue(
                        "topicIDs", zh: "所列课题须为本专委会的课题", en: "the topics discussed must be this committee's topics")
                }
            }
            let count = draft.attendeeCount ?? units.filter(\.present).count
            let id = try s.insert(
                """
                INSERT INTO council_meetings (committee_id, subcouncil_id, body, kind, held_at, held_on, title, place, speaker, minutes,
                    topic_ids, attendee_count, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .integer(committeeID), SQLValue(kind == .subCouncil ? draft.subCouncilID : nil), .text(body),
                    SQLValue(kind),
                    SQLValue(heldAt), SQLValue(Day(heldAt)), .text(title), SQLValue(place), SQLValue(speaker),
                    SQLValue(minutes),
                    .text(JSONText.encode(topicIDs)), SQLValue(count), tx.timestamp,
                ])
            for unit in units {
                try s.execute(
                    "INSERT INTO council_meeting_units (meeting_id, organization_id, present, representative) VALUES (?, ?, ?, ?)",
                    [.integer(id), .integer(unit.id), SQLValue(unit.present), SQLValue(unit.representative)])
            }
            let meeting = try Self.meetings(ids: [id], in: s)[0]
            let path = try Self.readable(committeeID, actor: .system, in: s).path
            try tx.audit(
                Self.meeting, id: id, action: "create", path: path, before: CouncilMeeting?.none, after: meeting)
            tx.emit(
                Event.MeetingRecorded(
                    meetingID: id, organizationID: holder, kind: kind, body: body, heldOn: Day(heldAt)))
            return meeting
        }
    }

    /// A committee's meetings, its sub-councils' and its lectures in a period, oldest first.
    public func meetings(ofCommittee id: Int64, period: String?, kind: CouncilMeetingKind?, by actor: Principal)
        async throws -> [CouncilMeeting]
    {
        let span = try Self.period(period, today: host.store.clock.today())
        return try await host.store.read { s in
            _ = try Self.readable(id, actor: actor, in: s)
            var sql = "SELECT id FROM council_meetings WHERE committee_id = ? AND held_on BETWEEN ? AND ?"
            var arguments: [SQLValue] = [.integer(id), SQLValue(span.start), SQLValue(span.end)]
            if let kind {
                sql += " AND kind = ?"
                arguments.append(SQLValue(kind))
            }
            return try Self.meetings(
                ids: try s.query(sql + " ORDER BY held_at, id", arguments).map { try $0.int64("id") }, in: s)
        }
    }

    static func attendance(_ drafts: [CouncilMeetingDraft.UnitDraft]) throws -> [(
        id: Int64, present: Bool, representative: String?
    )] {
        var units: [(id: Int64, present: Bool, representative: String?)] = []
        for (index, unit) in drafts.enumerated() {
            guard let id = unit.organizationID else { throw DangjianError.required("units.\(index).organizationID") }
            guard !units.contains(where: { $0.id == id }) else {
                throw DangjianError.badValue("units.\(index).organizationID", zh: "单位重复", en: "a unit appears twice")
            }
            units.append(
                (
                    id, unit.present ?? true,
                    try Validate.optionalText(unit.representative, field: "units.\(index).representative", max: 100)
                ))
        }
        return units
    }

    /// "2026-Q3", "2026-06", "2026-H1", "2026"; this year when absent.
    /// `code` names the refusal for the plugin asking (DualLiaison's lists take periods too).
    public static func period(_ text: String?, today: Day, code: any ErrorCodes = RegionalCouncilErrorCode.badPeriod)
        throws -> Period
    {
        guard let text else { return try Period.containing(today, every: "year") }
        guard let period = Period(text) else {
            throw DangjianError.invalid(
                code, field: "period", zh: "期间 \(text) 不存在，应写作 2026-06、2026-Q2、2026-H1 或 2026",
                en: "No such period \(text); write 2026-06, 2026-Q2, 2026-H1 or 2026")
        }
        return period
    }

    static func meetings(ids: [Int64], in s: any SQLSession) throws -> [CouncilMeeting] {
        guard !ids.isEmpty else { return [] }
        let marks = ids.map { _ in "?" }.joined(separator: ", ")
        let arguments = ids.map { SQLValue.integer($0) }
        let rows = try s.query(
            """
            SELECT meeting_id, organization_id, present, representative FROM council_meeting_units WHERE meeting_id IN (\(marks))
            """, arguments)
        let labels = try OrganizationRegistry.labels(of: try rows.map { try $0.int64("organization_id") }, in: s)
        var attended: [Int64: [(path: String, attendance: CouncilMeeting.Attendance)]] = [:]
        for row in rows {
            guard let label = labels[try row.int64("organization_id")] else { continue }
            attended[try row.int64("meeting_id"), default: []].append(
                (
                    label.path,
                    .init(
                        organizationID: label.id, name: label.name, present: try row.bool("present"),
                        representative: try row.optionalString("representative"))
                ))
        }
        let units = attended.mapValues { $0.sorted { $0.path < $1.path }.map(\.attendance) }
        var byID: [Int64: CouncilMeeting] = [:]
        for row in try s.query("SELECT * FROM council_meetings WHERE id IN (\(marks))", arguments) {
            let id = try row.int64("id")
            byID[id] = CouncilMeeting(
                id: id, kind: try row.enumValue("kind"), committeeID: try row.int64("committee_id"),
                subCouncilID: try row.optionalInt64("subcouncil_id"), heldAt: try row.date("held_at"),
                heldOn: try row.day("held_on"),
                title: try row.string("title"), place: try row.optionalString("place"),
                speaker: try row.optionalString("speaker"),
                minutes: try row.optionalString("minutes"), topicIDs: try decodeIDs(try row.string("topic_ids")),
                units: units[id] ?? [], attendeeCount: try row.int("attendee_count"))
        }
        return ids.compactMap { byID[$0] }
    }

    static func decodeIDs(_ text: String) throws -> [Int64] {
        try JSONDecoder().decode([Int64].self, from: Data(text.utf8))
    }
}
