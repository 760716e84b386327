package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"

	bolt "go.etcd.io/bbolt"

	"github.com/claimwire/claimwire/model"
)

// Salvaged counts what Repair copied.
type Salvaged struct {
	Articles, Claims, Feeds, SeenKeys int
	// Unreadable counts the buckets and articles whose reading hit a
	// damaged page: each may have lost the keys that page held.
	Unreadable int
}

// repairBatch bounds the bytes held in memory before they are written to
// the new file.
const repairBatch = 4 << 20

// Repair copies every article (with its claims), feed and dedup key that
// can be read from the damaged database at src into a new database at dst,
// which must not exist. The published index is rebuilt from the articles.
// src is opened read-only and never changed.
func Repair(src, dst string) (Salvaged, error) {
	if _, err := os.Stat(dst); !errors.Is(err, fs.ErrNotExist) {
		return Salvaged{}, fmt.Errorf("store: repair: %s exists already", dst)
	}
	in, err := openBolt(src, &bolt.Options{ReadOnly: true, Timeout: DefaultTimeout})
	if err != nil {
		return Salvaged{}, fmt.Errorf("store: repair: %w", err)
	}
	defer in.Close()
	out, err := Open(dst, Options{})
	if err != nil {
		return Salvaged{}, fmt.Errorf("store: repair: %w", err)
	}
	r := &repairer{in: in, out: out}
	err = errors.Join(r.articles(), r.feeds(), r.seen(), out.Close())
	if err != nil {
		return r.n, fmt.Errorf("store: repair %s: %w", src, err)
	}
	return r.n, nil
}

type repairer struct {
	in      *bolt.DB
	out     *DB
	n       Salvaged
	pending []salvagedArticle
	size    int
}

// salvagedArticle is an article read from the damaged file, raw, with the
// raw claims that could be read.
type salvagedArticle struct {
	a      model.Article
	raw    []byte
	claims [][2][]byte
}

// articles copies the readable articles with their readable claims.
func (r *repairer) articles() error {
	err := r.salvage(articlesBucket, nil, func(k, v []byte) error {
		var a model.Article
		if json.Unmarshal(v, &a) != nil || checkID(a.ID) != nil || a.ID != string(k) {
			r.n.Unreadable++
			return nil
		}
		s := salvagedArticle{a: a, raw: v}
		if err := r.salvage(claimsBucket, claimPrefix(a.ID), func(k, v []byte) error {
			s.claims = append(s.claims, [2][]byte{k, v})
			r.size += len(v)
			return nil
		}); err != nil {
			return err
		}
		r.pending = append(r.pending, s)
		if r.size += len(v); r.size >= repairBatch {
			return r.flush()
		}
		return nil
	})
	if err != nil {
		return err
	}
	return r.flush()
}

// flush writes the pending articles to the new file.
func (r *repairer) flush() error {
	err := r.out.update(func(tx *bolt.Tx) error {
		for _, s := range r.pending {
			if err := restoreArticle(tx, s); err != nil {
				return fmt.Errorf("article %s: %w", s.a.ID, err)
			}
		}
		return nil
	})
	for _, s := range r.pending {
		r.n.Articles++
		r.n.Claims += len(s.claims)
	}
	r.pending, r.size = r.pending[:0], 0
	return err
}

func restoreArticle(tx *bolt.Tx, s salvagedArticle) error {
	if err := tx.Bucket(articlesBucket).Put([]byte(s.a.ID), s.raw); err != nil {
		return err
	}
	if err := tx.Bucket(publishedBucket).Put(publishedKey(s.a), nil); err != nil {
		return err
	}
	for _, kv := range s.claims {
		if err := tx.Bucket(claimsBucket).Put(kv[0], kv[1]); err != nil {
			return err
		}
	}
	// groups are not salvaged: the restored claims are grouped afresh
	// (which indexes them too), unless one of them does not decode, which
	// leaves them as they are, indexed
	if err := regroupStored(tx, s.a.ID); err != nil {
		if !errors.Is(err, ErrDamaged) {
			return fmt.Errorf("group: %w", err)
		}
		if err := reindexArticle(tx, s.a.ID); err != nil {
			return err
		}
	}
	return putSeen(tx, ArticleKeys(s.a), s.a.ID)
}

