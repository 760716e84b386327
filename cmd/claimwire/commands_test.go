package main

import (
	"strings"
	"testing"
	"time"
)

func TestHelpListsEveryCommand(t *testing.T) {
	out := mustRun(t, "help")
	for _, c := range commands {
		if !strings.Contains(out, "  "+c.name+" ") {
			t.Errorf("help does not list %s:\n%s", c.name, out)
		}
	}
	if r := runCLI(t, ""); r.code != exitUsage || !strings.Contains(r.stderr, "Commands:") {
		t.Errorf("no command: exit %d, %q", r.code, r.stderr)
	}
	if r := runCLI(t, "", "frobnicate"); r.code != exitUsage || !strings.Contains(r.stderr, `unknown command "frobnicate"`) {
		t.Errorf("unknown command: exit %d, %q", r.code, r.stderr)
	}
	if out := mustRun(t, "help", "export"); !strings.Contains(out, "Usage: claimwire export") || !strings.Contains(out, "-since") {
		t.Errorf("help export:\n%s", out)
	}
}

func TestEveryCommandHasHelp(t *testing.T) {
	for _, c := range commands {
		r := runCLI(t, "", c.name, "-h")
		if r.code != 0 || !strings.HasPrefix(r.stderr, "Usage: claimwire "+c.name) {
			t.Errorf("%s -h: exit %d\n%s", c.name, r.code, r.stderr)
		}
	}
}

// A mistake on the command line exits 2 with one line naming it.
func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"extract", "--nosuch", "x"},
		{"extract"},
		{"extract", "--format", "xml", "x"},
		{"text", "a", "b"},
		{"export", "--kind", "gossip"},
		{"export", "--since", "last week"},
		{"export", "--format", "xlsx"},
		{"reprocess"},
		{"reprocess", "--all", "abc"},
		{"rules"},
		{"feeds", "remove", "x"},
		{"run", "--log-format", "xml"},
		{"run", "stray"},
	} {
		r := runCLI(t, "", args...)
		if r.code != exitUsage || strings.Count(r.stderr, "\n") != 1 || !strings.HasPrefix(r.stderr, "claimwire: "+args[0]+": ") {
			t.Errorf("%q: exit %d, stderr %q; want 2 and one line", args, r.code, r.stderr)
		}
	}
}

// Commands taking arguments accept flags after them too.
func TestFlagsAfterArguments(t *testing.T) {
	f := writeFile(t, "a.txt", "Britain accused Russia of hacking.")
	out := mustRun(t, "extract", f, "--format", "json")
	if !strings.HasPrefix(out, "{") {
		t.Fatalf("flags after the argument were not parsed:\n%s", out)
	}
	if r := runCLI(t, "", "extract", "--", "--format"); r.code != exitUsage || !strings.Contains(r.stderr, "read --format") {
		t.Fatalf("argument after --: %+v", r)
	}
}

func TestAgo(t *testing.T) {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	for d, want := range map[time.Duration]string{
		0:                             "2025-03-01 12:00 (0s ago)",
		-42 * time.Second:             "2025-03-01 12:00 (in 42s)",
		5*time.Minute + 3*time.Second: "2025-03-01 11:54 (5m ago)",
		-(time.Hour + 4*time.Minute):  "2025-03-01 13:04 (in 1h4m)",
	} {
		if got := ago(now.Add(-d), now); got != want {
			t.Errorf("ago(now-%s) = %q, want %q", d, got, want)
		}
	}
	if ago(time.Time{}, now) != "-" {
		t.Error("zero time not shown as -")
	}
}
