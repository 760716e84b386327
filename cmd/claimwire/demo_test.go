package main

import (
	"slices"
	"strings"
	"testing"
)

// The demo stores the sample site's five stories and prints their claims.
func TestDemo(t *testing.T) {
	r := runCLI(t, "", "demo", "--quiet")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	rows := readCSV(t, r.stdout)
	if !strings.Contains(r.stderr, "5 articles") || len(rows) < 40 {
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
