/// The tables of delivery (issue 15): the organisations' group robots, the users' own channels
/// and mutes, the routes set for a subtree, and what the outbox needs to send exactly once per
/// key: the target, a lease, the batch a row went out in, and every attempt.
enum DeliverySchema {
    static let migration = Migration(
        module: "kernel.notifications", version: 2, name: "channels, routes, mutes, outbox leases and attempts",
        sql: [
            """
            CREATE TABLE channel_endpoints (
                id {id},
                organization_id INTEGER NOT NULL REFERENCES organizations (id),
                kind TEXT NOT NULL,
                name TEXT NOT NULL,
                address_sealed TEXT NOT NULL,
                address_hint TEXT NOT NULL,
                secret_sealed TEXT,
                paused INTEGER NOT NULL DEFAULT 0,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )
            """,
            "CREATE INDEX channel_endpoints_organization ON channel_endpoints (organization_id)",
            """
            CREATE TABLE user_channels (
                user_id INTEGER NOT NULL REFERENCES users (id),
                kind TEXT NOT NULL,
                address TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (user_id, kind)
            )
            """,
            """
            CREATE TABLE notification_mutes (
                user_id INTEGER NOT NULL REFERENCES users (id),
                kind TEXT NOT NULL,
                created_at TEXT NOT NULL,
                PRIMARY KEY (user_id, kind)
            )
            """,
            """
            CREATE TABLE delivery_routes (
                organization_id INTEGER NOT NULL REFERENCES organizations (id),
                kind TEXT NOT NULL,
                targets TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (organization_id, kind)
            )
            """,
            "ALTER TABLE outbox ADD COLUMN organization_id INTEGER",
            "ALTER TABLE outbox ADD COLUMN endpoint_id INTEGER REFERENCES channel_endpoints (id)",
            "ALTER TABLE outbox ADD COLUMN address TEXT",
            "ALTER TABLE outbox ADD COLUMN mention TEXT",
            "ALTER TABLE outbox ADD COLUMN lease_owner TEXT",
            "ALTER TABLE outbox ADD COLUMN lease_until TEXT",
            "ALTER TABLE outbox ADD COLUMN batch_key TEXT",
            "ALTER TABLE outbox ADD COLUMN last_answer TEXT",
            "ALTER TABLE outbox ADD COLUMN attempt_log TEXT NOT NULL DEFAULT '[]'",
            "ALTER TABLE outbox ADD COLUMN dead_at TEXT",
            "CREATE INDEX outbox_endpoint ON outbox (endpoint_id, status)",
            "CREATE INDEX outbox_organization ON outbox (organization_id, status, id)",
        ])
}
