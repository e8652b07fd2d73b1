import Dangjian
import DangjianLua
import Foundation
import Logging

/// 月提示、季检查、年考评 and spot checks: what the ledger is kept for. Each is a function the
/// routes call, and (except spot checks) a scheduled job that produces the same output.
public struct Supervision: Sendable {
    let host: DangjianHost
    let plugin: OrgLifePlugin

    public init(host: DangjianHost, plugin: OrgLifePlugin) {
        self.host = host
        self.plugin = plugin
    }

    static func register(into context: PluginContext, plugin: OrgLifePlugin) throws {
        let supervision = Supervision(host: context.host, plugin: plugin)
        try context.schedule(
            ScheduledJob(id: "orglife.monthly-tips", title: "月提示", cadence: .daily(hour: 8, minute: 0)) { run in
                let day = Day(run.scheduledFor)
                // From the first working day on: a host that was down that morning still sends the
                // month's digest when it is back, and the keys keep it to one.
                guard day >= supervision.firstWorkingDay(of: day) else { return }
                let sent = try await supervision.sendMonthlyTips(for: day)
                context.host.logger.info("orglife monthly tips", metadata: ["day": "\(day)", "sent": "\(sent)"])
            })
        try context.schedule(
            ScheduledJob(id: "orglife.quarterly-check", title: "季检查", cadence: .daily(hour: 7, minute: 0)) { run in
                let day = Day(run.scheduledFor)
                // From the 5th of a quarter's first month, the previous quarter is checked. Keys make
                // a later run (or a catch-up after downtime) open nothing twice.
                guard (day.month - 1) % 3 == 0, day.day >= 5 else { return }
                let previous = Period.containing(day.adding(months: -3), .quarter)
                let opened = try await supervision.checkQuarter(previous, today: day)
                context.host.logger.info(
                    "orglife quarterly check", metadata: ["quarter": "\(previous.key)", "opened": "\(opened)"])
            })
        try context.schedule(
            ScheduledJob(id: "orglife.annual-evaluation", title: "年考评", cadence: .yearly(month: 1, day: 15, hour: 7)) {
                run in
                let year = Day(run.scheduledFor).year - 1
                let sent = try await supervision.announceEvaluation(year: year)
                context.host.logger.info("orglife annual evaluation", metadata: ["year": "\(year)", "sent": "\(sent)"])
            })
    }

    /// The first working day of the day's month, by the configured holiday calendar.
    func firstWorkingDay(of day: Day, calendar given: WorkCalendar? = nil) -> Day {
        let calendar = given ?? (try? host.configuration.workCalendar()) ?? .weekendsOnly
        var first = Day(year: day.year, month: day.month, day: 1)!
        while !calendar.isWorkingDay(first) { first = first.adding(days: 1) }
        return first
    }

    /// The quarterly check of every top organisation's subtree, with rectification items for
    /// what is missing. Returns how many items were opened.
    public func checkQuarter(_ quarter: Period, today: Day) async throws -> Int {
        var opened = 0
        for root in try await host.organizations.sweepEntries().filter({ $0.organization.parentID == nil }) {
            let matrix = try await matrix(under: root.organization.id, quarter: quarter, by: .system)
            opened += try await openRectifications(matrix, today: today, by: .system)
        }
        return opened
    }

    /// Sends each parent organisation's secretaries the ranking of the organisations under it.
    public func announceEvaluation(year: Int) async throws -> Int {
        var drafts: [NotificationDraft] = []
        let secretaries = try await host.users.holders(of: .secretary)
        let admins = try await host.users.holders(of: .districtAdmin)
        for root in try await host.organizations.sweepEntries().filter({ $0.organization.parentID == nil }) {
            let evaluation = try await evaluate(year: year, under: root.organization.id, by: .system)
            for (parent, entries) in Dictionary(grouping: evaluation.entries, by: \.parentID) {
                guard let parent else { continue }
                let lines = entries.sorted { $0.rank < $1.rank }.map { "第 \($0.rank) 名 \($0.name)：\($0.total) 分" }
                for user in secretaries[parent] ?? admins[parent] ?? [] {
                    drafts.append(
                        NotificationDraft(
                            userID: user, kind: "orglife.annualEvaluation", title: "\(year) 年组织生活年考评结果",
                            body: lines.joined(separator: "\n") + "\n各项得分及依据见年考评页面。",
                            organizationID: parent, idempotencyKey: "orglife:evaluation:\(year):\(parent):\(user)"))
                }
            }
        }
        return try await host.notifications.sendAll(drafts)
    }
}
