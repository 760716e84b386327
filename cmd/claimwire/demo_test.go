package main

import (
	"slices"
	"strings"
	"testing"
)

// The demo stores the sample site's stories (the seed story and the wire of
// testdata/) and prints their claims.
func TestDemo(t *testing.T) {
	r := runCLI(t, "", "demo", "--quiet")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	rows := readCSV(t, r.stdout)
	if !strings.Contains(r.stderr, " "+itoa(demoArticles)+" articles") || len(rows) < 80 {
		t.Fatalf("%d rows; stderr: %s", len(rows), r.stderr)
	}
	for _, want := range []string{"APT31", "APT40", "CyberAv3ngers", "APT28"} {
		if !slices.Contains(column(rows, "actor_label"), want) {
			t.Errorf("demo finds no actor %s", want)
		}
	}
	if !slices.Contains(column(rows, "speaker"), "Lin Jian") {
		t.Error("demo finds no quote by Lin Jian")
	}
}
