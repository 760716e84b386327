package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"github.com/claimwire/claimwire/model"
)

// indexBucket holds the listing indexes: for each value a filter can name
// (a party, a kind, a feed, an outlet) the claims or articles that carry
// it, newest last, so that a listing newest first is a reverse walk of one
// key range. Keys, with nothing as value:
//
//	claim level:   field | value | 0 | timeKey | article ID | ^seq
//	article level: field | value | 0 | timeKey | article ID
//
// The sequence number is inverted so that a reverse walk meets an
// article's claims in their stored order.
var indexBucket = []byte("index")

// Index fields: one byte each.
const (
	fieldKind    byte = 'k'
	fieldAccuser byte = 'r'
	fieldAccused byte = 'd'
	fieldSpeaker byte = 's'
	fieldActor   byte = 'a'
	fieldFeed    byte = 'f' // article level
	fieldOutlet  byte = 'o' // article level
)

// maxIndexValue bounds an indexed value; longer values are cut (and so are
// the names a filter looks up), which keeps keys far below bbolt's limit.
const maxIndexValue = 256

// NormName is the form in which names are indexed and compared: lower case,
// runs of white space as one space, at most maxIndexValue bytes. Filters on
// parties match names equal in this form.
func NormName(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	s = strings.ReplaceAll(s, "\x00", "")
	if len(s) > maxIndexValue {
		n := maxIndexValue
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		s = s[:n]
	}
	return s
}

