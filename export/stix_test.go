package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/claimwire/claimwire/model"
)

// STIX 2.1 rules, checked as the OASIS validator checks them.
var (
	stixIDRE   = regexp.MustCompile(`^([a-z][a-z0-9-]+)--[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	stixTimeRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$`)
	// required properties per type, beyond type, spec_version, id, created, modified
	stixRequired = map[string][]string{
		"report":        {"name", "published", "object_refs"},
		"intrusion-set": {"name"},
		"identity":      {"name"},
		"location":      {"country"},
		"relationship":  {"relationship_type", "source_ref", "target_ref"},
		"note":          {"content", "object_refs"},
	}
	// relationship types STIX 2.1 defines (common ones and per type)
	stixRelationships = map[string]bool{
		"attributed-to": true, "originates-from": true, "related-to": true, "derived-from": true,
		"duplicate-of": true, "targets": true, "uses": true, "located-at": true,
	}
)

// checkBundle asserts the STIX 2.1 rules on a bundle and returns its
// objects by id.
func checkBundle(t testing.TB, data []byte) map[string]map[string]any {
	t.Helper()
	var b struct {
		Type    string           `json:"type"`
		ID      string           `json:"id"`
		Objects []map[string]any `json:"objects"`
	}
	if err := json.Unmarshal(data, &b); err != nil {
		t.Fatalf("bundle is not JSON: %v", err)
	}
	if b.Type != "bundle" || !strings.HasPrefix(b.ID, "bundle--") || !stixIDRE.MatchString(b.ID) {
		t.Fatalf("bundle type %q id %q", b.Type, b.ID)
	}
	byID := map[string]map[string]any{}
	for _, o := range b.Objects {
		id, _ := o["id"].(string)
		typ, _ := o["type"].(string)
		m := stixIDRE.FindStringSubmatch(id)
		if m == nil || m[1] != typ {
			t.Errorf("id %q does not match type %q", id, typ)
		}
		if _, dup := byID[id]; dup {
			t.Errorf("duplicate id %s", id)
		}
		byID[id] = o
		if o["spec_version"] != "2.1" {
			t.Errorf("%s: spec_version %v", id, o["spec_version"])
		}
		for _, k := range []string{"created", "modified", "published"} {
			if v, ok := o[k]; ok || k != "published" {
				if s, _ := v.(string); !stixTimeRE.MatchString(s) {
					t.Errorf("%s: %s %q is not RFC 3339 UTC with milliseconds", id, k, v)
				}
			}
		}
		if o["modified"].(string) < o["created"].(string) {
			t.Errorf("%s: modified before created", id)
		}
		req, known := stixRequired[typ]
		if !known {
			t.Errorf("%s: unexpected type %s", id, typ)
		}
		for _, k := range req {
			if v, ok := o[k]; !ok || v == "" || v == nil {
				t.Errorf("%s: required %s missing", id, k)
			}
			if l, ok := o[k].([]any); ok && len(l) == 0 {
				t.Errorf("%s: %s is empty", id, k)
			}
		}
		if c, ok := o["confidence"].(float64); ok && (c < 0 || c > 100 || c != float64(int(c))) {
			t.Errorf("%s: confidence %v", id, c)
		}
		if typ == "relationship" && !stixRelationships[o["relationship_type"].(string)] {
			t.Errorf("%s: relationship type %v", id, o["relationship_type"])
		}
		if typ == "identity" && o["identity_class"] == nil {
			t.Errorf("%s: identity without identity_class", id)
		}
		if typ == "location" && !regexp.MustCompile(`^[A-Z]{2}$`).MatchString(o["country"].(string)) {
			t.Errorf("%s: country %v is not an ISO 3166-1 alpha-2 code", id, o["country"])
		}
		refList, _ := o["external_references"].([]any)
		for _, r := range refList {
			ref := r.(map[string]any)
			if ref["source_name"] == nil || ref["url"] == nil && ref["external_id"] == nil && ref["description"] == nil {
				t.Errorf("%s: external reference %v lacks source_name or what it refers to", id, ref)
			}
		}
	}
	for id, o := range byID {
		var refs []string
		for _, k := range []string{"source_ref", "target_ref"} {
			if s, ok := o[k].(string); ok {
				refs = append(refs, s)
			}
		}
		if l, ok := o["object_refs"].([]any); ok {
			for _, r := range l {
				refs = append(refs, r.(string))
			}
		}
		for _, r := range refs {
			if byID[r] == nil {
				t.Errorf("%s refers to %s, which is not in the bundle", id, r)
			}
		}
	}
	return byID
}

func lenAny(v any) int {
	l, _ := v.([]any)
	return len(l)
}

// wireClaims reads the claims of the test wire from its golden CSV (the
// claims the end-to-end test finds), with the article of each.
func wireClaims(t *testing.T) ([]model.Claim, []model.Article) {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "testdata", "wire.csv.golden"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	var cs []model.Claim
	var as []model.Article
	for _, r := range rows[1:] {
		cell := func(name string) string { return r[col[name]] }
		conf, _ := strconv.ParseFloat(cell("confidence"), 64)
		start, _ := strconv.Atoi(cell("start"))
		end, _ := strconv.Atoi(cell("end"))
		pub, _ := time.Parse(time.RFC3339, cell("published"))
		url := "https://wire.example" + cell("url")
		cs = append(cs, model.Claim{Kind: model.Kind(cell("kind")), ArticleID: cell("url"),
			Accuser: cell("accuser"), Accused: cell("accused"), Label: cell("actor_label"), Canonical: cell("actor_canonical"),
			Sponsor: cell("sponsor"), Speaker: cell("speaker"), Quote: cell("quote"), Sentence: cell("sentence"),
			Start: start, End: end, Rule: cell("rule"), Confidence: conf})
		as = append(as, model.Article{ID: cell("url"), URL: url, Published: pub})
	}
	return cs, as
}

