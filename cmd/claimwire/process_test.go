package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/claimwire/claimwire/api"
	"github.com/claimwire/claimwire/daemon/daemontest"
	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/store"
)

// proc is a claimwire process whose standard error the test reads.
type proc struct {
	cmd   *exec.Cmd
	mu    sync.Mutex
	log   strings.Builder
	lines chan string
	done  chan struct{}
}

// start runs the binary with args; its log lines arrive on p.lines.
func start(t *testing.T, args ...string) *proc {
	t.Helper()
	p := &proc{cmd: exec.Command(binary(t), args...), lines: make(chan string, 10000), done: make(chan struct{})}
	stderr, err := p.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go p.read(stderr)
	t.Cleanup(func() {
		_ = p.cmd.Process.Kill()
		<-p.done
		if t.Failed() {
			t.Logf("claimwire %s log:\n%s", strings.Join(args, " "), p.output())
		}
	})
	return p
}

func (p *proc) read(r io.Reader) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		p.mu.Lock()
		p.log.WriteString(sc.Text() + "\n")
		p.mu.Unlock()
		select {
		case p.lines <- sc.Text():
		default:
		}
	}
	_ = p.cmd.Wait()
	close(p.done)
}

func (p *proc) output() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.log.String()
}

// waitLine waits for a log line containing s.
func (p *proc) waitLine(t *testing.T, s string) {
	t.Helper()
	if !p.waitLineOrExit(t, s) {
		t.Fatalf("process exited before logging %q", s)
	}
}

// waitLineOrExit is waitLine for a process that may end first, having no
// more to do: it reports whether the line came.
func (p *proc) waitLineOrExit(t *testing.T, s string) bool {
	t.Helper()
	timeout := time.After(60 * time.Second)
	for {
		select {
		case line := <-p.lines:
			if strings.Contains(line, s) {
				return true
			}
		case <-p.done:
			return false
		case <-timeout:
			t.Fatalf("no log line %q in 60s", s)
		}
	}
}

// exit waits up to limit for the process to end and returns its code.
func (p *proc) exit(t *testing.T, limit time.Duration) int {
	t.Helper()
	select {
	case <-p.done:
		return p.cmd.ProcessState.ExitCode()
	case <-time.After(limit):
		t.Fatalf("process still running after %s", limit)
	}
	return -1
}

// daemonArgs are the flags of a daemon run against a loopback wire.
func daemonArgs(db, list string, extra ...string) []string {
	return append([]string{"run", "--db", db, "--feeds", list, "--allow-private", "--host-delay", "0",
		"--per-host", "4", "--log-format", "json"}, extra...)
}

