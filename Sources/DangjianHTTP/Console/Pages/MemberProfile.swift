import Dangjian
import Foundation

/// A member's page: 基本信息, 发展历程 (a timeline), 组织关系转接 and 操作记录, in the
/// national system's order; plugins' records of the member (组织生活) are linked from their own
/// pages. The status and transfer forms ask for the reason.
enum MemberProfile {
    struct Content {
        let id: Int64
        let name: String
        let fields: [Field]
        let tab: String
        let tabs: [Tab]
        let showBasic: Bool
        let showHistory: Bool
        let showTransfers: Bool
        let showAudit: Bool
        let showLife: Bool
        /// The plugins' sections of the 组织生活 tab, each drawn by its plugin's template.
        let life: [HomePage.Panel]
        let history: [Step]
        let transfers: [Transfer]
        let audit: [AuditPages.Line]
        let nextStatuses: [MemberPages.Choice]
        let canChangeStatus: Bool
        let canTransfer: Bool
        let today: String
    }
    struct Field {
        let label: String
        let value: String
    }
    struct Tab {
        let key: String
        let label: String
        let active: Bool
    }
    struct Step {
        let label: String
        let date: String
        let reason: String?
        let done: Bool
    }
    struct Transfer {
        let from: String
        let to: String
        let sent: String
        let received: String
        let status: String
        let note: String
    }

    static let tabs: [(String, String)] = [
        ("basic", "基本信息"), ("history", "发展历程"), ("life", "组织生活"), ("transfers", "组织关系转接"),
        ("audit", "操作记录"),
    ]

    static func page(_ page: ConsoleRequest, console: Console) async throws -> ConsoleAnswer {
        let p = page.principal
        let member = try await page.host.members.get(try page.id(), by: p)
        let tab = tabs.map(\.0).contains(page.query("tab") ?? "") ? page.query("tab")! : "basic"
        let history = try await page.host.members.history(of: member.id, by: p)
        let transfers = tab == "transfers" ? try await page.host.members.transfers(of: member.id, by: p) : []
        var audit: [AuditPages.Line] = []
        if tab == "audit", !p.scope(for: .readAudit).paths.isEmpty {
            audit = try await page.host.audit.list(
                .init(entity: "member", entityID: member.id), page: try PageRequest(limit: 50), by: p
            ).items.map(AuditPages.Line.init)
        }
        var life: [HomePage.Panel] = []
        if tab == "life" {
            for plugin in console.panelSources {
                life += try console.draw(try await plugin.memberPanels(page, memberID: member.id))
            }
        }
        let orgIDs = [member.organizationID] + transfers.flatMap { [$0.fromOrganizationID, $0.toOrganizationID] }
        let (names, path) = try await page.host.store.read { s in
            (
                try OrganizationRegistry.names(of: Array(Set(orgIDs)), in: s),
                try OrganizationRegistry.paths(of: [member.organizationID], in: s)
            )
        }
        let canWrite = path[member.organizationID].map { p.has(.writeMembers, over: $0) } ?? false
        let fields: [Field] = [
            Field(label: "姓名", value: member.name),
            Field(label: "性别", value: member.gender.map { $0 == .male ? "男" : "女" } ?? "—"),
            Field(label: "身份证号", value: member.idNumber ?? "—"),
            Field(label: "出生日期", value: ConsoleWords.date(member.birthDate)),
            Field(label: "手机号", value: member.phone ?? "—"),
            Field(label: "所在党组织", value: names[member.organizationID] ?? ""),
            Field(label: "人员类别", value: member.status.zh),
            Field(label: "离退休", value: member.retired ? "是" : "否"),
            Field(label: "流动党员", value: member.flowing ? "是（去向：\(member.flowingTo ?? "未填写")）" : "否"),
            Field(
                label: "失联党员", value: member.lostContact ? "是（自 \(ConsoleWords.date(member.lostContactSince)) 起）" : "否"),
        ]
        let steps: [Step] = [
            Step(
                label: "递交入党申请", date: ConsoleWords.date(member.appliedOn), reason: nil, done: member.appliedOn != nil),
            Step(label: "党组织派人谈话", date: ConsoleWords.date(member.talkedOn), reason: nil, done: member.talkedOn != nil),
            Step(
                label: "确定为入党积极分子", date: ConsoleWords.date(member.activistOn), reason: reason(history, .activist),
                done: member.activistOn != nil),
            Step(
                label: "确定为发展对象", date: ConsoleWords.date(member.candidateOn),
                reason: reason(history, .developmentCandidate), done: member.candidateOn != nil),
            Step(
                label: "接收为预备党员", date: ConsoleWords.date(member.admittedOn), reason: reason(history, .probationary),
                done: member.admittedOn != nil),
            Step(
                label: "转为正式党员", date: ConsoleWords.date(member.fullOn), reason: reason(history, .full),
                done: member.fullOn != nil),
        ]
        let content = Content(
            id: member.id, name: member.name, fields: fields, tab: tab,
            tabs: tabs.map { Tab(key: $0.0, label: $0.1, active: $0.0 == tab) },
            showBasic: tab == "basic", showHistory: tab == "history", showTransfers: tab == "transfers",
            showAudit: tab == "audit", showLife: tab == "life", life: life, history: steps,
            transfers: transfers.map {
                Transfer(
                    from: names[$0.fromOrganizationID] ?? "", to: names[$0.toOrganizationID] ?? "",
                    sent: ConsoleWords.date($0.sentOn), received: ConsoleWords.date($0.receivedOn),
                    status: ["pending": "待接收", "completed": "已接收", "cancelled": "已撤回"][$0.status.rawValue] ?? "",
                    note: $0.note ?? "")
            },
            audit: audit,
            nextStatuses: MemberStatus.allCases.filter { member.status.next.contains($0) }.map {
                MemberPages.Choice(value: $0.rawValue, label: $0.zh, selected: false)
            },
            canChangeStatus: canWrite && !member.status.next.isEmpty,
            canTransfer: canWrite && member.pendingTransferID == nil,
            today: page.today.description)
        return .page(title: member.name, template: "member", content: content)
    }

    private static func reason(_ history: [StatusChangeRecord], _ status: MemberStatus) -> String? {
        history.last { $0.to == status }?.reason
    }
}
