package store

import (
	"cmp"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/claimwire/claimwire/model"
)

// Entry is one processed article to store, with the claims found in it.
type Entry struct {
	// Article must have an ID of model.IDLen characters (model.ArticleID).
	Article model.Article
	// Claims are stored in this order; the store sets their ID and ArticleID.
	Claims []model.Claim
	// SeenKeys are dedup keys besides those Commit derives from the article
	// itself (ArticleKeys), e.g. the URL the feed linked before redirects.
	SeenKeys []string
	// FeedsOnly adds Article.Feeds to the stored article with Article.ID,
	// and maps SeenKeys to it, changing nothing else: a story already stored
	// turned up in another feed. It is not an error if no such article is
	// stored.
	FeedsOnly bool
}

// Commit stores a batch of entries in one read-write transaction: either all
// of them are stored or, on error, none.
//
// Committing is idempotent. An article already stored under the same ID is
// replaced (a reprocessing), old claims and all, unless the new copy failed
// (Article.Error) where the stored one succeeded. An article with a new ID
// but a seen key that maps to a stored article is the same story from
// another feed: the stored article gains the new copy's feeds and is kept,
// unless the stored copy had failed and this one did not, in which case this
// one replaces it under the stored ID. An article whose claims cannot be
// encoded is stored with the encoding error and no claims, so that one bad
// article does not lose the batch.
//
// feeds, if any, are saved in the same transaction (as by PutFeeds), so that
// a feed's new polling state is never stored without the articles it led to.
func (db *DB) Commit(entries []Entry, feeds ...model.Feed) error {
	err := db.update(func(tx *bolt.Tx) error {
		for _, e := range entries {
			if err := commitEntry(tx, e); err != nil {
				return fmt.Errorf("article %s: %w", e.Article.ID, err)
			}
		}
		return putFeeds(tx, feeds)
	})
	if err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

func commitEntry(tx *bolt.Tx, e Entry) error {
	fresh := e.Article
	if err := checkID(fresh.ID); err != nil {
		return err
	}
	if e.FeedsOnly {
		return linkFeeds(tx, fresh, e.SeenKeys)
	}
	keys := append(ArticleKeys(fresh), e.SeenKeys...)
	stored, found, err := findStored(tx, fresh.ID, keys)
	if err != nil {
		return err
	}
	switch {
	case !found:
		err = saveArticle(tx, fresh, e.Claims)
	case supersedes(stored, fresh):
		fresh.ID = stored.ID
		fresh.Feeds = mergeFeeds(stored.Feeds, fresh.Feeds)
		err = replaceArticle(tx, stored, fresh, e.Claims)
	default:
		err = addFeeds(tx, stored, fresh.Feeds)
	}
	if err != nil {
		return err
	}
	return putSeen(tx, keys, cmp.Or(stored.ID, fresh.ID))
}

// findStored returns the stored copy of a story: the article with this ID,
// or else the first one a seen key maps to.
func findStored(tx *bolt.Tx, id string, keys []string) (model.Article, bool, error) {
	if a, ok, err := getArticle(tx, id); ok || err != nil {
		return a, ok, err
	}
	if other, ok := lookupSeen(tx, keys); ok {
		return getArticle(tx, other)
	}
	return model.Article{}, false, nil
}

// supersedes reports whether a newly processed copy replaces the stored one.
// A copy under the same ID is a reprocessing and wins; a copy from another
// feed wins only by repairing a failed one. A failed copy never replaces a
// good one, so a transient fetch error cannot wipe claims.
func supersedes(stored, fresh model.Article) bool {
	if stored.Error == "" && fresh.Error != "" {
		return false
	}
	return stored.ID == fresh.ID || stored.Error != ""
}

// mergeFeeds returns the feeds of both lists, each once, stored ones first.
func mergeFeeds(stored, fresh []string) []string {
	merged := slices.Clip(stored)
	for _, f := range fresh {
		if !slices.Contains(merged, f) {
			merged = append(merged, f)
		}
	}
	return merged
}

// addFeeds records that more feeds carried a stored article, writing only
// when one is new.
func addFeeds(tx *bolt.Tx, stored model.Article, feeds []string) error {
	merged := mergeFeeds(stored.Feeds, feeds)
	if len(merged) == len(stored.Feeds) {
		return nil
	}
	stored.Feeds = merged
	if err := unindexArticle(tx, stored.ID); err != nil {
		return err
	}
	if err := putJSON(tx.Bucket(articlesBucket), []byte(stored.ID), stored); err != nil {
		return err
	}
	return reindexArticle(tx, stored.ID)
}

// linkFeeds adds feeds to a stored article and maps keys to it.
func linkFeeds(tx *bolt.Tx, a model.Article, keys []string) error {
	stored, ok, err := getArticle(tx, a.ID)
	if !ok || err != nil {
		return err
	}
	if err := addFeeds(tx, stored, a.Feeds); err != nil {
		return err
	}
	return putSeen(tx, keys, stored.ID)
}

// replaceArticle overwrites a stored article whose sort time may have
// changed, so its old index entry goes first.
func replaceArticle(tx *bolt.Tx, stored, fresh model.Article, claims []model.Claim) error {
	if err := tx.Bucket(publishedBucket).Delete(publishedKey(stored)); err != nil {
		return fmt.Errorf("unindex: %w", err)
	}
	return saveArticle(tx, fresh, claims)
}

// saveArticle writes an article, its index entry and its claims (replacing
// any it had).
func saveArticle(tx *bolt.Tx, a model.Article, claims []model.Claim) error {
	if _, err := encodeClaims(a.ID, claims); err != nil {
		a.Error = joinError(a.Error, fmt.Sprintf("store: %v", err))
		claims = nil
	}
	if err := unindexArticle(tx, a.ID); err != nil {
		return err
	}
	if err := putJSON(tx.Bucket(articlesBucket), []byte(a.ID), a); err != nil {
		return err
	}
	if err := tx.Bucket(publishedBucket).Put(publishedKey(a), nil); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	return replaceClaimsOf(tx, a, claims)
}

// putSeen maps each key to the article, leaving keys that already map to
// another article alone: the first story to claim a key keeps it.
func putSeen(tx *bolt.Tx, keys []string, id string) error {
	b := tx.Bucket(seenBucket)
	for _, k := range keys {
		if !usableKey(k) || b.Get([]byte(k)) != nil {
			continue
		}
		if err := b.Put([]byte(k), []byte(id)); err != nil {
			return fmt.Errorf("seen key %q: %w", k, err)
		}
	}
	return nil
}

func joinError(old, msg string) string {
	if old == "" {
		return msg
	}
	return old + "; " + msg
}
