import Dangjian

extension Ledger {
    static let migrations = [
        Migration(
            module: "orglife", version: 1, name: "ledger records, attendance, monthly plans",
            sql: [
                """
                CREATE TABLE orglife_records (
                    id {id},
                    organization_id INTEGER NOT NULL REFERENCES organizations (id),
                    kind TEXT NOT NULL,
                    held_at TEXT NOT NULL,
                    held_on TEXT NOT NULL,
                    place TEXT,
                    host TEXT,
                    topic TEXT NOT NULL,
                    minutes TEXT,
                    resolutions TEXT,
                    attendee_count INTEGER NOT NULL,
                    absentee_count INTEGER NOT NULL,
                    revision INTEGER NOT NULL DEFAULT 1,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    -- The same meeting recorded twice is refused by the database, not only by the code.
                    UNIQUE (organization_id, kind, held_at)
                )
                """,
                // Counting one kind over one period for every organisation: a range scan per kind.
                "CREATE INDEX orglife_records_kind_day ON orglife_records (kind, held_on, organization_id)",
                "CREATE INDEX orglife_records_org ON orglife_records (organization_id, held_on)",
                """
                CREATE TABLE orglife_attendance (
                    record_id INTEGER NOT NULL REFERENCES orglife_records (id),
                    member_id INTEGER NOT NULL REFERENCES members (id),
                    present INTEGER NOT NULL,
                    reason TEXT,
                    -- DOUBLE PRECISION: 8 bytes in PostgreSQL too (REAL would be 4 there), REAL affinity in SQLite.
                    class_hours DOUBLE PRECISION NOT NULL DEFAULT 0,
                    PRIMARY KEY (record_id, member_id)
                )
                """,
                "CREATE INDEX orglife_attendance_member ON orglife_attendance (member_id, present)",
                """
                CREATE TABLE orglife_plans (
                    id {id},
                    organization_id INTEGER NOT NULL REFERENCES organizations (id),
                    month TEXT NOT NULL,
                    items TEXT NOT NULL,
                    filed_at TEXT NOT NULL,
                    filed_by INTEGER,
                    UNIQUE (organization_id, month)
                )
                """,
            ]),
        // Attendance, class hours and the monthly tips read one period across every organisation
        // and kind: a range on the day, covering the counts, instead of a scan of the table.
        Migration(
            module: "orglife", version: 2, name: "ledger records by day",
            sql: [
                "CREATE INDEX orglife_records_day ON orglife_records (held_on, organization_id, kind, attendee_count, absentee_count)"
            ]),
        // A year's class hours read every attendance row of the year's records. Through the
        // primary key each row cost a lookup of the table row for `present` and `class_hours`;
        // covered here, a record's rows are one range. In the city benchmark (39 million rows)
        // the year's query went from 11.5 s to a few seconds.
        Migration(
            module: "orglife", version: 3, name: "attendance covered by record",
            sql: [
                "CREATE INDEX orglife_attendance_record_hours ON orglife_attendance (record_id, present, member_id, class_hours)"
            ]),
    ]
}
