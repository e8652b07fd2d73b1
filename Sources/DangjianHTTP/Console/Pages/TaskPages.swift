import Dangjian
import Foundation

/// 任务与整改: lists by status, and an item's page with its acceptance criteria and evidence,
/// where the responsible side submits and the issuing side accepts or returns with a reason.
struct TaskPages {
    struct Listing {
        let rows: [TaskLine]
        let statuses: [MemberPages.Choice]
        let kinds: [MemberPages.Choice]
        let next: String?
        let empty: Bool
    }
    struct Item {
        let id: Int64
        let title: String
        let description: String?
        let criteria: String?
        let organization: String
        let issuer: String
        let due: String
        let status: String
        let statusKey: String
        let overdue: Bool
        let evidence: [Evidence]
        let actions: [Action]
        let canAddEvidence: Bool
        let inspectionID: Int64?
    }
    struct Evidence {
        let note: String
        let at: String
    }
    struct Action {
        let status: String
        let label: String
        let needsReason: Bool
        let primary: Bool
    }

    static let actionLabels: [TaskItem.Status: String] = [
        .inProgress: "开始办理", .submitted: "提交验收", .accepted: "验收通过", .returned: "退回整改",
    ]

    func register(_ pages: ConsolePages) {
        // Inspections belong to this section: their findings are the rectification tasks.
        InspectionPages().register(pages)
        pages.get("/tasks") { page in
            let status = try page.query("status").map { text -> TaskItem.Status in
                guard let value = TaskItem.Status(rawValue: text) else {
                    throw DangjianError.badValue("status", zh: "状态无效", en: "unknown status")
                }
                return value
            }
            let kind = page.query("kind")
            let found = try await page.host.tasks.list(
                .init(status: status, kind: kind, sort: try .tasks("dueOn")),
                page: try PageRequest(limit: 50, cursor: page.query("cursor")), by: page.principal)
            let names = try await TaskLine.organizationNames(of: found.items, host: page.host)
            var query: [String] = []
            if let status { query.append("status=\(status.rawValue)") }
            if let kind { query.append("kind=\(Console.encoded(kind))") }
            let listing = Listing(
                rows: found.items.map { TaskLine($0, names: names, today: page.today) },
                statuses: [MemberPages.Choice(value: "", label: "全部", selected: status == nil)]
                    + TaskItem.Status.allCases.map {
                        MemberPages.Choice(value: $0.rawValue, label: $0.zh, selected: $0 == status)
                    },
                kinds: [
                    MemberPages.Choice(value: "", label: "全部类型", selected: kind == nil),
                    MemberPages.Choice(value: "rectification", label: "整改", selected: kind == "rectification"),
                ],
                next: found.nextCursor.map {
                    "/tasks?" + (query + ["cursor=\(Console.encoded($0))"]).joined(separator: "&")
                },
                empty: found.items.isEmpty)
            return .page(title: "任务与整改", template: "tasks", content: listing)
        }
        pages.get("/tasks/{id}") { page in
            let task = try await page.host.tasks.get(try page.id(), by: page.principal)
            let names = try await page.host.store.read { s in
                try OrganizationRegistry.names(of: [task.responsibleOrganizationID, task.issuerOrganizationID], in: s)
            }
            var inspectionID: Int64?
            if let finding = task.findingID {
                inspectionID = try await page.host.tasks.inspectionID(ofFinding: finding, by: page.principal)
            }
            let actions = TaskItem.Status.allCases.filter { task.status.next.contains($0) && $0 != .overdue }.map {
                Action(
                    status: $0.rawValue, label: Self.actionLabels[$0] ?? $0.zh, needsReason: $0 == .returned,
                    primary: $0 == .submitted || $0 == .accepted)
            }
            let item = Item(
                id: task.id, title: task.title, description: task.description, criteria: task.acceptanceCriteria,
                organization: names[task.responsibleOrganizationID] ?? "",
                issuer: names[task.issuerOrganizationID] ?? "",
                due: ConsoleWords.date(task.dueOn), status: task.status.zh, statusKey: task.status.rawValue,
                overdue: TaskLine(task, names: names, today: page.today).overdue,
                evidence: (task.evidence ?? []).map { Evidence(note: $0.note, at: ConsoleWords.time($0.at)) },
                actions: actions, canAddEvidence: task.status != .accepted, inspectionID: inspectionID)
            return .page(title: task.title, template: "task", content: item)
        }
        pages.post("/tasks/{id}/evidence") { page, form in
            let id = try page.id()
            _ = try await page.host.tasks.addEvidence(id, note: form.text("note"), by: page.principal)
            return .redirect("/tasks/\(id)", notice: "佐证材料已提交")
        }
        pages.post("/tasks/{id}/status") { page, form in
            let id = try page.id()
            let task = try await page.host.tasks.transition(
                id, TaskTransition(status: form.text("status"), note: form.text("note")), by: page.principal)
            return .redirect("/tasks/\(id)", notice: "任务已更新为「\(task.status.zh)」")
        }
    }
}
