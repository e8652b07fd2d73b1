import Dangjian
import DangjianLua
import Foundation

/// 一季度一通报 (seed 003): the quarter's bulletin, generated from the projects, their items, the
/// study sessions and the inspection findings: ranked progress per unit, highlights and
/// problems, a text body in Chinese, a CSV and a printable HTML page.
public struct Bulletin: Sendable, Codable, Equatable {
    public struct Line: Sendable, Codable, Equatable {
        public let rank: Int
        public let projectID: Int64
        public let organizationID: Int64
        public let unit: String
        public let items: Int
        public let accepted: Int
        public let overdue: Int
        /// accepted / items
        public let progress: Double
        public let studies: Int
        public let findings: [String]
    }

    public let programmeID: Int64
    public let title: String
    public let quarter: String
    public let lines: [Line]
    public let highlights: [String]
    public let problems: [String]
    public let body: String
    /// When it was published, if it was.
    public let publishedAt: Date?
}

extension Supervision {
    public func bulletin(_ programmeID: Int64, quarter text: String?, by actor: Principal) async throws -> Bulletin {
        let quarter = try Self.quarter(text)
        return try await host.store.read { s in
            let programme = try Programmes.load(programmeID, in: s)
            let path = try Programmes.readablePath(programme, actor: actor, in: s)
            try actor.requireOnVisible(.readLedger, over: path)
            try Self.requireQuarter(quarter, of: programme)
            return try Self.bulletin(programme, quarter: quarter, in: s)
        }
    }

    /// Publishes the bulletin of an ended quarter once, and tells every unit's secretaries.
    public func publish(_ programmeID: Int64, quarter text: String?, by actor: Principal) async throws -> Bulletin {
        let quarter = try Self.quarter(text)
        do {
            return try await host.store.write(actor) { tx in
                let s = tx.session
                let programme = try Programmes.load(programmeID, in: s)
                _ = try Programmes.writable(programme, in: tx)
                try Self.requireQuarter(quarter, of: programme)
                guard quarter.end < tx.today else {
                    throw DangjianError.invalid(
                        SecretaryProjectsErrorCode.quarterNotEnded, field: "quarter", zh: "\(quarter.key) 尚未结束，不能通报",
                        en: "\(quarter.key) has not ended; its bulletin comes after")
                }
                let bulletin = try Self.bulletin(programme, quarter: quarter, in: s)
                _ = try s.insert(
                    "INSERT INTO secretary_bulletins (programme_id, quarter, body, published_at) VALUES (?, ?, ?, ?)",
                    [.integer(programmeID), .text(quarter.key), .text(bulletin.body), tx.timestamp])
                let units = bulletin.lines.map(\.organizationID)
                let secretaries =
                    units.isEmpty ? [:] : try UserRegistry.holders(of: .secretary, organizationIDs: units, in: s)
                for unit in units {
                    for user in secretaries[unit] ?? [] {
                        _ = try self.host.notifications.send(
                            NotificationDraft(
                                userID: user, kind: "secretary.bulletin", title: bulletin.title, body: bulletin.body,
                                organizationID: unit,
                                idempotencyKey: "secretary.bulletin:\(programmeID):\(quarter.key):\(user)"), in: tx)
                    }
                }
                tx.emit(
                    BulletinPublished(
                        programmeID: programmeID, organizationID: programme.organizationID, quarter: quarter))
                return try Self.bulletin(programme, quarter: quarter, in: s)
            }
        } catch is UniqueViolation {
            throw DangjianError.conflict(
                SecretaryProjectsErrorCode.bulletinPublished, field: "quarter", zh: "\(quarter.key) 的通报已经发布",
                en: "The bulletin for \(quarter.key) is published already")
        }
    }

