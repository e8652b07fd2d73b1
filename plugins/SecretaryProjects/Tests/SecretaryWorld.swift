import Foundation
import Testing
@testable import Dangjian
import DangjianLua
import DangjianHTTPTestSupport
import DangjianTestSupport
@testable import SecretaryProjects
@testable import SecretaryProjectsDemo

let secretaryRulesDirectory = Checkout.rules(of: "SecretaryProjects")
let kernelRulesDirectory = Checkout.kernelRules

/// 市教体局党委 (committee) → 一中党总支 (general branch) → 一支部 and 二支部 (each with a
/// secretary), 三支部 (no secretary yet); 局机关支部 directly under the committee holds the
/// leadership group's members. The "3+2" programme of 2026 runs from 1 January.
struct SecretaryWorld {
    let t: TemporaryHost
    let plugin: SecretaryProjectsPlugin
    let bureau: Organization
    let general: Organization
    let a: Organization
    let b: Organization
    let c: Organization
    let office: Organization
    let secretaryA: Member
    let secretaryB: Member
    let leader: Member
    let director: Member
    let programme: Programme
    /// The plugin's rule lookup: `rules.start(host:)` loads the rubric's rules.
    let rules: RuleLink

    static func make(configure: (inout HostConfiguration) -> Void = { _ in }) async throws -> SecretaryWorld {
        let rules = RuleLink()
        let plugin = SecretaryProjectsPlugin(rulesDirectory: secretaryRulesDirectory, rules: rules)
        let t = try await TemporaryHost.open(plugins: [plugin]) {
            $0.rulesBaseline = kernelRulesDirectory
            configure(&$0)
        }
        return try await make(on: t, plugin: plugin, rules: rules)
    }

    /// The world on the application `serve` builds, with the plugin value and rule lookup that host made.
    static func served() async throws -> (app: TestApplication, world: SecretaryWorld) {
        let app = try await TestApplication.open(plugins: [SecretaryProjectsPlugin.self])
        let plugin = try #require(app.host.plugins.ordered.first as? SecretaryProjectsPlugin)
        return (app, try await make(on: app.base, plugin: plugin, rules: try #require(plugin.rules as? RuleLink)))
    }

    private static func make(on t: TemporaryHost, plugin: SecretaryProjectsPlugin, rules: RuleLink) async throws
        -> SecretaryWorld
    {
        let o = t.host.organizations
        let bureau = try await t.organization("市教体局党委", .committee)
        let general = try await t.organization("一中党总支", .generalBranch, under: bureau, domain: "school")
        let a = try await t.organization("一中一支部", .branch, under: general, domain: "school")
        let b = try await t.organization("一中二支部", .branch, under: general, domain: "school")
        let c = try await t.organization("一中三支部", .branch, under: general, domain: "school")
        let office = try await t.organization("局机关支部", .branch, under: bureau, domain: "office")
        let secretaryA = try await t.fullMember(a, "张书记", sequence: 1)
        let secretaryB = try await t.fullMember(b, "李书记", sequence: 2)
        let leader = try await t.fullMember(office, "胡组长", sequence: 3)
        let director = try await t.fullMember(office, "敬主任", sequence: 4)
        for (unit, secretary) in [(a, secretaryA), (b, secretaryB)] {
            _ = try await o.update(unit.id, OrganizationPatch(secretaryMemberID: secretary.id), by: .system)
        }
        let programmes = Programmes(host: t.host)
        let created = try await programmes.create(
            ProgrammeDraft(
                organizationID: bureau.id, year: 2026, title: "2026 年“3+2”书记项目",
                startedOn: "2026-01-01", components: SecretaryDemo.components), by: .system)
        let programme = try await programmes.setGroup(
            of: created.id,
            LeadershipGroupDraft(
                officeOrganizationID: office.id,
                members: [
                    .init(memberID: leader.id, role: "leader", title: "局党委书记"),
                    .init(memberID: director.id, role: "officeDirector", title: "办公室主任"),
                ]), by: .system)
        return SecretaryWorld(
            t: t, plugin: plugin, bureau: bureau, general: general, a: try await o.get(a.id, by: .system),
            b: try await o.get(b.id, by: .system), c: c, office: office, secretaryA: secretaryA, secretaryB: secretaryB,
            leader: leader, director: director, programme: programme, rules: rules)
    }

    /// A member of the leadership group, signed in as the office's director with a secretary's rights over the bureau.
    var inspector: Principal {
        Principal(
            userID: 501, username: "inspector", memberID: director.id,
            grants: [.init(role: .secretary, organizationID: bureau.id, path: bureau.path)])
    }

    func project(
        _ unit: Organization, secretary: Member,
        items: [(String, String)] = [("standardisation", "2026-03-31"), ("exemplar", "2026-09-30")]
    )
        async throws -> SecretaryProject
    {
        try await Projects(host: t.host).create(
            ProjectDraft(
                programmeID: programme.id, organizationID: unit.id, title: "\(unit.name)书记项目",
                items: items.map {
                    .init(
                        component: $0.0, title: "\($0.0) 事项", responsibleMemberID: secretary.id, dueOn: $0.1,
                        acceptanceCriteria: "有记录")
                }),
            by: Principal.with(.secretary, unit))
    }
}
