import Dangjian
import Foundation
import OrgLife

/// `quarterly-check`: the org-life compliance matrix (三会一课 by organisation and item) for
/// the whole district and one quarter, as the supervision page builds it. With `sql`, the
/// statements it ran are written out with their arguments in place, for the baseline: the
/// same SQL timed alone in `sqlite3`.
public enum QuarterlyBench {
    /// Where the statements are traced: set in the environment before the host opens.
    public static func traceFile(for sql: String?) -> String? {
        let trace = sql.map { _ in NSTemporaryDirectory() + "dangjian-trace-\(getpid()).sql" }
        if let trace { setenv(SQLiteDatabase.traceVariable, trace, 1) }
        return trace
    }

    /// Builds the matrix once and returns its figure; stops the host when done.
    /// - Parameter quarter: e.g. "2026-Q3"; nil for the last quarter that has ended.
    public static func run(host: DangjianHost, quarter: String?, trace: String?, sql: String?) async throws
        -> BenchFigure
    {
        guard let plugin = host.plugins.ordered.lazy.compactMap({ $0 as? OrgLifePlugin }).first else {
            throw BenchError(description: "组织生活插件未启用 / the orglife plugin is switched off")
        }
        // The quarter before the one today is in: the last one secretaries had to complete.
        let current = Period.containing(host.store.clock.today(), .quarter)
        let period =
            try quarter.map { try Period.parse($0, field: "--quarter") }
            ?? Period.containing(current.start.adding(days: -1), .quarter)
        let roots = try await host.organizations.list(.init(parentID: nil), page: .first, by: .system).items.filter {
            $0.parentID == nil
        }
        guard roots.count == 1, let root = roots.first else {
            throw BenchError(description: "须恰有一个顶层组织 / needs exactly one top organisation")
        }
        let offset = trace.map { (try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? Int) ?? 0 } ?? 0
        let (matrix, seconds) = try await timed {
            try await Supervision(host: host, plugin: plugin).matrix(under: root.id, quarter: period, by: .system)
        }
        await host.stop()
        if let trace, let sql {
            let all = try Data(contentsOf: URL(fileURLWithPath: trace))
            try all.dropFirst(offset).write(to: URL(fileURLWithPath: sql))
            try? FileManager.default.removeItem(atPath: trace)
        }
        return BenchFigure(
            name: "quarterly-check", seconds: seconds, count: matrix.rows.count,
            extra: ["cells": Double(matrix.rows.count * matrix.columns.count)])
    }
}