func writeSTIX(t testing.TB, cs []model.Claim, as []model.Article) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := NewWriter(&buf, Options{Format: STIX})
	for i := range cs {
		if err := w.Write(cs[i], as[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSTIXWireGolden(t *testing.T) {
	cs, as := wireClaims(t)
	got := writeSTIX(t, cs, as)
	golden := filepath.Join("testdata", "wire.stix.golden")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("bundle differs from %s (go test -update to accept)", golden)
	}
	objs := checkBundle(t, got)
	count := map[string]int{}
	for _, o := range objs {
		count[o["type"].(string)]++
		if o["type"] == "relationship" && o["relationship_type"] == "attributed-to" && o["description"] == nil {
			t.Errorf("%s carries no evidence sentence", o["id"])
		}
	}
	var accusations, articles int
	seen := map[string]bool{}
	for i, c := range cs {
		if c.Kind == model.Accusation {
			accusations++
		}
		if (c.Kind == model.Accusation || c.Kind == model.Actor) && !seen[as[i].ID] {
			seen[as[i].ID] = true
			articles++
		}
	}
	if count["note"] != accusations || count["report"] != articles || count["intrusion-set"] == 0 || count["location"] == 0 {
		t.Errorf("objects %v for %d accusations in %d articles", count, accusations, articles)
	}
}

// The bundle does not depend on the order of the claims.
func TestSTIXDeterministic(t *testing.T) {
	cs, as := wireClaims(t)
	want := writeSTIX(t, cs, as)
	rng := rand.New(rand.NewPCG(1, 2))
	rng.Shuffle(len(cs), func(i, j int) { cs[i], cs[j] = cs[j], cs[i]; as[i], as[j] = as[j], as[i] })
	if got := writeSTIX(t, cs, as); !bytes.Equal(got, want) {
		t.Error("shuffled claims give another bundle")
	}
}

func TestSTIXActorAndAccusation(t *testing.T) {
	a := model.Article{ID: "a1", URL: "https://news.example/a1", Title: "Hack", Published: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)}
	cs := []model.Claim{
		{Kind: model.Actor, Label: "Fancy Bear", Canonical: "APT28", Aliases: []string{"Sofacy"}, Sponsor: "Russia",
			GalaxyUUID: "5b4ee3ea-eee3-4c8e-8323-85ae32658754", MISPTag: `misp-galaxy:threat-actor="APT28"`, ActorKind: "state",
			Sentence: "Fancy Bear hacked it.", Confidence: 0.9},
		{Kind: model.Accusation, Accuser: "United Kingdom", Accused: "APT28", Allegation: "hacking the agency",
			Sentence: "Britain accused APT28 of hacking the agency.", Confidence: 0.853},
	}
	objs := checkBundle(t, writeSTIX(t, cs, []model.Article{a, a}))
	set := objs[stixID("intrusion-set", "apt28")]
	if set == nil || set["name"] != "APT28" || lenAny(set["aliases"]) != 2 {
		t.Fatalf("intrusion-set: %v", set)
	}
	ref := set["external_references"].([]any)[0].(map[string]any)
	if ref["external_id"] != "5b4ee3ea-eee3-4c8e-8323-85ae32658754" || ref["source_name"] != "misp-galaxy" {
		t.Errorf("galaxy reference %v", ref)
	}
	var rels []string
	for _, o := range objs {
		if o["type"] == "relationship" {
			rels = append(rels, o["relationship_type"].(string)+" "+objs[o["target_ref"].(string)]["type"].(string))
			if o["relationship_type"] == "attributed-to" && (o["target_ref"] != set["id"] || o["confidence"] != 85.0) {
				t.Errorf("accusation: %v", o)
			}
		}
		if o["type"] == "note" && (lenAny(o["authors"]) != 1 || o["authors"].([]any)[0] != "United Kingdom") {
			t.Errorf("note does not name the accuser: %v", o)
		}
	}
	if strings.Join(sortedCopy(rels), ",") != "attributed-to intrusion-set,originates-from location" {
		t.Errorf("relationships %v", rels)
	}
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func TestSTIXEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := NewWriter(&buf, Options{Format: STIX}).Flush(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"objects": []`) {
		t.Errorf("empty bundle: %s", buf.String())
	}
}

// FuzzSTIX writes claims whose text comes from the fuzzer: the bundle must
// keep every STIX rule.
func FuzzSTIX(f *testing.F) {
	f.Add("Russia", "APT28", "Fancy Bear", "a sentence.", 0.9, int64(0))
	f.Add("", "\x00\"", "", "\n", -3.5, int64(-62135596800))
	f.Add("Acme Corp", "Acme Corp", "Acme Corp", "<b>", 1e9, int64(253402300799))
	f.Fuzz(func(t *testing.T, accuser, accused, label, sentence string, conf float64, unix int64) {
		a := model.Article{ID: accused + "|" + label, URL: "https://x.example/" + label, Published: time.Unix(unix%253402300799, 0)}
		if a.Published.Year() < 1 {
			a.Published = time.Time{}
		}
		cs := []model.Claim{
			{Kind: model.Actor, Label: label, Canonical: accused, Sponsor: accuser, Sentence: sentence, Confidence: conf},
			{Kind: model.Accusation, Accuser: accuser, Accused: accused, Sentence: sentence, Confidence: conf},
			{Kind: model.Quote, Speaker: accuser, Quote: sentence},
		}
		checkBundle(t, writeSTIX(t, cs, []model.Article{a, a, a}))
	})
}