    /// Four queries for the whole programme, whatever its size.
    static func bulletin(_ programme: Programme, quarter: Period, in s: any SQLSession) throws -> Bulletin {
        let ids = try s.query(
            "SELECT id FROM secretary_projects WHERE programme_id = ? ORDER BY id", [.integer(programme.id)]
        ).map { try $0.int64("id") }
        let projects = try Projects.load(ids, in: s)
        let names = try OrganizationRegistry.names(of: projects.map(\.organizationID), in: s)
        var studies: [Int64: Int] = [:]
        for row in try s.query(
            """
            SELECT st.project_id, COUNT(*) AS n FROM secretary_studies st JOIN secretary_projects p ON p.id = st.project_id
            WHERE p.programme_id = ? AND st.held_on BETWEEN ? AND ? GROUP BY st.project_id
            """, [.integer(programme.id), SQLValue(quarter.start), SQLValue(quarter.end)])
        {
            studies[try row.int64("project_id")] = try row.int("n")
        }
        var findings: [Int64: [String]] = [:]
        let inspections = try s.query(
            "SELECT inspection_id FROM secretary_inspections WHERE programme_id = ? AND quarter = ?",
            [.integer(programme.id), .text(quarter.key)]
        ).map { try $0.int64("inspection_id") }
        for finding in try TaskRegistry.findings(ofInspections: inspections, in: s) {
            findings[finding.organizationID, default: []].append(finding.description)
        }
        let ordered = projects.sorted {
            ($0.progress.share, studies[$0.id] ?? 0, -(findings[$0.organizationID]?.count ?? 0), -$0.id)
                > ($1.progress.share, studies[$1.id] ?? 0, -(findings[$1.organizationID]?.count ?? 0), -$1.id)
        }
        let lines = ordered.enumerated().map { index, project in
            Bulletin.Line(
                rank: index + 1, projectID: project.id, organizationID: project.organizationID,
                unit: names[project.organizationID] ?? "",
                items: project.progress.items, accepted: project.progress.accepted, overdue: project.progress.overdue,
                progress: (project.progress.share * 1000).rounded() / 1000, studies: studies[project.id] ?? 0,
                findings: findings[project.organizationID] ?? [])
        }
        let highlights =
            lines.filter { $0.items > 0 && $0.accepted == $0.items }.map { "「\($0.unit)」项目事项全部完成验收" }
            + lines.filter { $0.studies >= 2 }.map { "「\($0.unit)」本季度研究部署 \($0.studies) 次" }
        let problems =
            lines.filter { $0.studies == 0 }.map { "「\($0.unit)」本季度未研究部署书记项目" }
            + lines.filter { $0.overdue > 0 }.map { "「\($0.unit)」有 \($0.overdue) 项事项逾期" }
            + lines.flatMap { line in line.findings.map { "「\(line.unit)」：\($0)" } }
        let published = try s.queryOne(
            "SELECT published_at FROM secretary_bulletins WHERE programme_id = ? AND quarter = ?",
            [.integer(programme.id), .text(quarter.key)]
        ).map { try $0.date("published_at") }
        let title = "\(programme.title) \(quarter.key) 督查通报"
        return Bulletin(
            programmeID: programme.id, title: title, quarter: quarter.key, lines: lines, highlights: highlights,
            problems: problems,
            body: body(title, lines: lines, highlights: highlights, problems: problems), publishedAt: published)
    }

    static func body(_ title: String, lines: [Bulletin.Line], highlights: [String], problems: [String]) -> String {
        let items = lines.reduce(0) { $0 + $1.items }
        let accepted = lines.reduce(0) { $0 + $1.accepted }
        let rate = items == 0 ? 0 : Int((Double(accepted) / Double(items) * 100).rounded())
        var text =
            "\(title)\n\n一、总体情况\n共 \(lines.count) 个书记项目、\(items) 项事项，已验收 \(accepted) 项（\(rate)%）；"
            + "\(lines.filter { $0.studies > 0 }.count) 个单位本季度研究部署了书记项目。\n\n二、进度排名\n"
        for line in lines {
            text += "\(line.rank). \(line.unit)：完成 \(line.accepted)/\(line.items)，研究部署 \(line.studies) 次\n"
        }
        text += "\n三、工作亮点\n" + (highlights.isEmpty ? "无\n" : highlights.map { "· \($0)\n" }.joined())
        text += "\n四、存在问题\n" + (problems.isEmpty ? "无\n" : problems.map { "· \($0)\n" }.joined())
        text += "\n请存在问题的单位对照督查问题限期整改。"
        return text
    }
}

extension Bulletin {
    public func csv() throws -> String {
        try CSVText.write(
            [["排名", "单位", "事项", "已验收", "逾期", "完成率", "研究部署次数", "督查问题"]]
                + lines.map {
                    [
                        "\($0.rank)", $0.unit, "\($0.items)", "\($0.accepted)", "\($0.overdue)",
                        String(format: "%.0f%%", $0.progress * 100),
                        "\($0.studies)", $0.findings.joined(separator: "；"),
                    ]
                })
    }

    /// A page to print (A4), every text escaped.
    public var html: String {
        func e(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        let rows = lines.map {
            "<tr><td>\($0.rank)</td><td>\(e($0.unit))</td><td>\($0.accepted)/\($0.items)</td><td>\($0.overdue)</td>"
                + "<td>\($0.studies)</td><td>\(e($0.findings.joined(separator: "；")))</td></tr>"
        }.joined(separator: "\n")
        return """
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>\(e(title))</title>
            <style>@page { size: A4; margin: 2cm } body { font-family: "SimSun", serif; } table { border-collapse: collapse; width: 100% }
            td, th { border: 1px solid #000; padding: 4px } pre { white-space: pre-wrap; font-family: inherit }</style></head>
            <body><h1>\(e(title))</h1>
            <table><tr><th>排名</th><th>单位</th><th>完成/事项</th><th>逾期</th><th>研究部署</th><th>督查问题</th></tr>
            \(rows)
            </table>
            <pre>\(e(body))</pre></body></html>
            """
    }
}