// Outlet is the outlet an article came from: the host of its canonical URL,
// or else of its URL, lower case and without "www."; "" if it has neither.
func Outlet(a model.Article) string {
	raw := a.CanonicalURL
	if raw == "" {
		raw = a.URL
	}
	u, err := url.Parse(raw)
	if err != nil || u.Hostname() == "" {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// indexPrefix is the key prefix of one field's value.
func indexPrefix(field byte, value string) []byte {
	v := NormName(value)
	p := make([]byte, 0, 2+len(v)+timeLen+model.IDLen+seqLen)
	p = append(p, field)
	p = append(p, v...)
	return append(p, 0)
}

func articleIndexKey(field byte, value string, a model.Article) []byte {
	return append(indexPrefix(field, value), publishedKey(a)...)
}

func claimIndexKey(field byte, value string, a model.Article, seq uint32) []byte {
	return binary.BigEndian.AppendUint32(articleIndexKey(field, value, a), ^seq)
}

// claimFields lists the indexed values of a claim as (field, value) pairs.
func claimFields(c model.Claim) [][2]string {
	out := [][2]string{{string(fieldKind), string(c.Kind)}}
	add := func(f byte, vals ...string) {
		for _, v := range vals {
			if NormName(v) == "" {
				continue
			}
			dup := false
			for _, o := range out {
				if o[0] == string(f) && NormName(o[1]) == NormName(v) {
					dup = true
					break
				}
			}
			if !dup {
				out = append(out, [2]string{string(f), v})
			}
		}
	}
	add(fieldAccuser, c.Accuser, c.AccuserOrg)
	add(fieldAccused, c.Accused)
	add(fieldSpeaker, c.Speaker)
	if c.Kind == model.Actor {
		add(fieldActor, c.Canonical, c.Label)
		add(fieldActor, c.Aliases...)
	}
	return out
}

// indexKeys returns every index key of an article and its claims.
func indexKeys(a model.Article, claims []model.Claim) [][]byte {
	var keys [][]byte
	for _, f := range a.Feeds {
		if NormName(f) != "" {
			keys = append(keys, articleIndexKey(fieldFeed, feedValue(f), a))
		}
	}
	if o := Outlet(a); o != "" {
		keys = append(keys, articleIndexKey(fieldOutlet, o, a))
	}
	for i, c := range claims {
		for _, fv := range claimFields(c) {
			keys = append(keys, claimIndexKey(fv[0][0], fv[1], a, uint32(i+1)))
		}
	}
	return keys
}

// feedValue is a feed URL as indexed: URLs are case-sensitive, so only
// trimmed (NormName still lowers it; a lookup lowers the same way and the
// article's feeds are checked exactly afterwards).
func feedValue(f string) string { return strings.TrimSpace(f) }

// storedIndexKeys returns the index keys of the stored article with this
// ID and its stored claims; none if it is not stored.
func storedIndexKeys(tx *bolt.Tx, id string) ([][]byte, error) {
	a, ok, err := getArticleMeta(tx, id)
	if !ok || err != nil {
		return nil, err
	}
	var claims []model.Claim
	var bad error
	prefix := claimPrefix(id)
	c := tx.Bucket(claimsBucket).Cursor()
	for k, v := c.Seek(prefix); bytes.HasPrefix(k, prefix); k, v = c.Next() {
		var cl model.Claim
		if err := json.Unmarshal(v, &cl); err != nil {
			bad = badValue(tx, fmt.Sprintf("claim %x", k), err)
			break
		}
		seq := binary.BigEndian.Uint32(k[len(prefix):])
		for uint32(len(claims)) < seq-1 { // keep positions if a sequence is missing
			claims = append(claims, model.Claim{})
		}
		claims = append(claims, cl)
	}
	if bad != nil {
		return nil, bad
	}
	return indexKeys(a, claims), nil
}

// unindexArticle removes the index entries of the stored article with this
// ID; reindexArticle adds those of what is stored now. Every write to an
// article or its claims is wrapped in the two, in one transaction.
func unindexArticle(tx *bolt.Tx, id string) error {
	keys, err := storedIndexKeys(tx, id)
	if err != nil {
		return fmt.Errorf("unindex: %w", err)
	}
	b := tx.Bucket(indexBucket)
	for _, k := range keys {
		if err := b.Delete(k); err != nil {
			return fmt.Errorf("unindex: %w", err)
		}
	}
	return nil
}

func reindexArticle(tx *bolt.Tx, id string) error {
	keys, err := storedIndexKeys(tx, id)
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	b := tx.Bucket(indexBucket)
	for _, k := range keys {
		if len(k) > bolt.MaxKeySize {
			continue
		}
		if err := b.Put(k, nil); err != nil {
			return fmt.Errorf("index: %w", err)
		}
	}
	return nil
}

// buildIndex is migration 2: it creates the index bucket and indexes every
// stored article.
func buildIndex(tx *bolt.Tx) error {
	if _, err := tx.CreateBucketIfNotExists(indexBucket); err != nil {
		return fmt.Errorf("create bucket %s: %w", indexBucket, err)
	}
	var ids []string
	err := tx.Bucket(articlesBucket).ForEach(func(k, _ []byte) error {
		ids = append(ids, string(k))
		return nil
	})
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := reindexArticle(tx, id); err != nil {
			return fmt.Errorf("article %s: %w", id, err)
		}
	}
	return nil
}

// checkListingIndex reports index entries that the stored articles and
// claims do not imply, and implied entries that are missing.
func checkListingIndex(tx *bolt.Tx) []error {
	want := map[string]bool{}
	var errs []error
	_ = tx.Bucket(articlesBucket).ForEach(func(k, _ []byte) error {
		keys, err := storedIndexKeys(tx, string(k))
		if err != nil {
			errs = append(errs, err)
		}
		for _, key := range keys {
			want[string(key)] = true
		}
		return nil
	})
	have := 0
	_ = tx.Bucket(indexBucket).ForEach(func(k, _ []byte) error {
		have++
		if !want[string(k)] {
			errs = append(errs, fmt.Errorf("index entry %q: not implied by what is stored", k))
		}
		return nil
	})
	if have != len(want) {
		errs = append(errs, fmt.Errorf("%d index entries, %d implied by what is stored", have, len(want)))
	}
	return errs
}
