extension MemberRegistry {
    static let migrations = [
        Migration(
            module: "kernel.members", version: 1, name: "members, status history, transfers",
            sql: [
                """
                CREATE TABLE members (
                    id {id},
                    organization_id INTEGER NOT NULL REFERENCES organizations (id),
                    name TEXT NOT NULL,
                    gender TEXT,
                    id_number TEXT UNIQUE,
                    birth_date TEXT,
                    phone TEXT,
                    status TEXT NOT NULL,
                    applied_on TEXT,
                    activist_on TEXT,
                    candidate_on TEXT,
                    admitted_on TEXT,
                    full_on TEXT,
                    retired INTEGER NOT NULL DEFAULT 0,
                    flowing INTEGER NOT NULL DEFAULT 0,
                    flowing_to TEXT,
                    lost_contact INTEGER NOT NULL DEFAULT 0,
                    lost_contact_since TEXT,
                    pending_transfer_id INTEGER,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                )
                """,
                "CREATE INDEX members_organization ON members (organization_id, name, id)",
                "CREATE INDEX members_status ON members (status, organization_id)",
                """
                CREATE TABLE member_status_changes (
                    id {id},
                    member_id INTEGER NOT NULL REFERENCES members (id),
                    from_status TEXT NOT NULL,
                    to_status TEXT NOT NULL,
                    on_day TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    actor_user_id INTEGER,
                    at TEXT NOT NULL
                )
                """,
                "CREATE INDEX member_status_changes_member ON member_status_changes (member_id, id)",
                """
                CREATE TABLE member_transfers (
                    id {id},
                    member_id INTEGER NOT NULL REFERENCES members (id),
                    from_organization_id INTEGER NOT NULL REFERENCES organizations (id),
                    to_organization_id INTEGER NOT NULL REFERENCES organizations (id),
                    sent_on TEXT NOT NULL,
                    received_on TEXT,
                    status TEXT NOT NULL,
                    note TEXT,
                    created_at TEXT NOT NULL
                )
                """,
                "CREATE INDEX member_transfers_member ON member_transfers (member_id, id)",
                "CREATE INDEX member_transfers_to ON member_transfers (to_organization_id, status)",
            ]),
        // DEV: the organisation talks with an applicant within a month of the application.
        Migration(
            module: "kernel.members", version: 2, name: "the first talk with an applicant",
            sql: [
                "ALTER TABLE members ADD COLUMN talked_on TEXT"
            ]),
    ]
}
