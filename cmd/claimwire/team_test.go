package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/claimwire/claimwire/daemon/daemontest"
	"github.com/claimwire/claimwire/export"
	"github.com/claimwire/claimwire/store/pgstore"
	"github.com/claimwire/claimwire/store/pgstore/pgtest"
)

// teamArgs are the flags of one of several daemons sharing a PostgreSQL
// database: one pass over the feeds stored there.
func teamArgs(dsn string, extra ...string) []string {
	return append([]string{"run", "--once", "--db", dsn, "--listen", "", "--allow-private", "--host-delay", "0",
		"--per-host", "4", "--workers", "2", "--log-format", "json", "--log-level", "debug"}, extra...)
}

// importFeeds stores the wire's feeds in the database, as a team does
// before it starts its daemons.
func importFeeds(t *testing.T, dsn string, w *daemontest.Wire) {
	t.Helper()
	list := writeFile(t, "feeds.txt", w.FeedList())
	mustRun(t, "feeds", "import", "--db", dsn, list)
}

// checkTeam checks the database the daemons shared: every article stored
// once, every feed polled and its state committed.
func checkTeam(t *testing.T, dsn string, w *daemontest.Wire) {
	t.Helper()
	db, err := pgstore.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n, err := db.CountArticles(); err != nil || n != w.Articles {
		t.Errorf("%d articles stored (%v), want each of the %d once", n, err, w.Articles)
	}
	var dups int
	if err := db.Pool().QueryRow(context.Background(), `SELECT count(*) - count(DISTINCT meta) FROM articles`).Scan(&dups); err != nil || dups != 0 {
		t.Errorf("%d articles stored twice (%v)", dups, err)
	}
	feeds, err := db.Feeds()
	if err != nil || len(feeds) != w.Feeds {
		t.Fatalf("%d feeds (%v), want %d", len(feeds), err, w.Feeds)
	}
	for _, f := range feeds {
		if f.LastFetch.IsZero() || f.LastStatus != 200 {
			t.Errorf("feed %s not polled: %+v", f.URL, f)
		}
	}
}

// Several daemons share one wire and one database: each feed is polled
// by exactly one of them, and each article stored once.
func TestTeamDaemons(t *testing.T) {
	for _, daemons := range []int{2, 3} {
		t.Run(fmt.Sprint(daemons, " daemons"), func(t *testing.T) {
			dsn := pgtest.DSN(t)
			w := (&daemontest.Wire{Articles: 120, Feeds: 12}).Start()
			defer w.Close()
			importFeeds(t, dsn, w)
			var procs []*proc
			for range daemons {
				procs = append(procs, start(t, teamArgs(dsn)...))
			}
			for i, p := range procs {
				if code := p.exit(t, 90*time.Second); code != 0 {
					t.Fatalf("daemon %d: exit %d\n%s", i, code, p.output())
				}
			}
			checkTeam(t, dsn, w)
			for f := range w.Feeds {
				if n := w.FeedHitsOf(f); n != 1 {
					t.Errorf("feed %d polled %d times, want once by one daemon", f, n)
				}
			}
		})
	}
}

// A daemon killed mid-run leaves leased feeds; the others take them when
// the leases expire and finish the pass.
func TestTeamDaemonKilled(t *testing.T) {
	dsn := pgtest.DSN(t)
	w := (&daemontest.Wire{Articles: 120, Feeds: 12, PageDelay: 20 * time.Millisecond}).Start()
	defer w.Close()
	importFeeds(t, dsn, w)
	lease := teamArgs(dsn, "--lease", "2s")
	victim := start(t, lease...)
	victim.waitLine(t, `"msg":"leased"`)
	others := []*proc{start(t, lease...), start(t, lease...)}
	victim.waitLine(t, `"msg":"committed"`)
	if err := victim.cmd.Process.Kill(); err != nil { // SIGKILL: no cleanup, leases stay
		t.Fatal(err)
	}
	<-victim.done
	for i, p := range others {
		if code := p.exit(t, 90*time.Second); code != 0 {
			t.Fatalf("daemon %d: exit %d\n%s", i, code, p.output())
		}
	}
	checkTeam(t, dsn, w)
	taken := 0
	for f := range w.Feeds {
		switch n := w.FeedHitsOf(f); {
		case n == 2:
			taken++
		case n != 1:
			t.Errorf("feed %d polled %d times, want once, or twice if the killed daemon held it", f, n)
		}
	}
	t.Logf("%d feeds of the killed daemon polled again after its leases expired", taken)
}

// The commands work on a PostgreSQL database as on a file: the daemon
// stores the same claims, export, feeds and reprocess read and write it
// directly, and check says it is for files.
func TestCommandsOnPostgres(t *testing.T) {
	dsn := pgtest.DSN(t)
	file, site := ingestDemo(t)
	mustRun(t, "run", "--once", "--db", dsn, "--feeds", demoFeedList(t, site), "--listen", "",
		"--allow-private", "--host-delay", "0", "--log-level", "warn")
	// When the article was fetched, and which feed carried a shared story
	// first (and so its feed and link as stored), depend on the run, not on
	// the store; groups of claims across articles are kept in database
	// files only.
	withoutRunFields := func(out string) [][]string {
		rows := readCSV(t, out)
		for _, col := range []string{"fetched", "feed", "url", "group_id", "answers_group"} {
			i := slices.Index(export.Columns, col)
			for _, r := range rows {
				r[i] = ""
			}
		}
		return rows
	}
	want := withoutRunFields(mustRun(t, "export", "--db", file))
	got := withoutRunFields(mustRun(t, "export", "--db", dsn))
	if len(got) != len(want) || len(want) == 0 {
		t.Errorf("export from PostgreSQL: %d rows, from the file %d", len(got), len(want))
	}
	for i := range min(len(got), len(want)) {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("export row %d from PostgreSQL:\n%q\nfrom the file:\n%q", i, got[i], want[i])
			break
		}
	}
	if got, want := firstColumn(mustRun(t, "feeds", "--db", dsn)), firstColumn(mustRun(t, "feeds", "--db", file)); got != want {
		t.Errorf("feeds:\n%s\nwant\n%s", got, want)
	}
	if got, want := mustRun(t, "reprocess", "--all", "--db", dsn), mustRun(t, "reprocess", "--all", "--db", file); got != want {
		t.Errorf("reprocess --all: %q, from the file %q", got, want)
	}
	url := site + "/news/poland-russia-rail-signalling-attack.html"
	if got, want := mustRun(t, "reprocess", "--db", dsn, url), mustRun(t, "reprocess", "--db", file, url); got != want {
		t.Errorf("reprocess %s: %q, from the file %q", url, got, want)
	}
	if r := runCLI(t, "", "check", "--db", dsn); r.code != exitUsage {
		t.Errorf("check of a server: exit %d (%s)", r.code, r.stderr)
	}
	// serve answers the pages and the API over the server's database
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	p := start(t, "serve", "--db", dsn, "--listen", addr)
	p.waitLine(t, "serving")
	for path, want := range map[string]string{"/claims": `<table class="claims"`, "/api/claims?kind=number": `"kind":"number"`} {
		resp, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(body), want) {
			t.Errorf("serve on PostgreSQL, %s: %d, want %q in\n%.300s", path, resp.StatusCode, want, body)
		}
	}
	if err := p.cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if code := p.exit(t, 30*time.Second); code != 0 {
		t.Errorf("serve exited %d after SIGINT", code)
	}
}
