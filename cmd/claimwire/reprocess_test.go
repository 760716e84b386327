package main

import (
	"reflect"
	"strings"
	"testing"
)

// reprocess --all stores the same claims whatever the number of workers,
// and refuses a number out of range.
func TestReprocessAllWorkers(t *testing.T) {
	db, _ := ingestDemo(t)
	before := readCSV(t, mustRun(t, "export", "--db", db))
	for _, w := range []string{"1", "3"} {
		out := mustRun(t, "reprocess", "--db", db, "--all", "--workers", w)
		if !strings.HasPrefix(out, "reprocessed "+itoa(demoArticles)+" articles: "+itoa(len(before))+" claims;") {
			t.Fatalf("--workers %s: summary %q, want %d articles and %d claims", w, out, demoArticles, len(before))
		}
		if after := readCSV(t, mustRun(t, "export", "--db", db)); !reflect.DeepEqual(before, after) {
			t.Errorf("--workers %s: the stored claims changed", w)
		}
	}
	// with a rule that names a new actor, every batch must be written
	dir := t.TempDir()
	writeRules(t, dir, "rail.yaml", "actors:\n  - name: Gdynia Rail Crew\n    aliases: [Gdynia]\n    sponsor: Russia\n")
	mustRun(t, "reprocess", "--db", db, "--all", "--workers", "3", "--rules", dir)
	if out := mustRun(t, "export", "--db", db); !strings.Contains(out, "Gdynia Rail Crew") {
		t.Error("the new rules' claims were not stored")
	}
	mustRun(t, "reprocess", "--db", db, "--all", "--workers", "2")
	if after := readCSV(t, mustRun(t, "export", "--db", db)); !reflect.DeepEqual(before, after) {
		t.Error("reprocessing with the built-in rules again did not restore the claims")
	}
	for _, w := range []string{"0", "257", "x"} {
		if r := runCLI(t, "", "reprocess", "--db", db, "--all", "--workers", w); r.code != exitUsage || !strings.Contains(r.stderr, "workers") {
			t.Errorf("--workers %s: exit %d, %q", w, r.code, r.stderr)
		}
	}
}
