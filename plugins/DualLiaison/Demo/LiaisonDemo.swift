import Dangjian
import DangjianDemo
import DualLiaison
import Foundation
import RegionalCouncil

/// The dual-liaison system on the demo's education committee, built through the registries
/// and the plugin's own write path: a leadership branch and a party-office branch under the
/// bureau, a leader liaison for each of the 7 sub-councils and a staff liaison for 6 (the
/// last one's left 40 days ago: the coverage check has a gap to show), two quarters of log in
/// which one leader missed every meeting (and has a login, `demo-leader`, so the reminder
/// reaches them), and a year of community service by the two branches' members and the demo
/// secretary's branch.
struct LiaisonDemo {
    let host: DangjianHost
    let today: Day

    static let leaderUsername = "demo-leader"
    static let leaders = ["王建国", "李文华", "张志明", "刘晓东", "陈立新", "杨海燕", "赵永刚"]
    static let office = ["周晓敏", "吴静怡", "徐子涵", "孙佳琪", "胡思雨", "郭晨", "何欣怡"]
    /// The leader of this sub-council (南部分会) attends none of its meetings.
    static let absentLeader = 2

    func seed() async throws -> String {
        guard let (root, committee, subs) = try await committee(), subs.count == Self.leaders.count else {
            return "没有可配置的专委会 / no committee with 7 sub-councils to set up"
        }
        let system = Principal.system
        let liaisons = Liaisons(host: host)
        let leadership = try await branch("局机关党支部", under: root, people: Self.leaders, born: 1968)
        let office = try await branch("局党委办公室党支部", under: root, people: Self.office, born: 1985)
        _ = try await liaisons.configure(
            committee,
            LiaisonSettingsDraft(
                leadershipOrganizationID: leadership.organization.id,
                officeOrganizationID: office.organization.id), by: system)
        let since = today.adding(years: -1).description
        for (index, sub) in subs.enumerated() {
            _ = try await liaisons.assign(
                to: sub.id, AssignmentDraft(role: "leader", memberID: leadership.members[index], from: since),
                by: system)
            _ = try await liaisons.assign(
                to: sub.id, AssignmentDraft(role: "staff", memberID: office.members[index], from: since), by: system)
        }
        _ = try await liaisons.end(
            at: subs[subs.count - 1].id, AssignmentEndDraft(role: "staff", on: today.adding(days: -40).description),
            by: system)
        let entries = try await seedLog(
            liaisons, committee: committee, subs: subs, leaders: leadership.members, staff: office.members)
        _ = try await host.users.create(
            UserDraft(
                username: Self.leaderUsername, displayName: Self.leaders[Self.absentLeader],
                password: DemoDistrict.password,
                memberID: leadership.members[Self.absentLeader],
                grants: [GrantDraft(role: Role.member.rawValue, organizationID: leadership.organization.id)]),
            demo: true, by: system)
        let services = try await seedDualReporting(
            leadership: leadership.members, office: office.members,
            branches: [leadership.organization, office.organization])
        return "\(subs.count) 个分会的双联系人（1 处空缺）、\(entries) 条联系工作记录、\(services) 次社区服务；\(Self.leaderUsername) 为缺席例会的领导联系人 "
            + "/ dual liaisons (one gap), liaison log, community services; \(Self.leaderUsername) is the leader who missed the meetings"
    }

    /// The demo root, its education committee and the committee's sub-councils.
    func committee() async throws -> (Organization, Int64, [SubCouncil])? {
        guard
            let root = try await host.organizations.sweepEntries().map(\.organization).first(where: {
                $0.parentID == nil
            })
        else { return nil }
        return try await host.store.read { s in
            guard let committee = try CouncilDirectory.committees(in: s).first(where: { $0.organizationID == root.id })
            else { return nil }
            return (root, committee.id, try Councils.subCouncils(ofCommittee: committee.id, in: s))
        }
    }

    /// A branch of full members under the root, with ID numbers no demo member holds yet.
    func branch(_ name: String, under root: Organization, people: [String], born: Int) async throws -> (
        organization: Organization, members: [Int64]
    ) {
        let organization = try await host.organizations.create(
            OrganizationDraft(
                parentID: root.id, name: name, kind: "branch", domain: "office",
                termStart: today.adding(years: -2).description), by: .system)
        var members: [Int64] = []
        var sequence = 900
        for (index, person) in people.enumerated() {
            let birth = String(format: "%04d%02d%02d", born + index, 3 + index, 10 + index)
            // Each stage lasts its national minimum, as in the kernel's demo members.
            let full = Day(year: born + index + 26, month: 7, day: 1)!
            let admitted = full.adding(years: -1), candidate = full.adding(months: -18),
                activist = full.adding(months: -31)
            // An ID number a demo member holds already is refused: the next sequence is tried.
            while true {
                let draft = MemberDraft(
                    organizationID: organization.id, name: person,
                    idNumber: ResidentID.withCheckDigit("990101\(birth)\(sequence)"),
                    phone: String(format: "100%08d", 55_000_000 + born * 10 + index), status: "full",
                    appliedOn: activist.adding(months: -3).description, activistOn: activist.description,
                    candidateOn: candidate.description,
                    admittedOn: admitted.description, fullOn: full.description)
                do {
                    members.append(try await host.members.create(draft, by: .system).id)
                    break
                } catch let error as DangjianError where error.code == KernelErrorCode.memberDuplicateIDNumber.rawValue
                {
                    sequence += 2
                }
            }
        }
        return (organization, members)
    }
}
