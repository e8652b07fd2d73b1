import Dangjian
import DangjianDemo
import DangjianLua
import Foundation
import SecretaryProjects

/// A running "3+2" programme in the demo district (seed 003): the leadership group with its
/// office, a project for each branch with a secretary, items done, open and overdue, study
/// sessions with one quarter missed here and there, last quarter's inspection with findings,
/// the bulletin of the quarter before, and last year's programme rated, one rating 差 with its
/// case for the group to decide.
struct SecretaryDemo {
    let host: DangjianHost
    let today: Day

    /// The standard "3+2" components, as the fixtures and the tests use them.
    static let components = ProgrammeDraft.ComponentDraft.threePlusTwo

    func seed() async throws -> String {
        let system = Principal.system
        let entries = try await host.organizations.sweepEntries().map(\.organization)
        guard let root = entries.first(where: { $0.parentID == nil }) else { return "no organisations" }
        let branches = entries.filter { $0.kind == .branch && $0.secretaryMemberID != nil }.sorted { $0.id < $1.id }
            .prefix(24)
        guard branches.count >= 8 else { return "too few branches with secretaries" }
        let programmes = Programmes(host: host)
        let projects = Projects(host: host)
        let programme = try await programmes.create(
            ProgrammeDraft(
                organizationID: root.id, year: today.year,
                title: "\(today.year) 年基层党建“3+2”书记项目",
                startedOn: Day(year: today.year, month: 1, day: 1)!.description, components: Self.components),
            by: system)
        // The group: the first secretaries as leader and deputy, the office in the first branch.
        let secretaries = branches.compactMap(\.secretaryMemberID)
        let group = try await programmes.setGroup(
            of: programme.id,
            LeadershipGroupDraft(
                officeOrganizationID: branches[0].id,
                members: [
                    .init(memberID: secretaries[0], role: "leader", title: "局党委书记"),
                    .init(memberID: secretaries[1], role: "deputy", title: "局党委委员"),
                    .init(memberID: secretaries[2], role: "member"),
                    .init(memberID: secretaries[3], role: "officeDirector", title: "局党委办公室主任"),
                ]), by: system)
        _ = try await host.users.create(
            UserDraft(
                username: "demo-inspector", displayName: "领导小组办公室主任", password: DemoDistrict.password,
                memberID: secretaries[3], grants: [GrantDraft(role: "secretary", organizationID: root.id)]), demo: true,
            by: system)
        let quarterStart = Day(year: today.year, month: ((today.month - 1) / 3) * 3 + 1, day: 1)!
        var made: [SecretaryProject] = []
        for (index, branch) in branches.enumerated() {
            let secretary = branch.secretaryMemberID!
            let items: [ProjectDraft.ItemDraft] = Self.components.enumerated().map { n, component in
                .init(
                    component: component.key, title: component.requiredItems?.first ?? component.name ?? "",
                    responsibleMemberID: secretary,
                    dueOn: Day(year: today.year, month: min(3 * (n + 1), 12), day: 15)!.description,
                    acceptanceCriteria: "有方案、有记录、有成效")
            }
            let project = try await projects.create(
                ProjectDraft(
                    programmeID: programme.id, organizationID: branch.id,
                    title: "\(branch.name)书记项目", startedOn: Day(year: today.year, month: 1, day: 1)!.description,
                    items: items), by: system)
            made.append(project)
            // Most branches finished their early items; every fifth let them run over.
            for item in project.items where item.dueOn < today && index % 5 != 4 {
                _ = try await host.tasks.transition(
                    item.taskID, TaskTransition(status: "submitted", note: "已完成"), by: system)
                _ = try await host.tasks.transition(item.taskID, TaskTransition(status: "accepted"), by: system)
            }
            for back in 1...3 where !(back == 1 && index % 4 == 3) {
                let day = quarterStart.adding(months: -3 * back).adding(days: 20 + index % 10)
                guard day.year == today.year else { continue }
                _ = try await projects.recordStudy(
                    of: project.id,
                    StudyDraft(
                        heldOn: day.description, topic: "研究部署书记项目推进",
                        decisions: "明确责任分工和完成时限"), by: system)
            }
        }
        _ = try await host.tasks.markOverdue(asOf: today)
        let supervision = Supervision(host: host)
        let last = try Period.containing(quarterStart.adding(days: -1), every: "quarter")
        let before = try Period.containing(last.start.adding(days: -1), every: "quarter")
        // Early in the year the quarters before lie in last year's programme, which this one does not inspect.
        for quarter in [before, last] where quarter.start.year == today.year {
            _ = try await supervision.inspect(
                programme.id,
                InspectionRequest(
                    quarter: quarter.key, inspectedOn: quarter.end.adding(days: -5).description,
                    summary: "按季度督查书记项目推进情况",
                    findings: [made[3], made[7]].map {
                        .init(
                            organizationID: $0.organizationID, description: "研究部署记录不完整",
                            rectifyBy: max(today, quarter.end).adding(days: 30).description)
                    }), by: system)
        }
        for quarter in [try Period.containing(Day(year: today.year, month: 1, day: 1)!, every: "quarter"), before]
        where quarter.start <= before.start {
            _ = try? await supervision.publish(programme.id, quarter: quarter.key, by: system)
        }
        let rated = try await seedLastYear(root: root, branches: Array(branches.prefix(6)), director: secretaries[3])
        return
            "\(made.count) 个书记项目（\(today.year) 年“3+2”，领导小组 \(group.group.count) 人），\(before.key) 及以前各季度通报已发布，上年度 \(rated) 份述职已评定；"
            + "demo-inspector 为领导小组办公室主任 / secretary projects, leadership group, bulletins, last year's ratings"
    }

