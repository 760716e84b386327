package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/claimwire/claimwire/model"
)

// Claims returns an article's claims in the order they were stored, or an
// error wrapping ErrNotFound if there is no such article.
func (db *DB) Claims(articleID string) ([]model.Claim, error) {
	var claims []model.Claim
	err := db.view(func(tx *bolt.Tx) error {
		if tx.Bucket(articlesBucket).Get([]byte(articleID)) == nil {
			return ErrNotFound
		}
		return eachClaim(tx, articleID, func(c model.Claim) { claims = append(claims, c) })
	})
	if err != nil {
		return nil, fmt.Errorf("store: claims of %s: %w", articleID, err)
	}
	return claims, nil
}

// ReplaceClaims swaps an article's claims for new ones (after the rules
// changed, say) in one transaction: if anything fails, the old claims stay.
func (db *DB) ReplaceClaims(articleID string, claims []model.Claim) error {
	err := db.update(func(tx *bolt.Tx) error { return replaceStored(tx, articleID, claims) })
	if err != nil {
		return fmt.Errorf("store: replace claims of %s: %w", articleID, err)
	}
	return nil
}

// ArticleClaims is one article's new claims, for ReplaceClaimsMany.
type ArticleClaims struct {
	ArticleID string
	Claims    []model.Claim
}

