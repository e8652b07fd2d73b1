import Dangjian

extension Programmes {
    static let migrations = [
        Migration(
            module: "secretary", version: 1,
            name: "programmes, leadership groups, projects, studies, bulletins, reports, ratings",
            sql: [
                """
                CREATE TABLE secretary_programmes (
                    id {id},
                    organization_id INTEGER NOT NULL REFERENCES organizations (id),
                    year INTEGER NOT NULL,
                    title TEXT NOT NULL,
                    components TEXT NOT NULL,
                    office_organization_id INTEGER REFERENCES organizations (id),
                    -- When the programme began: no study, bulletin or report is owed for before it.
                    started_on TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    UNIQUE (organization_id, year, title)
                )
                """,
                """
                CREATE TABLE secretary_group_members (
                    programme_id INTEGER NOT NULL REFERENCES secretary_programmes (id),
                    member_id INTEGER NOT NULL REFERENCES members (id),
                    role TEXT NOT NULL,
                    title TEXT,
                    PRIMARY KEY (programme_id, member_id)
                )
                """,
                "CREATE INDEX secretary_group_members_member ON secretary_group_members (member_id)",
                // One project per organisation and programme.
                """
                CREATE TABLE secretary_projects (
                    id {id},
                    programme_id INTEGER NOT NULL REFERENCES secretary_programmes (id),
                    organization_id INTEGER NOT NULL REFERENCES organizations (id),
                    secretary_member_id INTEGER NOT NULL REFERENCES members (id),
                    title TEXT NOT NULL,
                    -- When the unit's project began: it owes no study for a quarter mostly behind it.
                    started_on TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    UNIQUE (programme_id, organization_id)
                )
                """,
                "CREATE INDEX secretary_projects_org ON secretary_projects (organization_id)",
                """
                CREATE TABLE secretary_items (
                    project_id INTEGER NOT NULL REFERENCES secretary_projects (id),
                    task_id INTEGER NOT NULL REFERENCES tasks (id),
                    component TEXT NOT NULL,
                    PRIMARY KEY (project_id, task_id)
                )
                """,
                """
                CREATE TABLE secretary_studies (
                    id {id},
                    project_id INTEGER NOT NULL REFERENCES secretary_projects (id),
                    held_on TEXT NOT NULL,
                    topic TEXT NOT NULL,
                    decisions TEXT NOT NULL,
                    created_at TEXT NOT NULL
                )
                """,
                // A quarter's sessions for every project: one range scan.
                "CREATE INDEX secretary_studies_day ON secretary_studies (held_on, project_id)",
                "CREATE INDEX secretary_studies_project ON secretary_studies (project_id, held_on)",
                """
                CREATE TABLE secretary_inspections (
                    programme_id INTEGER NOT NULL REFERENCES secretary_programmes (id),
                    quarter TEXT NOT NULL,
                    inspection_id INTEGER NOT NULL REFERENCES inspections (id),
                    PRIMARY KEY (programme_id, quarter, inspection_id)
                )
                """,
                """
                CREATE TABLE secretary_bulletins (
                    id {id},
                    programme_id INTEGER NOT NULL REFERENCES secretary_programmes (id),
                    quarter TEXT NOT NULL,
                    body TEXT NOT NULL,
                    published_at TEXT NOT NULL,
                    UNIQUE (programme_id, quarter)
                )
                """,
                """
                CREATE TABLE secretary_reports (
                    id {id},
                    project_id INTEGER NOT NULL REFERENCES secretary_projects (id),
                    year INTEGER NOT NULL,
                    text TEXT NOT NULL,
                    submitted_on TEXT NOT NULL,
                    -- The rubric the first score sheet used, kept so every sheet of the report uses it.
                    rubric TEXT,
                    rubric_ref TEXT,
                    UNIQUE (project_id, year)
                )
                """,
                """
                CREATE TABLE secretary_scores (
                    report_id INTEGER NOT NULL REFERENCES secretary_reports (id),
                    evaluator_member_id INTEGER NOT NULL REFERENCES members (id),
                    items TEXT NOT NULL,
                    total DOUBLE PRECISION NOT NULL,
                    rubric_ref TEXT NOT NULL,
                    scored_at TEXT NOT NULL,
                    PRIMARY KEY (report_id, evaluator_member_id)
                )
                """,
                // A rating is given once: the primary key refuses a second.
                """
                CREATE TABLE secretary_ratings (
                    report_id INTEGER PRIMARY KEY REFERENCES secretary_reports (id),
                    rating TEXT NOT NULL,
                    average DOUBLE PRECISION,
                    rated_on TEXT NOT NULL,
                    case_task_id INTEGER REFERENCES tasks (id)
                )
                """,
            ])
    ]
}
