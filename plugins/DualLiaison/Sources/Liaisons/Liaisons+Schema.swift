import Dangjian

extension Liaisons {
    static let migrations = [
        Migration(
            module: "liaison", version: 1, name: "liaison settings, assignments and log; dual reporting",
            sql: [
                """
                CREATE TABLE liaison_settings (
                    committee_id INTEGER PRIMARY KEY REFERENCES council_committees (id),
                    leadership_organization_id INTEGER NOT NULL REFERENCES organizations (id),
                    office_organization_id INTEGER NOT NULL REFERENCES organizations (id),
                    updated_at TEXT NOT NULL
                )
                """,
                """
                CREATE TABLE liaison_assignments (
                    id {id},
                    committee_id INTEGER NOT NULL REFERENCES council_committees (id),
                    subcouncil_id INTEGER NOT NULL REFERENCES council_subcouncils (id),
                    role TEXT NOT NULL,
                    member_id INTEGER NOT NULL REFERENCES members (id),
                    from_on TEXT NOT NULL,
                    to_on TEXT,
                    created_at TEXT NOT NULL
                )
                """,
                // One current liaison per role and sub-council: the index, not only the code, says so.
                "CREATE UNIQUE INDEX liaison_assignments_current ON liaison_assignments (subcouncil_id, role) WHERE to_on IS NULL",
                // A person's current assignments in a role: the quota check.
                "CREATE INDEX liaison_assignments_member ON liaison_assignments (member_id, role, to_on)",
                "CREATE INDEX liaison_assignments_committee ON liaison_assignments (committee_id, to_on)",
                """
                CREATE TABLE liaison_log (
                    id {id},
                    committee_id INTEGER NOT NULL REFERENCES council_committees (id),
                    subcouncil_id INTEGER NOT NULL REFERENCES council_subcouncils (id),
                    member_id INTEGER NOT NULL REFERENCES members (id),
                    role TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    meeting_id INTEGER REFERENCES council_meetings (id),
                    topic_id INTEGER REFERENCES council_topics (id),
                    happened_on TEXT NOT NULL,
                    note TEXT,
                    created_at TEXT NOT NULL
                )
                """,
                // A sweep reads one period for everyone: a range on the day.
                "CREATE INDEX liaison_log_day ON liaison_log (happened_on, member_id)",
                "CREATE INDEX liaison_log_subcouncil ON liaison_log (subcouncil_id, happened_on)",
                // Attending one recorded meeting is logged once.
                "CREATE UNIQUE INDEX liaison_log_meeting ON liaison_log (member_id, meeting_id) WHERE meeting_id IS NOT NULL",
                // `reporter` is "member:ID" or "organization:ID", so one report in force per reporter
                // is an index over one column whichever kind reports.
                """
                CREATE TABLE liaison_reports (
                    id {id},
                    reporter TEXT NOT NULL,
                    member_id INTEGER REFERENCES members (id),
                    organization_id INTEGER REFERENCES organizations (id),
                    community_id INTEGER REFERENCES organizations (id),
                    community_name TEXT NOT NULL,
                    reported_on TEXT NOT NULL,
                    ended_on TEXT,
                    created_at TEXT NOT NULL
                )
                """,
                "CREATE UNIQUE INDEX liaison_reports_current ON liaison_reports (reporter) WHERE ended_on IS NULL",
                "CREATE INDEX liaison_reports_reporter ON liaison_reports (reporter, reported_on)",
                "CREATE INDEX liaison_reports_member ON liaison_reports (member_id)",
                """
                CREATE TABLE liaison_services (
                    id {id},
                    report_id INTEGER NOT NULL REFERENCES liaison_reports (id),
                    reporter TEXT NOT NULL,
                    served_on TEXT NOT NULL,
                    hours REAL NOT NULL,
                    description TEXT NOT NULL,
                    created_at TEXT NOT NULL
                )
                """,
                "CREATE INDEX liaison_services_reporter ON liaison_services (reporter, served_on)",
            ]),
        // An organisation's year joins its members' services to their reports.
        Migration(
            module: "liaison", version: 2, name: "liaison services by report",
            sql: [
                "CREATE INDEX liaison_services_report ON liaison_services (report_id, served_on)"
            ]),
    ]
}
