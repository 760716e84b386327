package pgstore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/store"
)

// PutFeeds saves feeds, keyed by URL, replacing their stored state. A
// feed's lease, if a daemon holds one, is kept: saving a feed list while
// daemons run does not hand its feeds out twice.
func (db *DB) PutFeeds(feeds ...model.Feed) error {
	err := db.inTx(func(tx pgx.Tx) error { return putFeeds(db.ctx, tx, feeds, false) })
	if err != nil {
		return fmt.Errorf("store: put feeds: %w", err)
	}
	return nil
}

// putFeeds writes feed states; release ends their leases (the poll that
// held them is committed).
func putFeeds(ctx context.Context, tx pgx.Tx, feeds []model.Feed, release bool) error {
	for _, f := range feeds {
		if f.URL == "" {
			return errors.New("feed with no URL")
		}
		state, err := json.Marshal(f)
		if err != nil {
			return fmt.Errorf("feed %s: encode: %w", f.URL, err)
		}
		var next *time.Time
		if !f.NextCheck.IsZero() {
			next = &f.NextCheck
		}
		sql := `INSERT INTO feeds (url, state, next_check) VALUES ($1, $2, $3)
			ON CONFLICT (url) DO UPDATE SET state = excluded.state, next_check = excluded.next_check`
		if release {
			sql += `, lease_owner = NULL, lease_until = NULL`
		}
		if _, err := tx.Exec(ctx, sql, f.URL, state, next); err != nil {
			return fmt.Errorf("feed %s: %w", f.URL, err)
		}
	}
	return nil
}

// Feeds returns every stored feed, ordered by URL.
func (db *DB) Feeds() ([]model.Feed, error) {
	rows, err := db.pool.Query(db.ctx, `SELECT state FROM feeds ORDER BY url`)
	if err != nil {
		return nil, fmt.Errorf("store: feeds: %w", err)
	}
	feeds, err := decodeFeeds(rows)
	if err != nil {
		return nil, fmt.Errorf("store: feeds: %w", err)
	}
	return feeds, nil
}

func decodeFeeds(rows pgx.Rows) ([]model.Feed, error) {
	var out []model.Feed
	var state []byte
	_, err := pgx.ForEachRow(rows, []any{&state}, func() error {
		var f model.Feed
		if err := json.Unmarshal(state, &f); err != nil {
			return fmt.Errorf("stored feed does not decode: %w", err)
		}
		out = append(out, f)
		return nil
	})
	return out, err
}

// Feed returns the stored state of one feed.
func (db *DB) Feed(url string) (model.Feed, error) {
	var state []byte
	var f model.Feed
	err := db.pool.QueryRow(db.ctx, `SELECT state FROM feeds WHERE url = $1`, url).Scan(&state)
	if err == nil {
		err = json.Unmarshal(state, &f)
	}
	if err != nil {
		return model.Feed{}, fmt.Errorf("store: feed %s: %w", url, notFound(err))
	}
	return f, nil
}

// LeaseFeeds leases to owner up to limit feeds due by dueBy whose lease
// is free or expired, the longest due first. The rows are taken with FOR
// UPDATE SKIP LOCKED, so daemons leasing at the same moment get different
// feeds without waiting for each other. Lease expiry is by the server's
// clock, which all daemons share.
func (db *DB) LeaseFeeds(ctx context.Context, owner string, dueBy time.Time, lease time.Duration, limit int) ([]model.Feed, error) {
	rows, err := db.pool.Query(ctx, `WITH due AS (
			SELECT url FROM feeds
			WHERE (next_check IS NULL OR next_check <= $2) AND (lease_until IS NULL OR lease_until < now())
			ORDER BY next_check NULLS FIRST, url
			LIMIT $3
			FOR UPDATE SKIP LOCKED)
		UPDATE feeds SET lease_owner = $1, lease_until = now() + make_interval(secs => $4)
		FROM due WHERE feeds.url = due.url
		RETURNING feeds.state`, owner, dueBy, limit, lease.Seconds())
	if err != nil {
		return nil, fmt.Errorf("store: lease feeds: %w", err)
	}
	feeds, err := decodeFeeds(rows)
	if err != nil {
		return nil, fmt.Errorf("store: lease feeds: %w", err)
	}
	return feeds, nil
}

// PendingFeeds counts the feeds due by dueBy, leased or not.
func (db *DB) PendingFeeds(ctx context.Context, dueBy time.Time) (int, error) {
	var n int
	err := db.pool.QueryRow(ctx, `SELECT count(*) FROM feeds WHERE next_check IS NULL OR next_check <= $1`, dueBy).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: pending feeds: %w", err)
	}
	return n, nil
}

// RenewLeases extends owner's leases of the feeds by lease from now.
func (db *DB) RenewLeases(ctx context.Context, owner string, urls []string, lease time.Duration) error {
	_, err := db.pool.Exec(ctx, `UPDATE feeds SET lease_until = now() + make_interval(secs => $3)
		WHERE url = ANY($2) AND lease_owner = $1`, owner, urls, lease.Seconds())
	if err != nil {
		return fmt.Errorf("store: renew leases: %w", err)
	}
	return nil
}

// AddFeed stores a feed that is not stored yet, reporting whether it was
// added; a stored feed keeps its state.
func (db *DB) AddFeed(f model.Feed) (bool, error) {
	if f.URL == "" {
		return false, errors.New("store: add feed: no URL")
	}
	state, err := json.Marshal(f)
	if err != nil {
		return false, fmt.Errorf("store: add feed %s: encode: %w", f.URL, err)
	}
	tag, err := db.pool.Exec(db.ctx, `INSERT INTO feeds (url, state) VALUES ($1, $2) ON CONFLICT (url) DO NOTHING`, f.URL, state)
	if err != nil {
		return false, fmt.Errorf("store: add feed %s: %w", f.URL, err)
	}
	return tag.RowsAffected() == 1, nil
}

// RemoveFeed forgets a feed, or returns an error wrapping
// store.ErrNotFound. Its articles stay.
func (db *DB) RemoveFeed(url string) error {
	tag, err := db.pool.Exec(db.ctx, `DELETE FROM feeds WHERE url = $1`, url)
	if err == nil && tag.RowsAffected() == 0 {
		err = store.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("store: remove feed %s: %w", url, err)
	}
	return nil
}

// FeedArticles counts the stored articles each feed carried.
func (db *DB) FeedArticles() (map[string]int, error) { return store.CountFeedArticles(db) }
