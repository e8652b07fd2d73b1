import Dangjian
import Foundation

/// 季检查: rows are the organisations of a subtree, columns the required items of a quarter,
/// and each cell says held, partly held or missing, with the records behind it.
public struct ComplianceMatrix: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable { case held, partly, missing, notApplicable }

    public struct Column: Sendable, Codable, Equatable {
        public let kind: MeetingKind
        public let name: String
        /// "month": once in each month of the quarter; "quarter": once in the quarter.
        public let cadence: String
        public let required: Int
    }

    public struct Cell: Sendable, Codable, Equatable {
        public let kind: MeetingKind
        public let status: Status
        /// Months (or quarters) in which the item was held, against `required`.
        public let held: Int
        public let required: Int
        public let recordIDs: [Int64]
    }

    public struct Row: Sendable, Codable, Equatable {
        public let organizationID: Int64
        public let name: String
        public let parentID: Int64?
        public let cells: [Cell]
        public var missing: Int { cells.filter { $0.status == .missing }.count }
    }

    public let organizationID: Int64
    public let quarter: String
    public let columns: [Column]
    public let rows: [Row]

    /// The quarterly columns (RULES.md 17–21).
    static let columns: [Column] = [
        MeetingKind.generalMeeting, .committeeMeeting, .groupMeeting, .partyLecture, .themeDay,
    ].map { kind in
        let cadence = kind.cadence!
        return Column(
            kind: kind, name: kind.zh, cadence: cadence.period, required: cadence.period == "month" ? 3 : cadence.times)
    }

    /// Which items an organisation owes: branches hold general meetings, lectures and theme
    /// days, and committee meetings when they have a committee; groups hold group meetings.
    static func applies(_ kind: MeetingKind, to entry: OrganizationRegistry.SweepEntry) -> Bool {
        switch entry.organization.kind {
        case .branch, .jointBranch:
            return kind == .committeeMeeting ? entry.committeeSize > 0 : kind != .groupMeeting
        case .group:
            return kind == .groupMeeting
        default:
            return false
        }
    }

    /// CSV for the party office: one row per organisation, one column per item.
    public func csv() throws -> String {
        let label: [Status: String] = [.held: "已落实", .partly: "部分落实", .missing: "未落实", .notApplicable: "不适用"]
        return try CSVText.write(
            [["组织", "组织编号"] + columns.map(\.name)]
                + rows.map { row in
                    [row.name, String(row.organizationID)]
                        + row.cells.map { cell in
                            cell.status == .notApplicable
                                ? label[cell.status]! : "\(label[cell.status]!)（\(cell.held)/\(cell.required)）"
                        }
                })
    }

    /// The dashboard's figures: per item how many organisations held, partly held or missed it.
    public struct Summary: Sendable, Codable, Equatable {
        public struct Item: Sendable, Codable, Equatable {
            public let kind: MeetingKind
            public let name: String
            public let held: Int
            public let partly: Int
            public let missing: Int
        }

        public let quarter: String
        public let organizations: Int
        public let items: [Item]
        /// Held cells over applicable cells, 0…1.
        public let complianceRate: Double
        /// The organisations with the most missing items, worst first (at most 10).
        public let attention: [Attention]

        public struct Attention: Sendable, Codable, Equatable {
            public let organizationID: Int64
            public let name: String
            public let missing: Int
        }
    }

    public var summary: Summary {
        let items = columns.map { column in
            let cells = rows.compactMap { $0.cells.first { $0.kind == column.kind } }
            return Summary.Item(
                kind: column.kind, name: column.name, held: cells.filter { $0.status == .held }.count,
                partly: cells.filter { $0.status == .partly }.count,
                missing: cells.filter { $0.status == .missing }.count)
        }
        let applicable = items.reduce(0) { $0 + $1.held + $1.partly + $1.missing }
        let attention = rows.filter { $0.missing > 0 }.sorted {
            ($0.missing, $1.organizationID) > ($1.missing, $0.organizationID)
        }
        .prefix(10).map { Summary.Attention(organizationID: $0.organizationID, name: $0.name, missing: $0.missing) }
        return Summary(
            quarter: quarter, organizations: rows.count, items: items,
            complianceRate: applicable == 0 ? 1 : Double(items.reduce(0) { $0 + $1.held }) / Double(applicable),
            attention: Array(attention))
    }
}

