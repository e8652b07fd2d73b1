import Dangjian
import DangjianHTTP
import Foundation

/// A month of an organisation's ledger as a calendar, Monday first, with each day's records.
struct CalendarPage {
    let ledger: Ledger

    struct Content {
        let organization: String
        let organizationID: Int64
        let month: String
        let title: String
        let weeks: [Week]
        let previous: String
        let next: String
        let entry: String
        let ledger: String
        let plans: String
        let empty: Bool
    }
    struct Week {
        let days: [DayCell]
    }
    struct DayCell {
        let day: Int?
        let today: Bool
        let records: [Entry]
    }
    struct Entry {
        let id: Int64
        let kind: String
        let topic: String
    }

    func register(_ pages: ConsolePages) {
        let ledger = self.ledger
        pages.get("/calendar") { page in
            let id = try OrgLifeDefaults.organization(page)
            let month =
                try page.query("month").map { try Ledger.month($0) } ?? Period.containing(page.today, .month)
            let organization = try await page.host.organizations.get(id, by: page.principal)
            let records = try await ledger.records(of: id, in: month, kind: nil, by: page.principal)
            let byDay = Dictionary(grouping: records, by: \.heldOn.day)
            var cells: [DayCell] = Array(
                repeating: DayCell(day: nil, today: false, records: []), count: month.start.weekday - 1)
            for day in 1...month.end.day {
                let date = Day(year: month.start.year, month: month.start.month, day: day)!
                cells.append(
                    DayCell(
                        day: day, today: date == page.today,
                        records: (byDay[day] ?? []).sorted { $0.heldAt < $1.heldAt }.map {
                            Entry(id: $0.id, kind: $0.kind.zh, topic: $0.topic)
                        }))
            }
            while cells.count % 7 != 0 { cells.append(DayCell(day: nil, today: false, records: [])) }
            let weeks = stride(from: 0, to: cells.count, by: 7).map { Week(days: Array(cells[$0..<$0 + 7])) }
            let link = { (period: Period) in "/orglife/calendar?organization=\(id)&month=\(period.key)" }
            let content = Content(
                organization: organization.name, organizationID: id, month: month.key,
                title: "\(month.start.year)年\(month.start.month)月", weeks: weeks,
                previous: link(month.previous(.month)),
                next: link(Period.containing(month.end.adding(days: 1), .month)),
                entry: "/orglife/records/new?organization=\(id)",
                ledger: "/orglife/ledger?organization=\(id)&period=\(month.key)",
                plans: "/orglife/plans?organization=\(id)&month=\(month.key)", empty: records.isEmpty)
            return .page(title: "组织生活 · \(organization.name)", template: "orglife/calendar", content: content)
        }
    }
}
