import Foundation
import Synchronization
import Testing
@testable import Dangjian
import DangjianDemo
import DangjianTestSupport
@testable import OrgLife

// MARK: - Local fixtures (the DangjianTests helpers are not visible to this target)

/// The plugin's baseline rule pack, found from the checkout rather than from the working directory.
let orgLifeRulesDirectory = Checkout.rules(of: "OrgLife")

/// A temporary host (2026-06-15 10:00 China time) with the OrgLife plugin.
func openLedgerHost() async throws -> TemporaryHost {
    try await TemporaryHost.open(plugins: [OrgLifePlugin(rulesDirectory: orgLifeRulesDirectory)])
}

/// 区委 (committee) → 一中党总支 (general branch) → 第一支部 (A, three full members, one party
/// group) and 第二支部 (B, one full member).
struct LedgerWorld {
    let root: Organization
    let general: Organization
    let branchA: Organization
    let branchB: Organization
    let group: Organization
    let zhang: Member
    let li: Member
    let wang: Member
    let zhao: Member  // in branch B

    static func make(_ t: TemporaryHost) async throws -> LedgerWorld {
        let root = try await t.organization("区教育局党委", .committee)
        let general = try await t.organization("一中党总支", .generalBranch, under: root, domain: "school")
        let a = try await t.organization("一中第一支部", .branch, under: general, domain: "school")
        let b = try await t.organization("一中第二支部", .branch, under: general, domain: "school")
        let group = try await t.organization("第一党小组", .group, under: a)
        return LedgerWorld(
            root: root, general: general, branchA: a, branchB: b, group: group,
            zhang: try await t.fullMember(a, "张伟", sequence: 101), li: try await t.fullMember(a, "李娜", sequence: 102),
            wang: try await t.fullMember(a, "王强", sequence: 103), zhao: try await t.fullMember(b, "赵敏", sequence: 104))
    }

    /// A valid theme day in branch A: 张伟 and 李娜 present, 王强 absent.
    func themeDay(at heldAt: String = "2026-06-05T14:30", topic: String = "学习贯彻党的二十大精神") -> LedgerRecordDraft {
        LedgerRecordDraft(
            organizationID: branchA.id, kind: "themeDay", heldAt: heldAt, place: "党员活动室", host: "张伟",
            topic: topic, minutes: "会议学习了有关文件。",
            attendees: [.init(memberID: zhang.id), .init(memberID: li.id)],
            absentees: [.init(memberID: wang.id, reason: "出差")])
    }
}

/// What the ledger's tables and its audit rows hold, to prove a refusal wrote nothing.
struct LedgerCounts: Equatable, CustomStringConvertible {
    let records: Int
    let attendance: Int
    let plans: Int
    let audit: Int

    static func of(_ t: TemporaryHost) async throws -> LedgerCounts {
        LedgerCounts(
            records: try await t.count("orglife_records"), attendance: try await t.count("orglife_attendance"),
            plans: try await t.count("orglife_plans"), audit: try await t.count("audit_log", "entity LIKE 'orglife.%'"))
    }

    var description: String { "records \(records), attendance \(attendance), plans \(plans), audit \(audit)" }
}

struct AuditRow: Sendable {
    let action: String
    let path: String
    let actorUserID: Int64?
    let before: String?
    let after: String?
}

func auditRows(_ t: TemporaryHost, entity: String, id: Int64) async throws -> [AuditRow] {
    try await t.host.store.read { s in
        try s.query(
            "SELECT action, org_path, actor_user_id, before_json, after_json FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id",
            [.text(entity), .integer(id)]
        ).map {
            AuditRow(
                action: try $0.string("action"), path: try $0.string("org_path"),
                actorUserID: try $0.optionalInt64("actor_user_id"),
                before: try $0.optionalString("before_json"), after: try $0.optionalString("after_json"))
        }
    }
}

/// Collects the events of one name as the host publishes them after each commit.
final class EventLog: Sendable {
    private let events = Mutex<[HostEvent]>([])
    private let host: DangjianHost

    init(_ host: DangjianHost, _ name: String) {
        self.host = host
        host.events.subscribe(name, subscriber: "orglife-tests") { event in self.events.withLock { $0.append(event) } }
    }

    /// Every event so far, once the bus has delivered what was committed (it delivers off the writer's path).
    var all: [HostEvent] {
        get async {
            await host.events.settle()
            return events.withLock { $0 }
        }
    }
}

/// 14:30 China time on `day`.
func chinaTime(_ day: String, hour: Int, minute: Int = 0) -> Date {
    Day(day)!.start.addingTimeInterval(TimeInterval(hour * 3600 + minute * 60))
}

// MARK: - Recording

