package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"

	bolt "go.etcd.io/bbolt"
)

// Check verifies the file: bbolt's own page-level consistency check, then
// that the published index and the articles agree, that every claim
// belongs to a stored article and that the listing index (index.go) holds
// what the articles and claims imply. It returns every problem found, joined.
func (db *DB) Check() error {
	var errs []error
	err := db.view(func(tx *bolt.Tx) error {
		if err := checkSize(tx, db.bolt.Path()); err != nil {
			errs = append(errs, err) // bbolt's check would fault on the missing pages
			return nil
		}
		for err := range tx.Check() {
			errs = append(errs, err)
		}
		if len(errs) == 0 { // our checks read pages that bbolt just found bad
			errs = append(errs, checkIndex(tx)...)
			errs = append(errs, checkClaims(tx)...)
			errs = append(errs, checkValues(tx)...)
		}
		if len(errs) == 0 { // the listing index is read from the values
			errs = append(errs, firstErrors(checkListingIndex(tx), 10)...)
		}
		return nil
	})
	if err = errors.Join(append(errs, err)...); err != nil {
		return fmt.Errorf("store: check %s: %w", db.bolt.Path(), err)
	}
	return nil
}

// checkSize reports a file shorter than the pages its header counts: a
// truncated file.
func checkSize(tx *bolt.Tx, path string) error {
	info, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("stat: %w", err)
	}
	if info.Size() < tx.Size() {
		return fmt.Errorf("the file has %d bytes but its pages take %d: it was truncated", info.Size(), tx.Size())
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

// checkValues reports stored values that are not JSON: bbolt checks the
// pages that hold keys, not those that hold values.
func checkValues(tx *bolt.Tx) []error {
	var errs []error
	for _, name := range [][]byte{articlesBucket, claimsBucket, feedsBucket} {
		_ = tx.Bucket(name).ForEach(func(k, v []byte) error {
			if !json.Valid(v) {
				errs = append(errs, fmt.Errorf("%s %q: the value is not JSON: overwritten", name, k))
			}
			return nil
		})
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

// firstErrors keeps the first n errors and counts the rest.
func firstErrors(errs []error, n int) []error {
	if len(errs) <= n {
		return errs
	}
	return append(errs[:n:n], fmt.Errorf("and %d more", len(errs)-n))
}
