package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/claimwire/claimwire/export"
	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/store"
)

// Server serves the API of a daemon over its open database.
type Server struct {
	DB store.Store
	// Reprocess extracts a stored article's claims again and returns how
	// many it now has.
	Reprocess func(ctx context.Context, id string) (int, error)
	Metrics   http.Handler // GET /metrics; nil serves 404
	Log       *slog.Logger // nil discards
	Now       func() time.Time
	// Listen is the address the API listens on; requests must name it, a
	// loopback address or localhost in their Host header, or one of
	// AllowHosts.
	Listen     string
	AllowHosts []string
	// Pages, if set, serves every path outside /api/, /healthz and
	// /metrics (the web interface), behind the same Host and Origin guard.
	Pages http.Handler
}

// Default and largest number of claims GET /api/claims returns in one
// page: the CSV and NDJSON endpoints stream any number.
const (
	defaultLimit = 100
	maxLimit     = 10000
)

// Handler routes the API's endpoints. Every error it answers is JSON,
// those of unknown paths and wrong methods included.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	route := func(method, path string, h http.HandlerFunc) {
		mux.HandleFunc(method+" "+path, h)
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Allow", method)
			writeError(w, http.StatusMethodNotAllowed, fmt.Errorf("%s %s: want %s", r.Method, r.URL.Path, method))
		})
	}
	route(http.MethodGet, "/healthz", s.noQuery(func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "ok\n") }))
	if s.Metrics != nil {
		route(http.MethodGet, "/metrics", s.noQuery(s.Metrics.ServeHTTP))
	}
	// pages of claims and articles take turns, however many readers
	// come, so that they leave the daemon's workers most of the CPU
	turns := make(chan struct{}, runtime.GOMAXPROCS(0))
	route(http.MethodGet, "/api/claims", takeTurns(turns, s.claims))
	route(http.MethodGet, "/api/claims.csv", s.export(export.CSV))
	route(http.MethodGet, "/api/claims.ndjson", s.export(export.NDJSON))
	route(http.MethodGet, "/api/claims.stix", s.export(export.STIX))
	route(http.MethodGet, "/api/articles", takeTurns(turns, s.noQuery(s.articles)))
	route(http.MethodGet, "/api/articles/{ref}", s.noQuery(s.article))
	route(http.MethodPost, "/api/reprocess/{ref}", s.noQuery(s.reprocess))
	route(http.MethodGet, "/api/feeds", s.noQuery(s.feeds))
	route(http.MethodPost, "/api/feeds/add", s.addFeed)
	route(http.MethodPost, "/api/feeds/remove", s.removeFeed)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if s.Pages != nil && !strings.HasPrefix(r.URL.Path, "/api/") {
			s.Pages.ServeHTTP(w, r)
			return
		}
		writeError(w, http.StatusNotFound, fmt.Errorf("no endpoint %s", clip(r.URL.Path)))
	})
	return s.guard(mux)
}

// takeTurns runs h once a turn is free; a request whose client gives up
// while it waits is dropped.
func takeTurns(turns chan struct{}, h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		select {
		case turns <- struct{}{}:
			defer func() { <-turns }()
			h(w, r)
		case <-r.Context().Done():
		}
	}
}

// noQuery refuses parameters on endpoints that take none.
func (s *Server) noQuery(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if _, err := readQuery(r.URL.RawQuery); err != nil {
			writeError(w, http.StatusBadRequest, err)
			return
		}
		h(w, r)
	}
}

// NewHTTPServer wraps a handler with the timeouts a loopback API needs:
// no client may hold a connection open without sending its request.
func NewHTTPServer(h http.Handler) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second, IdleTimeout: time.Minute}
}

func (s *Server) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Server) log() *slog.Logger {
	if s.Log != nil {
		return s.Log
	}
	return slog.New(slog.DiscardHandler)
}

// ClaimRow is one element of GET /api/claims.
type ClaimRow struct {
	Claim   model.Claim `json:"claim"`
	Article ArticleInfo `json:"article"`
}

// ArticleInfo is an article without its text.
type ArticleInfo struct {
	ID           string    `json:"id"`
	URL          string    `json:"url,omitempty"`
	CanonicalURL string    `json:"canonical_url,omitempty"`
	Title        string    `json:"title,omitempty"`
	Feeds        []string  `json:"feeds,omitempty"`
	Published    time.Time `json:"published,omitzero"`
	Fetched      time.Time `json:"fetched,omitzero"`
	Error        string    `json:"error,omitempty"`
}

func infoOf(a model.Article) ArticleInfo {
	return ArticleInfo{ID: a.ID, URL: a.URL, CanonicalURL: a.CanonicalURL, Title: a.Title,
		Feeds: a.Feeds, Published: a.Published, Fetched: a.Fetched, Error: a.Error}
}

