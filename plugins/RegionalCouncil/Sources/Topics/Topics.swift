import Dangjian
import Foundation

/// 党建课题: the annual call, applications, approval, the advisor, three reviews, awards,
/// results transfer and the annual collection. The committee's organisation runs the call and
/// decides; the lead unit applies and submits. A topic never skips a stage.
public final class Topics: Sendable {
    let host: DangjianHost

    public static let topic = Entity("council.topic", zh: "党建课题", en: "Research topic")
    public static let call = Entity("council.call", zh: "课题申报通知", en: "Call for topics")

    public init(host: DangjianHost) { self.host = host }

    public func openCall(in committeeID: Int64, _ draft: TopicCallDraft, by actor: Principal) async throws -> TopicCall
    {
        guard let year = draft.year else { throw DangjianError.required("year") }
        guard Day.supportedYears.contains(year) else {
            throw DangjianError.badValue("year", zh: "年份超出范围", en: "year out of range")
        }
        let title = try Validate.text(draft.title, field: "title", max: 200)
        let opens = try Validate.requiredDay(draft.opensOn, field: "opensOn")
        let closes = try Validate.requiredDay(draft.closesOn, field: "closesOn")
        try Validate.order([("opensOn", opens), ("closesOn", closes)])
        let references = try (draft.referenceTopics ?? []).enumerated().map {
            try Validate.text($1, field: "referenceTopics.\($0)", max: 200)
        }
        guard references.count <= 200 else { throw DangjianError.tooLong("referenceTopics", max: 200) }
        let duplicate = DangjianError.conflict(
            RegionalCouncilErrorCode.duplicateCall, field: "year", zh: "本专委会 \(year) 年的课题申报通知已发布",
            en: "This committee's call for \(year) exists already")
        return try await UniqueViolation.refused(as: duplicate) {
            try await self.host.store.write(actor) { tx in
                let access = try Councils.writable(committeeID, in: tx)
                let id = try tx.session.insert(
                    """
                    INSERT INTO council_calls (committee_id, year, title, opens_on, closes_on, reference_topics, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        .integer(committeeID), SQLValue(year), .text(title), SQLValue(opens), SQLValue(closes),
                        .text(JSONText.encode(references)), tx.timestamp,
                    ])
                let call = try Self.call(id, in: tx.session)
                try tx.audit(
                    Self.call, id: id, action: "create", path: access.path, before: TopicCall?.none, after: call)
                return call
            }
        }
    }

    public func calls(of committeeID: Int64, by actor: Principal) async throws -> [TopicCall] {
        try await host.store.read { s in
            _ = try Councils.readable(committeeID, actor: actor, in: s)
            return try s.query(
                "SELECT id FROM council_calls WHERE committee_id = ? ORDER BY year DESC", [.integer(committeeID)]
            )
            .map { try Self.call(try $0.int64("id"), in: s) }
        }
    }

    /// An application (申报) by the lead unit, the first of `unitIDs`, while the call is open.
    public func apply(_ draft: TopicDraft, by actor: Principal) async throws -> ResearchTopic {
        guard let callID = draft.callID else { throw DangjianError.required("callID") }
        let title = try Validate.text(draft.title, field: "title", max: 200)
        let grade: ResearchTopic.Grade = try Validate.enumValue(draft.grade, field: "grade")
        let level: ResearchTopic.Level = try draft.level.map { try Validate.enumValue($0, field: "level") } ?? .district
        let units = draft.unitIDs ?? []
        guard !units.isEmpty else { throw DangjianError.required("unitIDs") }
        guard units.count <= 20, Set(units).count == units.count else {
            throw DangjianError.badValue("unitIDs", zh: "单位不能重复，至多 20 个", en: "units must be distinct, at most 20")
        }
        guard let leadMember = draft.leadMemberID else { throw DangjianError.required("leadMemberID") }
        guard let budget = draft.budget, (0...10_000_000).contains(budget) else {
            throw draft.budget == nil
                ? DangjianError.required("budget")
                : DangjianError.badValue(
                    "budget", zh: "经费应为 0 到 10000000 元", en: "the budget must be 0 to 10,000,000 yuan")
        }
        let summary = try Validate.optionalText(draft.summary, field: "summary", max: 5000, multiline: true)
        let appliedDay = try Validate.day(draft.appliedOn, field: "appliedOn")
        return try await duplicateTitle(title) {
            try await self.host.store.write(actor) { tx in
                let s = tx.session
                let call = try Self.call(callID, in: s)
                // A call of a committee the caller does not see does not exist for them.
                let committee = try Councils.readable(call.committeeID, actor: actor, in: s)
                let lead = try OrganizationRegistry.path(
                    of: units[0], in: s, scope: actor.scope(for: .readOrganizations))
                try actor.requireOnVisible(.writeLedger, over: lead)
                let forCommittee = actor.has(.writeLedger, over: committee.path)
                // Only the committee records a joint topic's partners, so a unit cannot be signed up
                // (and its "every secretary has a topic" reminder silenced) by another unit; only the
                // committee back-dates an application it received on paper.
                if !forCommittee {
                    let paths = try OrganizationRegistry.paths(of: units, in: s)
                    for (index, unit) in units.enumerated().dropFirst()
                    where !(paths[unit].map { actor.has(.writeLedger, over: $0) } ?? false) {
                        throw DangjianError.invalid(
                            RegionalCouncilErrorCode.partnerByCommittee, field: "unitIDs.\(index)",
                            zh: "联合课题的合作单位由专委会登记，或由合作单位自行申报",
                            en: "A joint topic's partner units are entered by the committee")
                    }
                    if let appliedDay, appliedDay != tx.today {
                        throw DangjianError.invalid(
                            RegionalCouncilErrorCode.backdated, field: "appliedOn",
                            zh: "申报日期为提交当日；补录由专委会办理",
                            en: "An application is dated the day it is made; the committee enters earlier ones")
                    }
                }
                let applied = appliedDay ?? tx.today
                try Validate.notFuture(applied, field: "appliedOn", today: tx.today)
                guard applied >= call.opensOn, applied <= call.closesOn else {
                    throw DangjianError.invalid(
                        RegionalCouncilErrorCode.callClosed, field: "appliedOn",
                        zh: "申报须在 \(call.opensOn) 至 \(call.closesOn) 之间",
                        en: "Applications are taken from \(call.opensOn) to \(call.closesOn)")
                }
                let members = try Councils.unitIDs(ofCommittee: call.committeeID, in: s)
                for (index, unit) in units.enumerated() where !members.contains(unit) {
                    throw Councils.notAUnit(unit, field: "unitIDs.\(index)")
                }
                try Self.requireLeadMember(leadMember, of: units, in: s, actor: actor)
                let id = try s.insert(
                    """
                    INSERT INTO council_topics (call_id, committee_id, title, grade, level, lead_unit_id, lead_member_id, budget, summary,
                        stage, applied_on, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    [
                        .integer(callID), .integer(call.committeeID), .text(title), SQLValue(grade), SQLValue(level),
                        .integer(units[0]), .integer(leadMember), SQLValue(budget), SQLValue(summary),
                        SQLValue(ResearchTopic.Stage.applied), SQLValue(applied), tx.timestamp, tx.timestamp,
                    ])
                for (position, unit) in units.enumerated() {
                    try s.execute(
                        "INSERT INTO council_topic_units (topic_id, organization_id, position) VALUES (?, ?, ?)",
                        [.integer(id), .integer(unit), SQLValue(position)])
                }
                let topic = try Self.load([id], in: s)[0]
                try tx.audit(Self.topic, id: id, action: "apply", path: lead, before: ResearchTopic?.none, after: topic)
                tx.emit(Event.StageChanged(topicID: id, organizationID: units[0], stage: .applied))
                return topic
            }
        }
    }

    public func get(_ id: Int64, by actor: Principal) async throws -> ResearchTopic {
        try await host.store.read { s in try Self.visible(id, actor: actor, in: s) }
    }

    /// A committee's topics, optionally of one stage or call year.
    public func list(of committeeID: Int64, stage: ResearchTopic.Stage?, year: Int?, by actor: Principal) async throws
        -> [ResearchTopic]
    {
        try await host.store.read { s in
            let access = try Councils.readable(committeeID, actor: actor, in: s)
            var sql =
                "SELECT t.id FROM council_topics t JOIN council_calls c ON c.id = t.call_id WHERE t.committee_id = ?"
            var arguments: [SQLValue] = [.integer(committeeID)]
            if let stage { sql += " AND t.stage = ?"; arguments.append(SQLValue(stage)) }
            if let year { sql += " AND c.year = ?"; arguments.append(SQLValue(year)) }
            let topics = try Self.load(try s.query(sql + " ORDER BY t.id", arguments).map { try $0.int64("id") }, in: s)
            // A unit's secretary sees its own topics; the committee sees all.
            if actor.has(.readLedger, over: access.path) { return topics }
            let visible = try OrganizationRegistry.paths(of: topics.flatMap(\.unitIDs), in: s)
            return topics.filter {
                $0.unitIDs.contains { visible[$0].map(actor.scope(for: .readLedger).contains(path:)) ?? false }
            }
        }
    }

    func duplicateTitle<T>(_ title: String, _ body: () async throws -> T) async throws -> T {
        try await UniqueViolation.refused(
            as: .conflict(
                RegionalCouncilErrorCode.duplicateTopic, field: "title", zh: "本年度已有同名课题「\(title)」",
                en: "A topic titled \(title) was already applied for in this call"), body)
    }

    /// The lead person is a party member (full or probationary) the caller may see, of one of the
    /// topic's units or an organisation under one. A member the caller cannot see is a 404,
    /// whether or not it exists.
    static func requireLeadMember(_ memberID: Int64, of units: [Int64], in s: any SQLSession, actor: Principal) throws {
        guard let lead = try MemberRegistry.facts(of: [memberID], in: s)[memberID],
            actor.scope(for: .readMembers).contains(path: lead.path)
        else { throw DangjianError.notFound(.member) }
        let path = lead.path
        guard [.full, .probationary].contains(lead.status) else {
            throw DangjianError.invalid(
                RegionalCouncilErrorCode.leadNotPartyMember, field: "leadMemberID",
                zh: "课题负责人须为正式或预备党员", en: "The lead person must be a full or probationary party member")
        }
        let unitPaths = try OrganizationRegistry.paths(of: units, in: s)
        guard units.contains(where: { unitPaths[$0].map(path.hasPrefix) ?? false }) else {
            throw DangjianError.invalid(
                RegionalCouncilErrorCode.leadNotInUnits, field: "leadMemberID",
                zh: "课题负责人须为课题承担单位的党员", en: "The lead person must be a member of one of the topic's units")
        }
    }

    static func call(_ id: Int64, in s: any SQLSession) throws -> TopicCall {
        guard let row = try s.queryOne("SELECT * FROM council_calls WHERE id = ?", [.integer(id)]) else {
            throw DangjianError.notFound(call)
        }
        return TopicCall(
            id: id, committeeID: try row.int64("committee_id"), year: try row.int("year"),
            title: try row.string("title"),
            opensOn: try row.day("opens_on"), closesOn: try row.day("closes_on"),
            referenceTopics: try JSONDecoder().decode(
                [String].self, from: Data(try row.string("reference_topics").utf8)))
    }

    /// A topic the caller may see: through its committee's organisation or one of its units.
    static func visible(_ id: Int64, actor: Principal, in s: any SQLSession) throws -> ResearchTopic {
        guard let topic = try load([id], in: s).first else { throw DangjianError.notFound(topic) }
        let scope = actor.scope(for: .readLedger)
        let committeePath = try s.queryOne(
            "SELECT organization_id FROM council_committees WHERE id = ?", [.integer(topic.committeeID)]
        )
        .flatMap { try OrganizationRegistry.paths(of: [try $0.int64("organization_id")], in: s).values.first }
        if let committeePath, scope.contains(path: committeePath) { return topic }
        guard try OrganizationRegistry.paths(of: topic.unitIDs, in: s).values.contains(where: scope.contains(path:))
        else { throw DangjianError.notFound(Self.topic) }
        return topic
    }

    /// Topics with their units, reviews and transfers, in four queries whatever their number.
    static func load(_ ids: [Int64], in s: any SQLSession) throws -> [ResearchTopic] {
        guard !ids.isEmpty else { return [] }
        let marks = ids.map { _ in "?" }.joined(separator: ", ")
        let arguments = ids.map { SQLValue.integer($0) }
        var units: [Int64: [Int64]] = [:]
        for row in try s.query(
            "SELECT topic_id, organization_id FROM council_topic_units WHERE topic_id IN (\(marks)) ORDER BY topic_id, position",
            arguments)
        {
            units[try row.int64("topic_id"), default: []].append(try row.int64("organization_id"))
        }
        var reviews: [Int64: [ResearchTopic.Review]] = [:]
        for row in try s.query(
            "SELECT * FROM council_reviews WHERE topic_id IN (\(marks)) ORDER BY topic_id, id", arguments)
        {
            reviews[try row.int64("topic_id"), default: []].append(
                ResearchTopic.Review(
                    id: try row.int64("id"), kind: try row.enumValue("kind"), round: try row.int("round"),
                    dueOn: try row.day("due_on"),
                    submittedOn: try row.optionalDay("submitted_on"), document: try row.optionalString("document"),
                    outcome: try row.enumValue("outcome"), reviewedOn: try row.optionalDay("reviewed_on"),
                    reviewer: try row.optionalString("reviewer"), comments: try row.optionalString("comments")))
        }
        var transfers: [Int64: [ResearchTopic.Transfer]] = [:]
        for row in try s.query(
            "SELECT * FROM council_transfers WHERE topic_id IN (\(marks)) ORDER BY topic_id, id", arguments)
        {
            transfers[try row.int64("topic_id"), default: []].append(
                .init(
                    id: try row.int64("id"), organizationID: try row.int64("organization_id"),
                    appliedOn: try row.day("applied_on"),
                    description: try row.string("description")))
        }
        var byID: [Int64: ResearchTopic] = [:]
        let rows = try s.query("SELECT * FROM council_topics WHERE id IN (\(marks))", arguments)
        let leads = try MemberRegistry.facts(of: try rows.map { try $0.int64("lead_member_id") }, in: s)
        for row in rows {
            let id = try row.int64("id")
            guard let lead = leads[try row.int64("lead_member_id")] else { continue }
            var award: ResearchTopic.Award?
            if let scope: ResearchTopic.Award.Scope = try row.optionalEnum("award_scope"),
                let rank: ResearchTopic.Award.Rank = try row.optionalEnum("award_rank"),
                let on = try row.optionalDay("awarded_on")
            {
                award = .init(scope: scope, rank: rank, awardedOn: on, by: try row.optionalString("awarded_by"))
            }
            byID[id] = ResearchTopic(
                id: id, callID: try row.int64("call_id"), committeeID: try row.int64("committee_id"),
                title: try row.string("title"),
                grade: try row.enumValue("grade"), level: try row.enumValue("level"), unitIDs: units[id] ?? [],
                leadMemberID: try row.int64("lead_member_id"), leadName: lead.name, budget: try row.int("budget"),
                summary: try row.optionalString("summary"), stage: try row.enumValue("stage"),
                appliedOn: try row.day("applied_on"),
                approvedOn: try row.optionalDay("approved_on"), advisor: try row.optionalString("advisor"),
                reviews: reviews[id] ?? [],
                award: award, outstanding: try row.bool("outstanding"), transfers: transfers[id] ?? [])
        }
        return ids.compactMap { byID[$0] }
    }
}
