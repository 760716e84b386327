package main

import (
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/claimwire/claimwire/api"
)

// claimwire serve answers the pages and the API over a database file, and
// other commands reach the database through it while it holds the file.
func TestServe(t *testing.T) {
	db, _ := ingestDemo(t)
	p := start(t, "serve", "--db", db, "--listen", "127.0.0.1:0")
	p.waitLine(t, "serving")
	addr, err := api.ReadAddr(db)
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		"/claims":                 `<table class="claims"`,
		"/accusations":            `<svg id="network"`,
		"/actors":                 `class="actor"`,
		"/api/claims?kind=number": `"kind":"number"`,
	} {
		resp, err := http.Get("http://" + addr.Addr + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(body), want) {
			t.Errorf("%s: %d, want %q in\n%.500s", path, resp.StatusCode, want, body)
		}
	}
	if out := mustRun(t, "export", "--db", db, "--kind", "actor"); !strings.Contains(out, "actor") {
		t.Errorf("export through serve's API: %q", out)
	}
	if err := p.cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if code := p.exit(t, 30*time.Second); code != 0 {
		t.Errorf("serve exited %d after SIGINT", code)
	}
}

func TestServeRefusesMissingDatabase(t *testing.T) {
	r := runCLI(t, "", "serve", "--db", filepath.Join(t.TempDir(), "none.db"), "--listen", "127.0.0.1:0")
	if r.code != exitUsage || !strings.Contains(r.stderr, "no database at") {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
}