@Suite struct LedgerRecordTests {
    @Test func aValidRecordIsStoredWithAttendanceAuditAndEvent() async throws {
        let t = try await openLedgerHost()
        let w = try await LedgerWorld.make(t)
        let recorded = EventLog(t.host, Ledger.Event.recorded)
        let ledger = Ledger(host: t.host)
        let draft = LedgerRecordDraft(
            organizationID: w.branchA.id, kind: "partyLecture", heldAt: "2026-06-12T14:30", place: "党员活动室", host: "张伟",
            topic: "书记讲党课", minutes: "第一行\n第二行", resolutions: "形成学习计划",
            attendees: [.init(memberID: w.li.id, classHours: 3.5), .init(memberID: w.zhang.id)],
            absentees: [.init(memberID: w.wang.id, reason: "  病假  ")])
        let record = try await ledger.record(draft, by: .system)

        #expect(record.organizationID == w.branchA.id)
        #expect(record.kind == .partyLecture)
        #expect(record.heldAt == chinaTime("2026-06-12", hour: 14, minute: 30))
        #expect(record.heldOn == Day("2026-06-12"))
        #expect(record.place == "党员活动室" && record.host == "张伟" && record.topic == "书记讲党课")
        #expect(record.minutes == "第一行\n第二行" && record.resolutions == "形成学习计划")
        #expect(record.revision == 1)
        #expect(record.createdAt == TemporaryHost.start && record.updatedAt == TemporaryHost.start)
        // Attendees come back ordered by member id, each with the class hours credited.
        #expect(record.attendees.map(\.memberID) == [w.zhang.id, w.li.id])
        #expect(record.attendees.map(\.name) == ["张伟", "李娜"])
        #expect(record.attendees.map(\.classHours) == [2, 3.5], "a party lecture counts 2 hours unless told otherwise")
        #expect(record.absentees.map(\.memberID) == [w.wang.id])
        #expect(record.absentees.first?.reason == "病假", "the reason is trimmed")
        #expect(record.absentees.first?.name == "王强")

        // What get() reads back from the database is what record() returned.
        #expect(try await ledger.get(record.id, by: .system) == record)

        // The rows themselves.
        #expect(try await t.count("orglife_records") == 1)
        #expect(
            try await t.count(
                "orglife_records", "id = \(record.id) AND attendee_count = 2 AND absentee_count = 1 AND revision = 1")
                == 1)
        #expect(try await t.count("orglife_records", "held_on = '2026-06-12' AND kind = 'partyLecture'") == 1)
        #expect(try await t.count("orglife_attendance", "record_id = \(record.id)") == 3)
        #expect(try await t.count("orglife_attendance", "record_id = \(record.id) AND present = 1") == 2)
        #expect(
            try await t.count("orglife_attendance", "member_id = \(w.zhang.id) AND present = 1 AND class_hours = 2")
                == 1)
        #expect(
            try await t.count("orglife_attendance", "member_id = \(w.li.id) AND present = 1 AND class_hours = 3.5") == 1
        )
        #expect(
            try await t.count(
                "orglife_attendance", "member_id = \(w.wang.id) AND present = 0 AND reason = '病假' AND class_hours = 0")
                == 1)

        // One audit row, under the branch's path, holding the record.
        let audit = try await auditRows(t, entity: "orglife.record", id: record.id)
        #expect(audit.map(\.action) == ["create"])
        #expect(audit.first?.path == w.branchA.path)
        #expect(audit.first?.before == nil)
        #expect(audit.first?.after?.contains("书记讲党课") == true)
        #expect(try await t.count("audit_log", "entity = 'orglife.record'") == 1)

        // One event, after the commit.
        let events = await recorded.all
        #expect(events.count == 1)
        #expect(events.first?.name == "meeting.recorded")
        #expect(events.first?.entityID == record.id)
        #expect(events.first?.organizationID == w.branchA.id)
        #expect(events.first?.payload == ["kind": "partyLecture", "heldOn": "2026-06-12"])
        await t.close()
    }

    @Test func classHoursDefaultByKindAndExplicitValuesAreKept() async throws {
        let t = try await openLedgerHost()
        let w = try await LedgerWorld.make(t)
        let ledger = Ledger(host: t.host)
        // A meeting counts nothing towards the yearly 32 hours; a study session counts 2; an explicit value wins.
        let theme = try await ledger.record(w.themeDay(), by: .system)
        #expect(theme.attendees.map(\.classHours) == [0, 0])
        let study = try await ledger.record(
            LedgerRecordDraft(
                organizationID: w.branchA.id, kind: "studySession", heldAt: "2026-06-10", topic: "集中学习",
                attendees: [
                    .init(memberID: w.zhang.id), .init(memberID: w.li.id, classHours: 0),
                    .init(memberID: w.wang.id, classHours: 4),
                ]),
            by: .system)
        #expect(study.attendees.map(\.classHours) == [2, 0, 4])
        #expect(study.absentees.isEmpty)
        // A bare day is taken as 09:00 China time.
        #expect(study.heldAt == chinaTime("2026-06-10", hour: 9))
        // A record may have no attendance at all (e.g. entered before the list is known).
        let bare = try await ledger.record(
            LedgerRecordDraft(
                organizationID: w.branchA.id, kind: "generalMeeting",
                heldAt: "2026-06-01 15:00", topic: "党员大会"), by: .system)
        #expect(bare.attendees.isEmpty && bare.absentees.isEmpty)
        #expect(bare.heldAt == chinaTime("2026-06-01", hour: 15))
        #expect(
            try await t.count("orglife_records", "id = \(bare.id) AND attendee_count = 0 AND absentee_count = 0") == 1)
        await t.close()
    }

    @Test func theEdgesOfTheLimitsAreAccepted() async throws {
        let t = try await openLedgerHost()
        let w = try await LedgerWorld.make(t)
        let ledger = Ledger(host: t.host)
        // Now exactly (10:00 on 2026-06-15) is not in the future.
        let now = try await ledger.record(
            LedgerRecordDraft(
                organizationID: w.branchA.id, kind: "themeDay", heldAt: "2026-06-15T10:00",
                topic: "主题党日", minutes: String(repeating: "记", count: 20_000)), by: .system)
        #expect(now.heldAt == TemporaryHost.start)
        #expect(now.minutes?.count == 20_000)
        // Every member of the branch, present or absent, is exactly the membership.
        let everyone = try await ledger.record(
            LedgerRecordDraft(
                organizationID: w.branchA.id, kind: "generalMeeting", heldAt: "2026-06-02T14:00", topic: "全体党员大会",
                attendees: [.init(memberID: w.zhang.id, classHours: 24), .init(memberID: w.li.id)],
                absentees: [.init(memberID: w.wang.id, reason: "病假")]), by: .system)
        #expect(everyone.attendees.count + everyone.absentees.count == 3)
        #expect(everyone.attendees.first?.classHours == 24)
        await t.close()
    }

    @Test func aPartyGroupRecordsWithItsBranchsMembers() async throws {
        let t = try await openLedgerHost()
        let w = try await LedgerWorld.make(t)
        let ledger = Ledger(host: t.host)
        let record = try await ledger.record(
            LedgerRecordDraft(
                organizationID: w.group.id, kind: "groupMeeting", heldAt: "2026-06-08T19:00", topic: "党小组学习",
                attendees: [.init(memberID: w.zhang.id), .init(memberID: w.li.id)]), by: .system)
        #expect(record.organizationID == w.group.id)
        #expect(record.attendees.count == 2)
        await expectRefusal("orglife.notAMember", field: "attendees.0.memberID") {
            _ = try await ledger.record(
                LedgerRecordDraft(
                    organizationID: w.group.id, kind: "groupMeeting", heldAt: "2026-06-09T19:00",
                    topic: "党小组学习", attendees: [.init(memberID: w.zhao.id)]), by: .system)
        }
        #expect(try await t.count("orglife_records") == 1)
        await t.close()
    }
}

// MARK: - Validation

@Suite struct LedgerValidationTests {
    struct BadDraft: Sendable, CustomTestStringConvertible {
        let label: String
        let code: String
        let field: String?
        let draft: @Sendable (LedgerWorld) -> LedgerRecordDraft
        var testDescription: String { label }
    }

