package store

import (
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Check verifies the file: bbolt's own page-level consistency check, then
// that the published index and the articles agree and that every claim
// belongs to a stored article. It returns every problem found, joined.
func (db *DB) Check() error {
	var errs []error
	err := db.bolt.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			errs = append(errs, err)
		}
		if len(errs) == 0 { // our checks read pages that bbolt just found bad
			errs = append(errs, checkIndex(tx)...)
			errs = append(errs, checkClaims(tx)...)
		}
		return nil
	})
	if err = errors.Join(append(errs, err)...); err != nil {
		return fmt.Errorf("store: check %s: %w", db.bolt.Path(), err)
	}
	return nil
}

// checkIndex reports index entries without an article and articles missing
// from the index (every article has exactly one entry).
func checkIndex(tx *bolt.Tx) []error {
	var errs []error
	articles := tx.Bucket(articlesBucket)
	n := 0
	_ = tx.Bucket(publishedBucket).ForEach(func(k, _ []byte) error {
		n++
		if len(k) <= timeLen || articles.Get(k[timeLen:]) == nil {
			errs = append(errs, fmt.Errorf("index entry %x: no such article", k))
		}
		return nil
	})
	if have := articles.Stats().KeyN; have != n {
		errs = append(errs, fmt.Errorf("%d articles but %d index entries", have, n))
	}
	return errs
}

// checkClaims reports claims whose article is not stored.
func checkClaims(tx *bolt.Tx) []error {
	var errs []error
	articles := tx.Bucket(articlesBucket)
	_ = tx.Bucket(claimsBucket).ForEach(func(k, _ []byte) error {
		if len(k) <= seqLen || articles.Get(k[:len(k)-seqLen]) == nil {
			errs = append(errs, fmt.Errorf("claim %x: no such article", k))
		}
		return nil
	})
	return errs
}
