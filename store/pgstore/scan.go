package pgstore

import (
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/store"
)

// pageSize is how many articles one read of scan covers: memory stays
// bounded for exports of any size, and no transaction stays open while
// the caller works.
const pageSize = 256

// scanArgs selects what scan reads.
type scanArgs struct {
	text     bool   // the articles' text
	claims   bool   // the articles' claims
	fromKey  int64  // the sort key to start at (inclusive)
	fromID   string // and the article ID at that key
	afterSeq uint32 // claims of article fromID up to this one are skipped
	feed     string // only articles this feed carried
}

// scan calls fn for each article (with its claims, if asked) in the order
// of (sort key, ID), a page at a time: each page is read in its own
// repeatable-read transaction and handed to fn after it ends.
func (db *DB) scan(args scanArgs, fn func(model.Article, []model.Claim) error) error {
	type row struct {
		a      model.Article
		claims []model.Claim
	}
	key, id, inclusive := args.fromKey, args.fromID, true
	for {
		var page []row
		err := pgx.BeginTxFunc(db.ctx, db.pool, pgx.TxOptions{AccessMode: pgx.ReadOnly, IsoLevel: pgx.RepeatableRead}, func(tx pgx.Tx) error {
			op := ">"
			if inclusive {
				op = ">="
			}
			body := "NULL::bytea"
			if args.text {
				body = "body"
			}
			rows, err := tx.Query(db.ctx, `SELECT id, sort_key, meta, `+body+` FROM articles
				WHERE (sort_key, id) `+op+` ($1, $2) AND ($3 = '' OR $3 = ANY(feeds))
				ORDER BY sort_key, id LIMIT $4`, key, id, args.feed, pageSize)
			if err != nil {
				return err
			}
			var aid string
			var sk int64
			var meta, text []byte
			_, err = pgx.ForEachRow(rows, []any{&aid, &sk, &meta, &text}, func() error {
				a, err := decodeArticle(aid, meta, text)
				page = append(page, row{a: a})
				key, id = sk, aid
				return err
			})
			if err != nil || !args.claims {
				return err
			}
			ids := make([]string, len(page))
			for i, r := range page {
				ids[i] = r.a.ID
			}
			byArticle, err := readClaims(db.ctx, tx, ids)
			for i := range page {
				page[i].claims = byArticle[page[i].a.ID]
			}
			return err
		})
		if err != nil {
			return err
		}
		inclusive = false
		for _, r := range page {
			if err := fn(r.a, r.claims); err != nil {
				return err
			}
		}
		if len(page) < pageSize {
			return nil
		}
	}
}

// ForEachClaim calls fn for each claim that f selects, with its article
// (without its text), articles oldest first and each article's claims in
// order; it stops at fn's first error and returns it.
func (db *DB) ForEachClaim(f store.Filter, fn func(model.Claim, model.Article) error) error {
	args := scanArgs{claims: true, fromKey: store.TimeKey(f.Since), feed: f.Feed}
	if f.After != "" {
		id, seq, ok := store.ParseClaimID(f.After)
		if !ok {
			return fmt.Errorf("store: for each claim: after: not a claim ID: %w", store.ErrNotFound)
		}
		var sk int64
		err := db.pool.QueryRow(db.ctx, `SELECT sort_key FROM articles WHERE id = $1`, id).Scan(&sk)
		if err != nil {
			return fmt.Errorf("store: for each claim: after: no claim %s: %w", f.After, notFound(err))
		}
		if sk >= args.fromKey {
			args.fromKey, args.fromID, args.afterSeq = sk, id, seq
		}
	}
	err := db.scan(args, func(a model.Article, claims []model.Claim) error {
		for i, c := range claims {
			if a.ID == args.fromID && uint32(i+1) <= args.afterSeq {
				continue
			}
			if !f.Selects(a, c) {
				continue
			}
			if err := fn(c, a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: for each claim: %w", err)
	}
	return nil
}
