import GRDB

/// The state database's schema (DESIGN §7), as ordered GRDB migrations.
///
/// Times are stored as REAL Unix seconds (UTC); device and inode numbers as INTEGER, reinterpreting
/// the kernel's unsigned 64-bit values as signed; file paths as BLOB (raw bytes, possibly not UTF-8).
/// Article keys are BLOBs of their UTF-8 bytes: a feed item's key holds a NUL (DESIGN §7), and a
/// `String` bound as TEXT is cut at its first NUL (GRDB binds text NUL-terminated), which would make
/// every item of a feed the same article.
enum StateSchema {
    /// The migrator that brings any older database to the current schema. Never edit a registered
    /// migration: add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-state") { db in
            try db.execute(sql: """
                CREATE TABLE seen_article (
                    article_key BLOB NOT NULL,
                    watch TEXT NOT NULL,
                    first_seen REAL NOT NULL,
                    last_seen REAL NOT NULL,
                    content_hash TEXT NOT NULL,
                    alert_id TEXT,
                    PRIMARY KEY (article_key, watch)
                ) WITHOUT ROWID;
                CREATE INDEX seen_article_last_seen ON seen_article(last_seen);

                CREATE TABLE feed_state (
                    url TEXT PRIMARY KEY NOT NULL,
                    current_url TEXT,
                    etag TEXT,
                    last_modified TEXT,
                    next_poll REAL,
                    consecutive_failures INTEGER NOT NULL DEFAULT 0,
                    last_error TEXT,
                    last_status INTEGER,
                    last_fetch REAL,
                    disabled INTEGER NOT NULL DEFAULT 0
                );

                CREATE TABLE processed_file (
                    device INTEGER NOT NULL,
                    inode INTEGER NOT NULL,
                    path BLOB NOT NULL,
                    size INTEGER NOT NULL,
                    mtime_ns INTEGER NOT NULL,
                    content_hash TEXT NOT NULL,
                    processed_at REAL NOT NULL,
                    PRIMARY KEY (device, inode)
                );
                CREATE INDEX processed_file_identity ON processed_file(device, inode, size, mtime_ns);

                CREATE TABLE outbox (
                    alert_id TEXT PRIMARY KEY NOT NULL,
                    watch TEXT NOT NULL,
                    article_key BLOB NOT NULL,
                    line BLOB NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('pending', 'written')),
                    created_at REAL NOT NULL,
                    written_at REAL
                );
                CREATE INDEX outbox_pending ON outbox(state, created_at);
                """)
        }
        migrator.registerMigration("v2-feed-last-success") { db in
            // When a feed last fetched successfully (200 that parsed, or 304): NULL until its first
            // success, which is when items older than max_age are recorded without alerting.
            try db.execute(sql: "ALTER TABLE feed_state ADD COLUMN last_success REAL")
        }
        migrator.registerMigration("v3-article-versions") { db in
            // Secondary keys to recognise an edit of a seen article under a new article key.
            // `seen_article.actor_ids`: on an original's row, the actor ids of the alert lines
            // written for the article so far (space-separated, sorted; '' when none); NULL on rows
            // of v1/v2 databases and on versions linked to an original.
            // `article_version`: one row per article key decided with secondary keys; `scope` is
            // `feed:` + the feed's first configured URL, or `file:` + the dropped file's path bytes;
            // `original_key` is the article key of the first version (itself for an original).
            // Databases from v1/v2 keep working: their articles have no row here and are
            // recognised by article key only.
            try db.execute(sql: """
                ALTER TABLE seen_article ADD COLUMN actor_ids TEXT;
                CREATE TABLE article_version (
                    article_key BLOB PRIMARY KEY NOT NULL,
                    scope BLOB NOT NULL,
                    original_key BLOB NOT NULL,
                    title TEXT NOT NULL,
                    link TEXT,
                    published REAL,
                    description_hash TEXT,
                    recorded_at REAL NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX article_version_scope ON article_version(scope, published);
                CREATE INDEX article_version_description ON article_version(scope, description_hash);
                CREATE INDEX article_version_original ON article_version(original_key);
                """)
        }
        migrator.registerMigration(TrackingKeyMigration.name) { db in
            // Item keys that are http(s) URLs lose their tracking parameters (utm_*, fbclid, …);
            // stored keys are rewritten so nothing seen before alerts again.
            try TrackingKeyMigration.migrate(db)
        }
        migrator.registerMigration("v4-feed-last-full-fetch") { db in
            // When a feed last answered 200 (a full document): a feed answering only 304 for longer
            // than `fetch.stale_after` gets one unconditional GET. NULL on feeds from before, so each
            // gets one after the upgrade.
            try db.execute(sql: "ALTER TABLE feed_state ADD COLUMN last_full_fetch REAL")
        }
        registerOperationsTables(&migrator)
        migrator.registerMigration("v6-output-deliveries") { db in
            // One row per alert and per output (DESIGN §11 `outputs:`) besides the alert log, whose
            // delivery state stays in `outbox.state`. A row is inserted in the transaction that
            // commits the alert, for each output that accepts its level. `started` starts the
            // give-up clock (the decision, or a retry of a dead letter); `next_attempt` is when the
            // output's service tries it next; `last_error`/`last_error_at` describe the latest failed attempt. Databases from before keep working: their alerts have
            // no rows here and go to the alert log only.
            try db.execute(sql: """
                CREATE TABLE outbox_delivery (
                    alert_id TEXT NOT NULL,
                    output TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'dead')),
                    attempts INTEGER NOT NULL DEFAULT 0,
                    started REAL NOT NULL,
                    next_attempt REAL NOT NULL,
                    last_error_at REAL,
                    last_error TEXT,
                    delivered_at REAL,
                    PRIMARY KEY (alert_id, output)
                ) WITHOUT ROWID;
                CREATE INDEX outbox_delivery_due ON outbox_delivery(output, state, next_attempt);
                """)
        }
        migrator.registerMigration("v7-story-members") { db in
            // Stories (issue 12): one row per alerted article of a watch in the `stories.window`
            // (default 7 days; rows older are pruned like seen items). `story` is the alert id of
            // the story's first member; `time` is the article's published instant, else the
            // decision time; `signature` is the 256-byte MinHash (SeedwatchCore MinHashSignature)
            // and `story_band` its 16 LSH band keys (LSHBands). Databases from before have no rows:
            // their alerts start no story, and new alerts start new ones.
            try StateStore.createStoryTables(db)
        }
        migrator.registerMigration("v8-output-digests") { db in
            // E-mail digests (issue 14): `output_digest` is one row per digest message (its output,
            // the period it shows, in Unix seconds), made when a period ends, in the transaction that
            // ties the output's undigested pending rows of `outbox_delivery` to it (`digest`). The
            // rows then carry the digest's delivery state together. Databases from before have no
            // digests; their rows stay NULL here (per-alert outputs never set it).
            try db.execute(sql: """
                CREATE TABLE output_digest (
                    id INTEGER PRIMARY KEY,
                    output TEXT NOT NULL,
                    period_start REAL NOT NULL,
                    period_end REAL NOT NULL,
                    created REAL NOT NULL,
                    UNIQUE (output, period_end)
                );
                ALTER TABLE outbox_delivery ADD COLUMN digest INTEGER;
                CREATE INDEX outbox_delivery_digest ON outbox_delivery(digest) WHERE digest IS NOT NULL;
                """)
        }
        migrator.registerMigration("v9-story-lead") { db in
            // The MinHash of each member's title and lead (StoryFingerprint.lead, 256 bytes) and its
            // word count, for the same-event rule. Members recorded before have NULL: only their
            // whole-text signature is compared.
            try StateStore.addStoryLeadColumns(db)
        }
        migrator.registerMigration("v10-story-undated") { db in
            // 1 for a member whose article gave no published date (StoryFingerprint.isDated): its
            // `time` is when it was seen, and it joins stories only as the same link or a copy.
            // Members recorded before are taken as dated (0), as they were compared then.
            try StateStore.addStoryUndatedColumn(db)
        }
        migrator.registerMigration("v11-story-compact") { db in
            // The story tables again, under 1 KB per member (issue 12): members get a row number
            // that their 32-bit band keys refer to, watches a number (`story_watch`), links their
            // 8-byte key, levels 0/1, signatures 8 bits per minimum (128 bytes). Members recorded
            // before are copied (their signatures keep their low bytes; band keys made again).
            try StateStore.compactStoryTables(db)
        }
        migrator.registerMigration("v12-story-summary") { db in
            // One row per story (issue 11): its member count, highest level and actors, kept with
            // each member recorded, so that joining a story of thousands of copies reads one row.
            // Filled from the members recorded before by v13.
            try StateStore.createStorySummaries(db)
        }
        migrator.registerMigration("v13-story-span") { db in
            // The published instants of each story's earliest and latest dated member: a report joins
            // a story as the same event only while the story spans at most 48 h (issue 12: a chain of
            // daily reports of the same leaders is not one event). Every summary made again.
            try StateStore.addStorySpans(db)
        }
        migrator.registerMigration("v14-feed-state-current-url") { db in
            // The moved-feed lookup (`feedURLs(movedTo:)`, once per poll of every feed) searches
            // `current_url`: an index instead of a scan of every feed's state. Only adds an index
            // (IF NOT EXISTS): an existing database keeps its rows; the index is built from them.
            try db.execute(sql: "CREATE INDEX IF NOT EXISTS feed_state_current_url ON feed_state(current_url)")
        }
        migrator.registerMigration("v15-article-version-text") { db in
            // A dropped file's version row now keeps the hash of its extracted text in
            // `description_hash`, and every new file looks it up across paths (`fileOriginal(textHash:excluding:)`):
            // an index on the hash alone. Rows recorded before keep NULL there.
            try db.execute(sql: "CREATE INDEX IF NOT EXISTS article_version_text ON article_version(description_hash)")
        }
        migrator.registerMigration("v16-feed-identity-notes") { db in
            // Tryout F19, F16, F26: when a feed's GUID was found reused for another article (its
            // items are keyed by link from then on); the note of its last ill-formed document
            // recovered; the long words of a feed item's description (a correction keeps them, the
            // same headline over another event does not). Rows recorded before keep NULL.
            try db.execute(sql: "ALTER TABLE feed_state ADD COLUMN guid_unreliable_since REAL")
            try db.execute(sql: "ALTER TABLE feed_state ADD COLUMN parse_warning TEXT")
            try db.execute(sql: "ALTER TABLE article_version ADD COLUMN description_words TEXT")
        }
        return migrator
    }
}
