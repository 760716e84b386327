package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/claimwire/claimwire/model"
)

// Row is a claim with its article, which comes without its text.
type Row struct {
	Claim   model.Claim
	Article model.Article
}

// Page is one page of a listing newest first.
type Page struct {
	Rows []Row
	// Next, when set, is the Filter.After of the next page.
	Next string
	// Cut reports that the page stopped after examining MaxExamined claims
	// without filling up: Next continues the search from where it stopped.
	// Only filters that no index serves (free text, several kinds, several
	// filters that each leave many claims) can cut a page.
	Cut bool
}

// MaxExamined bounds the claims one Page call examines, so that a page
// answers in bounded time whatever its filter: a search that few claims
// match goes on over further pages, each a bounded scan.
const MaxExamined = 20000

// examineBound is MaxExamined, lowered by tests.
var examineBound = MaxExamined

// Page lists up to limit claims that f selects, newest article first and
// each article's claims in order, in one read transaction. It walks the
// index of the filter most likely to narrow the listing (a party, then a
// feed or outlet, then a kind, else the published index), from f.Until or
// f.After back to f.Since, and checks the other filters on each claim.
func (db *DB) Page(f Filter, limit int) (Page, error) {
	if limit < 1 {
		limit = 1
	}
	var pg Page
	err := db.view(func(tx *bolt.Tx) error {
		w, err := newWalk(tx, f, limit)
		if err != nil {
			return err
		}
		pg, err = w.run()
		return err
	})
	if err != nil {
		return Page{}, fmt.Errorf("store: page: %w", err)
	}
	return pg, nil
}

// walk is one Page call.
type walk struct {
	tx         *bolt.Tx
	f          Filter
	limit      int
	claimLevel bool
	bucket     []byte
	prefix     []byte
	needle     []byte // lower-case free text, when its raw JSON can be searched
	articleOK  bool   // whether f has article filters to check
	examined   int
	page       Page
	done       bool

	cached   model.Article // the last article read
	cachedOK bool
}

func newWalk(tx *bolt.Tx, f Filter, limit int) (*walk, error) {
	w := &walk{tx: tx, f: f, limit: limit, bucket: indexBucket}
	switch {
	case f.Accuser != "":
		w.prefix, w.claimLevel = indexPrefix(fieldAccuser, f.Accuser), true
	case f.Accused != "":
		w.prefix, w.claimLevel = indexPrefix(fieldAccused, f.Accused), true
	case f.Speaker != "":
		w.prefix, w.claimLevel = indexPrefix(fieldSpeaker, f.Speaker), true
	case f.Actor != "":
		w.prefix, w.claimLevel = indexPrefix(fieldActor, f.Actor), true
	case f.Feed != "":
		w.prefix = indexPrefix(fieldFeed, feedValue(f.Feed))
	case f.Outlet != "":
		w.prefix = indexPrefix(fieldOutlet, f.Outlet)
	case len(f.Kinds) == 1:
		w.prefix, w.claimLevel = indexPrefix(fieldKind, string(f.Kinds[0])), true
	default:
		w.bucket, w.prefix = publishedBucket, nil
	}
	if f.Text != "" && !strings.ContainsAny(f.Text, "\"\\<>&\u2028\u2029") {
		w.needle = []byte(strings.ToLower(f.Text))
	}
	w.articleOK = f.Feed != "" || f.Outlet != ""
	return w, nil
}

func (w *walk) run() (Page, error) {
	c := w.tx.Bucket(w.bucket).Cursor()
	end := w.end()
	var afterID string
	var afterSeq uint32
	if w.f.After != "" {
		id, seq, ok := parseClaimID(w.f.After)
		if !ok {
			return Page{}, fmt.Errorf("after: not a claim ID: %w", ErrNotFound)
		}
		a, ok, err := getArticleMeta(w.tx, id)
		if err != nil {
			return Page{}, err
		}
		if !ok {
			return Page{}, fmt.Errorf("after: no claim %s: %w", w.f.After, ErrNotFound)
		}
		key := append(bytes.Clone(w.prefix), publishedKey(a)...)
		if w.claimLevel {
			key = binary.BigEndian.AppendUint32(key, ^seq)
		}
		if end == nil || bytes.Compare(key, end) < 0 {
			end, afterID, afterSeq = key, id, seq
		}
	}
	if afterID != "" && !w.claimLevel {
		// The rest of the article the last page ended in.
		if err := w.article(afterID, afterSeq); err != nil || w.done {
			return w.page, err
		}
	}
	low := append(bytes.Clone(w.prefix), timeKey(w.f.Since)...)
	k := seekBefore(c, end)
	for ; k != nil && bytes.HasPrefix(k, w.prefix) && bytes.Compare(k, low) >= 0; k, _ = c.Prev() {
		rest := k[len(w.prefix):]
		if len(rest) < timeLen+model.IDLen {
			continue
		}
		id := string(rest[timeLen : timeLen+model.IDLen])
		var err error
		if w.claimLevel {
			if len(rest) != timeLen+model.IDLen+seqLen {
				continue
			}
			err = w.claim(id, ^binary.BigEndian.Uint32(rest[timeLen+model.IDLen:]))
		} else {
			err = w.article(id, 0)
		}
		if err != nil || w.done {
			return w.page, err
		}
	}
	return w.page, nil
}

