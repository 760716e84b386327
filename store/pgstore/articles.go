package pgstore

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/store"
)

// maxKeyLen bounds a seen key: a btree index entry must fit a third of a
// page. A longer key (a 40 KB URL) is skipped, as bbolt skips keys over
// its limit: the story just loses that one dedup key.
const maxKeyLen = 2048

func usableKey(k string) bool {
	return k != "" && len(k) <= maxKeyLen && !strings.ContainsRune(k, 0)
}

// querier is a pool or a transaction.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// Seen returns the ID of the article that the first known key maps to.
func (db *DB) Seen(keys ...string) (string, bool, error) {
	id, ok, err := lookupSeen(db.ctx, db.pool, keys)
	if err != nil {
		return "", false, fmt.Errorf("store: seen: %w", err)
	}
	return id, ok, nil
}

func lookupSeen(ctx context.Context, q querier, keys []string) (string, bool, error) {
	keys = slices.DeleteFunc(slices.Clone(keys), func(k string) bool { return !usableKey(k) })
	if len(keys) == 0 {
		return "", false, nil
	}
	rows, err := q.Query(ctx, `SELECT key, article_id FROM seen WHERE key = ANY($1)`, keys)
	if err != nil {
		return "", false, err
	}
	found := map[string]string{}
	var k, id string
	_, err = pgx.ForEachRow(rows, []any{&k, &id}, func() error { found[k] = id; return nil })
	if err != nil {
		return "", false, err
	}
	for _, k := range keys {
		if id, ok := found[k]; ok {
			return id, true, nil
		}
	}
	return "", false, nil
}

// Article returns the stored article with this ID.
func (db *DB) Article(id string) (model.Article, error) {
	a, err := getArticle(db.ctx, db.pool, id, false)
	if err != nil {
		return model.Article{}, fmt.Errorf("store: article %s: %w", id, notFound(err))
	}
	return a, nil
}

// getArticle reads one article (FOR UPDATE when lock is set, inside a
// transaction); pgx.ErrNoRows if there is none.
func getArticle(ctx context.Context, q querier, id string, lock bool) (model.Article, error) {
	sql := `SELECT meta, body FROM articles WHERE id = $1`
	if lock {
		sql += ` FOR UPDATE`
	}
	var meta, body []byte
	if err := q.QueryRow(ctx, sql, id).Scan(&meta, &body); err != nil {
		return model.Article{}, err
	}
	return decodeArticle(id, meta, body)
}

func decodeArticle(id string, meta, body []byte) (model.Article, error) {
	var a model.Article
	if err := json.Unmarshal(meta, &a); err != nil {
		return a, fmt.Errorf("article %s: stored value does not decode: %w", id, err)
	}
	if body != nil {
		a.Text = string(body)
	}
	return a, nil
}

// ArticleByURL returns the article stored for a URL, canonical or as linked.
func (db *DB) ArticleByURL(url string) (model.Article, error) {
	id, ok, err := db.Seen(store.URLKey(url))
	if err != nil {
		return model.Article{}, err
	}
	if !ok {
		return model.Article{}, fmt.Errorf("store: article at %s: %w", url, store.ErrNotFound)
	}
	return db.Article(id)
}

// CountArticles returns how many articles are stored.
func (db *DB) CountArticles() (int, error) {
	var n int
	if err := db.pool.QueryRow(db.ctx, `SELECT count(*) FROM articles`).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count articles: %w", err)
	}
	return n, nil
}

// ForEachArticle calls fn for every article, oldest first by published (or
// else fetched) time, and stops at fn's first error, which it returns.
// Articles are read a page at a time and fn is called between pages, so
// it may take its time and use the database.
func (db *DB) ForEachArticle(fn func(model.Article) error) error {
	if err := db.scan(scanArgs{text: true}, func(a model.Article, _ []model.Claim) error { return fn(a) }); err != nil {
		return fmt.Errorf("store: for each article: %w", err)
	}
	return nil
}

// ForEachArticleMeta is ForEachArticle without the articles' text.
func (db *DB) ForEachArticleMeta(fn func(model.Article) error) error {
	if err := db.scan(scanArgs{}, func(a model.Article, _ []model.Claim) error { return fn(a) }); err != nil {
		return fmt.Errorf("store: for each article: %w", err)
	}
	return nil
}