    static let cases: [BadDraft] = [
        BadDraft(label: "held later today", code: "validation.futureDate", field: "heldAt") { w in
            var d = w.themeDay(at: "2026-06-15T10:01"); d.topic = "未来"; return d
        },
        BadDraft(label: "held next year", code: "validation.futureDate", field: "heldAt") { w in
            w.themeDay(at: "2027-01-05")
        },
        BadDraft(label: "attendee from another branch", code: "orglife.notAMember", field: "attendees.1.memberID") {
            w in
            var d = w.themeDay(); d.attendees = [.init(memberID: w.zhang.id), .init(memberID: w.zhao.id)];
            d.absentees = []; return d
        },
        BadDraft(label: "absentee from another branch", code: "orglife.notAMember", field: "absentees.0.memberID") {
            w in
            var d = w.themeDay(); d.attendees = [.init(memberID: w.zhang.id)];
            d.absentees = [.init(memberID: w.zhao.id, reason: "病假")]; return d
        },
        BadDraft(label: "attendee who does not exist", code: "orglife.notAMember", field: "attendees.0.memberID") { w in
            var d = w.themeDay(); d.attendees = [.init(memberID: 987_654)]; d.absentees = []; return d
        },
        BadDraft(label: "committee meeting without a committee", code: "orglife.noCommittee", field: "kind") { w in
            var d = w.themeDay(); d.kind = "committeeMeeting"; return d
        },
        BadDraft(label: "more people than members", code: "orglife.attendanceExceedsMembership", field: "attendees") {
            w in
            var d = w.themeDay()
            d.attendees = [.init(memberID: w.zhang.id), .init(memberID: w.li.id), .init(memberID: w.wang.id)]
            d.absentees = [.init(memberID: w.zhao.id, reason: "请假")]
            return d
        },
        BadDraft(label: "same attendee twice", code: "orglife.duplicateAttendee", field: "attendees.1.memberID") { w in
            var d = w.themeDay(); d.attendees = [.init(memberID: w.zhang.id), .init(memberID: w.zhang.id)];
            d.absentees = []; return d
        },
        BadDraft(label: "present and absent at once", code: "orglife.duplicateAttendee", field: "absentees.0.memberID")
        { w in
            var d = w.themeDay(); d.absentees = [.init(memberID: w.zhang.id, reason: "请假")]; return d
        },
        BadDraft(label: "same absentee twice", code: "orglife.duplicateAttendee", field: "absentees.1.memberID") { w in
            var d = w.themeDay(); d.attendees = []
            d.absentees = [.init(memberID: w.wang.id, reason: "请假"), .init(memberID: w.wang.id, reason: "出差")]
            return d
        },
        BadDraft(label: "unknown kind", code: "validation.badValue", field: "kind") { w in
            var d = w.themeDay(); d.kind = "teaParty"; return d
        },
        BadDraft(label: "no kind", code: "validation.required", field: "kind") { w in
            var d = w.themeDay(); d.kind = nil; return d
        },
        BadDraft(label: "slashes in the date", code: "validation.badValue", field: "heldAt") { w in
            w.themeDay(at: "2026/06/05")
        },
        BadDraft(label: "no such day", code: "validation.badValue", field: "heldAt") { w in
            w.themeDay(at: "2026-02-30T10:00")
        },
        BadDraft(label: "hour 25", code: "validation.badValue", field: "heldAt") { w in
            w.themeDay(at: "2026-06-05T25:00")
        },
        BadDraft(label: "minute 60", code: "validation.badValue", field: "heldAt") { w in
            w.themeDay(at: "2026-06-05T14:60")
        },
        BadDraft(label: "hour without minutes", code: "validation.badValue", field: "heldAt") { w in
            w.themeDay(at: "2026-06-05T14")
        },
        BadDraft(label: "words for a date", code: "validation.badValue", field: "heldAt") { w in w.themeDay(at: "上周五")
        },
        BadDraft(label: "year out of range", code: "validation.badValue", field: "heldAt") { w in
            w.themeDay(at: "1800-06-05")
        },
        BadDraft(label: "no date", code: "validation.required", field: "heldAt") { w in
            var d = w.themeDay(); d.heldAt = nil; return d
        },
        BadDraft(label: "minutes of 20,001 characters", code: "validation.tooLong", field: "minutes") { w in
            var d = w.themeDay(); d.minutes = String(repeating: "记", count: 20_001); return d
        },
        BadDraft(label: "topic of 201 characters", code: "validation.tooLong", field: "topic") { w in
            w.themeDay(topic: String(repeating: "题", count: 201))
        },
        BadDraft(label: "blank topic", code: "validation.required", field: "topic") { w in w.themeDay(topic: "   ") },
        BadDraft(label: "control character in the topic", code: "validation.badValue", field: "topic") { w in
            w.themeDay(topic: "主题\u{0007}党日")
        },
        BadDraft(label: "absentee without a reason", code: "validation.required", field: "absentees.0.reason") { w in
            var d = w.themeDay(); d.absentees = [.init(memberID: w.wang.id, reason: nil)]; return d
        },
        BadDraft(label: "attendee without an id", code: "validation.required", field: "attendees.0.memberID") { w in
            var d = w.themeDay(); d.attendees = [.init(memberID: nil)]; return d
        },
        BadDraft(label: "25 class hours", code: "validation.badValue", field: "attendees.0.classHours") { w in
            var d = w.themeDay(); d.attendees = [.init(memberID: w.zhang.id, classHours: 25)]; return d
        },
        BadDraft(label: "negative class hours", code: "validation.badValue", field: "attendees.1.classHours") { w in
            var d = w.themeDay();
            d.attendees = [.init(memberID: w.zhang.id), .init(memberID: w.li.id, classHours: -1)]; return d
        },
        BadDraft(label: "no organisation", code: "validation.required", field: "organizationID") { w in
            var d = w.themeDay(); d.organizationID = nil; return d
        },
        BadDraft(label: "unknown organisation", code: "organization.notFound", field: nil) { w in
            var d = w.themeDay(); d.organizationID = 987_654; d.attendees = []; d.absentees = []; return d
        },
    ]

    @Test(arguments: cases)
    func aBadRecordIsRefusedAndWritesNothing(_ bad: BadDraft) async throws {
        let t = try await openLedgerHost()
        let w = try await LedgerWorld.make(t)
        let recorded = EventLog(t.host, Ledger.Event.recorded)
        await expectRefusal(bad.code, field: bad.field) {
            _ = try await Ledger(host: t.host).record(bad.draft(w), by: .system)
        }
        #expect(try await LedgerCounts.of(t) == LedgerCounts(records: 0, attendance: 0, plans: 0, audit: 0))
        #expect(await recorded.all.isEmpty)
        await t.close()
    }

    @Test func aCommitteeMeetingIsAcceptedOnceACommitteeIsElected() async throws {
        let t = try await openLedgerHost()
        let w = try await LedgerWorld.make(t)
        let ledger = Ledger(host: t.host)
        var draft = w.themeDay(at: "2026-06-03T16:00")
        draft.kind = "committeeMeeting"
        let refused = await expectRefusal("orglife.noCommittee", field: "kind") {
            _ = try await ledger.record(draft, by: .system)
        }
        #expect(refused?.kind == .invalid)
        #expect(try await LedgerCounts.of(t) == LedgerCounts(records: 0, attendance: 0, plans: 0, audit: 0))
        _ = try await t.host.organizations.update(
            w.branchA.id,
            OrganizationPatch(committee: [
                CommitteeSeat(memberID: w.zhang.id, position: "组织委员"),
                CommitteeSeat(memberID: w.li.id, position: "宣传委员"),
            ]), by: .system)
        let record = try await ledger.record(draft, by: .system)
        #expect(record.kind == .committeeMeeting)
        #expect(try await t.count("orglife_records", "kind = 'committeeMeeting'") == 1)
        // Branch B still has none.
        await expectRefusal("orglife.noCommittee") {
            _ = try await ledger.record(
                LedgerRecordDraft(
                    organizationID: w.branchB.id, kind: "committeeMeeting",
                    heldAt: "2026-06-03T16:00", topic: "支委会"), by: .system)
        }
        await t.close()
    }

