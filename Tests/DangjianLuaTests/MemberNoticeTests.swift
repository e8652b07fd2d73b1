import Foundation
import Synchronization
import Testing
@testable import Dangjian
@testable import DangjianLua
import DangjianTestSupport

/// `{ notify = "member", member = ID, … }`: a notice to one person's own accounts.
@Suite struct MemberNoticeTests {
    /// 市委 → 区委 (a district) → 第一支部 with 张伟 (an account) and 李娜 (none); 市委 → 区外支部
    /// with 赵敏 (an account). The district pack is bound to 区委.
    struct World {
        let t: TemporaryHost
        let district: Organization
        let branch: Organization
        let zhang: (member: Int64, user: Int64)
        let li: Int64
        let zhao: (member: Int64, user: Int64)
    }

    func world() async throws -> World {
        let t = try await TemporaryHost.open()
        let o = t.host.organizations
        let root = try await o.create(.init(parentID: nil, name: "市委", kind: "committee"), by: .system)
        let district = try await o.create(.init(parentID: root.id, name: "区委", kind: "committee"), by: .system)
        let branch = try await o.create(.init(parentID: district.id, name: "第一支部", kind: "branch"), by: .system)
        let outside = try await o.create(.init(parentID: root.id, name: "区外支部", kind: "branch"), by: .system)
        func member(_ organization: Organization, _ name: String, _ sequence: Int, account: Bool) async throws -> (
            member: Int64, user: Int64
        ) {
            let member = try await t.host.members.create(
                MemberDraft(
                    organizationID: organization.id, name: name,
                    idNumber: IDs.make(born: "1980-05-06", sequence: sequence), status: "applicant",
                    appliedOn: "2026-01-10"), by: .system)
            guard account else { return (member.id, 0) }
            let user = try await t.host.users.create(
                UserDraft(
                    username: "u\(member.id)", displayName: name, password: "secret123", memberID: member.id,
                    grants: [GrantDraft(role: "member", organizationID: organization.id)]), by: .system)
            return (member.id, user.id)
        }
        return World(
            t: t, district: district, branch: branch, zhang: try await member(branch, "张伟", 101, account: true),
            li: try await member(branch, "李娜", 102, account: false).member,
            zhao: try await member(outside, "赵敏", 103, account: true))
    }

    func rule(notifying members: [String]) -> String {
        let intents = members.enumerated().map {
            #"{ notify = "member", member = \#($1), title = "请参加例会", body = "您联系的分会召开了例会。", key = "k\#($0)" }"#
        }
        return """
            rule { id = "personal", title = "个人提醒", source = "测试", applies_to = { kind = "branch" },
              check = function(org, today) if org.name ~= "第一支部" then return {} end return { \(intents.joined(separator: ", ")) } end }
            """
    }

    @Test func aNoticeReachesTheMembersOwnAccountOnceAndOneWithoutAnAccountIsUnaddressed() async throws {
        let w = try await world()
        defer { Task { await w.t.close() } }
        let pack = try RulePack.load(
            directory: try TemporaryFiles.directory(["r.lua": rule(notifying: ["\(w.zhang.member)", "\(w.li)"])])
        ).get()
        let engine = try RuleEngine(host: w.t.host, pack: pack, limits: LuaLimits(), poolSize: 1)
        let report = try await engine.sweep(at: w.t.today)
        #expect(report.failures.isEmpty && report.sent == 1)
        #expect(report.unaddressed == ["personal: member \(w.li) has no active account"])
        #expect(
            try await w.t.count(
                "notifications", "user_id = \(w.zhang.user) AND title = '请参加例会' AND organization_id = \(w.branch.id)")
                == 1)
        #expect(try await engine.sweep(at: w.t.today).alreadySent == 1)
    }

    @Test func aDistrictPackCannotNotifyAMemberOutsideItsSubtree() async throws {
        let w = try await world()
        defer { Task { await w.t.close() } }
        let baseline = try RulePack.load(directory: try TemporaryFiles.directory(["empty.lua": "-- none"])).get()
        let district = try RulePack.load(
            directory: try TemporaryFiles.directory([
                "d.lua": rule(notifying: ["\(w.zhao.member)", "\(w.zhang.member)"])
            ])
        ).get()
        let engine = try RuleEngine(
            host: w.t.host,
            rules: RuleSet(baseline: baseline, bindings: [.init(pack: district, organizationID: w.district.id)]),
            limits: LuaLimits(), poolSize: 1)
        let report = try await engine.sweep(at: w.t.today)
        #expect(report.failures.map(\.error.message) == ["member \(w.zhao.member) is outside this pack's subtree"])
        #expect(report.sent == 1)
        #expect(try await w.t.count("notifications", "user_id = \(w.zhao.user)") == 0)
    }

    @Test func anEventHookReachesTheMemberTheEventIsAbout() async throws {
        let w = try await world()
        defer { Task { await w.t.close() } }
        let pack = try RulePack.load(
            directory: try TemporaryFiles.directory([
                "h.lua": """
                on("member.statusChanged", function(event)
                  return { { notify = "member", member = event.entity_id, title = "您已被确定为入党积极分子", key = "activist" } }
                end)
                """
            ])
        ).get()
        let engine = try RuleEngine(host: w.t.host, pack: pack, limits: LuaLimits(), poolSize: 1)
        let seen = Mutex<[HostEvent]>([])
        w.t.host.events.subscribe(HostEvent.Name.memberStatusChanged, subscriber: "test") { event in
            seen.withLock { $0.append(event) }
        }
        _ = try await w.t.host.members.changeStatus(
            w.zhang.member, StatusChange(status: "activist", on: "2026-06-01", reason: "支委会确定"), by: .system)
        await w.t.host.events.settle()
        let event = try #require(seen.withLock { $0.first })
        let report = try await engine.handle(event)
        #expect(report.sent == 1 && report.failures.isEmpty)
        #expect(try await w.t.count("notifications", "user_id = \(w.zhang.user) AND title = '您已被确定为入党积极分子'") == 1)
    }

    @Test func aMemberNoticeNeedsAMemberAndAReminderCannotAddressOne() async throws {
        let w = try await world()
        defer { Task { await w.t.close() } }
        let pack = try RulePack.load(
            directory: try TemporaryFiles.directory(["r.lua": rule(notifying: ["nil", #""张伟""#])])
        ).get()
        let report = try await RuleEngine(host: w.t.host, pack: pack, limits: LuaLimits(), poolSize: 1).sweep(
            at: w.t.today)
        #expect(report.sent == 0 && report.failures.count == 2)
        #expect(
            report.failures.allSatisfy { $0.error.message.contains(#"notify = "member" needs member = <member id>"#) })
        let reminder = """
            reminder { id = "personal-monthly", title = "x", source = "测试", applies_to = { kind = "branch" }, every = "month",
              done = function() return false end, notify = { before_end = { 7 }, to = "member" } }
            """
        guard case .failure(let errors) = RulePack.load(directory: try TemporaryFiles.directory(["r.lua": reminder]))
        else {
            Issue.record("a reminder to a member was accepted")
            return
        }
        #expect(
            errors.problems.contains { $0.message.contains("notify.to must be one of parent.secretary, secretary") })
    }
}
