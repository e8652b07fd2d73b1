import Dangjian
import Foundation

/// What `dangjian demo` prints once a district is loaded: counts, rates and the logins.
extension DemoDistrict.Summary {
    /// The summary for a terminal, in both languages, ending with the logins and each plugin's line.
    public func report(seconds: Double) -> String {
        let rate = String(format: "%.0f", Double(members) / max(seconds, 0.001))
        return """
            演示区已载入 / demo district loaded: \(organizations) organisations, \(members) members, \(tasks) tasks \
            in \(String(format: "%.1f", seconds)) s (\(rate) members/s)
            \(DemoDistrict.logins(secretaryOrganization: secretaryOrganization))
            """ + plugins.map { "\n  " + $0 }.joined()
    }
}

extension SyntheticDistrict.Summary {
    /// Per stage and overall: rows and rows per second, then each stage's summary and the logins
    /// (none when only the organisations were loaded).
    public func report(scale: SyntheticScale, seed: UInt64, organizationsOnly: Bool, databasePath: String) -> String {
        func duration(_ value: Double) -> String { String(format: "%.1f s", value) }
        func rate(_ value: Double) -> String { String(format: "%.0f", value) }
        var lines = ["合成区已载入 / synthetic district loaded: scale \(scale), seed \(seed), \(duration(seconds))"]
        for stage in stages {
            let counts = stage.counts.map { "\($0.rows) \($0.what)" }.joined(separator: ", ")
            lines.append(
                "  \(stage.name): \(counts) in \(duration(stage.seconds)), \(rate(stage.rowsPerSecond)) rows/s")
        }
        let rows = stages.reduce(0) { $0 + $1.rows }
        lines.append(
            "  总计 overall: \(rows) rows in \(duration(seconds)), \(rate(Double(rows) / max(seconds, 0.001))) rows/s")
        lines += stages.map { "  " + $0.summary }
        guard !organizationsOnly else {
            lines.append("只载入了组织，没有党员和登录账号 / organisations only: no members and no logins")
            lines.append("数据库 / database: \(databasePath)")
            return lines.joined(separator: "\n")
        }
        lines.append("数据库 / database: \(databasePath)")
        lines.append(DemoDistrict.logins(secretaryOrganization: secretaryOrganization))
        return lines.joined(separator: "\n")
    }
}

extension DemoDistrict {
    /// The two logins every demo and synthetic district has, with the password.
    static func logins(secretaryOrganization: String) -> String {
        """
        登录 / logins (password \(password)):
          \(adminUsername)      区级管理员 district admin
          \(secretaryUsername)  \(secretaryOrganization)书记 branch secretary
        """
    }
}
