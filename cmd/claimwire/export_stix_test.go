package main

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The STIX export of the demo database is a STIX 2.1 bundle whose
// references resolve, with the galaxy reference of the actors it knows.
func TestDemoSTIXExport(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	if r := runCLI(t, "", "demo", "--quiet", "--db", db); r.code != 0 {
		t.Fatalf("demo: exit %d: %s", r.code, r.stderr)
	}
	out := mustRun(t, "export", "--db", db, "--format", "stix")
	var b struct {
		Type    string           `json:"type"`
		Objects []map[string]any `json:"objects"`
	}
	if err := json.Unmarshal([]byte(out), &b); err != nil || b.Type != "bundle" {
		t.Fatalf("not a bundle (%v): %.200s", err, out)
	}
	idRE := regexp.MustCompile(`^[a-z-]+--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	ids := map[string]bool{}
	types := map[string]int{}
	galaxy := false
	for _, o := range b.Objects {
		id, _ := o["id"].(string)
		if !idRE.MatchString(id) || !strings.HasPrefix(id, o["type"].(string)+"--") || o["spec_version"] != "2.1" {
			t.Errorf("bad object %v", o)
		}
		ids[id] = true
		types[o["type"].(string)]++
		if o["type"] == "intrusion-set" && strings.Contains(toJSON(o["external_references"]), `"source_name":"misp-galaxy"`) {
			galaxy = true
		}
	}
	for _, o := range b.Objects {
		for _, k := range []string{"source_ref", "target_ref"} {
			if r, ok := o[k].(string); ok && !ids[r] {
				t.Errorf("%s: %s %s not in the bundle", o["id"], k, r)
			}
		}
		refs, _ := o["object_refs"].([]any)
		for _, r := range refs {
			if !ids[r.(string)] {
				t.Errorf("%s: object ref %s not in the bundle", o["id"], r)
			}
		}
	}
	if types["report"] == 0 || types["intrusion-set"] < 3 || types["note"] == 0 || types["relationship"] == 0 || !galaxy {
		t.Errorf("objects %v, galaxy reference %v", types, galaxy)
	}
}

func toJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
