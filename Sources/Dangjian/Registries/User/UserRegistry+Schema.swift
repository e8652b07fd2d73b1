extension UserRegistry {
    static let migrations = [
        Migration(
            module: "kernel.users", version: 1, name: "users, role grants, tokens",
            sql: [
                """
                CREATE TABLE users (
                    id {id},
                    username TEXT NOT NULL UNIQUE,
                    display_name TEXT NOT NULL,
                    password_hash TEXT NOT NULL,
                    member_id INTEGER REFERENCES members (id),
                    disabled INTEGER NOT NULL DEFAULT 0,
                    demo INTEGER NOT NULL DEFAULT 0,
                    created_at TEXT NOT NULL
                )
                """,
                """
                CREATE TABLE role_grants (
                    user_id INTEGER NOT NULL REFERENCES users (id),
                    role TEXT NOT NULL,
                    organization_id INTEGER NOT NULL REFERENCES organizations (id),
                    created_at TEXT NOT NULL,
                    PRIMARY KEY (user_id, role, organization_id)
                )
                """,
                "CREATE INDEX role_grants_organization ON role_grants (organization_id)",
                """
                CREATE TABLE api_tokens (
                    id {id},
                    user_id INTEGER NOT NULL REFERENCES users (id),
                    kind TEXT NOT NULL,
                    name TEXT NOT NULL,
                    token_hash TEXT NOT NULL UNIQUE,
                    created_at TEXT NOT NULL,
                    expires_at TEXT,
                    last_used_at TEXT,
                    revoked_at TEXT
                )
                """,
                "CREATE INDEX api_tokens_user ON api_tokens (user_id)",
            ])
    ]
}
