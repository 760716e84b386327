package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/claimwire/claimwire/export"
	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/store"
)

// Server serves the API of a daemon over its open database.
type Server struct {
	DB *store.DB
	// Reprocess extracts a stored article's claims again and returns how
	// many it now has.
	Reprocess func(ctx context.Context, id string) (int, error)
	Metrics   http.Handler // GET /metrics; nil serves 404
	Log       *slog.Logger // nil discards
	Now       func() time.Time
}

// Default and largest number of claims GET /api/claims returns: the CSV
// and NDJSON endpoints stream any number.
const (
	defaultLimit = 1000
	maxLimit     = 100000
)

// Handler routes the API's endpoints.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "ok\n") })
	if s.Metrics != nil {
		mux.Handle("GET /metrics", s.Metrics)
	}
	mux.HandleFunc("GET /api/claims", s.claims)
	mux.HandleFunc("GET /api/claims.csv", s.export(export.CSV))
	mux.HandleFunc("GET /api/claims.ndjson", s.export(export.NDJSON))
	mux.HandleFunc("GET /api/articles", s.articles)
	mux.HandleFunc("GET /api/articles/{ref}", s.article)
	mux.HandleFunc("POST /api/reprocess/{ref}", s.reprocess)
	mux.HandleFunc("GET /api/feeds", s.feeds)
	return mux
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

// errLimit stops a scan once a response holds enough.
var errLimit = errors.New("limit reached")

func (s *Server) claims(w http.ResponseWriter, r *http.Request) {
	f, err := filterArgsOf(r.URL.Query()).Parse(s.now())
	if err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	limit, err := parseLimit(r.URL.Query().Get("limit"))
	if err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	var rows []ClaimRow
	err = s.DB.ForEachClaim(f, func(c model.Claim, a model.Article) error {
		if len(rows) == limit {
			return errLimit
		}
		rows = append(rows, ClaimRow{Claim: c, Article: infoOf(a)})
		return nil
	})
	if err != nil && !errors.Is(err, errLimit) {
		writeError(w, http.StatusInternalServerError, err)
		return
	}
	writeJSON(w, map[string]any{"claims": nonNil(rows)})
}

func parseLimit(s string) (int, error) {
	if s == "" {
		return defaultLimit, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > maxLimit {
		return 0, fmt.Errorf("limit %q: want a number from 1 to %d", s, maxLimit)
	}
	return n, nil
}

// export streams claims as claimwire export writes them. An error once
// the body has started aborts the response, so that the client sees a
// truncated transfer rather than a file that looks complete.
func (s *Server) export(format export.Format) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		f, err := filterArgsOf(q).Parse(s.now())
		if err != nil {
			writeError(w, http.StatusBadRequest, err)
			return
		}
		w.Header().Set("Content-Type", contentType(format))
		ew := export.NewWriter(w, export.Options{Format: format, Excel: q.Get("excel") == "1", Raw: q.Get("raw") == "1"})
		err = s.DB.ForEachClaim(f, ew.Write)
		if err == nil {
			err = ew.Flush()
		}
		if err != nil {
			s.log().Error("export failed", slog.Any("error", err))
			panic(http.ErrAbortHandler)
		}
	}
}

func contentType(f export.Format) string {
	if f == export.NDJSON {
		return "application/x-ndjson; charset=utf-8"
	}
	return "text/csv; charset=utf-8"
}

func (s *Server) articles(w http.ResponseWriter, _ *http.Request) {
	var list []ArticleInfo
	err := s.DB.ForEachArticle(func(a model.Article) error {
		list = append(list, infoOf(a))
		return nil
	})
	if err != nil {
		writeError(w, http.StatusInternalServerError, err)
		return
	}
	writeJSON(w, map[string]any{"articles": nonNil(list)})
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

func (s *Server) feeds(w http.ResponseWriter, _ *http.Request) {
	feeds, err := s.DB.Feeds()
	if err != nil {
		writeError(w, http.StatusInternalServerError, err)
		return
	}
	writeJSON(w, map[string]any{"feeds": nonNil(feeds)})
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

func writeError(w http.ResponseWriter, status int, err error) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(apiError{Error: err.Error()})
}
