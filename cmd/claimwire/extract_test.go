package main

import (
	"encoding/csv"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/claimwire/claimwire/export"
	"github.com/claimwire/claimwire/model"
)

// has reports whether claims hold one matching f.
func has(claims []model.Claim, f func(model.Claim) bool) bool { return slices.ContainsFunc(claims, f) }

// The JSON output is the contract of ../shared/eval: one object with a
// claims list of model.Claim.
func TestExtractJSONContract(t *testing.T) {
	for _, input := range []string{seedHTML(t), writeFile(t, "seed.txt", seedStory(t))} {
		out := mustRun(t, "extract", "--format", "json", input)
		var doc map[string][]model.Claim
		if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc) != 1 {
			t.Fatalf("%s: not {\"claims\": [...]}: %v\n%.300s", input, err, out)
		}
		claims := doc["claims"]
		checks := map[string]func(model.Claim) bool{
			"US accuses APT31": func(c model.Claim) bool {
				return c.Kind == model.Accusation && c.Accuser == "United States" && c.Accused == "APT31"
			},
			"actor APT31":        func(c model.Claim) bool { return c.Kind == model.Actor && c.Label == "APT31" && c.Sponsor == "China" },
			"quote by Lin Jian":  func(c model.Claim) bool { return c.Kind == model.Quote && c.Speaker == "Lin Jian" && c.Direct },
			"10,000 emails":      func(c model.Claim) bool { return c.Kind == model.Number && c.Value == 10000 && c.Unit == "emails" },
			"evidence sentences": func(c model.Claim) bool { return c.Sentence != "" && c.End > c.Start },
		}
		for name, f := range checks {
			if !has(claims, f) {
				t.Errorf("%s: no claim %s", input, name)
			}
		}
	}
}

func seedStory(t *testing.T) string {
	t.Helper()
	r := runCLI(t, "", "text", seedHTML(t))
	if r.code != 0 {
		t.Fatal(r.stderr)
	}
	return r.stdout
}

func TestExtractEmptyIsEmptyList(t *testing.T) {
	r := runCLI(t, "Nothing to see here.", "extract", "--format", "json", "-")
	if r.code != 0 || strings.TrimSpace(r.stdout) != "{\n  \"claims\": []\n}" {
		t.Fatalf("exit %d, %q", r.code, r.stdout)
	}
}

func TestExtractCSV(t *testing.T) {
	rows, err := csv.NewReader(strings.NewReader(mustRun(t, "extract", "--format", "csv", seedHTML(t)))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], export.Columns) || len(rows) < 10 {
		t.Fatalf("header %q and %d rows", rows[0], len(rows))
	}
	url := slices.Index(export.Columns, "url")
	title := slices.Index(export.Columns, "title")
	if rows[1][url] != "https://wire.example/news/china-slams-us-uk-nz-hacking-accusations.html" || !strings.HasPrefix(rows[1][title], "China slams") {
		t.Fatalf("rows do not carry the page's URL and title: %q", rows[1])
	}
}

func TestExtractTable(t *testing.T) {
	out := mustRun(t, "extract", seedHTML(t))
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if !strings.HasPrefix(lines[0], "KIND") || !strings.HasSuffix(lines[len(lines)-1], "claims") {
		t.Fatalf("table:\n%s", out)
	}
	if !strings.Contains(out, "United States → APT31") || !strings.Contains(out, "more than 10000 emails") {
		t.Fatalf("table lacks the seed's claims:\n%s", out)
	}
}

func TestExtractErrors(t *testing.T) {
	r := runCLI(t, "", "extract", "nosuch.txt")
	if r.code != exitUsage || r.stderr != "claimwire: extract: read nosuch.txt: no such file or directory\n" {
		t.Fatalf("missing file: exit %d, %q", r.code, r.stderr)
	}
	bad := t.TempDir()
	writeRules(t, bad, "x.yaml", "actors:\n  - name: X\n    colour: red\n")
	r = runCLI(t, "Text.", "extract", "--rules", bad, "-")
	if r.code != exitUsage || !strings.Contains(r.stderr, "x.yaml:3:5") {
		t.Fatalf("bad rules: exit %d, %q", r.code, r.stderr)
	}
}

// --rules adds the user's actors to the built-in ones.
func TestExtractWithRules(t *testing.T) {
	dir := t.TempDir()
	writeRules(t, dir, "mine.yaml", "actors:\n  - name: Quartz Lynx\n    aliases: [QLX-7]\n    sponsor: Russia\n")
	text := "Officials said Quartz Lynx, a hacking group, hit 40 banks."
	if out := runCLI(t, text, "extract", "-").stdout; strings.Contains(out, "Quartz Lynx, sponsor") {
		t.Fatalf("unknown actor found without --rules:\n%s", out)
	}
	if out := runCLI(t, text, "extract", "--rules", dir, "-").stdout; !strings.Contains(out, "Quartz Lynx, sponsor: Russia") {
		t.Fatalf("actor from --rules not found:\n%s", out)
	}
}

func TestExtractExplain(t *testing.T) {
	out := mustRun(t, "extract", "--explain", seedHTML(t))
	for _, want := range []string{"S0 p0: ", `speech "said" speaker="Lin Jian" (person)`, `accuse "United States" → "APT31"`} {
		if !strings.Contains(out, want) {
			t.Errorf("--explain lacks %q:\n%.600s", want, out)
		}
	}
}
