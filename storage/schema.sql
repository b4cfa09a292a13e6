-- basewatch storage contract. Table and column names are read by external checks: keep them.
-- Every statement is idempotent, so opening a file applies whatever it lacks.
--
-- The tables that grow (articles, incidents, incident_reports) carry no index or key constraint: DuckDB
-- re-writes every index whole at each checkpoint, which made merging 100 reports cost ~2x more at 1M
-- incidents than at 10k (benchmarks/README.md). They are looked up by integer key columns instead
-- (storage/keys.py says why those scans stay cheap), and storage/database.py keeps keys unique: every
-- write is one transaction that reads what is on file first.

CREATE TABLE IF NOT EXISTS feeds (
    url                  VARCHAR PRIMARY KEY,
    name                 VARCHAR,
    etag                 VARCHAR,
    last_modified        VARCHAR,
    last_polled_at       TIMESTAMPTZ,
    last_status          VARCHAR,      -- ok | not modified | error
    last_error           VARCHAR,
    consecutive_failures INTEGER DEFAULT 0,
    last_success_at      TIMESTAMPTZ,
    items_seen           INTEGER DEFAULT 0
);

CREATE TABLE IF NOT EXISTS articles (
    article_id       VARCHAR NOT NULL,      -- sha1 of the canonical URL; unique
    url              VARCHAR NOT NULL,      -- canonical URL; unique
    title            VARCHAR,
    published_at     TIMESTAMPTZ,
    fetched_at       TIMESTAMPTZ,
    feed_url         VARCHAR,
    text             VARCHAR,
    is_attack_report BOOLEAN,
    language         VARCHAR,               -- "ar" or "en": the script most of its letters are in
    url_hash         UBIGINT NOT NULL       -- md5_number_upper(url): the lookup key
);

CREATE TABLE IF NOT EXISTS incidents (
    incident_id       VARCHAR NOT NULL,     -- <base-slug>-<attack date>, stable across re-runs; unique
    base              VARCHAR NOT NULL,
    country           VARCHAR,
    latitude          DOUBLE,
    longitude         DOUBLE,
    attack_date       DATE,
    date_precision    VARCHAR,
    weapons           VARCHAR[],
    projectiles       INTEGER,
    killed            INTEGER,
    wounded           INTEGER,
    claimed_by        VARCHAR,
    suspected         VARCHAR,
    first_reported_at TIMESTAMPTZ,
    last_reported_at  TIMESTAMPTZ,
    source_count      INTEGER,              -- distinct articles reporting it as their own news
    independent_sources INTEGER,            -- the same, counting syndicated copies of one story once
    location_precision VARCHAR,             -- what latitude/longitude are of: base | town | province | country
    base_key          VARCHAR,              -- the base's slug (extractors.dedup.base_slug)
    merge_key         UBIGINT,              -- attack day and base key: the merge step's lookup key
    incident_key      UBIGINT               -- the incident's creation day and id: its lookup key
);

CREATE TABLE IF NOT EXISTS incident_reports (
    incident_id    VARCHAR NOT NULL,
    article_url    VARCHAR NOT NULL,
    is_primary     BOOLEAN NOT NULL,
    evidence       VARCHAR,
    base           VARCHAR,
    country        VARCHAR,
    latitude       DOUBLE,
    longitude      DOUBLE,
    attack_date    DATE,
    date_precision VARCHAR,
    weapons        VARCHAR[],
    projectiles    INTEGER,
    killed         INTEGER,
    wounded        INTEGER,
    claimed_by     VARCHAR,
    suspected      VARCHAR,
    location_precision VARCHAR,
    reported_at    TIMESTAMPTZ,
    fingerprint    UBIGINT[],              -- MinHash sketch of the article's text: syndicated copies share most
    incident_key   UBIGINT NOT NULL        -- the incident's creation day and id: the lookup key
    -- (incident_id, article_url) is unique
);

-- Webhook outbox: one row per alert (a new incident, or a revision that changes its casualties), written
-- after the incident is stored; rows without delivered_at are retried on the next run.
CREATE TABLE IF NOT EXISTS alerts (
    alert_id        VARCHAR PRIMARY KEY,   -- sha1 of incident id + killed + wounded: one alert per figure set
    incident_id     VARCHAR NOT NULL,
    kind            VARCHAR NOT NULL,      -- new | revised
    payload         VARCHAR NOT NULL,      -- the JSON body POSTed to the webhook
    created_at      TIMESTAMPTZ NOT NULL,
    attempts        INTEGER DEFAULT 0,
    last_attempt_at TIMESTAMPTZ,
    last_error      VARCHAR,
    delivered_at    TIMESTAMPTZ
);

-- Ids the merge retired: when later reports move an attack to another day (its id follows its date) or show
-- two incidents were one, the old id points to the incident that now holds its reports, so links made to
-- it keep working. An id that names a live incident is never redirected. Small: no lookup key needed.
CREATE TABLE IF NOT EXISTS incident_redirects (
    old_id          VARCHAR PRIMARY KEY,
    incident_id     VARCHAR NOT NULL,      -- where it points now
    old_attack_date DATE,                  -- the date the retired row had
    retired_at      TIMESTAMPTZ NOT NULL
);

-- Claims no incident holds: a background mention read before the attack's own reports, or a second claim of
-- an article on one incident. Kept so that the incidents stay a function of every claim read, whatever order
-- the articles came in: the merge reads the ones near its reports and may link them.
CREATE TABLE IF NOT EXISTS unlinked_reports AS
    SELECT * EXCLUDE (incident_id, incident_key) FROM incident_reports LIMIT 0;
ALTER TABLE unlinked_reports ADD COLUMN IF NOT EXISTS
    lookup_key UBIGINT;                    -- its base and day (a month mention: the month's first day)

-- Which rules of extractors.dedup.base_slug (BASE_KEY_RULES) made the base keys, merge keys and ids on file: a
-- file keyed by other rules is re-grouped once, on its next writable open (storage/database.py). One row.
CREATE TABLE IF NOT EXISTS base_key_rules (
    version INTEGER NOT NULL
);
