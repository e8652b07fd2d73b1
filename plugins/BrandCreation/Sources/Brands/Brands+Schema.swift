import Dangjian

extension Brands {
    static let migrations = [
        Migration(
            module: "brand", version: 1, name: "brands, evidence, evaluation rounds, score sheets, adoptions",
            sql: [
                // 一单位一品牌: the UNIQUE on organisation_id, not only the code, keeps it one per unit.
                """
                CREATE TABLE brand_brands (
                    id {id},
                    organization_id INTEGER NOT NULL UNIQUE REFERENCES organizations (id),
                    name TEXT NOT NULL,
                    idea TEXT NOT NULL,
                    carriers TEXT NOT NULL,
                    activity_forms TEXT NOT NULL,
                    standards TEXT NOT NULL,
                    tier TEXT NOT NULL,
                    stage TEXT NOT NULL,
                    stage_since TEXT NOT NULL,
                    applied_on TEXT NOT NULL,
                    recognised_on TEXT,
                    return_reason TEXT,
                    returned_from TEXT,
                    promoted_practice TEXT,
                    promoted_on TEXT,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                )
                """,
                "CREATE INDEX brand_brands_stage ON brand_brands (stage, stage_since)",
                """
                CREATE TABLE brand_plan_tasks (
                    brand_id INTEGER NOT NULL REFERENCES brand_brands (id),
                    task_id INTEGER NOT NULL REFERENCES tasks (id),
                    PRIMARY KEY (brand_id, task_id)
                )
                """,
                """
                CREATE TABLE brand_evidence (
                    id {id},
                    brand_id INTEGER NOT NULL REFERENCES brand_brands (id),
                    item INTEGER NOT NULL,
                    note TEXT NOT NULL,
                    recorded_on TEXT NOT NULL,
                    created_at TEXT NOT NULL
                )
                """,
                "CREATE INDEX brand_evidence_brand ON brand_evidence (brand_id, item)",
                // The rubric is copied into the round when it opens, so sheets are checked against the
                // rubric the evaluators saw even if a district changes its rules later.
                """
                CREATE TABLE brand_rounds (
                    id {id},
                    organization_id INTEGER NOT NULL REFERENCES organizations (id),
                    title TEXT NOT NULL,
                    rubric TEXT NOT NULL,
                    rubric_ref TEXT NOT NULL,
                    scoring_deadline TEXT NOT NULL,
                    published_on TEXT,
                    created_at TEXT NOT NULL,
                    UNIQUE (organization_id, title)
                )
                """,
                """
                CREATE TABLE brand_entries (
                    round_id INTEGER NOT NULL REFERENCES brand_rounds (id),
                    brand_id INTEGER NOT NULL REFERENCES brand_brands (id),
                    PRIMARY KEY (round_id, brand_id)
                )
                """,
                "CREATE INDEX brand_entries_brand ON brand_entries (brand_id)",
                """
                CREATE TABLE brand_evaluators (
                    round_id INTEGER NOT NULL REFERENCES brand_rounds (id),
                    member_id INTEGER NOT NULL REFERENCES members (id),
                    PRIMARY KEY (round_id, member_id)
                )
                """,
                // One score sheet per evaluator per entry.
                """
                CREATE TABLE brand_sheets (
                    id {id},
                    round_id INTEGER NOT NULL REFERENCES brand_rounds (id),
                    brand_id INTEGER NOT NULL REFERENCES brand_brands (id),
                    evaluator_member_id INTEGER NOT NULL REFERENCES members (id),
                    items TEXT NOT NULL,
                    -- DOUBLE PRECISION: 8 bytes in PostgreSQL too (REAL would be 4 there), REAL affinity in SQLite.
                    total DOUBLE PRECISION NOT NULL,
                    submitted_at TEXT NOT NULL,
                    UNIQUE (round_id, brand_id, evaluator_member_id)
                )
                """,
                """
                CREATE TABLE brand_adoptions (
                    id {id},
                    brand_id INTEGER NOT NULL REFERENCES brand_brands (id),
                    organization_id INTEGER NOT NULL REFERENCES organizations (id),
                    adopted_on TEXT NOT NULL,
                    results TEXT,
                    reported_on TEXT,
                    created_at TEXT NOT NULL,
                    UNIQUE (brand_id, organization_id)
                )
                """,
            ])
    ]
}