// ReplaceClaimsMany is ReplaceClaims for several articles in one
// transaction, which costs one write to disk instead of one each: either
// every article's claims are replaced or, on error, none.
func (db *DB) ReplaceClaimsMany(batch []ArticleClaims) error {
	err := db.update(func(tx *bolt.Tx) error {
		for _, ac := range batch {
			if err := replaceStored(tx, ac.ArticleID, ac.Claims); err != nil {
				return fmt.Errorf("%s: %w", ac.ArticleID, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: replace claims: %w", err)
	}
	return nil
}

// replaceStored replaces the claims of the stored article with this ID, or
// returns ErrNotFound.
func replaceStored(tx *bolt.Tx, articleID string, claims []model.Claim) error {
	a, ok, err := getArticleMeta(tx, articleID)
	if err == nil && !ok {
		err = ErrNotFound
	}
	if err != nil {
		return err
	}
	return replaceClaimsOf(tx, a, claims)
}

// replaceClaimsOf replaces an article's claims and their groups: the
// old claims leave their groups, and the new ones join theirs (grouping
// sets their GroupID) before they are written. It deletes before it
// encodes, so that a claim which cannot be encoded fails after the old
// claims are gone: the transaction, not the order of steps, is what keeps
// them.
func replaceClaimsOf(tx *bolt.Tx, a model.Article, claims []model.Claim) error {
	freed, err := ungroupArticle(tx, a.ID)
	if err != nil {
		return fmt.Errorf("ungroup: %w", err)
	}
	b := tx.Bucket(claimsBucket)
	if err := unindexArticle(tx, a.ID); err != nil {
		return err
	}
	if err := deleteClaims(b, a.ID); err != nil {
		return err
	}
	grouped, err := groupClaims(tx, a, withIDs(a.ID, claims), freed)
	if err != nil {
		return fmt.Errorf("group: %w", err)
	}
	vals, err := encodeClaims(a.ID, grouped)
	if err != nil {
		return err
	}
	if err := putClaims(b, a.ID, vals); err != nil {
		return err
	}
	return reindexArticle(tx, a.ID)
}

// withIDs returns copies of claims with their IDs and article set.
func withIDs(articleID string, claims []model.Claim) []model.Claim {
	out := slices.Clone(claims)
	for i := range out {
		out[i].ID, out[i].ArticleID = claimID(articleID, uint32(i+1)), articleID
	}
	return out
}

// encodeClaims gives each claim its ID and article and encodes it.
func encodeClaims(articleID string, claims []model.Claim) ([][]byte, error) {
	if len(claims) > math.MaxUint32-1 {
		return nil, fmt.Errorf("%d claims: more than a 4-byte sequence holds", len(claims))
	}
	vals := make([][]byte, len(claims))
	for i, c := range claims {
		seq := uint32(i + 1)
		c.ID, c.ArticleID = claimID(articleID, seq), articleID
		v, err := json.Marshal(c)
		if err != nil {
			return nil, fmt.Errorf("encode claim %d: %w", seq, err)
		}
		vals[i] = v
	}
	return vals, nil
}

func putClaims(b *bolt.Bucket, articleID string, vals [][]byte) error {
	for i, v := range vals {
		seq := uint32(i + 1)
		if err := b.Put(claimKey(articleID, seq), v); err != nil {
			return fmt.Errorf("put claim %d: %w", seq, err)
		}
	}
	return nil
}

// deleteClaims removes every claim under the article's prefix. It seeks
// afresh after each delete because a bbolt cursor that deletes and then
// moves on can skip a key.
func deleteClaims(b *bolt.Bucket, articleID string) error {
	prefix := claimPrefix(articleID)
	c := b.Cursor()
	for k, _ := c.Seek(prefix); bytes.HasPrefix(k, prefix); k, _ = c.Seek(prefix) {
		if err := c.Delete(); err != nil {
			return fmt.Errorf("delete claim %x: %w", k, err)
		}
	}
	return nil
}

// eachClaim decodes an article's claims in order and hands each to fn.
func eachClaim(tx *bolt.Tx, articleID string, fn func(model.Claim)) error {
	return eachClaimAfter(tx, articleID, 0, fn)
}

// eachClaimAfter is eachClaim for the claims after the seq-th.
func eachClaimAfter(tx *bolt.Tx, articleID string, seq uint32, fn func(model.Claim)) error {
	prefix := claimPrefix(articleID)
	c := tx.Bucket(claimsBucket).Cursor()
	for k, v := c.Seek(claimKey(articleID, seq+1)); bytes.HasPrefix(k, prefix); k, v = c.Next() {
		var cl model.Claim
		if err := json.Unmarshal(v, &cl); err != nil {
			return badValue(tx, fmt.Sprintf("claim %x", k), err)
		}
		fn(cl)
	}
	return nil
}

// Filter selects claims for ForEachClaim and Page. Zero fields select
// everything; the fields that are set must all hold.
type Filter struct {
	// Since keeps articles published (or else fetched) at or after it.
	Since time.Time
	// Until keeps articles published (or else fetched) before it.
	Until time.Time
	// Kinds keeps claims of these kinds; empty keeps every kind.
	Kinds []model.Kind
	// Feed keeps articles that this feed URL carried.
	Feed string
	// Outlet keeps articles from this outlet (see Outlet).
	Outlet string
	// Accuser, Accused, Speaker and Actor keep claims naming this party in
	// that role, compared in NormName form. Accuser matches a claim's
	// accuser or the organisation it speaks for; Actor an actor claim's
	// label, canonical name or an alias.
	Accuser, Accused, Speaker, Actor string
	// Text keeps claims whose sentence or named fields contain it, ignoring
	// case (of ASCII letters only, when Text is ASCII).
	Text string
	// After, a claim ID, starts after that claim: the next page of a
	// listing. A claim that is not stored is an error wrapping ErrNotFound.
	After string
	// Max, if above 0, says the caller wants no more than this many
	// claims: a scan then loads no more than it needs per read
	// transaction. It is a hint; the caller stops the scan.
	Max int
}

func (f Filter) article(a model.Article) bool {
	if f.Feed != "" && !slices.Contains(a.Feeds, f.Feed) {
		return false
	}
	if f.Outlet != "" && Outlet(a) != NormName(f.Outlet) {
		return false
	}
	return f.Until.IsZero() || sortTime(a).Before(f.Until)
}

func (f Filter) claim(c model.Claim) bool {
	if len(f.Kinds) > 0 && !slices.Contains(f.Kinds, c.Kind) {
		return false
	}
	for _, p := range []struct {
		field byte
		name  string
	}{{fieldAccuser, f.Accuser}, {fieldAccused, f.Accused}, {fieldSpeaker, f.Speaker}, {fieldActor, f.Actor}} {
		if p.name != "" && !namesParty(c, p.field, NormName(p.name)) {
			return false
		}
	}
	return f.Text == "" || textMatches(c, strings.ToLower(f.Text))
}

// containsFold reports whether s contains the lower-case needle, ignoring
// the case of ASCII letters for an ASCII needle and by Unicode lower case
// for any other (Page's search of stored JSON does the same).
func containsFold(s, needle string) bool {
	if isASCII([]byte(needle)) {
		return indexFoldASCII([]byte(s), []byte(needle)) >= 0
	}
	return strings.Contains(strings.ToLower(s), needle)
}

// namesParty reports whether the claim names the party in the role field.
func namesParty(c model.Claim, field byte, name string) bool {
	for _, fv := range claimFields(c) {
		if fv[0][0] == field && NormName(fv[1]) == name {
			return true
		}
	}
	return false
}

// textMatches reports whether the lower-case needle is in the claim's
// sentence or any of its text fields.
func textMatches(c model.Claim, needle string) bool {
	for _, s := range []string{c.Sentence, c.Accuser, c.AccuserOrg, c.Accused, c.Allegation, c.Label,
		c.Canonical, c.Sponsor, c.Speaker, c.SpeakerTitle, c.Quote, c.Text, c.Unit} {
		if s != "" && containsFold(s, needle) {
			return true
		}
	}
	for _, s := range c.Aliases {
		if containsFold(s, needle) {
			return true
		}
	}
	return false
}

// claimRow is a claim with the article it came from.
type claimRow struct {
	claim   model.Claim
	article *model.Article
}

// ForEachClaim calls fn for each claim that f selects, with its article,
// articles oldest first and each article's claims in order; it stops at fn's
// first error and returns it. It seeks the published index to f.Since rather
// than scanning everything. Like ForEachArticle it reads a few hundred
// articles at a time in short read transactions and calls fn outside them,
// so memory stays bounded and fn may use the database.
//
// The articles come without their text, which no claim listing needs.
func (db *DB) ForEachClaim(f Filter, fn func(model.Claim, model.Article) error) error {
	from, afterID, afterSeq, err := db.claimsFrom(f)
	if err != nil {
		return fmt.Errorf("store: for each claim: %w", err)
	}
	load := func(tx *bolt.Tx, id string, rows []claimRow) ([]claimRow, error) {
		a, ok, err := getArticleMeta(tx, id)
		if !ok || !f.article(a) {
			return rows, err
		}
		var seq uint32
		if id == afterID {
			seq = afterSeq
		}
		err = eachClaimAfter(tx, id, seq, func(c model.Claim) {
			if f.claim(c) {
				rows = append(rows, claimRow{c, &a})
			}
		})
		return rows, err
	}
	emit := func(r claimRow) error { return fn(r.claim, *r.article) }
	items := pageItems
	if f.Max > 0 {
		items = min(items, f.Max+1) // one more says whether more follow
	}
	if err := scanPublished(db, from, items, load, emit); err != nil {
		return fmt.Errorf("store: for each claim: %w", err)
	}
	return nil
}

// claimsFrom returns the index key a claim scan starts at, and the article
// and sequence number of f.After, if set.
func (db *DB) claimsFrom(f Filter) (from []byte, id string, seq uint32, err error) {
	from = timeKey(f.Since)
	if f.After == "" {
		return from, "", 0, nil
	}
	id, seq, ok := parseClaimID(f.After)
	if !ok {
		return nil, "", 0, fmt.Errorf("after: not a claim ID: %w", ErrNotFound)
	}
	var a model.Article
	err = db.view(func(tx *bolt.Tx) error {
		a, ok, err = getArticleMeta(tx, id)
		if err == nil && !ok {
			err = fmt.Errorf("after: no claim %s: %w", f.After, ErrNotFound)
		}
		return err
	})
	if k := publishedKey(a); err == nil && bytes.Compare(k, from) > 0 {
		from = k
	}
	return from, id, seq, err
}