    @Test func theSameMeetingTwiceIsAConflict() async throws {
        let t = try await openLedgerHost()
        let w = try await LedgerWorld.make(t)
        let ledger = Ledger(host: t.host)
        let first = try await ledger.record(w.themeDay(at: "2026-06-05T14:30"), by: .system)
        let before = try await LedgerCounts.of(t)
        #expect(before == LedgerCounts(records: 1, attendance: 3, plans: 0, audit: 1))
        let duplicate = await expectRefusal("orglife.duplicateRecord", field: "heldAt") {
            _ = try await ledger.record(w.themeDay(at: "2026-06-05T14:30", topic: "另一个题目"), by: .system)
        }
        #expect(duplicate?.kind == .conflict)
        // The same minute written another way is the same meeting.
        await expectRefusal("orglife.duplicateRecord") {
            _ = try await ledger.record(w.themeDay(at: "2026-06-05 14:30"), by: .system)
        }
        await expectRefusal("orglife.duplicateRecord") {
            _ = try await ledger.record(w.themeDay(at: "2026-06-05T14:30:00"), by: .system)
        }
        // A bare day is 09:00, so it clashes with 09:00.
        _ = try await ledger.record(w.themeDay(at: "2026-06-06"), by: .system)
        await expectRefusal("orglife.duplicateRecord") {
            _ = try await ledger.record(w.themeDay(at: "2026-06-06T09:00"), by: .system)
        }
        #expect(try await LedgerCounts.of(t) == LedgerCounts(records: 2, attendance: 6, plans: 0, audit: 2))
        // Another kind at the same time, or another organisation, is a different meeting.
        var lecture = w.themeDay(at: "2026-06-05T14:30")
        lecture.kind = "partyLecture"
        _ = try await ledger.record(lecture, by: .system)
        _ = try await ledger.record(
            LedgerRecordDraft(
                organizationID: w.branchB.id, kind: "themeDay", heldAt: "2026-06-05T14:30",
                topic: "主题党日", attendees: [.init(memberID: w.zhao.id)]), by: .system)
        // A correction cannot move a record onto another one either.
        let other = try await ledger.record(w.themeDay(at: "2026-06-07T14:30"), by: .system)
        var onto = w.themeDay(at: "2026-06-05T14:30")
        onto.reason = "改时间"
        await expectRefusal("orglife.duplicateRecord") { _ = try await ledger.correct(other.id, onto, by: .system) }
        #expect(try await ledger.get(other.id, by: .system).revision == 1)
        #expect(try await ledger.get(first.id, by: .system).topic == "学习贯彻党的二十大精神")
        await t.close()
    }

    @Test func racingWritersOfTheSameMeetingStoreItOnce() async throws {
        let t = try await openLedgerHost()
        let w = try await LedgerWorld.make(t)
        let ledger = Ledger(host: t.host)
        let outcomes = await withTaskGroup(of: String.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    do {
                        _ = try await ledger.record(w.themeDay(), by: .system)
                        return "stored"
                    } catch let error as DangjianError {
                        return error.code
                    } catch {
                        return "\(error)"
                    }
                }
            }
            var all: [String] = []
            for await outcome in group { all.append(outcome) }
            return all.sorted()
        }
        #expect(
            outcomes == ["orglife.duplicateRecord", "orglife.duplicateRecord", "orglife.duplicateRecord", "stored"])
        #expect(try await LedgerCounts.of(t) == LedgerCounts(records: 1, attendance: 3, plans: 0, audit: 1))
        await t.close()
    }

    /// Attendance concerns party members (full and probationary), as the rules' roster says:
    /// an applicant on the branch's books is not one of the 党员 a meeting is recorded for.
    @Test func anApplicantIsNotAPartyMemberOfTheBranch() async throws {
        let t = try await openLedgerHost()
        let w = try await LedgerWorld.make(t)
        let applicant = try await t.host.members.create(
            MemberDraft(organizationID: w.branchA.id, name: "周申请", appliedOn: "2026-01-10"), by: .system)
        var draft = w.themeDay()
        draft.attendees = [.init(memberID: w.zhang.id), .init(memberID: applicant.id)]
        await expectRefusal("orglife.notAMember", field: "attendees.1.memberID") {
            _ = try await Ledger(host: t.host).record(draft, by: .system)
        }
        #expect(try await LedgerCounts.of(t) == LedgerCounts(records: 0, attendance: 0, plans: 0, audit: 0))
        await t.close()
    }

    @Test func aBatchIsCheckedRecordByRecordAndWrittenAllOrNothing() async throws {
        let t = try await openLedgerHost()
        let w = try await LedgerWorld.make(t)
        let recorded = EventLog(t.host, Ledger.Event.recorded)
        let ledger = Ledger(host: t.host)
        #expect(
            try await ledger.record(
                [w.themeDay(at: "2026-06-01T14:00"), w.themeDay(at: "2026-06-02T14:00")], by: .system) == 2)
        #expect(await recorded.all.count == 2)
        let before = try await LedgerCounts.of(t)
        #expect(before == LedgerCounts(records: 2, attendance: 6, plans: 0, audit: 2))
        var stranger = w.themeDay(at: "2026-06-03T14:00")
        stranger.attendees = [.init(memberID: w.zhao.id)]
        await expectRefusal("orglife.notAMember") {
            _ = try await ledger.record([w.themeDay(at: "2026-06-04T14:00"), stranger], by: .system)
        }
        await expectRefusal("orglife.duplicateRecord") {
            _ = try await ledger.record(
                [w.themeDay(at: "2026-06-05T14:00"), w.themeDay(at: "2026-06-05 14:00")], by: .system)
        }
        await expectRefusal("orglife.duplicateRecord") {
            _ = try await ledger.record(
                [w.themeDay(at: "2026-06-06T14:00"), w.themeDay(at: "2026-06-01T14:00")], by: .system)
        }
        await expectRefusal("validation.futureDate") {
            _ = try await ledger.record(
                [w.themeDay(at: "2026-06-07T14:00"), w.themeDay(at: "2026-07-01T14:00")], by: .system)
        }
        #expect(try await LedgerCounts.of(t) == before)
        #expect(await recorded.all.count == 2)
        await t.close()
    }

    @Test func anArchivedOrganisationTakesNoRecords() async throws {
        let t = try await openLedgerHost()
        let w = try await LedgerWorld.make(t)
        let empty = try await t.organization("已撤销支部", .branch, under: w.general)
        _ = try await t.host.organizations.archive(empty.id, by: .system)
        await expectRefusal("organization.archived") {
            _ = try await Ledger(host: t.host).record(
                LedgerRecordDraft(
                    organizationID: empty.id, kind: "themeDay",
                    heldAt: "2026-06-05", topic: "主题党日"), by: .system)
        }
        #expect(try await LedgerCounts.of(t) == LedgerCounts(records: 0, attendance: 0, plans: 0, audit: 0))
        await t.close()
    }
}

