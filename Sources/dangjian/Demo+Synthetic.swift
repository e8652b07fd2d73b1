import Dangjian
import DangjianDemo
import Foundation

extension Demo {
    /// Loads a synthetic district and prints its own rate: per stage and overall, rows and rows per second.
    func loadSynthetic(
        _ host: DangjianHost, scale: SyntheticScale, seed: UInt64, organizationsOnly: Bool, databasePath: String
    ) async throws {
        let summary = try await SyntheticDistrict(
            host: host, scale: scale, seed: seed, seeders: CompiledPlugins.demoSeeders
        )
        .load(organizationsOnly: organizationsOnly, progress: Progress().report)
        print("合成区已载入 / synthetic district loaded: scale \(scale), seed \(seed), \(Self.seconds(summary.seconds))")
        for stage in summary.stages {
            let counts = stage.counts.map { "\($0.rows) \($0.what)" }.joined(separator: ", ")
            print(
                "  \(stage.name): \(counts) in \(Self.seconds(stage.seconds)), \(Self.rate(stage.rowsPerSecond)) rows/s"
            )
        }
        let rows = summary.stages.reduce(0) { $0 + $1.rows }
        print(
            "  总计 overall: \(rows) rows in \(Self.seconds(summary.seconds)), \(Self.rate(Double(rows) / max(summary.seconds, 0.001))) rows/s"
        )
        for stage in summary.stages { print("  " + stage.summary) }
        guard !organizationsOnly else {
            print("只载入了组织，没有党员和登录账号 / organisations only: no members and no logins\n数据库 / database: \(databasePath)")
            return
        }
        print(
            """
            数据库 / database: \(databasePath)
            登录 / logins (password \(DemoDistrict.password)):
              \(DemoDistrict.adminUsername)      区级管理员 district admin
              \(DemoDistrict.secretaryUsername)  \(summary.secretaryOrganization)书记 branch secretary
            """)
    }

    static func seconds(_ value: Double) -> String { String(format: "%.1f s", value) }
    static func rate(_ value: Double) -> String { String(format: "%.0f", value) }
}
