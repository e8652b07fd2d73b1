import Dangjian
import DangjianHTTP
import DangjianLua
import Foundation

/// 台账 (an organisation's records in a period, paged) and 年度考评 (the yearly ranking).
struct LedgerPages {
    let ledger: Ledger
    let supervision: Supervision

    struct Listing {
        let organizationID: Int64
        let organization: String
        let period: String
        let kinds: [RecordPages.Choice]
        let rows: [RecordLine]
        let empty: Bool
        let next: String?
    }
    struct Ranking {
        let year: Int
        let under: Int64
        let entries: [Entry]
        let empty: Bool
        let failures: [String]
        let previous: String
        let next: String
    }
    struct Entry {
        let rank: Int
        let name: String
        let total: String
        let items: String
    }

    func register(_ pages: ConsolePages) {
        let ledger = self.ledger
        let supervision = self.supervision
        pages.get("/ledger") { page in
            let id = try OrgLifeDefaults.organization(page)
            let period =
                try page.query("period").map { try Period.parse($0) } ?? Period.containing(page.today, .quarter)
            let kind = try page.query("kind").map { text -> MeetingKind in
                guard let kind = MeetingKind(rawValue: text) else {
                    throw DangjianError.badValue("kind", zh: "类型无效", en: "unknown kind")
                }
                return kind
            }
            let organization = try await page.host.organizations.get(id, by: page.principal)
            let found = try await ledger.records(
                of: id, in: period, kind: kind, page: try PageRequest(limit: 50, cursor: page.query("cursor")),
                by: page.principal)
            let base =
                "/orglife/ledger?organization=\(id)&period=\(period.key)" + (kind.map { "&kind=\($0.rawValue)" } ?? "")
            let listing = Listing(
                organizationID: id, organization: organization.name, period: period.key,
                kinds: [RecordPages.Choice(value: "", label: "全部类型", selected: kind == nil)]
                    + MeetingKind.allCases.map {
                        RecordPages.Choice(value: $0.rawValue, label: $0.zh, selected: $0 == kind)
                    },
                rows: found.items.map(RecordLine.init),
                empty: found.items.isEmpty,
                next: found.nextCursor.map {
                    base + "&cursor=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
                })
            return .page(title: "台账 · \(organization.name)", template: "orglife/ledger", content: listing)
        }
        pages.get("/evaluation") { page in
            let year =
                try page.query("year").map { text -> Int in
                    guard let year = Int(text) else {
                        throw DangjianError.badValue("year", zh: "应为年份", en: "must be a year")
                    }
                    return year
                } ?? page.today.year - 1
            let under = try OrgLifeDefaults.under(page)
            let evaluation = try await supervision.evaluate(year: year, under: under, by: page.principal)
            let ranking = Ranking(
                year: year, under: under,
                entries: evaluation.entries.map { entry in
                    Entry(
                        rank: entry.rank, name: entry.name, total: String(format: "%.2f", entry.total),
                        items: entry.items.map { "\($0.item) \(String(format: "%g", $0.points)) 分" }.joined(
                            separator: "；"))
                },
                empty: evaluation.entries.isEmpty,
                failures: evaluation.failures.sorted { $0.key < $1.key }.map { "组织 \($0.key)：\($0.value)" },
                previous: "/orglife/evaluation?year=\(year - 1)&under=\(under)",
                next: "/orglife/evaluation?year=\(year + 1)&under=\(under)")
            return .page(title: "\(year) 年度考评", template: "orglife/evaluation", content: ranking)
        }
    }
}