// MARK: - Corrections

@Suite struct LedgerCorrectionTests {
    @Test func aCorrectionNeedsAReasonBumpsTheRevisionAndKeepsTheOldVersion() async throws {
        let t = try await openLedgerHost()
        let w = try await LedgerWorld.make(t)
        let corrected = EventLog(t.host, Ledger.Event.corrected)
        let ledger = Ledger(host: t.host)
        let original = try await ledger.record(w.themeDay(at: "2026-06-05T14:30", topic: "原题目"), by: .system)

        // No reason, or a blank one: refused, nothing changes.
        var draft = w.themeDay(at: "2026-06-05T15:00", topic: "更正后的题目")
        draft.attendees = [.init(memberID: w.zhang.id), .init(memberID: w.wang.id, classHours: 1)]
        draft.absentees = [.init(memberID: w.li.id, reason: "病假")]
        await expectRefusal("validation.required", field: "reason") {
            _ = try await ledger.correct(original.id, draft, by: .system)
        }
        draft.reason = "  "
        await expectRefusal("validation.required", field: "reason") {
            _ = try await ledger.correct(original.id, draft, by: .system)
        }
        #expect(try await ledger.get(original.id, by: .system) == original)
        #expect(try await t.count("audit_log", "entity = 'orglife.record' AND action = 'correct'") == 0)

        t.clock.advance(by: 3600)
        draft.reason = "出席名单登记错误"
        let after = try await ledger.correct(original.id, draft, by: .system)
        #expect(after.id == original.id)
        #expect(after.revision == 2)
        #expect(after.topic == "更正后的题目")
        #expect(after.heldAt == chinaTime("2026-06-05", hour: 15))
        #expect(after.createdAt == original.createdAt)
        #expect(after.updatedAt == TemporaryHost.start.addingTimeInterval(3600))
        // Attendance is replaced, not merged.
        #expect(after.attendees.map(\.memberID) == [w.zhang.id, w.wang.id])
        #expect(after.attendees.map(\.classHours) == [0, 1])
        #expect(after.absentees.map(\.memberID) == [w.li.id])
        #expect(try await ledger.get(original.id, by: .system) == after)
        #expect(try await t.count("orglife_records") == 1)
        #expect(try await t.count("orglife_attendance", "record_id = \(original.id)") == 3)
        #expect(
            try await t.count("orglife_attendance", "member_id = \(w.li.id) AND present = 0 AND reason = '病假'") == 1)
        #expect(try await t.count("orglife_attendance", "member_id = \(w.wang.id) AND present = 1") == 1)
        #expect(
            try await t.count(
                "orglife_records", "id = \(original.id) AND revision = 2 AND attendee_count = 2 AND absentee_count = 1")
                == 1)

        // The audit log keeps the old version and the reason.
        let audit = try await auditRows(t, entity: "orglife.record", id: original.id)
        #expect(audit.map(\.action) == ["create", "correct"])
        let correction = try #require(audit.last)
        #expect(correction.path == w.branchA.path)
        #expect(correction.before?.contains("原题目") == true)
        #expect(correction.before?.contains("出差") == true, "the old absentee list is kept")
        #expect(correction.after?.contains("出席名单登记错误") == true)
        #expect(correction.after?.contains("更正后的题目") == true)

        let events = await corrected.all
        #expect(events.count == 1)
        #expect(events.first?.entityID == original.id && events.first?.organizationID == w.branchA.id)
        #expect(events.first?.payload["kind"] == "themeDay")

        // A second correction goes to revision 3.
        draft.reason = "补充会议纪要"
        draft.minutes = "补充的纪要"
        #expect(try await ledger.correct(original.id, draft, by: .system).revision == 3)
        #expect(try await t.count("audit_log", "entity = 'orglife.record' AND action = 'correct'") == 2)
        await t.close()
    }

    @Test func aCorrectionIsCheckedLikeARecord() async throws {
        let t = try await openLedgerHost()
        let w = try await LedgerWorld.make(t)
        let ledger = Ledger(host: t.host)
        let original = try await ledger.record(w.themeDay(), by: .system)
        let before = try await LedgerCounts.of(t)

        var move = w.themeDay()
        move.organizationID = w.branchB.id
        move.attendees = [.init(memberID: w.zhao.id)]
        move.absentees = []
        move.reason = "记错支部"
        await expectRefusal("orglife.organizationChanged", field: "organizationID") {
            _ = try await ledger.correct(original.id, move, by: .system)
        }

        var future = w.themeDay(at: "2026-06-20T14:30")
        future.reason = "改期"
        await expectRefusal("validation.futureDate", field: "heldAt") {
            _ = try await ledger.correct(original.id, future, by: .system)
        }

        var stranger = w.themeDay()
        stranger.attendees = [.init(memberID: w.zhao.id)]
        stranger.reason = "补人"
        await expectRefusal("orglife.notAMember") { _ = try await ledger.correct(original.id, stranger, by: .system) }

        var committee = w.themeDay()
        committee.kind = "committeeMeeting"
        committee.reason = "类型登记错误"
        await expectRefusal("orglife.noCommittee") { _ = try await ledger.correct(original.id, committee, by: .system) }

        var missing = w.themeDay()
        missing.reason = "更正"
        await expectRefusal("orglife.record.notFound") { _ = try await ledger.correct(987_654, missing, by: .system) }

        #expect(try await LedgerCounts.of(t) == before)
        #expect(try await ledger.get(original.id, by: .system) == original)
        await t.close()
    }
}

// MARK: - Listing by period