// end is the key the walk starts below: the upper end of the prefix's
// range, or the prefix with f.Until.
func (w *walk) end() []byte {
	if !w.f.Until.IsZero() {
		return append(bytes.Clone(w.prefix), timeKey(w.f.Until)...)
	}
	if len(w.prefix) == 0 {
		return nil
	}
	e := bytes.Clone(w.prefix)
	e[len(e)-1]++ // the prefix ends in the 0 separator
	return e
}

// seekBefore positions c at the last key below end (the last key of all if
// end is nil) and returns it.
func seekBefore(c *bolt.Cursor, end []byte) []byte {
	if end == nil {
		k, _ := c.Last()
		return k
	}
	if k, _ := c.Seek(end); k == nil {
		k, _ = c.Last()
		return k
	}
	k, _ := c.Prev()
	return k
}

// claim examines one claim from a claim-level index.
func (w *walk) claim(id string, seq uint32) error {
	w.examined++
	v := w.tx.Bucket(claimsBucket).Get(claimKey(id, seq))
	if v != nil {
		if err := w.consider(id, seq, v); err != nil {
			return err
		}
	}
	w.checkBound(id, seq)
	return nil
}

// article examines an article's claims after the seq-th.
func (w *walk) article(id string, seq uint32) error {
	w.examined++
	if w.articleOK {
		a, ok, err := w.getArticle(id)
		if err != nil || !ok || !w.f.article(a) {
			w.checkBound(id, seq)
			return err
		}
	}
	prefix := claimPrefix(id)
	last := seq
	c := w.tx.Bucket(claimsBucket).Cursor()
	for k, v := c.Seek(claimKey(id, seq+1)); bytes.HasPrefix(k, prefix); k, v = c.Next() {
		w.examined++
		last = binary.BigEndian.Uint32(k[len(prefix):])
		if err := w.consider(id, last, v); err != nil || w.done {
			return err
		}
	}
	w.checkBound(id, last)
	return nil
}

// consider adds a claim to the page if the filter keeps it, or ends the
// page if it is full.
func (w *walk) consider(id string, seq uint32, v []byte) error {
	if w.needle != nil && !containsText(v, w.needle) {
		return nil
	}
	var c model.Claim
	if err := json.Unmarshal(v, &c); err != nil {
		return badValue(w.tx, fmt.Sprintf("claim %s", claimID(id, seq)), err)
	}
	if !w.f.claim(c) {
		return nil
	}
	a, ok, err := w.getArticle(id)
	if err != nil || !ok || !w.f.article(a) {
		return err
	}
	if len(w.page.Rows) == w.limit {
		w.page.Next, w.done = w.page.Rows[len(w.page.Rows)-1].Claim.ID, true
		return nil
	}
	w.page.Rows = append(w.page.Rows, Row{Claim: c, Article: a})
	return nil
}

// checkBound ends the page once it has examined MaxExamined claims,
// continuing after the claim at (id, seq).
func (w *walk) checkBound(id string, seq uint32) {
	if !w.done && w.examined >= examineBound {
		w.page.Next, w.page.Cut, w.done = claimID(id, seq), true, true
	}
}

func (w *walk) getArticle(id string) (model.Article, bool, error) {
	if w.cachedOK && w.cached.ID == id {
		return w.cached, true, nil
	}
	a, ok, err := getArticleMeta(w.tx, id)
	w.cached, w.cachedOK = a, ok && err == nil
	return a, ok, err
}

// containsText reports whether the lower-case needle is in b, ignoring
// case as textMatches does: ASCII letters folded in place for an ASCII
// needle, Unicode lower case for any other.
func containsText(b, needle []byte) bool {
	if !isASCII(needle) {
		return bytes.Contains(bytes.ToLower(b), needle)
	}
	return indexFoldASCII(b, needle) >= 0
}

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// indexFoldASCII returns the index of the lower-case ASCII needle in b,
// ASCII letters of b compared without case; -1 if it is not there.
func indexFoldASCII(b, needle []byte) int {
	if len(needle) == 0 {
		return 0
	}
	lo, up := needle[0], needle[0]
	if 'a' <= lo && lo <= 'z' {
		up = lo - ('a' - 'A')
	}
	for i := 0; i+len(needle) <= len(b); i++ {
		j := bytes.IndexByte(b[i:], lo)
		if up != lo {
			if k := bytes.IndexByte(b[i:], up); k >= 0 && (j < 0 || k < j) {
				j = k
			}
		}
		if j < 0 {
			return -1
		}
		i += j
		if i+len(needle) > len(b) {
			return -1
		}
		if equalFoldASCII(b[i:i+len(needle)], needle) {
			return i
		}
	}
	return -1
}

func equalFoldASCII(b, lower []byte) bool {
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}
