extension OrganizationRegistry {
    static let migrations = [
        Migration(
            module: "kernel.organizations", version: 1, name: "organisation tree",
            sql: [
                """
                CREATE TABLE organizations (
                    id {id},
                    parent_id INTEGER REFERENCES organizations (id),
                    path {path} NOT NULL UNIQUE,
                    depth INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    domain TEXT,
                    secretary_member_id INTEGER,
                    deputy_secretary_member_id INTEGER,
                    term_start TEXT,
                    term_end TEXT,
                    archived_at TEXT,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                )
                """,
                "CREATE INDEX organizations_parent ON organizations (parent_id)",
                "CREATE INDEX organizations_term_end ON organizations (term_end)",
                """
                CREATE TABLE organization_committee_seats (
                    organization_id INTEGER NOT NULL REFERENCES organizations (id),
                    member_id INTEGER NOT NULL,
                    position TEXT NOT NULL,
                    PRIMARY KEY (organization_id, member_id)
                )
                """,
            ])
    ]
}
