import Dangjian
import Foundation

/// The organisational-life ledger (台账): one record per meeting or activity, kept once, from
/// which compliance, tips, checks and evaluations are derived. The only way to change its tables.
public final class Ledger: Sendable {
    let host: DangjianHost

    public static let record = Entity("orglife.record", zh: "台账记录", en: "Ledger record")
    public static let plan = Entity("orglife.plan", zh: "活动计划", en: "Activity plan")

    public init(host: DangjianHost) { self.host = host }

    public func record(_ draft: LedgerRecordDraft, by actor: Principal) async throws -> LedgerRecord {
        let valid = try Self.validate(draft, now: host.store.clock.now())
        return try await duplicateAsConflict {
            try await self.host.store.write(actor) { tx in
                try Self.insert(valid, facts: try Self.facts(of: valid.organizationID, in: tx), in: tx)
            }
        }
    }

    /// Several records in one transaction (an import, the demo's history): each is checked like
    /// a single record, and one refusal writes none of them. The stored records are read back
    /// for the audit log a few hundred at a time, not one by one.
    public func record(_ drafts: [LedgerRecordDraft], by actor: Principal) async throws -> Int {
        let now = host.store.clock.now()
        let valid = try drafts.map { try Self.validate($0, now: now) }
        return try await duplicateAsConflict {
            try await self.host.store.write(actor) { tx in
                var known: [Int64: Facts] = [:]
                var written: [(id: Int64, record: ValidRecord, path: String)] = []
                for record in valid {
                    let facts = try known[record.organizationID] ?? Self.facts(of: record.organizationID, in: tx)
                    known[record.organizationID] = facts
                    written.append((try Self.insertRow(record, facts: facts, in: tx), record, facts.organization.path))
                }
                for start in stride(from: 0, to: written.count, by: 500) {
                    let slice = written[start..<min(start + 500, written.count)]
                    for (stored, row) in zip(try Self.load(slice.map(\.id), in: tx.session), slice) {
                        try Self.logCreated(stored, row.record, path: row.path, in: tx)
                    }
                }
                return valid.count
            }
        }
    }

    static func insert(_ valid: ValidRecord, facts: Facts, in tx: Transaction) throws -> LedgerRecord {
        let id = try insertRow(valid, facts: facts, in: tx)
        let record = try load([id], in: tx.session)[0]
        try logCreated(record, valid, path: facts.organization.path, in: tx)
        return record
    }

    /// Checks and writes the record and its attendance; `logCreated` audits it once it is read back.
    static func insertRow(_ valid: ValidRecord, facts: Facts, in tx: Transaction) throws -> Int64 {
        try check(valid, against: facts)
        try refuseDuplicate(valid, except: nil, in: tx.session)
        let id = try tx.session.insert(
            """
            INSERT INTO orglife_records (organization_id, kind, held_at, held_on, place, host, topic, minutes, resolutions,
                attendee_count, absentee_count, revision, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
            """, columns(valid) + [tx.timestamp, tx.timestamp])
        try writeAttendance(valid, record: id, in: tx.session)
        return id
    }

    static func logCreated(_ record: LedgerRecord, _ valid: ValidRecord, path: String, in tx: Transaction) throws {
        try tx.audit(
            Self.record, id: record.id, action: "create", path: path, before: LedgerRecord?.none, after: record)
        tx.emit(
            Event.Recorded(
                recordID: record.id, organizationID: valid.organizationID, kind: valid.kind, heldOn: record.heldOn))
    }

