import Testing
@testable import Dangjian
import DangjianTestSupport

@Suite struct TransactionTests {
    struct Boom: Error {}

    @Test func aFailureInTheMiddleLeavesNothingBehind() async throws {
        let t = try await TestHost.make()
        let tree = try await SmallTree.make(t)
        let user = try await t.host.users.create(
            UserDraft(
                username: "alice", displayName: "alice", password: "secret123",
                grants: [GrantDraft(role: "secretary", organizationID: tree.branchA.id)]), by: .system)
        let events = EventRecorder()
        t.host.events.subscribe("*", subscriber: "test") { await events.record($0) }
        let before = try await t.count("audit_log")
        await #expect(throws: Boom.self) {
            try await t.host.store.write(.system) { tx in
                let task = try t.host.tasks.open(
                    try t.host.tasks.validate(
                        TaskDraft(
                            issuerOrganizationID: tree.root.id,
                            responsibleOrganizationID: tree.branchA.id, title: "半途而废", dueOn: "2026-07-01")),
                    in: tx, idempotencyKey: nil, ruleRef: nil, findingID: nil)
                #expect(task != nil)
                try t.host.notifications.send(
                    NotificationDraft(userID: user.id, kind: "general", title: "x", body: "", idempotencyKey: "k"),
                    in: tx)
                throw Boom()
            }
        }
        #expect(try await t.count("tasks") == 0)
        #expect(try await t.count("notifications") == 0)
        #expect(try await t.count("audit_log") == before)
        #expect(await events.events.isEmpty)
        await t.close()
    }

    @Test func allOrNothingImportWritesNothingWhenOneRowCannotBeRead() async throws {
        let t = try await TestHost.make()
        let tree = try await SmallTree.make(t)
        // 1,000 valid rows; line 700 carries two extra fields.
        var lines = ["组织ID,姓名,身份证号,状态,申请入党日期"]
        for n in 1...1000 {
            let id = IDs.make(born: "1980-01-02", sequence: n % 1000)
            lines.append("\(tree.branchA.id),党员\(n),\(id),applicant,2026-01-05\(n == 699 ? ",x,y" : "")")
        }
        let parsed = try MemberCSV.parse(lines.joined(separator: "\n"))
        #expect(parsed.errors.map(\.line) == [700] && parsed.rows.count == 999)
        let strict = try await t.host.members.createBatch(
            parsed.rows.map { ($0.line, $0.draft) }, unreadable: parsed.errors,
            allOrNothing: true, by: .system)
        #expect(strict.filter { $0.error != nil }.map(\.line) == [700])
        #expect(strict.allSatisfy { $0.memberID == nil })
        #expect(try await t.count("members") == 0)
        #expect(try await t.count("audit_log", "entity = 'member'") == 0)
        // Without --all-or-nothing the readable rows go in, and the unreadable one is still a rejection.
        let lenient = try await t.host.members.createBatch(
            parsed.rows.map { ($0.line, $0.draft) }, unreadable: parsed.errors,
            allOrNothing: false, by: .system)
        #expect(lenient.count == 1000 && lenient.filter { $0.error != nil }.map(\.line) == [700])
        #expect(try await t.count("members") == 999)
        await t.close()
    }

    @Test func allOrNothingImportWritesNothingWhenOneRowIsBad() async throws {
        let t = try await TestHost.make()
        let tree = try await SmallTree.make(t)
        let good = MemberDraft.full(tree.branchA)
        var bad = MemberDraft.full(tree.branchA, name: "重号", sequence: 200)
        bad.organizationID = 9999
        let results = try await t.host.members.createBatch([(2, good), (3, bad)], allOrNothing: true, by: .system)
        #expect(results.map(\.line) == [2, 3])
        #expect(results.allSatisfy { $0.memberID == nil })
        #expect(results[1].error?.code == "organization.notFound")
        #expect(try await t.count("members") == 0)
        #expect(try await t.count("audit_log", "entity = 'member'") == 0)
        let partial = try await t.host.members.createBatch([(2, good), (3, bad)], allOrNothing: false, by: .system)
        #expect(partial[0].memberID != nil && partial[1].error != nil)
        #expect(try await t.count("members") == 1)
        await t.close()
    }

    @Test func eventsArriveAfterCommitAndAFailingHandlerStopsNothing() async throws {
        let t = try await TestHost.make()
        let seen = EventRecorder()
        t.host.events.subscribe(HostEvent.Name.organizationCreated, subscriber: "broken") { _ in throw Boom() }
        t.host.events.subscribe(HostEvent.Name.organizationCreated, subscriber: "reader") { event in
            // The row is committed by the time a handler runs.
            let rows = try await t.host.store.read { s in
                try s.scalarInt("SELECT COUNT(*) FROM organizations WHERE id = ?", [.integer(event.entityID!)])
            }
            #expect(rows == 1)
            await seen.record(event)
        }
        let root = try await t.host.organizations.create(
            .init(parentID: nil, name: "区委", kind: "committee"), by: .system)
        await t.host.events.settle()
        #expect(await seen.events.map(\.entityID) == [root.id])
        #expect(t.host.events.failureCount == 1)
        #expect(try await t.count("organizations") == 1)
        await t.close()
    }

    @Test func everyChangeLeavesAnAuditEntryWithBeforeAndAfter() async throws {
        let t = try await TestHost.make()
        let tree = try await SmallTree.make(t)
        let admin = Principal.with(.districtAdmin, tree.root, userID: 42)
        _ = try await t.host.organizations.update(tree.branchA.id, .init(name: "一中第一党支部"), by: admin)
        let entries = try await t.host.audit.list(
            .init(entity: "organization", entityID: tree.branchA.id), page: .first, by: admin)
        #expect(entries.items.map(\.action) == ["update", "create"])
        let update = entries.items[0]
        #expect(update.actorUserID == 42 && update.actorName == "user42")
        #expect(update.before?.contains("一中第一支部") == true && update.after?.contains("一中第一党支部") == true)
        // A secretary of another branch reads none of it; a member reads no audit at all.
        let other = try await t.host.audit.list(
            .init(entity: "organization", entityID: tree.branchA.id), page: .first,
            by: .with(.secretary, tree.otherSchool))
        #expect(other.items.isEmpty)
        await expectError("auth.forbidden") {
            _ = try await t.host.audit.list(
                .init(), page: .first, by: Principal(userID: 3, username: "m", memberID: 1, grants: []))
        }
        await t.close()
    }
}
