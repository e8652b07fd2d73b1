import Dangjian

extension Councils {
    static let migrations = [
        Migration(
            module: "council", version: 1,
            name: "councils, committees, sub-councils, meetings, joint projects, research topics",
            sql: [
                """
                CREATE TABLE council_councils (
                    id {id},
                    name TEXT NOT NULL,
                    organization_id INTEGER NOT NULL REFERENCES organizations (id),
                    created_at TEXT NOT NULL,
                    UNIQUE (organization_id, name)
                )
                """,
                """
                CREATE TABLE council_committees (
                    id {id},
                    council_id INTEGER NOT NULL REFERENCES council_councils (id),
                    name TEXT NOT NULL,
                    organization_id INTEGER NOT NULL REFERENCES organizations (id),
                    charter TEXT,
                    charter_version INTEGER NOT NULL DEFAULT 0,
                    charter_adopted_on TEXT,
                    -- When it was set up: it owes no meeting for a period that began before.
                    established_on TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    UNIQUE (council_id, name)
                )
                """,
                "CREATE INDEX council_committees_org ON council_committees (organization_id)",
                """
                CREATE TABLE council_subcouncils (
                    id {id},
                    committee_id INTEGER NOT NULL REFERENCES council_committees (id),
                    name TEXT NOT NULL,
                    convener_id INTEGER NOT NULL REFERENCES organizations (id),
                    established_on TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    UNIQUE (committee_id, name)
                )
                """,
                "CREATE INDEX council_subcouncils_convener ON council_subcouncils (convener_id)",
                // One sub-council per unit and committee: the primary key, not only the code, says so.
                """
                CREATE TABLE council_units (
                    committee_id INTEGER NOT NULL REFERENCES council_committees (id),
                    organization_id INTEGER NOT NULL REFERENCES organizations (id),
                    subcouncil_id INTEGER NOT NULL REFERENCES council_subcouncils (id),
                    joined_on TEXT NOT NULL,
                    PRIMARY KEY (committee_id, organization_id)
                )
                """,
                "CREATE INDEX council_units_subcouncil ON council_units (subcouncil_id)",
                "CREATE INDEX council_units_org ON council_units (organization_id)",
                // `body` is "committee:ID" or "subcouncil:ID", so the same meeting cannot be recorded twice
                // (a NULL sub-council would make a UNIQUE over the two ids useless).
                """
                CREATE TABLE council_meetings (
                    id {id},
                    committee_id INTEGER NOT NULL REFERENCES council_committees (id),
                    subcouncil_id INTEGER REFERENCES council_subcouncils (id),
                    body TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    held_at TEXT NOT NULL,
                    held_on TEXT NOT NULL,
                    title TEXT NOT NULL,
                    place TEXT,
                    speaker TEXT,
                    minutes TEXT,
                    topic_ids TEXT NOT NULL,
                    attendee_count INTEGER NOT NULL,
                    created_at TEXT NOT NULL,
                    UNIQUE (body, kind, held_at)
                )
                """,
                // Counting a kind over a period for every committee or sub-council: one range scan.
                "CREATE INDEX council_meetings_kind_day ON council_meetings (kind, held_on, body)",
                // A committee's meetings in a period (the API's list).
                "CREATE INDEX council_meetings_committee ON council_meetings (committee_id, held_on)",
                """
                CREATE TABLE council_meeting_units (
                    meeting_id INTEGER NOT NULL REFERENCES council_meetings (id),
                    organization_id INTEGER NOT NULL REFERENCES organizations (id),
                    present INTEGER NOT NULL,
                    representative TEXT,
                    PRIMARY KEY (meeting_id, organization_id)
                )
                """,
                """
                CREATE TABLE council_projects (
                    id {id},
                    committee_id INTEGER NOT NULL REFERENCES council_committees (id),
                    kind TEXT NOT NULL,
                    name TEXT NOT NULL,
                    lead_id INTEGER NOT NULL REFERENCES organizations (id),
                    goals TEXT NOT NULL,
                    resources TEXT,
                    results TEXT,
                    started_on TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    UNIQUE (committee_id, name)
                )
                """,
                """
                CREATE TABLE council_project_units (
                    project_id INTEGER NOT NULL REFERENCES council_projects (id),
                    organization_id INTEGER NOT NULL REFERENCES organizations (id),
                    PRIMARY KEY (project_id, organization_id)
                )
                """,
                """
                CREATE TABLE council_project_milestones (
                    project_id INTEGER NOT NULL REFERENCES council_projects (id),
                    task_id INTEGER NOT NULL REFERENCES tasks (id),
                    PRIMARY KEY (project_id, task_id)
                )
                """,
                """
                CREATE TABLE council_calls (
                    id {id},
                    committee_id INTEGER NOT NULL REFERENCES council_committees (id),
                    year INTEGER NOT NULL,
                    title TEXT NOT NULL,
                    opens_on TEXT NOT NULL,
                    closes_on TEXT NOT NULL,
                    reference_topics TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    UNIQUE (committee_id, year)
                )
                """,
                """
                CREATE TABLE council_topics (
                    id {id},
                    call_id INTEGER NOT NULL REFERENCES council_calls (id),
                    committee_id INTEGER NOT NULL REFERENCES council_committees (id),
                    title TEXT NOT NULL,
                    grade TEXT NOT NULL,
                    level TEXT NOT NULL,
                    lead_unit_id INTEGER NOT NULL REFERENCES organizations (id),
                    lead_member_id INTEGER NOT NULL REFERENCES members (id),
                    budget INTEGER NOT NULL,
                    summary TEXT,
                    stage TEXT NOT NULL,
                    applied_on TEXT NOT NULL,
                    approved_on TEXT,
                    advisor TEXT,
                    award_scope TEXT,
                    award_rank TEXT,
                    awarded_on TEXT,
                    awarded_by TEXT,
                    outstanding INTEGER NOT NULL DEFAULT 0,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    UNIQUE (call_id, title)
                )
                """,
                "CREATE INDEX council_topics_committee ON council_topics (committee_id, stage)",
                """
                CREATE TABLE council_topic_units (
                    topic_id INTEGER NOT NULL REFERENCES council_topics (id),
                    organization_id INTEGER NOT NULL REFERENCES organizations (id),
                    position INTEGER NOT NULL,
                    PRIMARY KEY (topic_id, organization_id)
                )
                """,
                "CREATE INDEX council_topic_units_org ON council_topic_units (organization_id)",
                """
                CREATE TABLE council_reviews (
                    id {id},
                    topic_id INTEGER NOT NULL REFERENCES council_topics (id),
                    kind TEXT NOT NULL,
                    round INTEGER NOT NULL,
                    due_on TEXT NOT NULL,
                    submitted_on TEXT,
                    document TEXT,
                    outcome TEXT NOT NULL,
                    reviewed_on TEXT,
                    reviewer TEXT,
                    comments TEXT,
                    UNIQUE (topic_id, kind, round)
                )
                """,
                // Overdue reviews: pending ones by due date.
                "CREATE INDEX council_reviews_due ON council_reviews (outcome, due_on)",
                """
                CREATE TABLE council_transfers (
                    id {id},
                    topic_id INTEGER NOT NULL REFERENCES council_topics (id),
                    organization_id INTEGER NOT NULL REFERENCES organizations (id),
                    applied_on TEXT NOT NULL,
                    description TEXT NOT NULL,
                    created_at TEXT NOT NULL
                )
                """,
                "CREATE INDEX council_transfers_topic ON council_transfers (topic_id)",
            ])
    ]
}
