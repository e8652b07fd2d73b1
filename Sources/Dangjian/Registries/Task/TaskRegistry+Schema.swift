extension TaskRegistry {
    static let migrations = [
        Migration(
            module: "kernel.tasks", version: 1, name: "task lists, tasks, evidence, inspections",
            sql: [
                """
                CREATE TABLE task_lists (
                    id {id},
                    organization_id INTEGER NOT NULL REFERENCES organizations (id),
                    title TEXT NOT NULL,
                    description TEXT,
                    created_at TEXT NOT NULL
                )
                """,
                """
                CREATE TABLE tasks (
                    id {id},
                    list_id INTEGER REFERENCES task_lists (id),
                    kind TEXT NOT NULL,
                    issuer_org_id INTEGER NOT NULL REFERENCES organizations (id),
                    responsible_org_id INTEGER NOT NULL REFERENCES organizations (id),
                    assignee_user_id INTEGER,
                    title TEXT NOT NULL,
                    description TEXT,
                    acceptance_criteria TEXT,
                    due_on TEXT NOT NULL,
                    status TEXT NOT NULL,
                    finding_id INTEGER,
                    rule_ref TEXT,
                    idempotency_key TEXT UNIQUE,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                )
                """,
                "CREATE INDEX tasks_responsible ON tasks (responsible_org_id, status, due_on)",
                "CREATE INDEX tasks_issuer ON tasks (issuer_org_id, status)",
                "CREATE INDEX tasks_due ON tasks (status, due_on)",
                "CREATE INDEX tasks_list ON tasks (list_id)",
                """
                CREATE TABLE task_evidence (
                    id {id},
                    task_id INTEGER NOT NULL REFERENCES tasks (id),
                    note TEXT NOT NULL,
                    actor_user_id INTEGER,
                    at TEXT NOT NULL
                )
                """,
                "CREATE INDEX task_evidence_task ON task_evidence (task_id, id)",
                """
                CREATE TABLE inspections (
                    id {id},
                    organization_id INTEGER NOT NULL REFERENCES organizations (id),
                    title TEXT NOT NULL,
                    inspected_on TEXT NOT NULL,
                    summary TEXT,
                    inspector_user_id INTEGER,
                    created_at TEXT NOT NULL
                )
                """,
                "CREATE INDEX inspections_organization ON inspections (organization_id, inspected_on)",
                """
                CREATE TABLE inspection_findings (
                    id {id},
                    inspection_id INTEGER NOT NULL REFERENCES inspections (id),
                    organization_id INTEGER NOT NULL REFERENCES organizations (id),
                    description TEXT NOT NULL,
                    rectification_task_id INTEGER REFERENCES tasks (id),
                    created_at TEXT NOT NULL
                )
                """,
                "CREATE INDEX inspection_findings_inspection ON inspection_findings (inspection_id)",
            ]),
        // Campaign work plans name the person answerable for an item (责任人), who need not have an
        // account: a member of the responsible organisation.
        Migration(
            module: "kernel.tasks", version: 2, name: "the person responsible for a task",
            sql: [
                "ALTER TABLE tasks ADD COLUMN responsible_member_id INTEGER REFERENCES members (id)",
                "CREATE INDEX tasks_responsible_member ON tasks (responsible_member_id)",
            ]),
    ]
}
