package main

import (
	"strings"
	"testing"

	"github.com/claimwire/claimwire/store/pgstore/pgtest"
)

// A database file copied into PostgreSQL, twice, exports the same claims
// and lists the same feeds.
func TestMigrate(t *testing.T) {
	dsn := pgtest.DSN(t)
	db, _ := ingestDemo(t)
	for range 2 { // the second copy changes nothing
		r := runCLI(t, "", "migrate", "--from", db, "--to", dsn)
		if r.code != 0 || !strings.Contains(r.stderr, "articles") {
			t.Fatalf("migrate: exit %d: %s", r.code, r.stderr)
		}
	}
	want := mustRun(t, "export", "--db", db, "--format", "ndjson")
	got := mustRun(t, "export", "--db", dsn, "--format", "ndjson")
	if got != want || strings.Count(want, "\n") < 10 {
		t.Errorf("export from PostgreSQL differs from the file's (%d and %d lines)", strings.Count(got, "\n"), strings.Count(want, "\n"))
	}
	if got, want := mustRun(t, "feeds", "--db", dsn), mustRun(t, "feeds", "--db", db); firstColumn(got) != firstColumn(want) {
		t.Errorf("feeds differ:\n%s\nwant\n%s", got, want)
	}
}

func firstColumn(s string) string {
	var out []string
	for line := range strings.Lines(s) {
		out = append(out, strings.Fields(line)[0])
	}
	return strings.Join(out, "\n")
}

func TestMigrateUsage(t *testing.T) {
	for _, args := range [][]string{
		{"migrate"},
		{"migrate", "--from", "a.db"},
		{"migrate", "--from", "a.db", "--to", "b.db"},
		{"migrate", "--from", "postgres://x/y", "--to", "postgres://x/z"},
	} {
		if r := runCLI(t, "", args...); r.code != exitUsage {
			t.Errorf("%v: exit %d, want %d (%s)", args, r.code, exitUsage, r.stderr)
		}
	}
}
