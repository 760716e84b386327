package main

import (
	"bytes"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// cli runs one command line in-process.
type result struct {
	stdout, stderr string
	code           int
}

func runCLI(t testing.TB, stdin string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errOut)
	return result{out.String(), errOut.String(), code}
}

// mustRun runs a command line that must succeed.
func mustRun(t testing.TB, args ...string) string {
	t.Helper()
	r := runCLI(t, "", args...)
	if r.code != 0 {
		t.Fatalf("claimwire %s: exit %d\nstderr: %s", strings.Join(args, " "), r.code, r.stderr)
	}
	return r.stdout
}

// binDir holds the binary that process tests build once.
var binDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "claimwire-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

var buildOnce = sync.OnceValues(func() (string, error) {
	path := filepath.Join(binDir, "claimwire")
	if runtime.GOOS == "windows" {
		path += ".exe"
	}
	out, err := exec.Command("go", "build", "-o", path, ".").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return path, nil
})

// binary builds the claimwire binary once for the tests that need a real
// process (signals, crashes, a daemon holding the database).
func binary(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	path, err := buildOnce()
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// demoSite serves the demo's sample site on loopback.
func demoSite(t testing.TB) string {
	t.Helper()
	srv := httptest.NewUnstartedServer(nil)
	srv.Start()
	srv.Config.Handler = demoHandler(srv.URL)
	t.Cleanup(srv.Close)
	return srv.URL
}

// writeFile writes a file in a temporary folder and returns its path.
func writeFile(t testing.TB, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// demoFeedList writes a feed list of the demo site's feeds.
func demoFeedList(t testing.TB, site string) string {
	list := "# demo feeds\n"
	for _, f := range demoFeeds {
		list += site + f + " 30m\n"
	}
	return writeFile(t, "feeds.txt", list)
}

// ingestDemo runs the daemon once over the demo site into a new database
// and returns the database's path and the site's URL.
func ingestDemo(t testing.TB) (db, site string) {
	t.Helper()
	site = demoSite(t)
	db = filepath.Join(t.TempDir(), "c.db")
	mustRun(t, "run", "--once", "--db", db, "--feeds", demoFeedList(t, site), "--listen", "",
		"--allow-private", "--host-delay", "0", "--log-level", "warn")
	return db, site
}
