package store

import (
	"encoding/json"
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/claimwire/claimwire/model"
)

// PutFeeds saves feeds, keyed by URL, replacing their stored state. The
// daemon saves a feed's state after committing its articles, so that a crash
// in between costs a refetch rather than a lost story.
func (db *DB) PutFeeds(feeds ...model.Feed) error {
	err := db.update(func(tx *bolt.Tx) error { return putFeeds(tx, feeds) })
	if err != nil {
		return fmt.Errorf("store: put feeds: %w", err)
	}
	return nil
}

// putFeeds writes feed states keyed by URL.
func putFeeds(tx *bolt.Tx, feeds []model.Feed) error {
	b := tx.Bucket(feedsBucket)
	for _, f := range feeds {
		if f.URL == "" {
			return errors.New("feed with no URL")
		}
		if err := putJSON(b, []byte(f.URL), f); err != nil {
			return fmt.Errorf("feed %s: %w", f.URL, err)
		}
	}
	return nil
}

// Feeds returns every stored feed, ordered by URL.
func (db *DB) Feeds() ([]model.Feed, error) {
	var feeds []model.Feed
	err := db.view(func(tx *bolt.Tx) error {
		return tx.Bucket(feedsBucket).ForEach(func(k, v []byte) error {
			var f model.Feed
			if err := json.Unmarshal(v, &f); err != nil {
				return badValue(tx, "feed "+string(k), err)
			}
			feeds = append(feeds, f)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("store: feeds: %w", err)
	}
	return feeds, nil
}

// Feed returns the stored state of one feed, or an error wrapping
// ErrNotFound.
func (db *DB) Feed(url string) (model.Feed, error) {
	var f model.Feed
	err := db.view(func(tx *bolt.Tx) error {
		v := tx.Bucket(feedsBucket).Get([]byte(url))
		if v == nil {
			return ErrNotFound
		}
		if err := json.Unmarshal(v, &f); err != nil {
			return badValue(tx, "feed "+url, err)
		}
		return nil
	})
	if err != nil {
		return model.Feed{}, fmt.Errorf("store: feed %s: %w", url, err)
	}
	return f, nil
}

// AddFeed stores a new feed and reports whether it was new: a feed
// already stored keeps its state.
func (db *DB) AddFeed(f model.Feed) (bool, error) {
	added := false
	err := db.update(func(tx *bolt.Tx) error {
		if tx.Bucket(feedsBucket).Get([]byte(f.URL)) != nil {
			return nil
		}
		added = true
		return putFeeds(tx, []model.Feed{f})
	})
	if err != nil {
		return false, fmt.Errorf("store: add feed: %w", err)
	}
	return added, nil
}

// RemoveFeed forgets a feed, or returns an error wrapping ErrNotFound.
// Its articles stay.
func (db *DB) RemoveFeed(url string) error {
	err := db.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(feedsBucket)
		if b.Get([]byte(url)) == nil {
			return ErrNotFound
		}
		return b.Delete([]byte(url))
	})
	if err != nil {
		return fmt.Errorf("store: remove feed %s: %w", url, err)
	}
	return nil
}

// FeedArticles counts the stored articles each feed carried.
func (db *DB) FeedArticles() (map[string]int, error) { return CountFeedArticles(db) }

// CountFeedArticles counts the articles each feed carried, over the
// articles of a store without their text.
func CountFeedArticles(st interface {
	ForEachArticleMeta(fn func(model.Article) error) error
}) (map[string]int, error) {
	counts := map[string]int{}
	err := st.ForEachArticleMeta(func(a model.Article) error {
		for _, f := range a.Feeds {
			counts[f]++
		}
		return nil
	})
	return counts, err
}
