import Dangjian
import Foundation

/// The quarterly check drawn as SVG by the server: organisations as rows, items as columns,
/// each cell a link to its records. Every text in it goes through `escapeHTML`.
struct Heatmap {
    static let colours: [ComplianceMatrix.Status: String] = [
        .held: "#2e7d32", .partly: "#f9a825", .missing: "#c62828", .notApplicable: "#eeeeee",
    ]
    static let words: [ComplianceMatrix.Status: String] = [
        .held: "已落实", .partly: "部分落实", .missing: "未落实", .notApplicable: "不适用",
    ]

    /// The state a cell's `data-state` names: held, partly or missing.
    static func state(_ status: ComplianceMatrix.Status) -> String { status.rawValue }

    /// The cell page's address.
    static func cellLink(_ organizationID: Int64, _ kind: MeetingKind, quarter: String) -> String {
        "/orglife/quarterly/cell?organization=\(organizationID)&item=\(kind.rawValue)&quarter=\(quarter)"
    }

    static func svg(_ matrix: ComplianceMatrix) -> String {
        // A party group holds no meeting the check counts: a row with nothing to hold is left
        // out, so the secretary reads only the organisations that owe something.
        let rows = matrix.rows.filter { row in row.cells.contains { $0.status != .notApplicable } }
        let labelWidth = 240, cellWidth = 96, cellHeight = 28, header = 34
        let width = labelWidth + cellWidth * matrix.columns.count
        let height = header + cellHeight * max(rows.count, 1)
        var out =
            "<svg class=\"chart heatmap\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" "
            + "width=\"\(width)\" role=\"img\" aria-label=\"\(HTMLText.escaped(matrix.quarter)) 季度检查\">"
        out += "<title>\(HTMLText.escaped(matrix.quarter)) 三会一课季度检查</title>"
        for (index, column) in matrix.columns.enumerated() {
            let x = labelWidth + index * cellWidth + cellWidth / 2
            out +=
                "<text x=\"\(x)\" y=\"22\" text-anchor=\"middle\" font-size=\"13\">\(HTMLText.escaped(column.name))</text>"
        }
        for (rowIndex, row) in rows.enumerated() {
            let y = header + rowIndex * cellHeight
            let name = row.name.count > 16 ? String(row.name.prefix(15)) + "…" : row.name
            out +=
                "<text x=\"6\" y=\"\(y + 19)\" font-size=\"13\"><title>\(HTMLText.escaped(row.name))</title>\(HTMLText.escaped(name))</text>"
            for (index, cell) in row.cells.enumerated() {
                let x = labelWidth + index * cellWidth
                let word = words[cell.status] ?? ""
                let title =
                    "\(row.name) · \(cell.kind.zh)：\(word)"
                    + (cell.status == .notApplicable ? "" : "（\(cell.held)/\(cell.required)）")
                let rect =
                    "<rect x=\"\(x + 2)\" y=\"\(y + 2)\" width=\"\(cellWidth - 4)\" height=\"\(cellHeight - 4)\" rx=\"3\" fill=\"\(colours[cell.status] ?? "#eee")\"/>"
                let label =
                    "<text x=\"\(x + cellWidth / 2)\" y=\"\(y + 19)\" text-anchor=\"middle\" font-size=\"12\" fill=\"\(cell.status == .notApplicable ? "#999" : "#fff")\">"
                    + (cell.status == .notApplicable ? "—" : "\(cell.held)/\(cell.required)") + "</text>"
                if cell.status == .notApplicable {
                    out += "<g><title>\(HTMLText.escaped(title))</title>\(rect)\(label)</g>"
                } else {
                    out +=
                        "<a href=\"\(HTMLText.escaped(cellLink(row.organizationID, cell.kind, quarter: matrix.quarter)))\" "
                        + "data-cell=\"\(row.organizationID)-\(cell.kind.rawValue)\" data-state=\"\(state(cell.status))\">"
                        + "<title>\(HTMLText.escaped(title))</title>\(rect)\(label)</a>"
                }
            }
        }
        if rows.isEmpty {
            out += "<text x=\"6\" y=\"\(header + 19)\" font-size=\"13\" fill=\"#6b6b6b\">该范围内没有需要检查的支部或党小组。</text>"
        }
        return out + "</svg>"
    }
}