    /// A correction replaces the record's fields, bumps its revision, and keeps the old
    /// version and the reason in the audit log: a ledger is never silently overwritten.
    public func correct(_ id: Int64, _ draft: LedgerRecordDraft, by actor: Principal) async throws -> LedgerRecord {
        let reason = try Validate.text(draft.reason, field: "reason", max: 500)
        let valid = try Self.validate(draft, now: host.store.clock.now())
        return try await duplicateAsConflict {
            try await self.host.store.write(actor) { tx in
                let before = try Self.visible(id, in: tx.session, actor: actor)
                guard before.organizationID == valid.organizationID else {
                    throw DangjianError.invalid(
                        OrgLifeErrorCode.organizationChanged, field: "organizationID",
                        zh: "更正不能改变记录所属组织", en: "A correction cannot move a record to another organisation")
                }
                let facts = try Self.facts(of: valid.organizationID, in: tx)
                try Self.check(valid, against: facts)
                let organization = facts.organization
                try Self.refuseDuplicate(valid, except: id, in: tx.session)
                try tx.session.execute(
                    """
                    UPDATE orglife_records SET organization_id = ?, kind = ?, held_at = ?, held_on = ?, place = ?, host = ?, topic = ?,
                        minutes = ?, resolutions = ?, attendee_count = ?, absentee_count = ?, revision = revision + 1, updated_at = ?
                    WHERE id = ?
                    """, Self.columns(valid) + [tx.timestamp, .integer(id)])
                try tx.session.execute("DELETE FROM orglife_attendance WHERE record_id = ?", [.integer(id)])
                try Self.writeAttendance(valid, record: id, in: tx.session)
                let after = try Self.load([id], in: tx.session)[0]
                try tx.audit(
                    Self.record, id: id, action: "correct", path: organization.path, before: before,
                    after: Correction(reason: reason, record: after))
                tx.emit(Event.Corrected(recordID: id, organizationID: organization.id, kind: valid.kind))
                return after
            }
        }
    }

    /// What the audit log keeps for a correction: the new version and why.
    struct Correction: Encodable {
        let reason: String
        let record: LedgerRecord
    }

    public func get(_ id: Int64, by actor: Principal) async throws -> LedgerRecord {
        try await host.store.read { s in try Self.visible(id, in: s, actor: actor) }
    }

    /// An organisation's records in a period, newest first (at most a year, so at most a few
    /// hundred rows), optionally of one kind.
    /// Every record of the period, newest first (for callers in Swift; the API pages them).
    public func records(of organizationID: Int64, in period: Period, kind: MeetingKind?, by actor: Principal)
        async throws -> [LedgerRecord]
    {
        var all: [LedgerRecord] = []
        var cursor: String?
        repeat {
            let page = try await self.records(
                of: organizationID, in: period, kind: kind,
                page: try PageRequest(limit: PageRequest.maxLimit, cursor: cursor), by: actor)
            all += page.items
            cursor = page.nextCursor
        } while cursor != nil
        return all
    }

    /// One page of the period's records, in the list contract's order: `sort` is `heldAt`
    /// (the default, newest first as `-heldAt`) or `id`.
    public func records(
        of organizationID: Int64, in period: Period, kind: MeetingKind?, sort: String? = nil,
        page: PageRequest, by actor: Principal
    ) async throws -> Page<LedgerRecord> {
        let order = try SortOrder(sort, allowed: ["heldAt": "held_at", "id": "id"], default: "-heldAt")
        let cursor = try page.decodedCursor()
        return try await host.store.read { s in
            let path = try OrganizationRegistry.path(of: organizationID, in: s, scope: actor.scope(for: .readLedger))
            try actor.requireOnVisible(.readLedger, over: path)
            var sql = "SELECT id, held_at FROM orglife_records WHERE organization_id = ? AND held_on BETWEEN ? AND ?"
            var arguments: [SQLValue] = [.integer(organizationID), SQLValue(period.start), SQLValue(period.end)]
            if let kind {
                sql += " AND kind = ?"
                arguments.append(SQLValue(kind))
            }
            order.appendPage(to: &sql, &arguments, cursor: cursor, limit: page.limit, idColumn: "id")
            let keys = try Page(
                rows: try s.query(sql, arguments), limit: page.limit,
                decode: { RecordKey(id: try $0.int64("id"), heldAt: try $0.string("held_at")) }
            ) { key in
                order.column == "id" ? .id(key.id) : .key(key.heldAt, key.id)
            }
            return Page(items: try Self.load(keys.items.map(\.id), in: s), nextCursor: keys.nextCursor)
        }
    }

    struct RecordKey: Sendable {
        let id: Int64
        let heldAt: String
    }

    // MARK: Rows

    static func columns(_ r: ValidRecord) -> [SQLValue] {
        [
            .integer(r.organizationID), SQLValue(r.kind), SQLValue(r.heldAt), SQLValue(Day(r.heldAt)),
            SQLValue(r.place), SQLValue(r.host),
            .text(r.topic), SQLValue(r.minutes), SQLValue(r.resolutions), SQLValue(r.attendees.count),
            SQLValue(r.absentees.count),
        ]
    }