extension Supervision {
    /// Builds the matrix for the subtree under `organizationID`: one query per item kind over the
    /// quarter (the kind-and-day index), whatever the number of organisations.
    public func matrix(under organizationID: Int64, quarter: Period, by actor: Principal) async throws
        -> ComplianceMatrix
    {
        let root = try await host.store.read { s in
            let path = try OrganizationRegistry.path(of: organizationID, in: s, scope: actor.scope(for: .readLedger))
            try actor.requireOnVisible(.readLedger, over: path)
            return path
        }
        let entries = try await host.organizations.sweepEntries().filter {
            $0.organization.path.hasPrefix(root) && [.branch, .jointBranch, .group].contains($0.organization.kind)
        }.sorted { $0.organization.path < $1.organization.path }
        let wanted = Set(entries.map(\.organization.id))
        let records = try await host.store.read { s in
            var found: [MeetingKind: [Int64: [Held]]] = [:]
            for column in ComplianceMatrix.columns {
                // The subtree is `wanted`, from the kernel's sweep entries: the records are read by
                // kind and day (their index) and kept when their organisation is in it.
                try s.forEach(
                    """
                    SELECT id, organization_id, held_on FROM orglife_records
                    WHERE kind = ? AND held_on BETWEEN ? AND ? ORDER BY held_on, id
                    """, [SQLValue(column.kind), SQLValue(quarter.start), SQLValue(quarter.end)]
                ) { row in
                    let organization = try row.int64("organization_id")
                    guard wanted.contains(organization) else { return }
                    found[column.kind, default: [:]][organization, default: []].append(
                        Held(id: try row.int64("id"), day: try row.day("held_on")))
                }
            }
            return found
        }
        // The quarter's months once, not per organisation: building them was an eighth of the
        // matrix's time for a city's 19,000 units.
        let quarterMonths = quarter.parts(.month)
        let rows = entries.map { entry in
            // An organisation owes a month's or a quarter's item only if it existed when that
            // period began: a branch set up in May owes June, not April.
            let created = entry.organization.existsSince
            let months = quarterMonths.filter { $0.start >= created }
            return ComplianceMatrix.Row(
                organizationID: entry.organization.id, name: entry.organization.name,
                parentID: entry.organization.parentID,
                cells: ComplianceMatrix.columns.map { column in
                    let required =
                        column.cadence == "month" ? months.count : (quarter.start >= created ? column.required : 0)
                    guard ComplianceMatrix.applies(column.kind, to: entry), required > 0 else {
                        return .init(kind: column.kind, status: .notApplicable, held: 0, required: 0, recordIDs: [])
                    }
                    let held = records[column.kind]?[entry.organization.id] ?? []
                    let count =
                        column.cadence == "month"
                        ? months.filter { month in held.contains { $0.day >= month.start && $0.day <= month.end } }
                            .count
                        : min(held.count, required)
                    let status: ComplianceMatrix.Status = count >= required ? .held : (count == 0 ? .missing : .partly)
                    return .init(
                        kind: column.kind, status: status, held: count, required: required, recordIDs: held.map(\.id))
                })
        }
        return ComplianceMatrix(
            organizationID: organizationID, quarter: quarter.key, columns: ComplianceMatrix.columns, rows: rows)
    }

    /// A record behind a cell: its id and the day it was held.
    struct Held: Sendable {
        let id: Int64
        let day: Day
    }

    /// 问题清单、限期整改: every missing item opens a rectification item for the organisation,
    /// issued by its parent, due 30 days from `today`. Keyed by quarter, organisation and item,
    /// so running the check again opens nothing twice. Returns how many were opened.
    public func openRectifications(_ matrix: ComplianceMatrix, today: Day, by actor: Principal) async throws -> Int {
        var tasks: [(TaskRegistry.ValidTask, String)] = []
        for row in matrix.rows {
            for cell in row.cells where cell.status == .missing {
                let draft = TaskDraft(
                    issuerOrganizationID: row.parentID ?? row.organizationID,
                    responsibleOrganizationID: row.organizationID,
                    kind: "orglife.rectification", title: "\(matrix.quarter) 未落实\(cell.kind.zh)：\(row.name)",
                    description:
                        "季度检查发现「\(row.name)」\(matrix.quarter) 未落实\(cell.kind.zh)（0/\(cell.required)）。请补充台账或说明原因，并按要求整改。",
                    acceptanceCriteria: "台账中有相应记录，或上级党组织认可的情况说明", dueOn: today.adding(days: 30).description)
                tasks.append(
                    (
                        try host.tasks.validate(draft),
                        "orglife:check:\(matrix.quarter):\(row.organizationID):\(cell.kind.rawValue)"
                    ))
            }
        }
        // Items opened by an earlier run are left out before the write, so a daily job holds
        // the writer only for what is new.
        let opened = try await host.tasks.existingKeys(tasks.map(\.1))
        let opening = tasks.filter { !opened.contains($0.1) }
        guard !opening.isEmpty else { return 0 }
        return try await host.store.write(actor) { tx in
            try opening.reduce(0) { count, task in
                guard
                    let opened = try self.host.tasks.open(
                        task.0, in: tx, idempotencyKey: task.1, ruleRef: "orglife.quarterly-check", findingID: nil)
                else { return count }
                try self.host.notifications.announceRectification(opened, in: tx)
                return count + 1
            }
        }
    }
}
