import Dangjian
import DangjianDemo
import Foundation
import RegionalCouncil

/// The Baoshan structure of seed 000 in the demo district: one council, an education committee
/// held by the bureau's party committee, 7 regional sub-councils covering every school, a year
/// of meetings and lectures (with a few gaps for the rules to find), joint projects, and
/// research topics at every stage, one of them joint across 5 schools.
struct CouncilDemo {
    let host: DangjianHost
    let today: Day

    static let regions = ["东部", "西部", "南部", "北部", "中部", "滨江", "新城"]

    func seed() async throws -> String {
        let councils = Councils(host: host)
        let system = Principal.system
        let entries = try await host.organizations.sweepEntries().map(\.organization)
        guard let root = entries.first(where: { $0.parentID == nil }) else { return "no organisations" }
        let schools = entries.filter { $0.parentID == root.id }.sorted { $0.id < $1.id }
        guard schools.count >= 14 else { return "too few schools for the council" }
        let council = try await councils.createCouncil(
            CouncilDraft(name: "示范区区域化党建联席会", organizationID: root.id), by: system)
        let committee = try await councils.createCommittee(
            in: council.id,
            CommitteeDraft(
                name: "区域化党建教育专业委员会", organizationID: root.id,
                establishedOn: today.adding(years: -2).description), by: system)
        _ = try await councils.adoptCharter(
            of: committee.id, CharterDraft(text: Self.charter, adoptedOn: today.adding(years: -2).description),
            by: system)
        var subs: [SubCouncil] = []
        for (index, region) in Self.regions.enumerated() {
            let units = schools.enumerated().filter { $0.offset % Self.regions.count == index }.map(\.element.id)
            let sub = try await councils.createSubCouncil(
                in: committee.id,
                SubCouncilDraft(
                    name: "\(region)分会", convenerID: units[0],
                    establishedOn: today.adding(years: -2).description), by: system)
            subs.append(
                try await councils.addUnits(
                    to: sub.id, UnitsDraft(organizationIDs: units, joinedOn: today.adding(years: -2).description),
                    by: system))
        }
        let meetings = try await seedMeetings(councils, committee: committee.id, subs: subs)
        let topics = try await TopicDemo(host: host, today: today, committee: committee.id, subs: subs).seed()
        let projects = try await seedProjects(committee: committee.id, subs: subs)
        return
            "1 个联席会、1 个专委会、\(subs.count) 个分会、\(meetings) 次例会与讲座、\(topics) 个课题、\(projects) 个联建项目 / council, committee, sub-councils, meetings, topics, projects"
    }

    /// A year of meetings: every sub-council each quarter except the last sub-council last
    /// quarter, the committee each half-year, and a lecture every month but the last one.
    func seedMeetings(_ councils: Councils, committee: Int64, subs: [SubCouncil]) async throws -> Int {
        var count = 0
        let quarterStart = Day(year: today.year, month: ((today.month - 1) / 3) * 3 + 1, day: 1)!
        for back in 1...4 {
            let day = quarterStart.adding(months: -3 * back).adding(days: 20)
            for (index, sub) in subs.enumerated() where !(back == 1 && index == subs.count - 1) {
                _ = try await councils.record(
                    CouncilMeetingDraft(
                        kind: "subCouncil", subCouncilID: sub.id, heldAt: "\(day.adding(days: index))T14:00",
                        title: "\(sub.name)季度例会",
                        place: "\(sub.units[0].name)会议室", minutes: "交流各校党建工作与课题研究进展。",
                        units: sub.units.enumerated().map {
                            .init(organizationID: $1.organizationID, present: $0 % 5 != 4, representative: "党组织书记")
                        }),
                    by: .system)
                count += 1
            }
        }
        let halfStart = Day(year: today.year, month: today.month <= 6 ? 1 : 7, day: 1)!
        for back in 1...2 {
            _ = try await councils.record(
                CouncilMeetingDraft(
                    kind: "plenary", committeeID: committee,
                    heldAt: "\(halfStart.adding(months: -6 * back).adding(days: 45))T09:30",
                    title: "教育专委会半年例会", place: "区教育局报告厅", minutes: "各分会交流工作情况与研究成果。",
                    units: subs.map { .init(organizationID: $0.convenerID, present: true, representative: "分会召集人") }),
                by: .system)
            count += 1
        }
        let monthStart = Day(year: today.year, month: today.month, day: 1)!
        let speakers = ["市委党校 王教授", "区委党校 李老师", "市普教系统党建研究会 陈研究员", "教育学院科研室 赵老师"]
        for back in 2...12 {
            let day = monthStart.adding(months: -back).adding(days: 14)
            _ = try await councils.record(
                CouncilMeetingDraft(
                    kind: "lecture", committeeID: committee, heldAt: "\(day)T15:30", title: "每月一讲：新时代学校党建工作",
                    speaker: speakers[back % speakers.count], attendeeCount: 60 + back * 3), by: .system)
            count += 1
        }
        return count
    }

    func seedProjects(committee: Int64, subs: [SubCouncil]) async throws -> Int {
        let projects = JointProjects(host: host)
        for (index, kind) in JointProject.Kind.allCases.enumerated() {
            let units = subs[index].units.map(\.organizationID)
            _ = try await projects.create(
                JointProjectDraft(
                    committeeID: committee, kind: kind.rawValue, name: "\(subs[index].name)\(kind.zh)项目",
                    leadID: units[0],
                    partnerIDs: Array(units.dropFirst().prefix(3)), goals: "整合区域资源，\(kind.zh)，形成可推广的经验。",
                    resources: "场地、师资、志愿者队伍共享", startedOn: today.adding(months: -8).description,
                    milestones: [
                        .init(
                            title: "制定项目实施方案", responsibleOrganizationID: units[0],
                            dueOn: today.adding(months: -6).description,
                            acceptanceCriteria: "方案经分会例会讨论通过"),
                        .init(
                            title: "开展联建活动并形成记录", responsibleOrganizationID: units[1],
                            dueOn: today.adding(months: 2).description,
                            acceptanceCriteria: "至少两次联合活动，有照片与记录"),
                    ]), by: .system)
        }
        return JointProject.Kind.allCases.count
    }

    static let charter = """
        第一条 区域化党建教育专业委员会在区区域化党建联席会领导下开展工作，按区域设立分会，覆盖本系统所有单位。
        第二条 专委会每半年召开一次例会，交流各分会工作情况与研究成果；各分会每季度召开一次例会。
        第三条 落实局领导班子成员每人联系一个分会、党委办公室每位同志联系一个分会的双联系人制度。
        第四条 每个区级课题配备课题指导专家，做好开题、中期论证和结题等过程管理。
        """
}