@Suite struct LedgerListTests {
    @Test func recordsOfAPeriodAreFilteredByKindNewestFirst() async throws {
        let t = try await openLedgerHost()
        let w = try await LedgerWorld.make(t)
        let ledger = Ledger(host: t.host)
        let march = try await ledger.record(w.themeDay(at: "2026-03-31T20:00"), by: .system)
        let april = try await ledger.record(w.themeDay(at: "2026-04-01T08:00"), by: .system)
        let june = try await ledger.record(w.themeDay(at: "2026-06-05T14:30"), by: .system)
        var lecture = w.themeDay(at: "2026-05-20T14:30")
        lecture.kind = "partyLecture"
        let may = try await ledger.record(lecture, by: .system)
        _ = try await ledger.record(
            LedgerRecordDraft(
                organizationID: w.branchB.id, kind: "themeDay", heldAt: "2026-06-05T14:30",
                topic: "二支部主题党日"), by: .system)

        let q2 = try Period.parse("2026-Q2")
        #expect(
            try await ledger.records(of: w.branchA.id, in: q2, kind: .themeDay, by: .system).map(\.id) == [
                june.id, april.id,
            ])
        #expect(
            try await ledger.records(of: w.branchA.id, in: q2, kind: nil, by: .system).map(\.id) == [
                june.id, may.id, april.id,
            ])
        #expect(
            try await ledger.records(of: w.branchA.id, in: try Period.parse("2026-03"), kind: nil, by: .system).map(
                \.id) == [march.id])
        #expect(
            try await ledger.records(of: w.branchA.id, in: try Period.parse("2026-H1"), kind: .themeDay, by: .system)
                .count == 3)
        #expect(
            try await ledger.records(of: w.branchA.id, in: try Period.parse("2026"), kind: .partyLecture, by: .system)
                .map(\.id) == [may.id])
        #expect(
            try await ledger.records(of: w.branchA.id, in: try Period.parse("2025"), kind: nil, by: .system).isEmpty)
        // Records are the organisation's own: the general branch above holds none.
        #expect(try await ledger.records(of: w.general.id, in: q2, kind: nil, by: .system).isEmpty)
        // Listed records carry their attendance, like get().
        let listed = try await ledger.records(of: w.branchA.id, in: q2, kind: .themeDay, by: .system)
        #expect(listed.first == (try await ledger.get(june.id, by: .system)))
        await t.close()
    }

    @Test(arguments: [
        "2026-13", "2026-00", "2026-Q5", "2026-Q0", "2026-H3", "2026-6", "26-06", "2026-06-01", "", "abcd", "2026-q2",
        "3000",
    ])
    func aPeriodThatDoesNotExistIsRefused(_ text: String) async throws {
        await expectRefusal("orglife.badPeriod", field: "period") { _ = try Period.parse(text) }
    }

    @Test func periodsCoverTheirDays() throws {
        let q2 = try Period.parse("2026-Q2")
        #expect(q2.start == Day("2026-04-01") && q2.end == Day("2026-06-30"))
        let feb = try Period.parse("2028-02")
        #expect(feb.start == Day("2028-02-01") && feb.end == Day("2028-02-29"))
        let h2 = try Period.parse("2026-H2")
        #expect(h2.start == Day("2026-07-01") && h2.end == Day("2026-12-31"))
        #expect(try Period.parse("2026").parts(.quarter).map(\.key) == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"])
        #expect(Period.containing(Day("2026-06-15")!, .month).key == "2026-06")
    }
}

// MARK: - Plans

@Suite struct LedgerPlanTests {
    static func item(_ kind: String, _ day: String, _ topic: String = "计划活动") -> ActivityPlanDraft.ItemDraft {
        .init(kind: kind, plannedOn: day, topic: topic)
    }

    @Test func aPlanIsComparedWithWhatWasHeld() async throws {
        let t = try await openLedgerHost()
        let w = try await LedgerWorld.make(t)
        let ledger = Ledger(host: t.host)
        let plan = try await ledger.filePlan(
            ActivityPlanDraft(
                organizationID: w.branchA.id, month: "2026-06",
                items: [
                    Self.item("themeDay", "2026-06-05", "主题党日"), Self.item("partyLecture", "2026-06-25", "书记讲党课"),
                    Self.item("generalMeeting", "2026-06-28"), Self.item("themeDay", "2026-06-30", "第二次主题党日"),
                ]), by: .system)
        #expect(plan.month == "2026-06" && plan.items.count == 4 && plan.organizationID == w.branchA.id)
        #expect(plan.items.first?.kind == .themeDay && plan.items.first?.plannedOn == Day("2026-06-05"))

        let theme1 = try await ledger.record(w.themeDay(at: "2026-06-05T14:30"), by: .system)
        let theme2 = try await ledger.record(w.themeDay(at: "2026-06-01T08:00"), by: .system)
        var study = w.themeDay(at: "2026-06-10")
        study.kind = "studySession"
        let unplanned = try await ledger.record(study, by: .system)
        _ = try await ledger.record(w.themeDay(at: "2026-05-31T20:00"), by: .system)  // last month: not counted

        let comparison = try await ledger.comparePlan(of: w.branchA.id, month: "2026-06", by: .system)
        #expect(comparison.filed)
        #expect(comparison.month == "2026-06")
        #expect(comparison.lines.map(\.kind) == [.generalMeeting, .partyLecture, .themeDay, .studySession])
        let byKind = Dictionary(uniqueKeysWithValues: comparison.lines.map { ($0.kind, $0) })
        #expect(byKind[.themeDay]?.planned == 2 && byKind[.themeDay]?.held == 2)
        #expect(byKind[.themeDay]?.recordIDs == [theme2.id, theme1.id], "in the order they were held")
        #expect(byKind[.themeDay]?.kindName == "主题党日")
        #expect(byKind[.partyLecture]?.planned == 1 && byKind[.partyLecture]?.held == 0)
        #expect(byKind[.generalMeeting]?.planned == 1 && byKind[.generalMeeting]?.held == 0)
        #expect(byKind[.studySession]?.planned == 0 && byKind[.studySession]?.held == 1)
        #expect(byKind[.studySession]?.recordIDs == [unplanned.id])

        // A month without a plan still shows what was held.
        let may = try await ledger.comparePlan(of: w.branchA.id, month: "2026-05", by: .system)
        #expect(!may.filed)
        #expect(may.lines.map(\.kind) == [.themeDay] && may.lines.first?.planned == 0 && may.lines.first?.held == 1)
        let july = try await ledger.comparePlan(of: w.branchA.id, month: "2026-07", by: .system)
        #expect(!july.filed && july.lines.isEmpty)

        let audit = try await auditRows(t, entity: "orglife.plan", id: plan.id)
        #expect(audit.map(\.action) == ["file"])
        #expect(audit.first?.path == w.branchA.path)
        await t.close()
    }

