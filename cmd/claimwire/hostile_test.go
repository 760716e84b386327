package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/claimwire/claimwire/daemon/daemontest"
	"github.com/claimwire/claimwire/extract"
	"github.com/claimwire/claimwire/model"
)

// A page with more claims than an article may keep: extract prints the
// capped claims with the cap recorded beside them, and says so on
// standard error.
func TestExtractRecordsCap(t *testing.T) {
	page := writeFile(t, "hostile.html", daemontest.HostileHTML("Claims", daemontest.HostileClaims(100<<10)))
	r := runCLI(t, "", "extract", "--format", "json", page)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var out struct {
		Claims []model.Claim `json:"claims"`
		Limits string        `json:"limits"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatal(err)
	}
	if len(out.Claims) == 0 || len(out.Claims) > extract.MaxClaims || !strings.Contains(out.Limits, "capped at") {
		t.Fatalf("%d claims, limits %q; want at most %d and the cap recorded", len(out.Claims), out.Limits, extract.MaxClaims)
	}
	if !strings.Contains(r.stderr, out.Limits) {
		t.Errorf("standard error %q does not say %q", r.stderr, out.Limits)
	}
}