// openChecked opens a database the way a restart would, checks it and
// returns its articles by URL, failing on any URL stored twice.
func openChecked(t *testing.T, path string) map[string]model.Article {
	t.Helper()
	db, err := store.Open(path, store.Options{Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Check(); err != nil {
		t.Fatal(err)
	}
	out := map[string]model.Article{}
	err = db.ForEachArticle(func(a model.Article) error {
		if _, dup := out[a.URL]; dup {
			t.Errorf("%s stored twice", a.URL)
		}
		if cs, err := db.Claims(a.ID); err != nil || len(cs) == 0 || a.Error != "" {
			t.Errorf("%s: %d claims, error %q, %v", a.URL, len(cs), a.Error, err)
		}
		out[a.URL] = a
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// SIGINT and SIGTERM stop the daemon within 5 seconds with exit code 0,
// its finished work committed and its address file removed.
func TestSignalStopsDaemon(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			w := (&daemontest.Wire{Articles: 300, Feeds: 1, PageDelay: 10 * time.Millisecond}).Start()
			defer w.Close()
			db := filepath.Join(t.TempDir(), "c.db")
			p := start(t, daemonArgs(db, writeFile(t, "feeds.txt", w.FeedList()), "--listen", "127.0.0.1:0")...)
			p.waitLine(t, `"msg":"committed"`)
			if _, err := os.Stat(api.AddrFile(db)); err != nil {
				t.Fatalf("no address file while running: %v", err)
			}
			sent := time.Now()
			if err := p.cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			if code := p.exit(t, 5*time.Second); code != 0 {
				t.Fatalf("exit %d after %s", code, sig)
			}
			t.Logf("stopped %s after the signal", time.Since(sent).Round(time.Millisecond))
			if _, err := os.Stat(api.AddrFile(db)); !os.IsNotExist(err) {
				t.Fatalf("address file left behind: %v", err)
			}
			if n := len(openChecked(t, db)); n == 0 || n >= 300 {
				t.Fatalf("%d articles after %s; want some, not all", n, sig)
			}
		})
	}
}

// A daemon killed mid-ingest leaves a database that opens and passes the
// check; a restart stores the rest, with no story twice and none lost.
func TestCrashAndRestart(t *testing.T) {
	w := (&daemontest.Wire{Articles: 300, Feeds: 3, PageDelay: 5 * time.Millisecond}).Start()
	defer w.Close()
	db := filepath.Join(t.TempDir(), "c.db")
	list := writeFile(t, "feeds.txt", w.FeedList())
	p := start(t, daemonArgs(db, list, "--once", "--listen", "127.0.0.1:0")...)
	p.waitLine(t, `"msg":"committed"`)
	time.Sleep(50 * time.Millisecond)
	if err := p.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-p.done
	before := len(openChecked(t, db))
	if before == 0 || before >= 300 {
		t.Fatalf("%d articles at the crash; want some, not all", before)
	}
	again := start(t, daemonArgs(db, list, "--once", "--listen", "127.0.0.1:0")...)
	if code := again.exit(t, 2*time.Minute); code != 0 {
		t.Fatalf("restart: exit %d", code)
	}
	after := openChecked(t, db)
	if len(after) != 300 {
		t.Fatalf("%d articles after the restart, had %d at the crash; want 300", len(after), before)
	}
	if feeds := after[w.PageURL(0)].Feeds; len(feeds) != 3 {
		t.Fatalf("the story in every feed has feeds %v", feeds)
	}
	t.Logf("%d articles at the crash, 300 after the restart", before)
}

// While a daemon holds the database, export, reprocess and feeds go
// through its API.
func TestCommandsThroughAPI(t *testing.T) {
	w := (&daemontest.Wire{Articles: 20, Feeds: 2}).Start()
	defer w.Close()
	db := filepath.Join(t.TempDir(), "c.db")
	p := start(t, daemonArgs(db, writeFile(t, "feeds.txt", w.FeedList()), "--listen", "127.0.0.1:0")...)
	c := waitForAPI(t, db, 20)

	rows := readCSV(t, mustRun(t, "export", "--db", db, "--kind", "actor"))
	if len(rows) < 20 || len(rows) != len(dedupe(column(rows, "claim_id"))) {
		t.Fatalf("export through the API: %d actor rows", len(rows))
	}
	id := model.ArticleID(w.PageURL(5))
	if out := mustRun(t, "reprocess", "--db", db, id); !strings.HasPrefix(out, id+": ") {
		t.Fatalf("reprocess through the API: %q", out)
	}
	if out := mustRun(t, "reprocess", "--db", db, "--all"); !strings.HasPrefix(out, "reprocessed 20 articles") {
		t.Fatalf("reprocess --all through the API: %q", out)
	}
	if out := mustRun(t, "feeds", "--db", db); strings.Count(out, " ok ") != 2 {
		t.Fatalf("feeds through the API:\n%s", out)
	}
	metrics := httpGet(t, "http://"+c+"/metrics")
	for _, m := range []string{"claimwire_articles_fetched_total 20", `claimwire_claims_extracted_total{kind="actor"}`,
		"claimwire_extraction_seconds_bucket", "claimwire_feed_lag_seconds"} {
		if !strings.Contains(metrics, m) {
			t.Errorf("metrics lack %q", m)
		}
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	if code := p.exit(t, 5*time.Second); code != 0 {
		t.Fatalf("exit %d", code)
	}
}

// waitForAPI waits for the daemon's address file and for n articles to be
// stored, and returns the API's address.
func waitForAPI(t *testing.T, db string, n int) string {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if a, err := api.ReadAddr(db); err == nil {
			list, err := api.NewClient(a.Addr).Articles(context.Background())
			if err == nil && len(list) == n {
				return a.Addr
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no API with %d articles in 60s", n)
	return ""
}

func dedupe(s []string) map[string]bool {
	m := map[string]bool{}
	for _, v := range s {
		m[v] = true
	}
	return m
}

func httpGet(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// lockHangGuard bounds how long a command may wait on a locked database
// before a test calls it hung. It is not a speed measure: commands give
// up after store.DefaultTimeout, and a loaded machine may take far longer
// to start them.
const lockHangGuard = 30 * time.Second

// When another process holds the database and no API answers, commands
// fail after the lock timeout rather than wait, saying what holds it.
func TestLockedDatabaseFailsFast(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	holder, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	dead := ln.Addr().String()
	ln.Close()
	for _, tc := range []struct {
		addr *api.Addr
		want string
	}{
		{nil, "locked by another process"},
		// A stale address file: the lock table names the real holder.
		{&api.Addr{PID: 4242, Addr: dead}, fmt.Sprintf("locked by another process (pid %d)", os.Getpid())},
	} {
		if tc.addr != nil {
			if err := api.WriteAddr(path, *tc.addr); err != nil {
				t.Fatal(err)
			}
		}
		for _, args := range [][]string{{"export"}, {"reprocess", "--all"}, {"feeds"}, {"run", "--once"}} {
			began := time.Now()
			r := runCLI(t, "", append(args, "--db", path)...)
			if took := time.Since(began); took > lockHangGuard {
				t.Errorf("%s took %s", args[0], took)
			}
			if r.code != exitFail || !strings.Contains(r.stderr, tc.want) || !strings.Contains(r.stderr, path) {
				t.Errorf("%s: exit %d, %q; want 1 and %q", args[0], r.code, r.stderr, tc.want)
			}
		}
	}
}

// A second daemon on the same database names the first.
func TestSecondDaemonNamesTheFirst(t *testing.T) {
	w := (&daemontest.Wire{Articles: 3, Feeds: 1}).Start()
	defer w.Close()
	db := filepath.Join(t.TempDir(), "c.db")
	list := writeFile(t, "feeds.txt", w.FeedList())
	p := start(t, daemonArgs(db, list, "--listen", "127.0.0.1:0")...)
	waitForAPI(t, db, 3)
	r := runCLI(t, "", daemonArgs(db, list, "--listen", "")...)
	if r.code != exitFail || !strings.Contains(r.stderr, "in use by a running claimwire daemon (pid ") {
		t.Fatalf("second daemon: exit %d, %q", r.code, r.stderr)
	}
	r = runCLI(t, "", "feeds", "import", "--db", db, list)
	if r.code != exitFail || !strings.Contains(r.stderr, "in use by a running claimwire daemon") {
		t.Fatalf("import while the daemon runs: exit %d, %q", r.code, r.stderr)
	}
	_ = p.cmd.Process.Signal(syscall.SIGINT)
	if code := p.exit(t, 5*time.Second); code != 0 {
		t.Fatalf("exit %d", code)
	}
}

// A daemon without an API still names its PID to a command that meets its
// lock, within 2 seconds; so does any other process holding the file.
func TestLockedByDaemonWithoutAPI(t *testing.T) {
	w := (&daemontest.Wire{Articles: 3, Feeds: 1}).Start()
	defer w.Close()
	db := filepath.Join(t.TempDir(), "c.db")
	p := start(t, daemonArgs(db, writeFile(t, "feeds.txt", w.FeedList()), "--listen", "")...)
	p.waitLine(t, `"msg":"committed"`)
	began := time.Now()
	r := runCLI(t, "", "export", "--db", db)
	want := fmt.Sprintf("locked by a claimwire daemon (pid %d) that serves no API", p.cmd.Process.Pid)
	if took := time.Since(began); r.code != exitFail || !strings.Contains(r.stderr, want) || took > lockHangGuard {
		t.Fatalf("export: exit %d after %s, %q; want 1 and %q", r.code, took, r.stderr, want)
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	p.exit(t, 5*time.Second)

	other := exec.Command("sh", "-c", `exec 9<"$0" && flock -x 9 && exec sleep 30`, db)
	if err := other.Start(); err != nil {
		t.Skip("no flock command:", err)
	}
	defer func() { _ = other.Process.Kill(); _ = other.Wait() }()
	for i := 0; i < 50 && lockHolder(db) == 0; i++ {
		time.Sleep(20 * time.Millisecond)
	}
	r = runCLI(t, "", "export", "--db", db)
	if !strings.Contains(r.stderr, "locked by another process (pid ") {
		t.Fatalf("export with another process holding the lock: %q", r.stderr)
	}
}

// The feed lag metric is 0, not centuries, until a feed has been polled.
func TestFeedLagBeforeFirstPoll(t *testing.T) {
	w := (&daemontest.Wire{Articles: 3, Feeds: 1}).Start()
	defer w.Close()
	db := filepath.Join(t.TempDir(), "c.db")
	start(t, daemonArgs(db, writeFile(t, "feeds.txt", w.FeedList()), "--listen", "127.0.0.1:0")...)
	c := waitForAPI(t, db, 3)
	for _, line := range strings.Split(httpGet(t, "http://"+c+"/metrics"), "\n") {
		if strings.HasPrefix(line, "claimwire_feed_lag_seconds ") && line != "claimwire_feed_lag_seconds 0" {
			t.Fatalf("%s after the first poll of new feeds", line)
		}
	}
}
