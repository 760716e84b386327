package store

import (
	"bytes"

	bolt "go.etcd.io/bbolt"
)

// pageSize is how many index entries (articles) one read transaction of
// scanPublished covers at most, and pageItems how many items it loads at
// most (it stops after the article that reaches it): read transactions stay
// short, so readers never keep the writer waiting long.
const (
	pageSize  = 256
	pageItems = 512
)

// scanPublished walks the published index from since onwards, at most
// maxItems items (and pageSize articles) a read transaction. For each
// article, load appends its items to the page inside a read transaction;
// emit then gets them after the transaction has ended, one page of articles
// at a time. The page's memory is reused from one page to the next.
//
// Paging bounds memory for exports of any size, lets emit use the database,
// and keeps read transactions short: bbolt's writer cannot grow the file's
// mmap while a read transaction is open, so one transaction for a long export
// could stall the daemon's commits. The price is that each page is its own
// snapshot: an article committed behind the scan during it is not seen.
func scanPublished[T any](db *DB, from []byte, maxItems int, load loader[T], emit func(T) error) error {
	var page []T
	for from != nil {
		err := db.view(func(tx *bolt.Tx) error {
			var err error
			page, from, err = readPage(tx, from, page[:0], maxItems, load)
			return err
		})
		if err != nil {
			return err
		}
		for _, item := range page {
			if err := emit(item); err != nil {
				return err
			}
		}
	}
	return nil
}

// loader appends the items of the article with this ID to page.
type loader[T any] func(tx *bolt.Tx, id string, page []T) ([]T, error)

// readPage loads up to pageSize articles of the index, from the key from,
// into items, and returns the key the next page starts at, nil at the end.
func readPage[T any](tx *bolt.Tx, from []byte, items []T, maxItems int, load loader[T]) ([]T, []byte, error) {
	c := tx.Bucket(publishedBucket).Cursor()
	n := 0
	for k, _ := c.Seek(from); k != nil; k, _ = c.Next() {
		if n == pageSize || len(items) >= maxItems {
			return items, bytes.Clone(k), nil // k lives in the mmap
		}
		var err error
		if items, err = load(tx, string(k[timeLen:]), items); err != nil {
			return nil, nil, err
		}
		n++
	}
	return items, nil, nil
}
