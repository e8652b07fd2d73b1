import Dangjian
import Foundation

/// 工作台: what needs the caller today. Every figure comes from a grouped count or a short,
/// indexed list (a few queries in all), so the page costs the same over a branch or a city.
struct HomePage {
    let console: Console

    struct Content {
        let todo: [TodoSection]
        let reminders: [MessageLine]
        let hasReminders: Bool
        /// Where marking a reminder read returns to.
        let back = "/"
        let stages: [StageCount]
        /// The development pipeline (申请人 → 预备党员) as a funnel, each stage a link to its list.
        let funnelSvg: String
        let taskCounts: [StageCount]
        let panels: [Panel]
        let hasTodo: Bool
        let today: String
    }
    /// One group of the to-do panel; only groups with items are shown.
    struct TodoSection {
        let title: String
        let warn: Bool
        let lines: [TaskLine]
        /// The full list, when the panel shows only its first items.
        let more: String?
    }
    struct StageCount {
        let label: String
        let count: Int
        let link: String
    }
    struct Panel {
        let title: String
        let link: String?
        /// The panel as the plugin's template drew it; empty for one loaded from `source`.
        let body: String
        /// Where the page's script loads a deferred panel from.
        var source: String? = nil
    }

    func register(_ pages: ConsolePages) {
        let console = self.console
        pages.get("/") { page in
            let p = page.principal
            let tasks = page.host.tasks
            let today = page.today
            let overdue = try await tasks.list(
                .init(status: .overdue, sort: try .tasks("dueOn")), page: try PageRequest(limit: 8), by: p)
            let soon = try await tasks.list(
                .init(dueFrom: today, dueTo: today.adding(days: 14), sort: try .tasks("dueOn")),
                page: try PageRequest(limit: 30), by: p)
            let awaiting = try await tasks.list(
                .init(status: .submitted, sort: try .tasks("dueOn")), page: try PageRequest(limit: 8), by: p)
            let rectifications = try await tasks.list(
                .init(kind: "rectification", sort: try .tasks("dueOn")), page: try PageRequest(limit: 30), by: p)
            let reminders = try await page.host.notifications.inbox(
                unreadOnly: true, page: try PageRequest(limit: 6, cursor: nil), by: p)
            let names = try await TaskLine.organizationNames(
                of: overdue.items + soon.items + awaiting.items + rectifications.items, host: page.host)
            let open: Set<TaskItem.Status> = [.open, .inProgress, .returned]
            let stageCounts = try await page.host.members.statusCounts(by: p)
            let taskCounts = try await tasks.statusCounts(by: p)
            var panels: [Panel] = []
            for plugin in console.panelSources { panels += try console.draw(try await plugin.homePanels(page)) }
            let lines = { (items: [TaskItem]) in items.map { TaskLine($0, names: names, today: today) } }
            let todo = [
                TodoSection(
                    title: "已逾期", warn: true, lines: lines(Array(overdue.items.prefix(5))),
                    more: overdue.items.count > 5 ? "/tasks?status=overdue" : nil),
                TodoSection(
                    title: "两周内到期", warn: false,
                    lines: lines(Array(soon.items.filter { open.contains($0.status) }.prefix(5))), more: nil),
                TodoSection(
                    title: "待验收", warn: false, lines: lines(Array(awaiting.items.prefix(5))),
                    more: awaiting.items.count > 5 ? "/tasks?status=submitted" : nil),
                TodoSection(
                    title: "整改事项", warn: false,
                    lines: lines(Array(rectifications.items.filter { $0.status != .accepted }.prefix(5))),
                    more: "/tasks?kind=rectification"),
            ].filter { !$0.lines.isEmpty }
            let content = Content(
                todo: todo,
                reminders: reminders.items.map { MessageLine($0) }, hasReminders: !reminders.items.isEmpty,
                stages: MemberStatus.allCases.map {
                    StageCount(label: $0.zh, count: stageCounts[$0] ?? 0, link: "/members?status=\($0.rawValue)")
                },
                funnelSvg: Self.funnel(MemberStatus.allCases.filter { $0 != .full }.map { ($0, stageCounts[$0] ?? 0) }),
                taskCounts: TaskItem.Status.allCases.map {
                    StageCount(label: $0.zh, count: taskCounts[$0] ?? 0, link: "/tasks?status=\($0.rawValue)")
                },
                panels: panels,
                hasTodo: !todo.isEmpty,
                today: ConsoleWords.date(today))
            return .page(title: "工作台", template: "home", content: content)
        }
    }
}

