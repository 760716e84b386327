package pgstore

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/store"
)

// Commit stores a batch of entries and feed states in one transaction,
// with the rules of (*store.DB).Commit: all or nothing, idempotent, a
// story known by a seen key is merged into the stored one. The feeds'
// leases end with it.
//
// Daemons commit at the same time. Before anything else, the transaction
// takes an advisory lock on each dedup key and article ID of the batch, in
// one order, so that two copies of one story are merged as if committed one
// after the other; the primary keys of articles and seen keys stay the
// guarantee (inserts do nothing on conflict).
func (db *DB) Commit(entries []store.Entry, feeds ...model.Feed) error {
	err := db.inTx(func(tx pgx.Tx) error {
		if err := lockKeys(db.ctx, tx, entries); err != nil {
			return err
		}
		for _, e := range entries {
			if err := commitEntry(db.ctx, tx, e); err != nil {
				return fmt.Errorf("article %s: %w", e.Article.ID, err)
			}
		}
		return putFeeds(db.ctx, tx, feeds, true)
	})
	if err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// lockKeys takes the transaction's advisory locks on the batch's keys,
// sorted so that two transactions cannot wait for each other.
func lockKeys(ctx context.Context, tx pgx.Tx, entries []store.Entry) error {
	var locks []int64
	add := func(s string) {
		h := fnv.New64a()
		h.Write([]byte(s))
		locks = append(locks, int64(h.Sum64()))
	}
	for _, e := range entries {
		add("id:" + e.Article.ID)
		for _, k := range append(store.ArticleKeys(e.Article), e.SeenKeys...) {
			add(k)
		}
	}
	slices.Sort(locks)
	locks = slices.Compact(locks)
	if len(locks) == 0 {
		return nil
	}
	_, err := tx.Exec(ctx, `SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT k FROM unnest($1::bigint[]) AS k ORDER BY k) AS sorted`, locks)
	if err != nil {
		return fmt.Errorf("lock keys: %w", err)
	}
	return nil
}

func commitEntry(ctx context.Context, tx pgx.Tx, e store.Entry) error {
	fresh := e.Article
	if err := store.CheckID(fresh.ID); err != nil {
		return err
	}
	if e.FeedsOnly {
		return linkFeeds(ctx, tx, fresh, e.SeenKeys)
	}
	keys := append(store.ArticleKeys(fresh), e.SeenKeys...)
	stored, found, err := findStored(ctx, tx, fresh.ID, keys)
	if err != nil {
		return err
	}
	switch {
	case !found:
		err = saveArticle(ctx, tx, fresh, e.Claims)
	case store.Supersedes(stored, fresh):
		fresh.ID = stored.ID
		fresh.Feeds = store.MergeFeeds(stored.Feeds, fresh.Feeds)
		err = saveArticle(ctx, tx, fresh, e.Claims)
	default:
		err = addFeeds(ctx, tx, stored, fresh.Feeds)
	}
	if err != nil {
		return err
	}
	return putSeen(ctx, tx, keys, cmp.Or(stored.ID, fresh.ID))
}

// findStored returns the stored copy of a story: the article with this
// ID, or else the first one a seen key maps to.
func findStored(ctx context.Context, tx pgx.Tx, id string, keys []string) (model.Article, bool, error) {
	a, err := getArticle(ctx, tx, id, true)
	if err == nil {
		return a, true, nil
	}
	if err != pgx.ErrNoRows {
		return a, false, err
	}
	other, ok, err := lookupSeen(ctx, tx, keys)
	if !ok || err != nil {
		return model.Article{}, false, err
	}
	a, err = getArticle(ctx, tx, other, true)
	if err == pgx.ErrNoRows {
		return model.Article{}, false, nil
	}
	return a, err == nil, err
}

// addFeeds records that more feeds carried a stored article.
func addFeeds(ctx context.Context, tx pgx.Tx, stored model.Article, feeds []string) error {
	merged := store.MergeFeeds(stored.Feeds, feeds)
	if len(merged) == len(stored.Feeds) {
		return nil
	}
	stored.Feeds = merged
	meta, err := encodeMeta(stored)
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `UPDATE articles SET feeds = $2, meta = $3 WHERE id = $1`, stored.ID, merged, meta)
	return err
}

// linkFeeds adds feeds to a stored article and maps keys to it.
func linkFeeds(ctx context.Context, tx pgx.Tx, a model.Article, keys []string) error {
	stored, err := getArticle(ctx, tx, a.ID, true)
	if err == pgx.ErrNoRows {
		return nil
	}
	if err != nil {
		return err
	}
	if err := addFeeds(ctx, tx, stored, a.Feeds); err != nil {
		return err
	}
	return putSeen(ctx, tx, keys, stored.ID)
}

// encodeMeta is the article as JSON without its text.
func encodeMeta(a model.Article) ([]byte, error) {
	a.Text = ""
	meta, err := json.Marshal(a)
	if err != nil {
		return nil, fmt.Errorf("encode article: %w", err)
	}
	return meta, nil
}

// saveArticle writes (or overwrites) an article and its claims. An
// article whose claims cannot be encoded is stored with the error and no
// claims.
func saveArticle(ctx context.Context, tx pgx.Tx, a model.Article, claims []model.Claim) error {
	vals, err := encodeClaims(a.ID, claims)
	if err != nil {
		a.Error = store.JoinError(a.Error, fmt.Sprintf("store: %v", err))
		vals = nil
	}
	meta, err := encodeMeta(a)
	if err != nil {
		return err
	}
	feeds := a.Feeds
	if feeds == nil {
		feeds = []string{}
	}
	_, err = tx.Exec(ctx, `INSERT INTO articles (id, sort_key, feeds, meta, body) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (id) DO UPDATE SET sort_key = excluded.sort_key, feeds = excluded.feeds, meta = excluded.meta, body = excluded.body`,
		a.ID, store.SortKey(a), feeds, meta, []byte(a.Text))
	if err != nil {
		return fmt.Errorf("put article: %w", err)
	}
	return writeClaims(ctx, tx, a.ID, vals)
}

// putSeen maps each key to the article, leaving keys that already map to
// another article alone: the first story to claim a key keeps it.
func putSeen(ctx context.Context, tx pgx.Tx, keys []string, id string) error {
	keys = slices.DeleteFunc(slices.Clone(keys), func(k string) bool { return !usableKey(k) })
	if len(keys) == 0 {
		return nil
	}
	_, err := tx.Exec(ctx, `INSERT INTO seen (key, article_id) SELECT k, $2 FROM unnest($1::text[]) AS k
		ON CONFLICT (key) DO NOTHING`, keys, id)
	if err != nil {
		return fmt.Errorf("seen keys: %w", err)
	}
	return nil
}
