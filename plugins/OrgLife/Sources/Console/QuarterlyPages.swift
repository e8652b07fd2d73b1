import Dangjian
import DangjianHTTP
import Foundation

/// 季检查: the heatmap of a subtree's quarter, a cell's records, and the CSV and print versions.
struct QuarterlyPages {
    let supervision: Supervision
    let ledger: Ledger

    struct Content {
        let quarter: String
        let under: Int64
        let heatmapSvg: String
        let legend: [Legend]
        let csv: String
        let print: String
        let previous: String
        let next: String
        let summary: String
    }
    struct Legend {
        let key: String
        let label: String
    }
    struct Cell {
        let organization: String
        let item: String
        let quarter: String
        let state: String
        let stateKey: String
        let held: Int
        let required: Int
        let records: [RecordLine]
        let missing: Bool
        let back: String
        let entry: String
        let canRecord: Bool
    }

    func register(_ pages: ConsolePages) {
        let supervision = self.supervision
        let ledger = self.ledger
        pages.get("/quarterly") { page in
            let (matrix, under) = try await Self.matrix(page, supervision)
            return .page(title: "季度检查", template: "orglife/quarterly", content: Self.content(matrix, under: under))
        }
        pages.get("/quarterly/print") { page in
            let (matrix, under) = try await Self.matrix(page, supervision)
            return .print(
                title: "\(matrix.quarter) 三会一课季度检查", template: "orglife/quarterly-print",
                content: Self.content(matrix, under: under))
        }
        pages.get("/quarterly.csv") { page in
            let (matrix, _) = try await Self.matrix(page, supervision)
            return .csv(filename: "三会一课季度检查-\(matrix.quarter).csv", text: try matrix.csv())
        }
        pages.get("/quarterly/cell") { page in
            let organizationID = try OrgLifeDefaults.organization(page)
            guard let kind = MeetingKind(rawValue: page.query("item") ?? "") else {
                throw DangjianError.badValue("item", zh: "检查项无效", en: "unknown item")
            }
            let quarter = try Self.quarter(page)
            let matrix = try await supervision.matrix(under: organizationID, quarter: quarter, by: page.principal)
            guard let row = matrix.rows.first(where: { $0.organizationID == organizationID }),
                let cell = row.cells.first(where: { $0.kind == kind })
            else { throw DangjianError.notFound(Ledger.record) }
            var lines: [RecordLine] = []
            for id in cell.recordIDs { lines.append(RecordLine(try await ledger.get(id, by: page.principal))) }
            let content = Cell(
                organization: row.name, item: kind.zh, quarter: quarter.key,
                state: Heatmap.words[cell.status] ?? "", stateKey: cell.status.rawValue, held: cell.held,
                required: cell.required, records: lines, missing: lines.isEmpty,
                back: "/orglife/quarterly?quarter=\(quarter.key)" + (row.parentID.map { "&under=\($0)" } ?? ""),
                entry: "/orglife/records/new?organization=\(organizationID)&kind=\(kind.rawValue)",
                canRecord: page.principal.scope(for: .writeLedger).paths.isEmpty == false)
            return .page(title: "\(row.name) · \(kind.zh)", template: "orglife/quarterly-cell", content: content)
        }
    }

    /// `quarter=2026-Q4`, this quarter when absent.
    static func quarter(_ page: ConsoleRequest) throws -> Period {
        try page.query("quarter").map { try Supervision.quarter($0) } ?? Period.containing(page.today, .quarter)
    }

    /// The matrix the query asks for: `under` (default the caller's top organisation) and `quarter`.
    static func matrix(_ page: ConsoleRequest, _ supervision: Supervision) async throws -> (ComplianceMatrix, Int64) {
        let under = try OrgLifeDefaults.under(page)
        return (try await supervision.matrix(under: under, quarter: try quarter(page), by: page.principal), under)
    }

    static func content(_ matrix: ComplianceMatrix, under: Int64) -> Content {
        let quarter = Period(matrix.quarter)!
        let query = "under=\(under)&quarter=\(matrix.quarter)"
        let summary = matrix.summary
        return Content(
            quarter: matrix.quarter, under: under, heatmapSvg: Heatmap.svg(matrix),
            legend: [ComplianceMatrix.Status.held, .partly, .missing, .notApplicable].map {
                Legend(key: $0.rawValue, label: Heatmap.words[$0] ?? "")
            },
            csv: "/orglife/quarterly.csv?" + query, print: "/orglife/quarterly/print?" + query,
            previous: "/orglife/quarterly?under=\(under)&quarter=\(quarter.previous(.quarter).key)",
            next:
                "/orglife/quarterly?under=\(under)&quarter=\(Period.containing(quarter.end.adding(days: 1), .quarter).key)",
            summary:
                "共 \(summary.organizations) 个组织，落实率 \(String(format: "%.0f%%", summary.complianceRate * 100))")
    }
}
