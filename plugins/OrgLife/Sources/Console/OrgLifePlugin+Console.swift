import Dangjian
import DangjianHTTP
import Foundation

/// 组织生活 in the console: the entry form and record pages, the quarterly heatmap with its
/// CSV and print versions, and the quarter's compliance on the home page. Every page reads and
/// writes through `Ledger` and `Supervision`, so scope and refusals are the API's.
extension OrgLifePlugin {
    /// The month calendar and the quarterly check, for whoever may read a ledger.
    public var consoleNavigation: [ConsoleNavigation] {
        [
            ConsoleNavigation("组织生活", path: "/orglife/calendar", right: .readLedger),
            ConsoleNavigation("季度检查", path: "/orglife/quarterly", right: .readLedger),
        ]
    }

    /// The plugin's templates, registered as "orglife/<name>".
    public var consoleTemplates: URL? { Bundle.module.url(forResource: "Templates", withExtension: nil) }

    /// Adds the pages under /orglife.
    public func registerPages(_ pages: ConsolePages, host: DangjianHost) {
        let ledger = Ledger(host: host)
        let supervision = Supervision(host: host, plugin: self)
        RecordPages(ledger: ledger).register(pages)
        QuarterlyPages(supervision: supervision, ledger: ledger).register(pages)
        CalendarPage(ledger: ledger).register(pages)
        PlanPages(ledger: ledger).register(pages)
        LedgerPages(ledger: ledger, supervision: supervision).register(pages)
        // The home panel's figures, loaded by the home page after it is shown: the matrix of a
        // city's quarter takes a few hundred milliseconds, which the page itself does not wait for.
        let plugin = self
        pages.get("/home-panel") { request in
            guard let top = OrgLifeDefaults.top(request.principal) else {
                throw DangjianError.notFound(.organization)
            }
            let quarter = Period.containing(request.today, .quarter)
            let matrix = try await Supervision(host: request.host, plugin: plugin).matrix(
                under: top, quarter: quarter, by: request.principal)
            return .fragment(template: "orglife/home-panel", content: HomePanel(matrix.summary, under: top))
        }
    }

    /// This quarter's 三会一课 for the caller's subtree, counted per item from one matrix read, which
    /// the home page loads from /orglife/home-panel once it is shown.
    public func homePanels(_ request: ConsoleRequest) async throws -> [ConsolePanel] {
        guard let top = OrgLifeDefaults.top(request.principal) else { return [] }
        let quarter = Period.containing(request.today, .quarter)
        return [
            ConsolePanel(
                title: "本季度三会一课落实情况（\(quarter.key)）", link: "/orglife/quarterly?quarter=\(quarter.key)&under=\(top)",
                loadedFrom: "/orglife/home-panel")
        ]
    }
}

/// The home panel's figures: per item, how many organisations held, partly held or missed it.
struct HomePanel {
    struct Item {
        let name: String
        let held: Int
        let partly: Int
        let missing: Int
    }
    let items: [Item]
    let rate: String
    let link: String

    init(_ summary: ComplianceMatrix.Summary, under top: Int64) {
        items = summary.items.map { Item(name: $0.name, held: $0.held, partly: $0.partly, missing: $0.missing) }
        rate = String(format: "%.0f%%", summary.complianceRate * 100)
        link = "/orglife/quarterly?quarter=\(summary.quarter)&under=\(top)"
    }
}

/// The defaults a secretary expects: her own branch, her top organisation, this month.
enum OrgLifeDefaults {
    /// The first organisation the caller may record for.
    static func own(_ principal: Principal) -> Int64? {
        principal.grants.first { $0.role.rights.contains(.writeLedger) }?.organizationID
            ?? top(principal)
    }

    /// The first organisation whose ledger the caller may read.
    static func top(_ principal: Principal) -> Int64? {
        principal.grants.first { $0.role.rights.contains(.readLedger) && $0.organizationID > 0 }?.organizationID
    }

    /// The organisation a page asks for, or the caller's own; a malformed id is a 404.
    static func organization(_ page: ConsoleRequest, _ name: String = "organization") throws -> Int64 {
        if let text = page.query(name) {
            guard let id = Int64(text) else { throw DangjianError.notFound(.organization) }
            return id
        }
        guard let own = own(page.principal) else { throw DangjianError.notFound(.organization) }
        return own
    }

    /// The subtree a check or ranking covers: `under`, or the caller's top organisation.
    static func under(_ page: ConsoleRequest) throws -> Int64 {
        if let text = page.query("under") {
            guard let id = Int64(text) else { throw DangjianError.notFound(.organization) }
            return id
        }
        guard let top = top(page.principal) else { throw DangjianError.notFound(.organization) }
        return top
    }

    /// "2026-12-08T14:05" in China time, as `datetime-local` shows it.
    static func localTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .chinaStandard
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d", p.year ?? 0, p.month ?? 0, p.day ?? 0, p.hour ?? 0, p.minute ?? 0)
    }
}

/// A record as a line of a list: its day, kind, topic and attendance.
struct RecordLine {
    let id: Int64
    let day: String
    let kind: String
    let topic: String
    let counts: String

    init(_ record: LedgerRecord) {
        id = record.id
        day = ConsoleWords.date(record.heldOn)
        kind = record.kind.zh
        topic = record.topic
        counts = "实到 \(record.attendees.count) 人，缺席 \(record.absentees.count) 人"
    }
}
