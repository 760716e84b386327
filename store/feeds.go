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
