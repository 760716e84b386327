package main

import (
	"bytes"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/claimwire/claimwire"
	"github.com/claimwire/claimwire/api"
	"github.com/claimwire/claimwire/export"
	"github.com/claimwire/claimwire/store"
)

// demoData is the part of the demo site that is not in the shared wire of
// testdata/ (claimwire.Wire): the project's seed story, a real one, and a
// feed that carries it. Files say {{BASE}} where the server's URL goes.
//
//go:embed demodata
var demoData embed.FS

// demoFeeds are the feeds of the demo site, as paths on its server.
var demoFeeds = append([]string{"/feeds/asia.xml"}, claimwire.WireFeeds...)

func cmdDemo(e *env, args []string) error {
	fs := e.flags()
	db := fs.String("db", "", "keep the database at `path` (default: a temporary one, removed afterwards)")
	format := fs.String("format", "csv", "output `format`: csv or ndjson")
	quiet := fs.Bool("quiet", false, "log warnings only")
	rulesDirs := rulesFlag(fs)
	pos, err := e.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErr("unexpected argument %q", pos[0])
	}
	if !export.Format(*format).Valid() {
		return usageErr("--format %q: want csv or ndjson", *format)
	}
	dbPath, cleanup, err := demoDB(*db)
	if err != nil {
		return err
	}
	defer cleanup()
	return e.demo(dbPath, export.Format(*format), *rulesDirs, *quiet)
}

// demo serves the sample site on loopback, runs the daemon once over its
// feeds and exports the claims.
func (e *env) demo(dbPath string, format export.Format, rulesDirs []string, quiet bool) error {
	base, stop, err := serveDemo()
	if err != nil {
		return err
	}
	defer stop()
	listDir := filepath.Dir(dbPath)
	if store.IsURL(dbPath) { // a server: the list goes to a folder of its own
		if listDir, err = os.MkdirTemp("", "claimwire-demo-"); err != nil {
			return fmt.Errorf("temporary folder: %w", err)
		}
		defer os.RemoveAll(listDir)
	}
	listFile := filepath.Join(listDir, "demo-feeds.txt")
	if err := os.WriteFile(listFile, []byte(base+strings.Join(demoFeeds, "\n"+base)+"\n"), 0o600); err != nil {
		return fmt.Errorf("feed list: %w", err)
	}
	f := demoRunFlags(dbPath, listFile, rulesDirs)
	level := "info"
	if quiet {
		level = "warn"
	}
	log, _ := newLogger(e.stderr, "text", level)
	st, err := e.daemon(f, log)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "demo: %d feeds polled, %d articles and %d claims stored in %s\n\n", st.Polls, st.Articles, st.Claims, store.RedactURL(dbPath))
	return e.export(dbPath, export.Options{Format: format}, api.FilterArgs{}, store.Filter{}, e.stdout)
}

// demoRunFlags are the daemon's flags for the demo: one pass, no API, and
// loopback allowed since the sample site is served there.
func demoRunFlags(dbPath, listFile string, rulesDirs []string) *runFlags {
	fs := (&env{cmd: &command{name: "demo"}}).flags()
	f := addRunFlags(fs)
	_ = fs.Parse([]string{"--db", dbPath, "--feeds", listFile, "--once", "--listen", "",
		"--allow-private", "--host-delay", "0", "--per-host", "4"})
	*f.rules = rulesDirs
	return f
}

// demoDB returns the database path to use and what to do afterwards.
func demoDB(keep string) (string, func(), error) {
	if keep != "" {
		return keep, func() {}, nil
	}
	dir, err := os.MkdirTemp("", "claimwire-demo-")
	if err != nil {
		return "", nil, fmt.Errorf("temporary folder: %w", err)
	}
	return filepath.Join(dir, "demo.db"), func() { os.RemoveAll(dir) }, nil
}

// serveDemo serves demoData on a free loopback port and returns its base
// URL and the function that stops it.
func serveDemo() (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, fmt.Errorf("demo server: %w", err)
	}
	base := "http://" + ln.Addr().String()
	srv := &http.Server{Handler: demoHandler(base)}
	go func() { _ = srv.Serve(ln) }()
	return base, func() { _ = srv.Close() }, nil
}

// demoHandler serves the demo site: demoData over the shared wire.
func demoHandler(base string) http.Handler {
	own, _ := fs.Sub(demoData, "demodata")
	return siteHandler(base, layers{own, claimwire.Wire()})
}

// siteHandler serves the files of site with {{BASE}} replaced by base.
func siteHandler(base string, site fs.FS) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
		data, err := fs.ReadFile(site, name)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", demoType(name))
		_, _ = io.Copy(w, bytes.NewReader(bytes.ReplaceAll(data, []byte("{{BASE}}"), []byte(base))))
	})
}

// demoType is the Content-Type of a file of the site, by its extension.
func demoType(name string) string {
	switch path.Ext(name) {
	case ".xml", ".rss":
		return "application/rss+xml; charset=utf-8"
	case ".atom":
		return "application/atom+xml; charset=utf-8"
	case ".json":
		return "application/feed+json; charset=utf-8"
	}
	return "text/html; charset=utf-8"
}

// layers is a file system made of others: a file is read from the first
// that has it.
type layers []fs.FS

func (l layers) Open(name string) (fs.File, error) {
	for _, fsys := range l[:len(l)-1] {
		if f, err := fsys.Open(name); err == nil {
			return f, nil
		}
	}
	return l[len(l)-1].Open(name)
}
