package store

import (
	"encoding/binary"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/claimwire/claimwire/model"
)

// Buckets. All of them are created by the first migration at Open, so the
// rest of the package can take tx.Bucket(x) to be non-nil.
var (
	// metaBucket holds versionKey: the schema version, 8 bytes big-endian.
	metaBucket = []byte("meta")
	// feedsBucket maps a feed URL to its model.Feed JSON.
	feedsBucket = []byte("feeds")
	// articlesBucket maps an article ID to its model.Article JSON.
	articlesBucket = []byte("articles")
	// publishedBucket indexes articles by time: publishedKey → nothing.
	publishedBucket = []byte("published")
	// claimsBucket maps claimKey → model.Claim JSON; an article's claims
	// share the prefix of its ID.
	claimsBucket = []byte("claims")
	// seenBucket maps a dedup key (GUIDKey, URLKey, TextKey) → article ID.
	seenBucket = []byte("seen")
)

var versionKey = []byte("version")

// allBuckets lists the buckets the first migration creates.
var allBuckets = [][]byte{metaBucket, feedsBucket, articlesBucket, publishedBucket, claimsBucket, seenBucket}

const (
	timeLen = 8 // unix nanoseconds, big-endian
	seqLen  = 4 // claim sequence, big-endian
)

// sortTime is the time an article is ordered and filtered by: when it was
// published, or when we fetched it if the feed did not say.
func sortTime(a model.Article) time.Time {
	if a.Published.IsZero() {
		return a.Fetched
	}
	return a.Published
}

// timeKey encodes t as big-endian unix nanoseconds, so byte order is time
// order. Times outside 1970–2262 (UnixNano's range) clamp to its ends; a news
// article is never there, and the zero time must not overflow.
func timeKey(t time.Time) []byte {
	var n uint64
	switch {
	case t.Before(time.Unix(0, 0)):
		n = 0
	case t.After(time.Unix(0, math.MaxInt64)):
		n = math.MaxInt64
	default:
		n = uint64(t.UnixNano())
	}
	return binary.BigEndian.AppendUint64(make([]byte, 0, timeLen+model.IDLen), n)
}

// publishedKey is an article's key in the published index.
func publishedKey(a model.Article) []byte {
	return append(timeKey(sortTime(a)), a.ID...)
}

// claimPrefix is the key prefix shared by one article's claims. It relies on
// every article ID being model.IDLen long (checkID), so no ID is a prefix of
// another.
func claimPrefix(articleID string) []byte {
	return append(make([]byte, 0, model.IDLen+seqLen), articleID...)
}

// claimKey is the key of the seq-th claim of an article.
func claimKey(articleID string, seq uint32) []byte {
	return binary.BigEndian.AppendUint32(claimPrefix(articleID), seq)
}

// claimID is the ID a stored claim gets: its article ID and sequence number,
// e.g. "3f2a9c0d1e2b4a56-0007".
func claimID(articleID string, seq uint32) string {
	return fmt.Sprintf("%s-%04d", articleID, seq)
}

// parseClaimID splits a claim ID (claimID) into its article ID and
// sequence number.
func parseClaimID(s string) (string, uint32, bool) {
	id, num, ok := strings.Cut(s, "-")
	if !ok || checkID(id) != nil || num == "" || len(num) > 10 {
		return "", 0, false
	}
	n, err := strconv.ParseUint(num, 10, 32)
	return id, uint32(n), err == nil
}

// checkID rejects IDs that would break the fixed-width claim keys.
func checkID(id string) error {
	if len(id) != model.IDLen {
		return fmt.Errorf("article ID %q: want %d characters, have %d", id, model.IDLen, len(id))
	}
	return nil
}

// GUIDKey is the seen key of a feed item's GUID.
func GUIDKey(guid string) string { return "guid:" + guid }

// URLKey is the seen key of a story's URL (canonical or as linked).
func URLKey(url string) string { return "url:" + url }

// TextKey is the seen key of a story's text hash (model.Article.TextHash).
func TextKey(hash string) string { return "text:" + hash }

// ArticleKeys returns the seen keys that identify a: its GUID, canonical URL,
// URL and text hash, leaving out those it does not have.
func ArticleKeys(a model.Article) []string {
	var keys []string
	add := func(key func(string) string, v string) {
		if v != "" {
			keys = append(keys, key(v))
		}
	}
	add(GUIDKey, a.GUID)
	add(URLKey, a.CanonicalURL)
	add(URLKey, a.URL)
	add(TextKey, a.TextHash)
	return keys
}
