import Dangjian

extension Appraisal {
    /// The programme's year-end reports the caller may read, by project: the rating sheets
    /// print one page per project, with its report's scores when it has any.
    public func reports(ofProgramme programmeID: Int64, by actor: Principal) async throws -> [Int64: YearEndReport] {
        try await host.store.read { s in
            let programme = try Programmes.load(programmeID, in: s)
            _ = try Programmes.readablePath(programme, actor: actor, in: s)
            let ids = try s.query(
                """
                SELECT r.id FROM secretary_reports r JOIN secretary_projects p ON p.id = r.project_id
                WHERE p.programme_id = ? AND r.year = ? ORDER BY r.id
                """, [.integer(programmeID), SQLValue(programme.year)]
            ).map { try $0.int64("id") }
            var reports: [Int64: YearEndReport] = [:]
            for id in ids {
                let report = try Self.load(id, in: s)
                guard (try? Self.project(of: report, actor: actor, in: s)) != nil else { continue }
                reports[report.projectID] = report
            }
            return reports
        }
    }
}
