package pgstore

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/claimwire/claimwire/store"
)

// migrations are the schema's versions, in order: version i+1 is
// migrations[i]. A step is never changed once released; a change is a new
// step.
//
// JSON documents are bytea rather than jsonb: jsonb refuses the NUL
// character, which a scraped page may hold, and nothing queries inside
// them. What is queried has its own column.
var migrations = []string{
	// 1: articles, their dedup keys and claims; feeds with their leases.
	`CREATE TABLE articles (
		id       text PRIMARY KEY,
		sort_key bigint NOT NULL,   -- store.SortKey: published (or fetched) time, ns
		feeds    text[] NOT NULL,   -- the feeds that carried it, for Filter.Feed
		meta     bytea NOT NULL,    -- the model.Article as JSON, without its text
		body     bytea NOT NULL     -- its text
	);
	CREATE INDEX articles_by_time ON articles (sort_key, id);
	-- seen maps each dedup key (GUID, canonical and linked URL, text hash)
	-- to one article: its primary key is what makes a story seen by two
	-- daemons at once stored once.
	CREATE TABLE seen (
		key        text PRIMARY KEY,
		article_id text NOT NULL REFERENCES articles (id) ON DELETE CASCADE
	);
	CREATE INDEX seen_by_article ON seen (article_id);
	CREATE TABLE claims (
		article_id text NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
		seq        integer NOT NULL,
		data       bytea NOT NULL,   -- the model.Claim as JSON
		PRIMARY KEY (article_id, seq)
	);
	CREATE TABLE feeds (
		url         text PRIMARY KEY,
		state       bytea NOT NULL,  -- the model.Feed as JSON
		next_check  timestamptz,     -- NULL: never polled, due now
		lease_owner text,            -- the daemon polling it, if any
		lease_until timestamptz      -- when that daemon's lease expires
	);
	CREATE INDEX feeds_due ON feeds (next_check NULLS FIRST);`,
}

// migrationLock is the advisory lock key (two int4s, a key space apart
// from the one-bigint keys Commit takes) that serialises migrations.
const migrationLockClass, migrationLockID = 0x636c6177, 1 // "claw"

// migrate brings the schema up to date in one transaction under an
// advisory lock, so that daemons starting at once do not race: the second
// waits for the first, then finds nothing to do.
func migrate(ctx context.Context, pool *pgxpool.Pool, steps []string) error {
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1, $2)`, migrationLockClass, migrationLockID); err != nil {
			return fmt.Errorf("lock: %w", err)
		}
		if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS claimwire_schema (
			version integer PRIMARY KEY, applied timestamptz NOT NULL DEFAULT now())`); err != nil {
			return fmt.Errorf("schema table: %w", err)
		}
		var have int
		if err := tx.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM claimwire_schema`).Scan(&have); err != nil {
			return fmt.Errorf("schema version: %w", err)
		}
		if have > len(steps) {
			return fmt.Errorf("%w: database at version %d, this claimwire knows %d", store.ErrSchemaVersion, have, len(steps))
		}
		for v := have + 1; v <= len(steps); v++ {
			if _, err := tx.Exec(ctx, steps[v-1]); err != nil {
				return fmt.Errorf("migration %d: %w", v, err)
			}
			if _, err := tx.Exec(ctx, `INSERT INTO claimwire_schema (version) VALUES ($1)`, v); err != nil {
				return fmt.Errorf("migration %d: %w", v, err)
			}
		}
		return nil
	})
}