// Claims returns an article's claims in the order they were stored.
func (db *DB) Claims(articleID string) ([]model.Claim, error) {
	var claims []model.Claim
	err := pgx.BeginTxFunc(db.ctx, db.pool, pgx.TxOptions{AccessMode: pgx.ReadOnly, IsoLevel: pgx.RepeatableRead}, func(tx pgx.Tx) error {
		var one int
		if err := tx.QueryRow(db.ctx, `SELECT 1 FROM articles WHERE id = $1`, articleID).Scan(&one); err != nil {
			return notFound(err)
		}
		byArticle, err := readClaims(db.ctx, tx, []string{articleID})
		claims = byArticle[articleID]
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: claims of %s: %w", articleID, err)
	}
	return claims, nil
}

// readClaims returns the claims of the articles, each article's in order.
func readClaims(ctx context.Context, q querier, ids []string) (map[string][]model.Claim, error) {
	out := map[string][]model.Claim{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := q.Query(ctx, `SELECT article_id, seq, data FROM claims WHERE article_id = ANY($1) ORDER BY article_id, seq`, ids)
	if err != nil {
		return nil, err
	}
	var id string
	var seq int32
	var data []byte
	_, err = pgx.ForEachRow(rows, []any{&id, &seq, &data}, func() error {
		var c model.Claim
		if err := json.Unmarshal(data, &c); err != nil {
			return fmt.Errorf("claim %s: stored value does not decode: %w", store.ClaimID(id, uint32(seq)), err)
		}
		out[id] = append(out[id], c)
		return nil
	})
	return out, err
}

// ReplaceClaims swaps an article's claims for new ones in one transaction:
// if anything fails, the old claims stay.
func (db *DB) ReplaceClaims(articleID string, claims []model.Claim) error {
	err := db.inTx(func(tx pgx.Tx) error { return db.replaceClaims(tx, articleID, claims) })
	if err != nil {
		return fmt.Errorf("store: replace claims of %s: %w", articleID, err)
	}
	return nil
}

// ReplaceClaimsMany is ReplaceClaims for several articles in one
// transaction: either every article's claims are replaced or, on error,
// none.
func (db *DB) ReplaceClaimsMany(batch []store.ArticleClaims) error {
	err := db.inTx(func(tx pgx.Tx) error {
		for _, ac := range batch {
			if err := db.replaceClaims(tx, ac.ArticleID, ac.Claims); err != nil {
				return fmt.Errorf("%s: %w", ac.ArticleID, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: replace claims: %w", err)
	}
	return nil
}

// replaceClaims replaces the claims of a stored article within tx.
func (db *DB) replaceClaims(tx pgx.Tx, articleID string, claims []model.Claim) error {
	if _, err := getArticle(db.ctx, tx, articleID, true); err != nil {
		return notFound(err)
	}
	vals, err := encodeClaims(articleID, claims)
	if err != nil {
		return err
	}
	return writeClaims(db.ctx, tx, articleID, vals)
}

// encodeClaims gives each claim its ID and article and encodes it.
func encodeClaims(articleID string, claims []model.Claim) ([][]byte, error) {
	if len(claims) > 1<<31-1 {
		return nil, fmt.Errorf("%d claims: more than a sequence number holds", len(claims))
	}
	vals := make([][]byte, len(claims))
	for i, c := range claims {
		seq := uint32(i + 1)
		c.ID, c.ArticleID = store.ClaimID(articleID, seq), articleID
		v, err := json.Marshal(c)
		if err != nil {
			return nil, fmt.Errorf("encode claim %d: %w", seq, err)
		}
		vals[i] = v
	}
	return vals, nil
}

// writeClaims replaces an article's claims with encoded ones.
func writeClaims(ctx context.Context, tx pgx.Tx, articleID string, vals [][]byte) error {
	if _, err := tx.Exec(ctx, `DELETE FROM claims WHERE article_id = $1`, articleID); err != nil {
		return fmt.Errorf("delete claims: %w", err)
	}
	if len(vals) == 0 {
		return nil
	}
	seqs := make([]int32, len(vals))
	for i := range seqs {
		seqs[i] = int32(i + 1)
	}
	_, err := tx.Exec(ctx, `INSERT INTO claims (article_id, seq, data)
		SELECT $1, s, d FROM unnest($2::integer[], $3::bytea[]) AS t(s, d)`, articleID, seqs, vals)
	if err != nil {
		return fmt.Errorf("insert claims: %w", err)
	}
	return nil
}
