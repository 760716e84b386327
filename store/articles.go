package store

import (
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/claimwire/claimwire/model"
)

// Seen returns the ID of the article that the first known key maps to. The
// daemon asks before fetching an item, so a story already stored (from this
// feed or another) is not fetched again.
func (db *DB) Seen(keys ...string) (id string, ok bool, err error) {
	err = db.view(func(tx *bolt.Tx) error {
		id, ok = lookupSeen(tx, keys)
		return nil
	})
	if err != nil {
		return "", false, fmt.Errorf("store: seen: %w", err)
	}
	return id, ok, nil
}

// lookupSeen returns the article ID the first known key maps to.
func lookupSeen(tx *bolt.Tx, keys []string) (string, bool) {
	b := tx.Bucket(seenBucket)
	for _, k := range keys {
		if !usableKey(k) {
			continue
		}
		if v := b.Get([]byte(k)); v != nil {
			return string(v), true // string() copies out of the mmap
		}
	}
	return "", false
}

// usableKey reports whether bbolt can store k as a key. Other keys are
// skipped rather than failing a batch: a story with a 40 KB URL just loses
// that one dedup key.
func usableKey(k string) bool {
	return k != "" && len(k) <= bolt.MaxKeySize
}

// Article returns the stored article with this ID, or an error wrapping
// ErrNotFound.
func (db *DB) Article(id string) (model.Article, error) {
	var a model.Article
	err := db.view(func(tx *bolt.Tx) error {
		var ok bool
		var err error
		a, ok, err = getArticle(tx, id)
		if err == nil && !ok {
			err = ErrNotFound
		}
		return err
	})
	if err != nil {
		return model.Article{}, fmt.Errorf("store: article %s: %w", id, err)
	}
	return a, nil
}

// ArticleByURL returns the article stored for a URL, canonical or as linked,
// through the seen index. The URL must be spelled as it was stored: the
// store does not canonicalise.
func (db *DB) ArticleByURL(url string) (model.Article, error) {
	id, ok, err := db.Seen(URLKey(url))
	if err != nil {
		return model.Article{}, err
	}
	if !ok {
		return model.Article{}, fmt.Errorf("store: article at %s: %w", url, ErrNotFound)
	}
	return db.Article(id)
}

// CountArticles returns how many articles are stored.
func (db *DB) CountArticles() (int, error) {
	var n int
	err := db.view(func(tx *bolt.Tx) error {
		n = tx.Bucket(articlesBucket).Stats().KeyN
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: count articles: %w", err)
	}
	return n, nil
}

// ForEachArticle calls fn for every article, oldest first by published (or
// else fetched) time, and stops at fn's first error, which it returns.
// Articles are read a few hundred at a time, each lot in its own short read
// transaction, and fn is called outside them: it may take its time and use
// the database, but an article committed meanwhile may be missed.
func (db *DB) ForEachArticle(fn func(model.Article) error) error {
	load := func(tx *bolt.Tx, id string, page []model.Article) ([]model.Article, error) {
		a, ok, err := getArticle(tx, id)
		if ok {
			page = append(page, a)
		}
		return page, err
	}
	err := scanPublished(db, timeKey(time.Time{}), pageItems, load, fn)
	if err != nil {
		return fmt.Errorf("store: for each article: %w", err)
	}
	return nil
}

// ForEachArticleMeta is ForEachArticle without the articles' text, which
// is most of their bytes: for listings.
func (db *DB) ForEachArticleMeta(fn func(model.Article) error) error {
	load := func(tx *bolt.Tx, id string, page []model.Article) ([]model.Article, error) {
		a, ok, err := getArticleMeta(tx, id)
		if ok {
			page = append(page, a)
		}
		return page, err
	}
	err := scanPublished(db, timeKey(time.Time{}), pageItems, load, fn)
	if err != nil {
		return fmt.Errorf("store: for each article: %w", err)
	}
	return nil
}

// articleMeta decodes an article but skips its text: the outer Text field
// hides the embedded one from encoding/json.
type articleMeta struct {
	model.Article
	Text skipped `json:"text"`
}

// skipped is a JSON value that is read past, not decoded.
type skipped struct{}

func (*skipped) UnmarshalJSON([]byte) error { return nil }

// getArticleMeta is getArticle without the text.
func getArticleMeta(tx *bolt.Tx, id string) (model.Article, bool, error) {
	v := tx.Bucket(articlesBucket).Get([]byte(id))
	if v == nil {
		return model.Article{}, false, nil
	}
	var m articleMeta
	if err := json.Unmarshal(v, &m); err != nil {
		return model.Article{}, false, badValue(tx, "article "+id, err)
	}
	return m.Article, true, nil
}

// getArticle reads and decodes one article; ok is false if there is none.
func getArticle(tx *bolt.Tx, id string) (a model.Article, ok bool, err error) {
	v := tx.Bucket(articlesBucket).Get([]byte(id))
	if v == nil {
		return a, false, nil
	}
	if err := json.Unmarshal(v, &a); err != nil {
		return a, false, badValue(tx, "article "+id, err)
	}
	return a, true, nil
}

// putJSON stores v as JSON under key.
func putJSON(b *bolt.Bucket, key []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %s: %w", key, err)
	}
	if err := b.Put(key, data); err != nil {
		return fmt.Errorf("put %s: %w", key, err)
	}
	return nil
}

// ForEachSeen calls fn with every dedup key and the ID of the article it
// maps to, in key order, inside one read transaction: for copying the
// database (claimwire migrate), with no writer waiting.
func (db *DB) ForEachSeen(fn func(key, id string) error) error {
	err := db.view(func(tx *bolt.Tx) error {
		return tx.Bucket(seenBucket).ForEach(func(k, v []byte) error { return fn(string(k), string(v)) })
	})
	if err != nil {
		return fmt.Errorf("store: for each seen key: %w", err)
	}
	return nil
}
