package rules

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func writeRules(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestDefaultLoads(t *testing.T) {
	if _, err := Default(); err != nil {
		t.Fatal(err)
	}
}

func TestCheckReportsFileLineColumn(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"unknown key", "actors:\n  - name: X\n    colour: red\n", "bad.yaml:3:5: unknown key \"colour\""},
		{"unknown section", "actor:\n  - name: X\n", "bad.yaml:1:1: unknown key \"actor\""},
		{"wrong type", "actors:\n  - name: X\n    aliases: Y\n", "bad.yaml:3:14: want a list"},
		{"bad regex", "actor_patterns:\n  - name: p\n    regex: '(['\n", "bad.yaml:2:5: actor pattern \"p\""},
		{"bad number", "numbers:\n  words:\n    one: uno\n", "bad.yaml:3:10: want a float64"},
		{"bad frame", "cues:\n  accuse:\n    - name: a\n      forms: [x]\n      frame: sideways\n", "bad.yaml:3:7: accusation cue \"a\": frame \"sideways\""},
		// "on" and "behind" were once listed as frames with no function behind them
		{"frame with no function", "cues:\n  accuse:\n    - name: hold\n      forms: [held]\n      frame: on\n", "bad.yaml:3:7: accusation cue \"hold\": frame \"on\""},
		{"frame behind", "cues:\n  accuse:\n    - name: b\n      forms: [x]\n      frame: behind\n", "frame \"behind\""},
		{"bad selector", "sites:\n  - name: s\n    hosts: [a.com]\n    drop: ['[[']\n", "bad.yaml:2:5: site \"s\": selector"},
		{"ambiguous not a name", "actors:\n  - name: X\n    ambiguous: [Lead]\n", "ambiguous name \"Lead\""},
		{"syntax", "actors: [\n", "bad.yaml: yaml:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeRules(t, map[string]string{"bad.yaml": tt.body})
			errs := Check(dir)
			if len(errs) == 0 {
				t.Fatal("no error")
			}
			got := errs[0].Error()
			if !strings.Contains(got, tt.want) {
				t.Errorf("error %q does not contain %q", got, tt.want)
			}
		})
	}
}

func TestCheckCollectsEveryError(t *testing.T) {
	dir := writeRules(t, map[string]string{
		"a.yaml": "actors:\n  - name: X\n    colour: red\n  - nme: Y\n",
		"b.yaml": "countries:\n  - name: ''\n",
	})
	if errs := Check(dir); len(errs) != 4 {
		t.Errorf("got %d errors, want 4: %v", len(errs), errs)
	}
}

func TestUserFolderExtendsAndOverrides(t *testing.T) {
	dir := writeRules(t, map[string]string{"mine.yml": `
actors:
  - name: Example Panda
    aliases: [EXPANDA]
    sponsor: China
countries:
  - name: Atlantis
    capitals: [Poseidonis]
cues:
  speech: [harrumphed]
`})
	s, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	base, _ := Default()
	if len(s.Actors) != len(base.Actors)+1 {
		t.Errorf("actors: %d, want %d", len(s.Actors), len(base.Actors)+1)
	}
	if len(s.Countries) != len(base.Countries)+1 {
		t.Errorf("countries: %d, want %d", len(s.Countries), len(base.Countries)+1)
	}
	if len(base.Cues.Speech) == len(s.Cues.Speech) {
		t.Error("speech cue not added")
	}
	for _, w := range base.Cues.Speech {
		if w == "harrumphed" {
			t.Error("loading a user folder changed the defaults")
		}
	}

	over := writeRules(t, map[string]string{"o.yaml": "actors:\n  - name: Example Panda\n    sponsor: Iran\n"})
	s2, err := Load(dir, over)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range s2.Actors {
		if a.Name == "Example Panda" && a.Sponsor != "Iran" {
			t.Errorf("override kept sponsor %q", a.Sponsor)
		}
	}
}

func TestLoadMissingFolder(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope"))
	if err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("error %v does not name the folder", err)
	}
}

// TestCuesMergeEveryList checks that a user's word is added to every cue
// list, whichever field it is, and that the defaults stay as they were.
func TestCuesMergeEveryList(t *testing.T) {
	base, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var add Cues
	v := reflect.ValueOf(&add).Elem()
	for i := range v.NumField() {
		if v.Field(i).Type() == reflect.TypeFor[[]string]() {
			v.Field(i).Set(reflect.ValueOf([]string{"zzword"}))
		}
	}
	merged := base.Cues.clone()
	merged.merge(&add)
	mv, bv := reflect.ValueOf(merged), reflect.ValueOf(base.Cues)
	for i := range mv.NumField() {
		words, ok := mv.Field(i).Interface().([]string)
		if !ok {
			continue
		}
		name := mv.Type().Field(i).Name
		if !slices.Contains(words, "zzword") {
			t.Errorf("%s: user word not added", name)
		}
		if slices.Contains(bv.Field(i).Interface().([]string), "zzword") {
			t.Errorf("%s: merging changed the defaults", name)
		}
	}
}