// errNoGroups answers a request for groups of a database that keeps none.
var errNoGroups = errors.New("this database keeps no groups of claims: they are kept in a database file")

// errLimit stops a scan once a response holds enough.
var errLimit = errors.New("limit reached")

// claimsQuery is a GET /api/claims request.
type claimsQuery struct {
	filter store.Filter
	limit  int
	groups bool // list groups of claims instead
}

func (s *Server) parseClaimsQuery(raw string) (claimsQuery, error) {
	q, err := readQuery(raw, append(slices.Clone(ClaimParams), "groups")...)
	if err == nil {
		err = checkParties(q)
	}
	if err != nil {
		return claimsQuery{}, err
	}
	var cq claimsQuery
	if cq.filter, err = ParseClaimFilter(q, s.now()); err != nil {
		return cq, err
	}
	if cq.groups, err = flagValue(q, "groups"); err != nil {
		return cq, err
	}
	cq.limit, err = parseLimit(q.Get("limit"))
	cq.filter.Max = cq.limit
	return cq, err
}

// claims answers a page of claims, newest first: {"claims": [...],
// "next": ID}, where next, present when more claims may follow, is the
// after parameter of the next page. "partial": true says the page stopped
// at the store's bound on claims examined (store.MaxExamined) before it
// filled up, which only filters no index serves (free text) can cause:
// next continues the search.
func (s *Server) claims(w http.ResponseWriter, r *http.Request) {
	cq, err := s.parseClaimsQuery(r.URL.RawQuery)
	if err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	if cq.groups {
		s.groups(w, cq)
		return
	}
	pg, err := store.PageOf(s.DB, cq.filter, cq.limit)
	switch {
	case errors.Is(err, store.ErrNotFound):
		writeError(w, http.StatusBadRequest, err) // an after that names no claim
		return
	case err != nil:
		writeError(w, statusOf(err), err)
		return
	}
	out := newRowWriter(w, "claims")
	for _, row := range pg.Rows {
		if err := out.row(ClaimRow{Claim: row.Claim, Article: infoOf(row.Article)}); err != nil {
			return // the client went away
		}
	}
	out.next, out.partial = pg.Next, pg.Cut
	out.close()
}

// groups streams a page of groups of claims: {"groups": [...], "next": ID}.
func (s *Server) groups(w http.ResponseWriter, cq claimsQuery) {
	gr, ok := s.DB.(store.Grouper)
	if !ok {
		writeError(w, http.StatusNotImplemented, errNoGroups)
		return
	}
	out := newRowWriter(w, "groups")
	err := gr.ForEachGroup(cq.filter, func(g model.Group) error {
		if out.rows == cq.limit {
			out.next = out.last
			return errLimit
		}
		out.last = g.ID
		return out.row(g)
	})
	s.finish(w, out, err)
}

// finish ends a page of rows, or answers the error that stopped it.
func (s *Server) finish(w http.ResponseWriter, out *rowWriter, err error) {
	switch {
	case errors.Is(err, store.ErrNotFound) && out.rows == 0:
		writeError(w, http.StatusBadRequest, err) // an after that names no claim
	case err != nil && !errors.Is(err, errLimit):
		s.fail(w, out.started, err)
	default:
		out.close()
	}
}

// rowWriter streams {"<list>": [rows...], "next": ...}.
type rowWriter struct {
	w          http.ResponseWriter
	enc        *json.Encoder
	list       string // "claims" or "groups"
	rows       int
	started    bool
	last, next string
	partial    bool
}

func newRowWriter(w http.ResponseWriter, list string) *rowWriter {
	return &rowWriter{w: w, enc: json.NewEncoder(w), list: list}
}

func (rw *rowWriter) row(v any) error {
	sep := ","
	if !rw.started {
		rw.w.Header().Set("Content-Type", "application/json")
		sep, rw.started = `{"`+rw.list+`":[`, true
	}
	rw.rows++
	if _, err := io.WriteString(rw.w, sep); err != nil {
		return err
	}
	return rw.enc.Encode(v)
}

func (rw *rowWriter) close() {
	if !rw.started {
		rw.w.Header().Set("Content-Type", "application/json")
		io.WriteString(rw.w, `{"`+rw.list+`":[`)
	}
	io.WriteString(rw.w, "]")
	if rw.next != "" {
		next, _ := json.Marshal(rw.next)
		fmt.Fprintf(rw.w, `,"next":%s`, next)
	}
	if rw.partial {
		io.WriteString(rw.w, `,"partial":true`)
	}
	io.WriteString(rw.w, "}\n")
}

// fail answers an error, or aborts a response already under way, so that
// the client sees a broken transfer rather than a body that looks whole.
func (s *Server) fail(w http.ResponseWriter, started bool, err error) {
	if !started {
		writeError(w, statusOf(err), err)
		return
	}
	s.log().Error("response failed", slog.Any("error", err))
	panic(http.ErrAbortHandler)
}