    /// Last year's programme, reported, scored against the rubric and rated: one 差, which opens
    /// a case for an admonition talk. The office director's own unit is left unrated (回避).
    func seedLastYear(root: Organization, branches: [Organization], director: Int64) async throws -> Int {
        let system = Principal.system
        let programme = try await Programmes(host: host).create(
            ProgrammeDraft(
                organizationID: root.id, year: today.year - 1, title: "\(today.year - 1) 年基层党建“3+2”书记项目",
                startedOn: Day(year: today.year - 1, month: 1, day: 1)!.description, components: Self.components),
            by: system)
        _ = try await Programmes(host: host).setGroup(
            of: programme.id, LeadershipGroupDraft(members: [.init(memberID: director, role: "leader")]), by: system)
        // The rubric is a Lua score: without loadable rules the reports stay unscored.
        let rules = try? await RuleRuntime.start(host: host)
        let appraisal = Appraisal(host: host) { rules }
        let ratings: [(String, Double)] = [
            ("good", 0.92), ("fairlyGood", 0.8), ("good", 0.9), ("average", 0.7), ("poor", 0.5), ("fairlyGood", 0.82),
        ]
        var rated = 0
        for (index, branch) in branches.enumerated() {
            let project = try await Projects(host: host).create(
                ProjectDraft(
                    programmeID: programme.id, organizationID: branch.id,
                    title: "\(branch.name)书记项目", items: []), by: system)
            let report = try await appraisal.submit(
                project.id,
                ReportDraft(
                    year: today.year - 1, text: "一年来，围绕“3+2”书记项目……",
                    submittedOn: Day(year: today.year, month: 1, day: 10)!.description), by: system)
            guard rules != nil, branch.secretaryMemberID != director else { continue }
            let (rating, share) = ratings[index % ratings.count]
            let rubric = try await appraisal.rubric(for: report.id, by: system).items
            _ = try await appraisal.score(
                report.id,
                ScoreSheetDraft(items: rubric.map { .init(item: $0.item, points: ($0.max * share).rounded()) }),
                by: system)
            _ = try await appraisal.rate(
                report.id, RatingDraft(rating: rating, ratedOn: Day(year: today.year, month: 1, day: 25)!.description),
                by: system)
            rated += 1
        }
        return rated
    }
}