    static func writeAttendance(_ r: ValidRecord, record id: Int64, in s: any SQLSession) throws {
        for attendee in r.attendees {
            try s.execute(
                "INSERT INTO orglife_attendance (record_id, member_id, present, class_hours) VALUES (?, ?, 1, ?)",
                [.integer(id), .integer(attendee.memberID), .real(attendee.classHours)])
        }
        for absentee in r.absentees {
            try s.execute(
                "INSERT INTO orglife_attendance (record_id, member_id, present, reason) VALUES (?, ?, 0, ?)",
                [.integer(id), .integer(absentee.memberID), .text(absentee.reason)])
        }
    }

    static let duplicate = DangjianError.conflict(
        OrgLifeErrorCode.duplicateRecord, field: "heldAt",
        zh: "该组织同一时间的同类会议已登记；同一天的多次活动（如谈心谈话）请填写各自的时间",
        en:
            "A record of this kind for this organisation at this time exists already; give each of several same-day activities (such as talks) its own time"
    )

    static func refuseDuplicate(_ r: ValidRecord, except id: Int64?, in s: any SQLSession) throws {
        if let row = try s.queryOne(
            "SELECT id FROM orglife_records WHERE organization_id = ? AND kind = ? AND held_at = ?",
            [.integer(r.organizationID), SQLValue(r.kind), SQLValue(r.heldAt)]),
            try row.int64("id") != id
        {
            throw duplicate
        }
    }

    /// Two writers racing past `refuseDuplicate` meet the UNIQUE index; the loser gets the same 409.
    func duplicateAsConflict<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch is UniqueViolation { throw Self.duplicate }
    }

    static func visible(_ id: Int64, in s: any SQLSession, actor: Principal) throws -> LedgerRecord {
        guard let row = try s.queryOne("SELECT organization_id FROM orglife_records WHERE id = ?", [.integer(id)]),
            let path = try OrganizationRegistry.paths(of: [try row.int64("organization_id")], in: s).values.first,
            actor.scope(for: .readLedger).contains(path: path)
        else { throw DangjianError.notFound(record) }
        try actor.requireOnVisible(.readLedger, over: path)
        return try load([id], in: s)[0]
    }

    /// Records with their attendance, in two queries whatever the number of records.
    static func load(_ ids: [Int64], in s: any SQLSession) throws -> [LedgerRecord] {
        guard !ids.isEmpty else { return [] }
        let marks = ids.map { _ in "?" }.joined(separator: ", ")
        let arguments = ids.map { SQLValue.integer($0) }
        var attendees: [Int64: [LedgerRecord.Attendee]] = [:]
        var absentees: [Int64: [LedgerRecord.Absentee]] = [:]
        let rows = try s.query(
            """
            SELECT record_id, member_id, present, reason, class_hours FROM orglife_attendance
            WHERE record_id IN (\(marks)) ORDER BY record_id, member_id
            """, arguments)
        let names = try MemberRegistry.names(of: try rows.map { try $0.int64("member_id") }, in: s)
        for row in rows {
            let record = try row.int64("record_id"), member = try row.int64("member_id")
            if try row.bool("present") {
                attendees[record, default: []].append(
                    .init(
                        memberID: member, name: names[member] ?? "",
                        classHours: try row.double("class_hours")))
            } else {
                absentees[record, default: []].append(
                    .init(
                        memberID: member, name: names[member] ?? "",
                        reason: try row.optionalString("reason") ?? ""))
            }
        }
        var byID: [Int64: LedgerRecord] = [:]
        for row in try s.query("SELECT * FROM orglife_records WHERE id IN (\(marks))", arguments) {
            let id = try row.int64("id")
            byID[id] = LedgerRecord(
                id: id, organizationID: try row.int64("organization_id"), kind: try row.enumValue("kind"),
                heldAt: try row.date("held_at"), heldOn: try row.day("held_on"), place: try row.optionalString("place"),
                host: try row.optionalString("host"), topic: try row.string("topic"),
                minutes: try row.optionalString("minutes"),
                resolutions: try row.optionalString("resolutions"), attendees: attendees[id] ?? [],
                absentees: absentees[id] ?? [],
                createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"),
                revision: try row.int("revision"))
        }
        return ids.compactMap { byID[$0] }
    }
}
