// Package web is claimwire's web interface: server-rendered pages over the
// store for an analyst (claims, an article with its evidence, who accused
// whom, threat actors). Templates, the style sheet and the one small script
// are embedded; nothing is fetched from elsewhere, so it works offline.
// The pages are mounted in the API's handler (api.Server.Pages), behind
// its Host and Origin guard.
package web

import (
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/store"
)

//go:embed templates/*.html static/*
var files embed.FS

// Site serves the pages over an open database.
type Site struct {
	DB  store.Store
	Now func() time.Time // nil means time.Now
	Log *slog.Logger     // nil discards

	pages map[string]*template.Template
}

// New returns the site of a database.
func New(db store.Store) *Site {
	s := &Site{DB: db, pages: map[string]*template.Template{}}
	for _, name := range []string{"claims", "article", "accusations", "actors", "error"} {
		s.pages[name] = template.Must(template.New("layout.html").Funcs(funcs).ParseFS(files, "templates/layout.html", "templates/"+name+".html"))
	}
	return s
}

var funcs = template.FuncMap{
	"date": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format("2006-01-02")
	},
	"datetime": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format("2006-01-02 15:04 UTC")
	},
	"join": strings.Join,
}

// Handler routes the pages and the static files.
func (s *Site) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/claims", http.StatusFound)
	})
	mux.HandleFunc("GET /claims", s.claims)
	mux.HandleFunc("GET /articles/{id}", s.article)
	mux.HandleFunc("GET /accusations", s.accusations)
	mux.HandleFunc("GET /actors", s.actors)
	static, _ := fs.Sub(files, "static")
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, http.StatusNotFound, fmt.Errorf("no page %s", clip(r.URL.Path)))
	})
	return headers(mux)
}

// headers adds what every page sends: a content security policy that
// allows only this site's own script and style, and no framing.
func headers(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'")
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("Referrer-Policy", "no-referrer")
		h.ServeHTTP(w, r)
	})
}

func (s *Site) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// page is what every template gets besides its own data.
type page struct {
	Title string
	Nav   string // the menu entry to mark
	Data  any
}

func (s *Site) render(w http.ResponseWriter, status int, name string, p page) {
	var b strings.Builder
	if err := s.pages[name].Execute(&b, p); err != nil {
		s.log().Error("render", slog.String("page", name), slog.Any("error", err))
		http.Error(w, "page failed to render", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(b.String()))
}

func (s *Site) fail(w http.ResponseWriter, status int, err error) {
	s.render(w, status, "error", page{Title: http.StatusText(status), Data: err.Error()})
}

func (s *Site) log() *slog.Logger {
	if s.Log != nil {
		return s.Log
	}
	return slog.New(slog.DiscardHandler)
}

func statusOf(err error) int {
	if errors.Is(err, store.ErrNotFound) {
		return http.StatusNotFound
	}
	return http.StatusInternalServerError
}

// clip shortens what a page repeats of its request.
func clip(s string) string {
	if len(s) <= 80 {
		return s
	}
	n := 80
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}

// summary is a claim in one line: who did what.
func summary(c model.Claim) string {
	switch c.Kind {
	case model.Accusation:
		s := accuserOf(c) + " → " + c.Accused
		if c.Allegation != "" {
			s += ": " + c.Allegation
		}
		return s
	case model.Actor:
		s := c.Label
		if c.Canonical != "" && !strings.EqualFold(c.Canonical, c.Label) {
			s += " (" + c.Canonical + ")"
		}
		if c.Sponsor != "" {
			s += ", sponsor " + c.Sponsor
		}
		return s
	case model.Quote:
		return c.Speaker + ": “" + c.Quote + "”"
	case model.Denial:
		s := c.Denier + " denies"
		if c.Denied != "" {
			s += ": " + c.Denied
		}
		return s
	case model.Number:
		if c.Text != "" {
			return c.Text
		}
		return strings.TrimSpace(fmt.Sprintf("%g %s", c.Value, c.Unit))
	}
	return c.Sentence
}

// accuserOf is the accuser a claim names, else the organisation it speaks
// for.
func accuserOf(c model.Claim) string {
	if c.Accuser != "" {
		return c.Accuser
	}
	return c.AccuserOrg
}

// articleLink is the page of a claim's article, at the claim.
func articleLink(c model.Claim) string {
	_, seq, _ := strings.Cut(c.ID, "-")
	return "/articles/" + url.PathEscape(c.ArticleID) + "#c-" + strings.TrimLeft(seq, "0")
}

// title is what a link to an article says: its title, else its URL.
func title(a model.Article) string {
	if a.Title != "" {
		return a.Title
	}
	if a.CanonicalURL != "" {
		return a.CanonicalURL
	}
	if a.URL != "" {
		return a.URL
	}
	return a.ID
}
