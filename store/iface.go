package store

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/claimwire/claimwire/model"
)

// Store is what the commands, the daemon and the API need of a database.
// *DB (one bbolt file) implements it, and so does package store/pgstore
// (PostgreSQL, shared by several daemons). Errors wrap ErrNotFound where
// the methods of *DB say so.
type Store interface {
	Seen(keys ...string) (id string, ok bool, err error)
	Article(id string) (model.Article, error)
	ArticleByURL(url string) (model.Article, error)
	CountArticles() (int, error)
	ForEachArticle(fn func(model.Article) error) error
	ForEachArticleMeta(fn func(model.Article) error) error
	Claims(articleID string) ([]model.Claim, error)
	ReplaceClaims(articleID string, claims []model.Claim) error
	// ReplaceClaimsMany replaces the claims of several articles in one
	// transaction: all of them, or on error none.
	ReplaceClaimsMany(batch []ArticleClaims) error
	ForEachClaim(f Filter, fn func(model.Claim, model.Article) error) error
	Commit(entries []Entry, feeds ...model.Feed) error
	PutFeeds(feeds ...model.Feed) error
	// AddFeed stores a feed not stored yet, reporting whether it did.
	AddFeed(f model.Feed) (bool, error)
	// RemoveFeed forgets a feed (its articles stay), or returns an error
	// wrapping ErrNotFound.
	RemoveFeed(url string) error
	// FeedArticles counts the stored articles each feed carried.
	FeedArticles() (map[string]int, error)
	Feeds() ([]model.Feed, error)
	Feed(url string) (model.Feed, error)
	// Name names the database in messages: a file path, or a server
	// address without its password.
	Name() string
	Close() error
}

// Pager is a Store that lists claims newest first a page at a time
// through its own indexes (a database file); PageOf pages any Store.
type Pager interface {
	Page(f Filter, limit int) (Page, error)
}

// Grouper is a Store that groups claims across articles as it stores them
// (a database file).
type Grouper interface {
	ForEachGroup(f Filter, fn func(model.Group) error) error
}

// PageOf lists a page of claims of st: through its indexes when it has
// them, else the first limit claims ForEachClaim gives after f.After.
func PageOf(st Store, f Filter, limit int) (Page, error) {
	if p, ok := st.(Pager); ok {
		return p.Page(f, limit)
	}
	limit = max(limit, 1)
	var pg Page
	errFull := errors.New("page full")
	err := st.ForEachClaim(f, func(c model.Claim, a model.Article) error {
		if len(pg.Rows) == limit {
			pg.Next = pg.Rows[limit-1].Claim.ID
			return errFull
		}
		pg.Rows = append(pg.Rows, Row{Claim: c, Article: a})
		return nil
	})
	if err != nil && !errors.Is(err, errFull) {
		return Page{}, err
	}
	return pg, nil
}

// FeedLeaser is a Store shared by several daemons: each daemon takes due
// feeds by lease, so that one feed is polled by one daemon at a time and a
// dead daemon's feeds are taken by another when its leases expire.
// Committing a feed's state (Commit or PutFeeds) ends its lease.
type FeedLeaser interface {
	// LeaseFeeds leases to owner, for the duration lease, up to limit
	// feeds that are due by dueBy and not leased by another daemon (or
	// whose lease has expired). Feeds never polled are due.
	LeaseFeeds(ctx context.Context, owner string, dueBy time.Time, lease time.Duration, limit int) ([]model.Feed, error)
	// PendingFeeds counts the feeds due by dueBy, leased or not.
	PendingFeeds(ctx context.Context, dueBy time.Time) (int, error)
	// RenewLeases extends by lease, from now, owner's leases of these
	// feeds (those it still holds), while their polls go on.
	RenewLeases(ctx context.Context, owner string, urls []string, lease time.Duration) error
}

// Name returns the database file's path.
func (db *DB) Name() string { return db.Path() }

var _ Store = (*DB)(nil)

// Opener opens a database that is not a file, given its address.
type Opener func(ctx context.Context, addr string) (Store, error)

var (
	backendsMu sync.Mutex
	backends   = map[string]Opener{} // by URL scheme prefix, e.g. "postgres://"
)

// RegisterBackend makes OpenStore open addresses that start with prefix
// with open. Package pgstore registers "postgres://" and "postgresql://".
func RegisterBackend(prefix string, open Opener) {
	backendsMu.Lock()
	defer backendsMu.Unlock()
	backends[prefix] = open
}

// IsURL reports whether addr names a database server (a URL such as
// postgres://...) rather than a file.
func IsURL(addr string) bool {
	return strings.Contains(addr, "://")
}

// OpenStore opens the database at addr: a URL whose scheme a backend has
// registered (postgres://...), else a bbolt file path with opts.
func OpenStore(ctx context.Context, addr string, opts Options) (Store, error) {
	if !IsURL(addr) {
		return Open(addr, opts)
	}
	backendsMu.Lock()
	defer backendsMu.Unlock()
	for prefix, open := range backends {
		if strings.HasPrefix(addr, prefix) {
			return open(ctx, addr)
		}
	}
	scheme, _, _ := strings.Cut(addr, "://")
	return nil, fmt.Errorf("store: open %s://...: no database backend for %q (want a file path or postgres://...)", scheme, scheme)
}

// What other backends share with this one, so that they order, name and
// merge alike.

// SortKey is the key an article is ordered and filtered by: its published
// (or else fetched) time in unix nanoseconds, clamped to 1970–2262.
func SortKey(a model.Article) int64 { return timeKeyInt(sortTime(a)) }

// TimeKey is SortKey for a time, e.g. a filter's Since.
func TimeKey(t time.Time) int64 { return timeKeyInt(t) }

func timeKeyInt(t time.Time) int64 {
	k := timeKey(t)
	var n int64
	for _, b := range k[:timeLen] {
		n = n<<8 | int64(b)
	}
	return n
}

// CheckID rejects an article ID that is not model.IDLen long.
func CheckID(id string) error { return checkID(id) }

// ClaimID is the ID of the seq-th claim of an article.
func ClaimID(articleID string, seq uint32) string { return claimID(articleID, seq) }

// ParseClaimID splits a claim ID into its article ID and sequence number.
func ParseClaimID(s string) (articleID string, seq uint32, ok bool) { return parseClaimID(s) }

// Supersedes reports whether a newly processed copy of a story replaces
// the stored one (see Commit).
func Supersedes(stored, fresh model.Article) bool { return supersedes(stored, fresh) }

// MergeFeeds returns the feeds of both lists, each once, stored ones first.
func MergeFeeds(stored, fresh []string) []string { return mergeFeeds(stored, fresh) }

// JoinError appends msg to an article's error.
func JoinError(old, msg string) string { return joinError(old, msg) }

// Selects reports whether f keeps article a, and the claim c of it.
func (f Filter) Selects(a model.Article, c model.Claim) bool { return f.article(a) && f.claim(c) }

// RedactURL returns a database URL without its password, for messages;
// a file path is returned as it is.
func RedactURL(addr string) string {
	if !IsURL(addr) {
		return addr
	}
	u, err := url.Parse(addr)
	if err != nil {
		return "(a database URL that does not parse)"
	}
	return u.Redacted()
}