extension HomePage {
    /// Centred bars whose widths follow each stage's count, drawn from numbers and the
    /// glossary's fixed stage names only, so nothing in it comes from a user.
    static func funnel(_ stages: [(MemberStatus, Int)]) -> String {
        let width = 360, row = 34, most = max(stages.map(\.1).max() ?? 0, 1)
        var svg =
            "<svg class=\"chart funnel\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" viewBox=\"0 0 \(width) \(row * stages.count)\" "
            + "role=\"img\" aria-label=\"发展党员各阶段人数\"><title>发展党员各阶段人数</title>"
        for (index, (status, count)) in stages.enumerated() {
            let bar = max(Int(Double(width - 120) * Double(count) / Double(most)), 4)
            let x = (width - bar) / 2
            let y = index * row
            svg += "<a href=\"/members?status=\(status.rawValue)\"><rect x=\"\(x)\" y=\"\(y + 4)\" width=\"\(bar)\" "
            svg += "height=\"\(row - 8)\" rx=\"3\" fill=\"#c8161d\" fill-opacity=\"\(0.45 + 0.15 * Double(index))\">"
            svg += "<title>\(status.zh)：\(count) 人</title></rect>"
            svg +=
                "<text x=\"\(width / 2)\" y=\"\(y + row / 2 + 5)\" text-anchor=\"middle\" font-size=\"13\" fill=\"#222\">"
            svg += "\(status.zh) \(count)</text></a>"
        }
        return svg + "</svg>"
    }
}

extension Console {
    /// Plugins' panels as the home page and the member page show them: each drawn by its own
    /// template, or left for the page's script to load from its source.
    func draw(_ panels: [ConsolePanel]) throws -> [HomePage.Panel] {
        try panels.map { panel in
            HomePage.Panel(
                title: panel.title, link: panel.link,
                body: panel.source == nil ? try templates.render(panel.template, panel.content) : "",
                source: panel.source)
        }
    }
}

/// A task as a line of a list: title, organisation, due day and status, flagged when overdue.
struct TaskLine {
    let id: Int64
    let title: String
    let organization: String
    let due: String
    let status: String
    let statusKey: String
    let overdue: Bool
    /// Past due but not yet marked so by the daily sweep: flagged, since its status does not say it.
    let lateUnmarked: Bool
    let rectification: Bool

    init(_ task: TaskItem, names: [Int64: String], today: Day) {
        id = task.id
        title = task.title
        organization = names[task.responsibleOrganizationID] ?? ""
        due = ConsoleWords.date(task.dueOn)
        status = task.status.zh
        statusKey = task.status.rawValue
        overdue = task.status == .overdue || (task.dueOn < today && ![.accepted, .submitted].contains(task.status))
        lateUnmarked = overdue && task.status != .overdue
        rectification = task.kind == "rectification"
    }

    /// The responsible organisations' names, in one read.
    static func organizationNames(of tasks: [TaskItem], host: DangjianHost) async throws -> [Int64: String] {
        let ids = Array(Set(tasks.map(\.responsibleOrganizationID)))
        guard !ids.isEmpty else { return [:] }
        return try await host.store.read { s in try OrganizationRegistry.names(of: ids, in: s) }
    }
}

/// A notification as a line of the inbox.
struct MessageLine {
    let id: Int64
    let title: String
    let body: String
    let at: String
    let unread: Bool
    let link: String?

    init(_ notification: Dangjian.Notification) {
        id = notification.id
        title = notification.title
        body = notification.body
        at = ConsoleWords.time(notification.createdAt)
        unread = notification.readAt == nil
        // Only a link inside the console; a rule's link to elsewhere is shown as text.
        link = notification.link.flatMap { $0.hasPrefix("/") && !$0.hasPrefix("//") ? $0 : nil }
    }
}