    @Test func refilingReplacesThePlanAndAuditsTheOldOne() async throws {
        let t = try await openLedgerHost()
        let w = try await LedgerWorld.make(t)
        let ledger = Ledger(host: t.host)
        // Next month's plan is filed ahead, so its days are in the future.
        _ = try await ledger.filePlan(
            ActivityPlanDraft(
                organizationID: w.branchA.id, month: "2026-07",
                items: [
                    Self.item("themeDay", "2026-07-01", "建党节主题党日"), Self.item("partyLecture", "2026-07-15", "七一党课"),
                ]), by: .system)
        t.clock.advance(by: 86400)
        let second = try await ledger.filePlan(
            ActivityPlanDraft(
                organizationID: w.branchA.id, month: "2026-07",
                items: [
                    Self.item("generalMeeting", "2026-07-20", "党员大会")
                ]), by: .system)
        #expect(second.items.map(\.kind) == [.generalMeeting])
        #expect(second.filedAt == TemporaryHost.start.addingTimeInterval(86400))
        #expect(try await t.count("orglife_plans") == 1)
        #expect(try await t.count("orglife_plans", "organization_id = \(w.branchA.id) AND month = '2026-07'") == 1)
        let comparison = try await ledger.comparePlan(of: w.branchA.id, month: "2026-07", by: .system)
        #expect(comparison.lines.map(\.kind) == [.generalMeeting])
        #expect(comparison.lines.first?.planned == 1)

        let audited = try await t.host.store.read { s in
            try s.query(
                "SELECT action, before_json, after_json FROM audit_log WHERE entity = 'orglife.plan' ORDER BY id", []
            ).map {
                [
                    try $0.string("action"), try $0.optionalString("before_json") ?? "",
                    try $0.optionalString("after_json") ?? "",
                ]
            }
        }
        #expect(audited.map { $0[0] } == ["file", "refile"])
        #expect(audited.last?[1].contains("七一党课") == true, "the re-filing keeps the plan it replaced")
        #expect(audited.last?[2].contains("党员大会") == true)
        // Another organisation's plan for the same month is its own.
        _ = try await ledger.filePlan(
            ActivityPlanDraft(
                organizationID: w.branchB.id, month: "2026-07",
                items: [
                    Self.item("themeDay", "2026-07-01", "主题党日")
                ]), by: .system)
        #expect(try await t.count("orglife_plans") == 2)
        await t.close()
    }

    @Test func aBadPlanIsRefusedAndWritesNothing() async throws {
        let t = try await openLedgerHost()
        let w = try await LedgerWorld.make(t)
        let ledger = Ledger(host: t.host)
        func file(_ month: String?, _ items: [ActivityPlanDraft.ItemDraft]?) async throws {
            _ = try await ledger.filePlan(
                ActivityPlanDraft(organizationID: w.branchA.id, month: month, items: items), by: .system)
        }
        let one = [Self.item("themeDay", "2026-07-01")]
        await expectRefusal("orglife.badPeriod", field: "month") { try await file("2026-13", one) }
        await expectRefusal("orglife.badPeriod", field: "month") { try await file("2026-7", one) }
        await expectRefusal("validation.badValue", field: "month") { try await file("2026-Q3", one) }
        await expectRefusal("validation.badValue", field: "month") { try await file("2026", one) }
        await expectRefusal("validation.required", field: "month") { try await file(nil, one) }
        await expectRefusal("validation.badValue", field: "items.1.plannedOn") {
            try await file("2026-07", one + [Self.item("partyLecture", "2026-08-01")])
        }
        await expectRefusal("validation.badValue", field: "items.0.plannedOn") {
            try await file("2026-07", [Self.item("themeDay", "2026-06-30")])
        }
        await expectRefusal("validation.badValue", field: "items.0.plannedOn") {
            try await file("2026-07", [Self.item("themeDay", "2026-07-32")])
        }
        await expectRefusal("validation.required", field: "items.0.plannedOn") {
            try await file("2026-07", [Self.item("themeDay", "")])
        }
        await expectRefusal("validation.badValue", field: "items.0.kind") {
            try await file("2026-07", [Self.item("picnic", "2026-07-02")])
        }
        await expectRefusal("validation.required", field: "items.0.topic") {
            try await file(
                "2026-07", [ActivityPlanDraft.ItemDraft(kind: "themeDay", plannedOn: "2026-07-02", topic: nil)])
        }
        await expectRefusal("validation.badValue", field: "items") { try await file("2026-07", []) }
        await expectRefusal("validation.badValue", field: "items") { try await file("2026-07", nil) }
        await expectRefusal("validation.badValue", field: "items") {
            try await file("2026-07", Array(repeating: Self.item("themeDay", "2026-07-02"), count: 61))
        }
        await expectRefusal("validation.required", field: "organizationID") {
            _ = try await ledger.filePlan(
                ActivityPlanDraft(organizationID: nil, month: "2026-07", items: one), by: .system)
        }
        await expectRefusal("organization.notFound") {
            _ = try await ledger.filePlan(
                ActivityPlanDraft(organizationID: 987_654, month: "2026-07", items: one), by: .system)
        }
        await expectRefusal("orglife.badPeriod", field: "month") {
            _ = try await ledger.comparePlan(of: w.branchA.id, month: "2026-13", by: .system)
        }
        #expect(try await LedgerCounts.of(t) == LedgerCounts(records: 0, attendance: 0, plans: 0, audit: 0))
        await t.close()
    }

    /// A plan is a month's; filing refuses a quarter or a year, and so must the comparison
    /// (otherwise it answers "not filed" with a quarter's or a year's records).
    @Test func aPlanComparisonIsForAMonthOnly() async throws {
        let t = try await openLedgerHost()
        let w = try await LedgerWorld.make(t)
        let ledger = Ledger(host: t.host)
        _ = try await ledger.record(w.themeDay(), by: .system)
        await expectRefusal("validation.badValue", field: "month") {
            _ = try await ledger.comparePlan(of: w.branchA.id, month: "2026-Q2", by: .system)
        }
        await expectRefusal("validation.badValue", field: "month") {
            _ = try await ledger.comparePlan(of: w.branchA.id, month: "2026", by: .system)
        }
        await t.close()
    }
}

// MARK: - Scoping

@Suite struct LedgerScopingTests {
    /// Creates a user with one grant and logs them in, so the principal is the one a token gives.
    static func login(_ t: TemporaryHost, _ username: String, _ role: Role, _ organization: Organization) async throws
        -> Principal
    {
        _ = try await t.create(Account(username, role, on: organization))
        let issued = try await t.host.users.login(Credentials(username: username, password: DemoDistrict.password))
        return try #require(try await t.host.users.principal(forToken: issued.token))
    }

