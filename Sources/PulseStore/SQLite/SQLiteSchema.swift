import GRDB

/// The versioned schema of the SQLite store: one migration per version, applied once, in order.
///
/// Dates are INTEGER Unix seconds (UTC), money INTEGER cents, booleans INTEGER 0/1, enums their raw
/// text, arrays JSON text. Every entity table has the primary key (tenant, id).
enum SQLiteSchema {
    /// The migrator that brings any database file to the current schema.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-initial-schema") { db in
            try createEntityTables(db)
            try createDealTables(db)
            try createActivityTables(db)
            try createLogTables(db)
        }
        migrator.registerMigration(SQLiteAlertTables.migration, migrate: SQLiteAlertTables.create)
        migrator.registerMigration(SQLiteServerTables.migration, migrate: SQLiteServerTables.create)
        migrator.registerMigration(SQLiteModelTables.migration, migrate: SQLiteModelTables.create)
        return migrator
    }

    /// Tenants, accounts, contacts, reps, products, targets, subscriptions and churn events.
    private static func createEntityTables(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE tenants (
                    id TEXT NOT NULL PRIMARY KEY,
                    name TEXT NOT NULL,
                    time_zone TEXT NOT NULL
                );
                CREATE TABLE accounts (
                    tenant TEXT NOT NULL,
                    id TEXT NOT NULL,
                    name TEXT NOT NULL,
                    industry TEXT,
                    segment TEXT,
                    region TEXT,
                    country TEXT,
                    arr_cents INTEGER,
                    plan TEXT,
                    seats INTEGER,
                    renewal_date INTEGER,
                    tracking_consent INTEGER NOT NULL,
                    owner TEXT,
                    created_at INTEGER,
                    employees INTEGER,
                    annual_revenue_cents INTEGER,
                    parent TEXT,
                    churned INTEGER NOT NULL,
                    PRIMARY KEY (tenant, id)
                );
                CREATE INDEX accounts_renewal_date ON accounts (tenant, renewal_date);
                CREATE TABLE contacts (
                    tenant TEXT NOT NULL,
                    id TEXT NOT NULL,
                    account TEXT,
                    name TEXT NOT NULL,
                    email TEXT,
                    title TEXT,
                    role TEXT NOT NULL,
                    PRIMARY KEY (tenant, id)
                );
                CREATE TABLE reps (
                    tenant TEXT NOT NULL,
                    id TEXT NOT NULL,
                    name TEXT NOT NULL,
                    email TEXT,
                    role TEXT NOT NULL,
                    manager TEXT,
                    team TEXT,
                    region TEXT,
                    time_zone TEXT NOT NULL,
                    PRIMARY KEY (tenant, id)
                );
                CREATE TABLE products (
                    tenant TEXT NOT NULL,
                    id TEXT NOT NULL,
                    name TEXT NOT NULL,
                    series TEXT,
                    list_price_cents INTEGER,
                    PRIMARY KEY (tenant, id)
                );
                CREATE TABLE kpi_targets (
                    tenant TEXT NOT NULL,
                    id TEXT NOT NULL,
                    metric TEXT NOT NULL,
                    period TEXT NOT NULL,
                    target REAL NOT NULL,
                    rep TEXT,
                    team TEXT,
                    effective_from INTEGER,
                    PRIMARY KEY (tenant, id)
                );
                CREATE TABLE subscriptions (
                    tenant TEXT NOT NULL,
                    id TEXT NOT NULL,
                    account TEXT NOT NULL,
                    start_date INTEGER NOT NULL,
                    end_date INTEGER,
                    plan TEXT,
                    seats INTEGER,
                    mrr_cents INTEGER,
                    arr_cents INTEGER,
                    is_trial INTEGER NOT NULL,
                    upgraded INTEGER NOT NULL,
                    downgraded INTEGER NOT NULL,
                    churned INTEGER NOT NULL,
                    billing_frequency TEXT,
                    auto_renew INTEGER NOT NULL,
                    PRIMARY KEY (tenant, id)
                );
                CREATE INDEX subscriptions_account ON subscriptions (tenant, account);
                CREATE TABLE churn_events (
                    tenant TEXT NOT NULL,
                    id TEXT NOT NULL,
                    account TEXT NOT NULL,
                    churned_at INTEGER NOT NULL,
                    reason TEXT,
                    refund_cents INTEGER,
                    preceding_upgrade INTEGER NOT NULL,
                    preceding_downgrade INTEGER NOT NULL,
                    is_reactivation INTEGER NOT NULL,
                    feedback TEXT,
                    PRIMARY KEY (tenant, id)
                );
                CREATE INDEX churn_events_churned_at ON churn_events (tenant, churned_at);
                """)
    }

    /// Deals and their stage history, with indexes on every date the reports group by.
    private static func createDealTables(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE deals (
                    tenant TEXT NOT NULL,
                    id TEXT NOT NULL,
                    name TEXT,
                    account TEXT,
                    owner TEXT,
                    pipeline TEXT NOT NULL,
                    stage TEXT NOT NULL,
                    amount_cents INTEGER,
                    currency TEXT NOT NULL,
                    lead_source TEXT,
                    product TEXT,
                    industry TEXT,
                    region TEXT,
                    segment TEXT,
                    created_at INTEGER,
                    expected_close_date INTEGER,
                    closed_at INTEGER,
                    outcome TEXT,
                    loss_reason TEXT,
                    competitor TEXT,
                    parent TEXT,
                    call_date INTEGER,
                    agreement_date INTEGER,
                    partner_list_due_date INTEGER,
                    partner_list_sent_date INTEGER,
                    first_sale_date INTEGER,
                    partner_list_size INTEGER,
                    total_sales_from_list INTEGER,
                    updated_at INTEGER,
                    PRIMARY KEY (tenant, id)
                );
                CREATE INDEX deals_call_date ON deals (tenant, call_date);
                CREATE INDEX deals_partner_list_sent_date ON deals (tenant, partner_list_sent_date);
                CREATE INDEX deals_agreement_date ON deals (tenant, agreement_date);
                CREATE INDEX deals_closed_at ON deals (tenant, closed_at);
                CREATE INDEX deals_created_at ON deals (tenant, created_at);
                CREATE INDEX deals_owner ON deals (tenant, owner);
                CREATE INDEX deals_parent ON deals (tenant, parent);
                CREATE TABLE deal_stage_history (
                    tenant TEXT NOT NULL,
                    deal TEXT NOT NULL,
                    stage TEXT NOT NULL,
                    entered_at INTEGER NOT NULL,
                    FOREIGN KEY (tenant, deal) REFERENCES deals (tenant, id) ON DELETE CASCADE
                );
                CREATE UNIQUE INDEX deal_stage_history_entry
                    ON deal_stage_history (tenant, deal, entered_at, stage);
                CREATE INDEX deal_stage_history_entered_at ON deal_stage_history (tenant, entered_at);
                """)
    }

    /// Activities, engagement events and support tickets: the high-volume, time-indexed tables.
    private static func createActivityTables(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE activities (
                    tenant TEXT NOT NULL,
                    id TEXT NOT NULL,
                    occurred_at INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    rep TEXT,
                    deal TEXT,
                    account TEXT,
                    contact TEXT,
                    scheduled_at INTEGER,
                    completed_at INTEGER,
                    duration_seconds INTEGER,
                    subject TEXT,
                    body TEXT,
                    participants TEXT NOT NULL,
                    PRIMARY KEY (tenant, id)
                );
                CREATE INDEX activities_occurred_at ON activities (tenant, occurred_at, rep);
                CREATE TABLE engagement_events (
                    tenant TEXT NOT NULL,
                    id TEXT NOT NULL,
                    account TEXT NOT NULL,
                    contact TEXT,
                    kind TEXT NOT NULL,
                    occurred_at INTEGER NOT NULL,
                    feature TEXT,
                    document TEXT,
                    session_seconds INTEGER,
                    count INTEGER NOT NULL,
                    error_count INTEGER,
                    subscription TEXT,
                    PRIMARY KEY (tenant, id)
                );
                CREATE INDEX engagement_events_occurred_at ON engagement_events (tenant, occurred_at);
                CREATE INDEX engagement_events_account ON engagement_events (tenant, account, occurred_at);
                CREATE TABLE support_tickets (
                    tenant TEXT NOT NULL,
                    id TEXT NOT NULL,
                    account TEXT NOT NULL,
                    opened_at INTEGER NOT NULL,
                    closed_at INTEGER,
                    priority TEXT NOT NULL,
                    subject TEXT,
                    first_response_minutes INTEGER,
                    resolution_hours REAL,
                    satisfaction INTEGER,
                    escalated INTEGER NOT NULL,
                    PRIMARY KEY (tenant, id)
                );
                CREATE INDEX support_tickets_opened_at ON support_tickets (tenant, opened_at);
                CREATE INDEX support_tickets_account ON support_tickets (tenant, account, opened_at);
                """)
    }

    /// Ingest bookkeeping: batches, event envelopes, quarantined rows and gate corrections.
    private static func createLogTables(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE ingest_batches (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    applied_at INTEGER NOT NULL,
                    events INTEGER NOT NULL,
                    records INTEGER NOT NULL,
                    inserted INTEGER NOT NULL,
                    updated INTEGER NOT NULL,
                    unchanged INTEGER NOT NULL,
                    quarantined INTEGER NOT NULL,
                    corrections INTEGER NOT NULL
                );
                CREATE TABLE events (
                    id TEXT NOT NULL PRIMARY KEY,
                    type TEXT NOT NULL,
                    occurred_at INTEGER NOT NULL,
                    tenant TEXT NOT NULL,
                    source TEXT NOT NULL,
                    line INTEGER NOT NULL,
                    batch_id INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE quarantine (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    batch_id INTEGER NOT NULL,
                    source TEXT NOT NULL,
                    line INTEGER NOT NULL,
                    field TEXT,
                    gate TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    raw TEXT NOT NULL,
                    record_id TEXT,
                    created_at INTEGER NOT NULL
                );
                CREATE UNIQUE INDEX quarantine_entry ON quarantine (source, line, gate, ifnull(field, ''));
                CREATE INDEX quarantine_batch ON quarantine (batch_id);
                CREATE TABLE corrections (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    batch_id INTEGER NOT NULL,
                    source TEXT NOT NULL,
                    line INTEGER NOT NULL,
                    record_id TEXT NOT NULL,
                    field TEXT NOT NULL,
                    from_value TEXT NOT NULL,
                    to_value TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    created_at INTEGER NOT NULL
                );
                CREATE UNIQUE INDEX corrections_entry ON corrections (source, line, record_id, field);
                CREATE INDEX corrections_batch ON corrections (batch_id);
                """)
    }

    /// Every table, in the order `counts()` reports them.
    /// The tables that hold entity records (not envelopes, quarantine or bookkeeping).
    static let recordTables: [String] = [
        "tenants", "accounts", "contacts", "reps", "products", "deals", "deal_stage_history", "activities",
        "engagement_events", "support_tickets", "kpi_targets", "subscriptions", "churn_events",
    ]

    /// Every table, for counts.
    static let tables: [String] =
        recordTables + ["events", "quarantine", "corrections", "ingest_batches"] + SQLiteAlertTables.tables
        + SQLiteServerTables.tables
}
