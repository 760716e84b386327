package galaxy

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/claimwire/claimwire/rules"
)

var update = flag.Bool("update", false, "rewrite the golden file")

func testOptions() Options {
	states := map[string]string{"russia": "Russia", "china": "China", "nigeria": "Nigeria"}
	common := map[string]bool{"harbor": true}
	return Options{
		Country:    func(s string) string { return states[strings.ToLower(s)] },
		CommonWord: func(w string) bool { return common[w] },
	}
}

func importTest(t *testing.T) []rules.Actor {
	t.Helper()
	actors, rep, err := Import(os.DirFS("testdata/clusters"), testOptions())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Skipped != 1 || rep.Groups != len(actors) {
		t.Errorf("report %+v for %d groups", rep, len(actors))
	}
	return actors
}

func byName(actors []rules.Actor, name string) *rules.Actor {
	for i := range actors {
		if actors[i].Name == name {
			return &actors[i]
		}
	}
	return nil
}

func TestImport(t *testing.T) {
	actors := importTest(t)
	ql := byName(actors, "Quartz Lynx")
	if ql == nil || ql.Sponsor != "Russia" || ql.Kind != rules.KindState || ql.Galaxy.UUID != "11111111-1111-4111-8111-111111111111" {
		t.Fatalf("Quartz Lynx: %+v", ql)
	}
	if !strings.Contains(strings.Join(ql.Aliases, "|"), "Glass Cat") || len(ql.Refs) != 1 || ql.Refs[0] != "G9001" {
		t.Errorf("the MITRE value did not join Quartz Lynx: %+v", ql)
	}
	if strings.Contains(strings.Join(ql.Aliases, "|"), "GOP") {
		t.Errorf("a three-letter alias was kept: %v", ql.Aliases)
	}
	if !ql.IsAmbiguous("Harbor") {
		t.Errorf("an ordinary word is not ambiguous: %v", ql.Ambiguous)
	}
	if ew := byName(actors, "Ember Wren"); ew == nil || ew.Kind != rules.KindCriminal || ew.Sponsor != "" || !ew.IsAmbiguous("Operation Wrenfall") {
		t.Errorf("Ember Wren: %+v", ew)
	}
	if th := byName(actors, "Tin Heron"); th == nil || th.Sponsor != "China" {
		t.Errorf("Tin Heron, sharing one alias with Quartz Lynx, must stay a group: %+v", th)
	}
	if pt := byName(actors, "Pebble Typhoon"); pt == nil || pt.Sponsor != "China" || pt.Galaxy.Cluster != "microsoft-activity-group" {
		t.Errorf("Pebble Typhoon: %+v", pt)
	}
	bb := byName(actors, "ByteBadger")
	if bb == nil || bb.Kind != rules.KindRansomware || strings.Join(bb.Aliases, "|") != "Byt3Badger|Bytebadger2" {
		t.Errorf("the values of one leak site are one gang: %+v", bb)
	}
	if byName(actors, "Nibbler") != nil {
		t.Error("a strain without a leak site became a gang")
	}
	if cs := rules.Collisions(actors); len(cs) != 1 || cs[0].Alias != "QL-909" {
		t.Errorf("collisions %+v, want QL-909", cs)
	}
}

// TestWriteGolden checks the generated file byte for byte, and that the
// rules loader reads it back to the same actors.
func TestWriteGolden(t *testing.T) {
	actors := importTest(t)
	var buf bytes.Buffer
	if err := Write(&buf, actors); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "actors_galaxy.golden.yaml")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("output differs from %s (go test -update):\n%s", golden, buf.String())
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "g.yaml"), buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if errs := rules.Check(dir); len(errs) > 0 {
		t.Fatalf("generated file does not load: %v", errs)
	}
	// A second import gives the same bytes: stable output, readable diffs.
	var again bytes.Buffer
	if err := Write(&again, importTest(t)); err != nil || !bytes.Equal(again.Bytes(), buf.Bytes()) {
		t.Errorf("import is not stable (err %v)", err)
	}
}

func TestImportBadInput(t *testing.T) {
	dir := t.TempDir()
	for _, f := range Files {
		if err := os.WriteFile(filepath.Join(dir, f), []byte(`{"type": "x", "values": [`), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	_, _, err := Import(os.DirFS(dir), testOptions())
	if err == nil || !strings.Contains(err.Error(), "threat-actor.json") {
		t.Fatalf("truncated file: err %v, want one naming the file", err)
	}
	if _, _, err := Import(os.DirFS(t.TempDir()), testOptions()); err == nil {
		t.Fatal("missing files: no error")
	}
	if err := Write(&bytes.Buffer{}, nil); err != ErrNoGroups {
		t.Errorf("empty write: %v", err)
	}
}

func TestScalarRoundTrip(t *testing.T) {
	for _, s := range []string{"Zq APT28", "Yes", "a: b", "#x", "Abraham's Ax", "[Vault]", "1.php Group", "Lazarus #2", "x,y", "Null"} {
		dir := t.TempDir()
		doc := "actors:\n  - name: " + scalar(s) + "\n    aliases: " + list([]string{s + " Two"}) + "\n"
		if err := os.WriteFile(filepath.Join(dir, "a.yaml"), []byte(doc), 0o600); err != nil {
			t.Fatal(err)
		}
		rs, err := rules.Load(dir)
		if err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		a := rs.Actors[len(rs.Actors)-1]
		if a.Name != s || len(a.Aliases) != 1 || a.Aliases[0] != s+" Two" {
			t.Errorf("%q came back as %q %q", s, a.Name, a.Aliases)
		}
	}
}