func parseLimit(s string) (int, error) {
	if s == "" {
		return defaultLimit, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > maxLimit {
		return 0, fmt.Errorf("limit %q: want a number from 1 to %d", clip(s), maxLimit)
	}
	return n, nil
}

// export streams claims as claimwire export writes them.
func (s *Server) export(format export.Format) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		opts, f, err := s.parseExportQuery(r.URL.RawQuery, format)
		if err != nil {
			writeError(w, http.StatusBadRequest, err)
			return
		}
		gr, grouped := s.DB.(store.Grouper)
		if opts.Groups && !grouped {
			writeError(w, http.StatusNotImplemented, errNoGroups)
			return
		}
		w.Header().Set("Content-Type", contentType(format))
		ew := export.NewWriter(w, opts)
		if opts.Groups {
			err = gr.ForEachGroup(f, ew.WriteGroup)
		} else {
			err = s.DB.ForEachClaim(f, ew.Write)
		}
		if err == nil {
			err = ew.Flush()
		}
		if err != nil {
			s.fail(w, true, err)
		}
	}
}

func (s *Server) parseExportQuery(raw string, format export.Format) (export.Options, store.Filter, error) {
	opts := export.Options{Format: format}
	names := slices.Concat(filterParams, []string{"groups"})
	if format == export.CSV {
		names = append(names, "excel", "raw")
	}
	q, err := readQuery(raw, names...)
	if err == nil {
		err = checkParties(q)
	}
	if err != nil {
		return opts, store.Filter{}, err
	}
	if opts.Excel, err = flagValue(q, "excel"); err != nil {
		return opts, store.Filter{}, err
	}
	if opts.Raw, err = flagValue(q, "raw"); err != nil {
		return opts, store.Filter{}, err
	}
	if opts.Groups, err = flagValue(q, "groups"); err != nil {
		return opts, store.Filter{}, err
	}
	f, err := filterArgsOf(q).Parse(s.now())
	return opts, f, err
}

func contentType(f export.Format) string {
	switch f {
	case export.NDJSON:
		return "application/x-ndjson; charset=utf-8"
	case export.STIX:
		return "application/stix+json;version=2.1"
	}
	return "text/csv; charset=utf-8"
}

// articles streams every article, without its text.
func (s *Server) articles(w http.ResponseWriter, _ *http.Request) {
	started := false
	enc := json.NewEncoder(w)
	err := s.DB.ForEachArticleMeta(func(a model.Article) error {
		sep := ","
		if !started {
			w.Header().Set("Content-Type", "application/json")
			sep, started = `{"articles":[`, true
		}
		if _, err := io.WriteString(w, sep); err != nil {
			return err
		}
		return enc.Encode(infoOf(a))
	})
	if err != nil {
		s.fail(w, started, err)
		return
	}
	if !started {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"articles":[`)
	}
	io.WriteString(w, "]}\n")
}

func (s *Server) article(w http.ResponseWriter, r *http.Request) {
	a, err := Resolve(s.DB, r.PathValue("ref"))
	if err != nil {
		writeError(w, statusOf(err), err)
		return
	}
	claims, err := s.DB.Claims(a.ID)
	if err != nil {
		writeError(w, statusOf(err), err)
		return
	}
	writeJSON(w, map[string]any{"article": a, "claims": nonNil(claims)})
}

// Reprocessed is the answer of POST /api/reprocess/{ref}.
type Reprocessed struct {
	ID     string `json:"id"`
	Claims int    `json:"claims"`
}

func (s *Server) reprocess(w http.ResponseWriter, r *http.Request) {
	a, err := Resolve(s.DB, r.PathValue("ref"))
	if err != nil {
		writeError(w, statusOf(err), err)
		return
	}
	n, err := s.Reprocess(r.Context(), a.ID)
	if err != nil {
		writeError(w, statusOf(err), err)
		return
	}
	writeJSON(w, Reprocessed{ID: a.ID, Claims: n})
}

// ErrUnprocessable marks an error of a request that cannot be done to this
// article (it has no text to reprocess, say): the API answers 422.
var ErrUnprocessable = errors.New("unprocessable")

func statusOf(err error) int {
	switch {
	case errors.Is(err, store.ErrNotFound):
		return http.StatusNotFound
	case errors.Is(err, ErrUnprocessable):
		return http.StatusUnprocessableEntity
	}
	return http.StatusInternalServerError
}

// nonNil makes an empty list print as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

// apiError is the body of every error response.
type apiError struct {
	Error string `json:"error"`
}

// maxErrorLen bounds an error message, whatever it quotes.
const maxErrorLen = 1024

func writeError(w http.ResponseWriter, status int, err error) {
	msg := err.Error()
	if len(msg) > maxErrorLen {
		msg = cut(msg, maxErrorLen) + "…"
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(apiError{Error: msg})
}