// feeds copies the readable feeds.
func (r *repairer) feeds() error {
	return r.salvage(feedsBucket, nil, func(k, v []byte) error {
		var f model.Feed
		if json.Unmarshal(v, &f) != nil || f.URL != string(k) {
			r.n.Unreadable++
			return nil
		}
		r.n.Feeds++
		return r.out.PutFeeds(f)
	})
}

// seen copies the readable dedup keys that map to a copied article.
func (r *repairer) seen() error {
	var keys, ids [][]byte
	err := r.salvage(seenBucket, nil, func(k, v []byte) error {
		keys, ids = append(keys, k), append(ids, v)
		return nil
	})
	if err != nil {
		return err
	}
	return r.out.update(func(tx *bolt.Tx) error {
		for i, k := range keys {
			if tx.Bucket(articlesBucket).Get(ids[i]) == nil || tx.Bucket(seenBucket).Get(k) != nil {
				continue
			}
			if err := tx.Bucket(seenBucket).Put(k, ids[i]); err != nil {
				return err
			}
			r.n.SeenKeys++
		}
		return nil
	})
}

// salvage calls fn with a copy of every key (under prefix) and value of a
// bucket of the damaged file that can be read. bbolt panics at the first
// damaged page of a walk, so after one the walk starts again key range by
// key range (the keys' next byte), each range in its own guarded
// transaction, and a range that fails is split again, a few bytes deep: a
// damaged page costs little more than the keys it held. fn's own error
// stops the salvage.
func (r *repairer) salvage(bucket, prefix []byte, fn func(k, v []byte) error) error {
	s := &salvage{in: r.in, bucket: bucket, fn: fn}
	if s.walk(prefix) {
		return s.fnErr
	}
	r.n.Unreadable++
	if prefix == nil { // not one article's claims, whose keys differ in the last bytes only
		s.split(nil, 3)
	}
	return s.fnErr
}

// salvage is one bucket's salvage.
type salvage struct {
	in     *bolt.DB
	bucket []byte
	fn     func(k, v []byte) error
	last   []byte // the last key handed to fn
	fnErr  error
	walks  int
}

// maxWalks bounds the walks of one bucket's salvage: when a page near the
// root is damaged, every range fails alike.
const maxWalks = 4096

// walk hands fn the keys under prefix after s.last and reports whether it
// got to the end without meeting damage.
func (s *salvage) walk(prefix []byte) bool {
	s.walks++
	err := guard(s.in.Path(), func() error {
		return s.in.View(func(tx *bolt.Tx) error {
			b := tx.Bucket(s.bucket)
			if b == nil {
				return nil
			}
			c := b.Cursor()
			for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
				if s.last != nil && bytes.Compare(k, s.last) <= 0 {
					continue
				}
				s.last = bytes.Clone(k)
				if s.fnErr = s.fn(s.last, bytes.Clone(v)); s.fnErr != nil {
					return s.fnErr
				}
			}
			return nil
		})
	})
	return !errors.Is(err, ErrDamaged)
}

// split walks the ranges one byte longer than prefix that may follow
// s.last, splitting a damaged one again while depth lasts.
func (s *salvage) split(prefix []byte, depth int) {
	for i := range 256 {
		p := append(bytes.Clone(prefix), byte(i))
		if s.last != nil && bytes.Compare(p, s.last[:min(len(s.last), len(p))]) < 0 {
			continue
		}
		if s.walks >= maxWalks {
			return
		}
		if !s.walk(p) && s.fnErr == nil && depth > 1 {
			s.split(p, depth-1)
		}
		if s.fnErr != nil {
			return
		}
	}
}