    @Test func aSecretaryReachesTheirOwnBranchOnly() async throws {
        let t = try await openLedgerHost()
        let w = try await LedgerWorld.make(t)
        let ledger = Ledger(host: t.host)
        let secretaryA = try await Self.login(t, "sec-a", .secretary, w.branchA)
        #expect(secretaryA.grants.map(\.path) == [w.branchA.path])
        let inB = try await ledger.record(
            LedgerRecordDraft(
                organizationID: w.branchB.id, kind: "themeDay", heldAt: "2026-06-05T14:30",
                topic: "二支部主题党日", attendees: [.init(memberID: w.zhao.id)]), by: .system)
        let planB = try await ledger.filePlan(
            ActivityPlanDraft(
                organizationID: w.branchB.id, month: "2026-06",
                items: [.init(kind: "themeDay", plannedOn: "2026-06-05", topic: "主题党日")]), by: .system)

        // Their own branch: record, read, list, correct, plan.
        let mine = try await ledger.record(w.themeDay(), by: secretaryA)
        #expect(try await ledger.get(mine.id, by: secretaryA) == mine)
        #expect(
            try await ledger.records(of: w.branchA.id, in: try Period.parse("2026-06"), kind: nil, by: secretaryA).map(
                \.id) == [mine.id])
        var fix = w.themeDay(topic: "改正题目")
        fix.reason = "笔误"
        #expect(try await ledger.correct(mine.id, fix, by: secretaryA).revision == 2)
        _ = try await ledger.filePlan(
            ActivityPlanDraft(
                organizationID: w.branchA.id, month: "2026-06",
                items: [.init(kind: "themeDay", plannedOn: "2026-06-05", topic: "主题党日")]), by: secretaryA)
        #expect(try await ledger.comparePlan(of: w.branchA.id, month: "2026-06", by: secretaryA).filed)
        // The party group under their branch is theirs too.
        _ = try await ledger.record(
            LedgerRecordDraft(
                organizationID: w.group.id, kind: "groupMeeting", heldAt: "2026-06-08T19:00",
                topic: "党小组会"), by: secretaryA)
        // The audit trail names the secretary.
        #expect(
            try await auditRows(t, entity: "orglife.record", id: mine.id).map(\.actorUserID) == [
                secretaryA.userID, secretaryA.userID,
            ])

        // Branch B does not exist for them: every read and write is a 404, and nothing is written.
        let before = try await LedgerCounts.of(t)
        let notFound = await expectRefusal("orglife.record.notFound") {
            _ = try await ledger.get(inB.id, by: secretaryA)
        }
        #expect(notFound?.kind == .notFound)
        await expectRefusal("organization.notFound") {
            _ = try await ledger.records(of: w.branchB.id, in: try Period.parse("2026-06"), kind: nil, by: secretaryA)
        }
        await expectRefusal("organization.notFound") {
            _ = try await ledger.records(of: w.general.id, in: try Period.parse("2026-06"), kind: nil, by: secretaryA)
        }
        await expectRefusal("organization.notFound") {
            _ = try await ledger.record(
                LedgerRecordDraft(
                    organizationID: w.branchB.id, kind: "themeDay", heldAt: "2026-06-06T14:30",
                    topic: "越权登记"), by: secretaryA)
        }
        var fixB = LedgerRecordDraft(
            organizationID: w.branchB.id, kind: "themeDay", heldAt: "2026-06-05T14:30", topic: "越权更正")
        fixB.reason = "越权"
        await expectRefusal("orglife.record.notFound") { _ = try await ledger.correct(inB.id, fixB, by: secretaryA) }
        // Nor can they pull B's record into their branch with a correction.
        var pull = w.themeDay(at: "2026-06-05T14:30")
        pull.reason = "越权"
        await expectRefusal("orglife.record.notFound") { _ = try await ledger.correct(inB.id, pull, by: secretaryA) }
        await expectRefusal("organization.notFound") {
            _ = try await ledger.filePlan(
                ActivityPlanDraft(
                    organizationID: w.branchB.id, month: "2026-07",
                    items: [.init(kind: "themeDay", plannedOn: "2026-07-01", topic: "越权")]), by: secretaryA)
        }
        await expectRefusal("organization.notFound") {
            _ = try await ledger.comparePlan(of: w.branchB.id, month: "2026-06", by: secretaryA)
        }
        #expect(try await LedgerCounts.of(t) == before)
        #expect(try await ledger.get(inB.id, by: .system) == inB)
        #expect(
            try await ledger.comparePlan(of: w.branchB.id, month: "2026-06", by: .system).lines.first?.planned
                == planB.items.count)
        await t.close()
    }

    @Test func aDistrictAdminOfTheRootReachesEveryBranch() async throws {
        let t = try await openLedgerHost()
        let w = try await LedgerWorld.make(t)
        let ledger = Ledger(host: t.host)
        let admin = try await Self.login(t, "admin", .districtAdmin, w.root)
        let secretaryA = try await Self.login(t, "sec-a", .secretary, w.branchA)
        let inA = try await ledger.record(w.themeDay(), by: secretaryA)
        let inB = try await ledger.record(
            LedgerRecordDraft(
                organizationID: w.branchB.id, kind: "themeDay", heldAt: "2026-06-05T14:30",
                topic: "二支部主题党日", attendees: [.init(memberID: w.zhao.id)]), by: admin)
        #expect(try await ledger.get(inA.id, by: admin) == inA)
        #expect(try await ledger.get(inB.id, by: admin) == inB)
        let june = try Period.parse("2026-06")
        #expect(try await ledger.records(of: w.branchA.id, in: june, kind: nil, by: admin).map(\.id) == [inA.id])
        #expect(try await ledger.records(of: w.branchB.id, in: june, kind: nil, by: admin).map(\.id) == [inB.id])
        var fix = w.themeDay(topic: "上级更正")
        fix.reason = "上级审核更正"
        #expect(try await ledger.correct(inA.id, fix, by: admin).revision == 2)
        _ = try await ledger.filePlan(
            ActivityPlanDraft(
                organizationID: w.branchB.id, month: "2026-06",
                items: [.init(kind: "themeDay", plannedOn: "2026-06-05", topic: "主题党日")]), by: admin)
        // A secretary of the general branch above A and B reads both.
        let general = try await Self.login(t, "sec-general", .secretary, w.general)
        #expect(try await ledger.get(inB.id, by: general) == inB)
        #expect(try await ledger.get(inA.id, by: general).revision == 2)
        await t.close()
    }

    @Test func anAuditorReadsButCannotWriteAndAMemberSeesNothing() async throws {
        let t = try await openLedgerHost()
        let w = try await LedgerWorld.make(t)
        let ledger = Ledger(host: t.host)
        let record = try await ledger.record(w.themeDay(), by: .system)
        let auditor = try await Self.login(t, "auditor", .auditor, w.root)
        #expect(try await ledger.get(record.id, by: auditor) == record)
        let before = try await LedgerCounts.of(t)
        let forbidden = await expectRefusal("auth.forbidden") {
            _ = try await ledger.record(w.themeDay(at: "2026-06-06T14:30"), by: auditor)
        }
        #expect(forbidden?.kind == .forbidden)
        var fix = w.themeDay(topic: "审计改")
        fix.reason = "审计"
        await expectRefusal("auth.forbidden") { _ = try await ledger.correct(record.id, fix, by: auditor) }
        await expectRefusal("auth.forbidden") {
            _ = try await ledger.filePlan(
                ActivityPlanDraft(
                    organizationID: w.branchA.id, month: "2026-07",
                    items: [.init(kind: "themeDay", plannedOn: "2026-07-01", topic: "计划")]), by: auditor)
        }
        #expect(try await LedgerCounts.of(t) == before)

        // A plain member (no ledger rights) does not see the record at all.
        let member = Principal(
            userID: 77, username: "m", memberID: w.zhang.id,
            grants: [.init(role: .member, organizationID: w.branchA.id, path: w.branchA.path)])
        await expectRefusal("orglife.record.notFound") { _ = try await ledger.get(record.id, by: member) }
        await t.close()
    }
}
