package web_test

import (
	"context"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/api"
	"github.com/claimwire/claimwire/daemon"
	"github.com/claimwire/claimwire/extract"
	"github.com/claimwire/claimwire/feeds"
	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/rules"
	"github.com/claimwire/claimwire/store"
	"github.com/claimwire/claimwire/web"
)

// wireDB runs the daemon once over the sample wire of testdata/wire,
// served on loopback, and returns the database it filled and the pipeline.
func wireDB(t testing.TB) (*store.DB, *daemon.Pipeline) {
	t.Helper()
	site := claimwire.Wire()
	var base string
	wire := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		data, err := fs.ReadFile(site, strings.TrimPrefix(path.Clean(r.URL.Path), "/"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		switch path.Ext(r.URL.Path) {
		case ".html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		case ".json":
			w.Header().Set("Content-Type", "application/feed+json")
		default:
			w.Header().Set("Content-Type", "application/xml")
		}
		_, _ = w.Write([]byte(strings.ReplaceAll(string(data), "{{BASE}}", base)))
	}))
	t.Cleanup(wire.Close)
	base = wire.URL

	rs, err := rules.Load()
	if err != nil {
		t.Fatal(err)
	}
	opts := feeds.DefaultOptions()
	opts.AllowPrivate, opts.HostDelay, opts.PerHost = true, 0, 4
	p, err := daemon.NewPipeline(rs, opts)
	if err != nil {
		t.Fatal(err)
	}
	extract.LoadModel()
	db, err := store.Open(filepath.Join(t.TempDir(), "wire.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	var list []model.Feed
	for _, f := range claimwire.WireFeeds {
		list = append(list, model.Feed{URL: base + f})
	}
	if err := db.PutFeeds(list...); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute) // hang guard
	defer cancel()
	if _, err := daemon.New(daemon.Config{DB: db, Pipeline: p, Workers: 2, Once: true}, list).Run(ctx); err != nil {
		t.Fatal(err)
	}
	return db, p
}

// serve serves the API with the pages over db, as the daemon does.
func serve(t testing.TB, db *store.DB, p *daemon.Pipeline) *httptest.Server {
	t.Helper()
	s := &api.Server{DB: db, Pages: web.New(db).Handler(),
		Reprocess: func(ctx context.Context, id string) (int, error) { return p.Reprocess(ctx, db, id) }}
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return srv
}
