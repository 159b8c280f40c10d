import GRDB

extension StateSchema {
    /// v5: what `seedwatch why` and `seedwatch status` read (issue 13).
    /// `article_event`: the history of each dropped file (subject = its absolute path bytes) and
    /// feed item (subject = its link, else its article key), pruned after `state.retention`.
    /// `daemon_status`: one row, the running daemon's backlog, refreshed every few seconds.
    static func registerOperationsTables(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v5-history-and-daemon-status") { db in
            try db.execute(sql: """
                CREATE TABLE article_event (
                    subject BLOB NOT NULL,
                    at REAL NOT NULL,
                    kind TEXT NOT NULL,
                    watch TEXT,
                    level TEXT,
                    score REAL,
                    alert_id TEXT,
                    article_key BLOB,
                    detail TEXT
                );
                CREATE INDEX article_event_subject ON article_event(subject, at);
                CREATE INDEX article_event_at ON article_event(at);
                CREATE INDEX article_event_decided ON article_event(kind, at);
                CREATE TABLE daemon_status (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    updated_at REAL NOT NULL,
                    queued INTEGER NOT NULL,
                    deferred INTEGER NOT NULL
                );
                """)
        }
    }
}
