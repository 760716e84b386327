package export

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/claimwire/claimwire/model"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

var published = time.Date(2025, 3, 1, 12, 30, 0, 0, time.FixedZone("CET", 3600))

// testArticle is the article of the fixture claims.
var testArticle = model.Article{
	ID:           "3f2a9c0d1e2b4a56",
	URL:          "https://news.example/2025/03/01/minister",
	CanonicalURL: "https://news.example/minister",
	Title:        `Minister "denies" report, again`,
	Feeds:        []string{"https://wire.example/rss", "https://other.example/atom"},
	Published:    published,
	Fetched:      published.Add(5 * time.Minute),
	Text:         "not exported",
}

// testClaims has one claim of each kind and the awkward cells: quotes,
// commas, line breaks, non-ASCII text, formulas, big and negative numbers.
func testClaims() []model.Claim {
	id := func(seq int) string { return fmt.Sprintf("%s-%04d", testArticle.ID, seq) }
	return []model.Claim{
		{ID: id(1), ArticleID: testArticle.ID, Kind: model.Accusation,
			Accuser: "Ministry of Defence", AccuserOrg: "United Kingdom", Accused: `=HYPERLINK("http://evil.example","click")`,
			Allegation: "cyber attack", CAMEO: "112", Sentence: "The ministry blamed the group, it said.",
			Start: 0, End: 39, Rule: "accuse/blame", Confidence: 0.8, Cue: "blamed", GroupID: "g0000000000000001"},
		{ID: id(2), ArticleID: testArticle.ID, Kind: model.Actor,
			Label: "Fancy Bear", Canonical: "APT28", Aliases: []string{"Sofacy", "STRONTIUM"}, Sponsor: "Russia",
			Alias: "Fancy Bear", ActorKind: "state", ActorSource: "curated", GalaxyUUID: "5b4ee3ea-eee3-4c8e-8323-85ae32658754",
			MISPTag:  `misp-galaxy:threat-actor="APT28"`,
			Sentence: "Fancy Bear, also known as APT28, …", Start: 40, End: 50, Rule: "actor/gazetteer", Confidence: 1},
		{ID: id(3), ArticleID: testArticle.ID, Kind: model.Quote,
			Speaker: "Jane Doe", SpeakerTitle: "spokeswoman", Quote: "We will not, under any \"circumstances\",\nback down",
			Direct: true, Cue: "said", Sentence: "“We will not…”, said Jane Doe.", Start: 51, End: 120, Rule: "quote/direct", Confidence: 0.9},
		{ID: id(4), ArticleID: testArticle.ID, Kind: model.Number,
			Value: 4.4e9, Unit: "USD", Qualifier: "about", Text: "$4.4bn",
			Sentence: "Damage reached about $4.4bn.", Start: 121, End: 149, Rule: "number/money", Confidence: 0.7},
		{ID: id(5), ArticleID: testArticle.ID, Kind: model.Number,
			Value: -3.5, Unit: "percent", Text: "-3.5%",
			Sentence: "-3.5% was the growth, said @analyst.", Start: 150, End: 186, Rule: "number/percent", Confidence: 0.6},
		{ID: id(6), ArticleID: testArticle.ID, Kind: model.Denial,
			Denier: "Russia", Denied: "the accusations", Accuser: "Ministry of Defence", Accused: "Russia", Answers: 1,
			Cue: "denied", GroupID: "g0000000000000002", AnswersGroup: "g0000000000000001",
			Sentence: "Russia denied the accusations.", Start: 187, End: 216, Rule: "denial.object", Confidence: 0.8},
	}
}

func write(t *testing.T, opts Options, claims []model.Claim) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := NewWriter(&buf, opts)
	for _, c := range claims {
		if err := w.Write(c, testArticle); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func readCSV(t *testing.T, data []byte) [][]string {
	t.Helper()
	records, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return records
}

func TestGolden(t *testing.T) {
	tests := []struct {
		file string
		opts Options
	}{
		{"claims.csv.golden", Options{}},
		{"claims.ndjson.golden", Options{Format: NDJSON}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			got := write(t, tt.opts, testClaims())
			path := filepath.Join("testdata", tt.file)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s (go test -update to accept):\n%s", path, got)
			}
		})
	}
}

func TestHeader(t *testing.T) {
	if len(Row(model.Claim{}, model.Article{})) != len(Columns) {
		t.Fatalf("Row has %d cells, Columns %d", len(Row(model.Claim{}, model.Article{})), len(Columns))
	}
	if strings.HasPrefix(strings.ToUpper(Columns[0]), "ID") {
		t.Errorf("first column %q starts with ID: Excel would take the file for SYLK", Columns[0])
	}
	for _, opts := range []Options{{}, {Excel: true}} {
		records := readCSV(t, bytes.TrimPrefix(write(t, opts, nil), []byte("\uFEFF")))
		if len(records) != 1 || !slices.Equal(records[0], Columns) {
			t.Errorf("%+v: empty export = %q, want just the header", opts, records)
		}
	}
}

func TestExcelByteOrderMark(t *testing.T) {
	tests := []struct {
		opts    Options
		wantBOM bool
	}{
		{Options{}, false},
		{Options{Excel: true}, true},
		{Options{Excel: true, Raw: true}, true},
	}
	for _, tt := range tests {
		got := write(t, tt.opts, testClaims()[:1])
		if hasBOM := bytes.HasPrefix(got, []byte{0xEF, 0xBB, 0xBF}); hasBOM != tt.wantBOM {
			t.Errorf("%+v: BOM %v, want %v", tt.opts, hasBOM, tt.wantBOM)
		}
		if rest := bytes.TrimPrefix(got, []byte("\uFEFF")); !bytes.HasPrefix(rest, []byte("claim_id,kind,")) {
			t.Errorf("%+v: header does not follow the BOM: %.30q", tt.opts, got)
		}
	}
}

func TestFormulaInjection(t *testing.T) {
	tests := []struct {
		name  string
		claim model.Claim
		col   string
		want  string // the cell as a spreadsheet reads it
		raw   string // the cell with Raw
	}{
		{"equals", model.Claim{Quote: "=1+2"}, "quote", "'=1+2", "=1+2"},
		{"plus", model.Claim{Quote: "+1"}, "quote", "'+1", "+1"},
		{"minus", model.Claim{Accused: "-cmd|' /C calc'!A0"}, "accused", "'-cmd|' /C calc'!A0", "-cmd|' /C calc'!A0"},
		{"at", model.Claim{Speaker: "@SUM(A1:A9)"}, "speaker", "'@SUM(A1:A9)", "@SUM(A1:A9)"},
		{"tab", model.Claim{Label: "\t=1"}, "actor_label", "'\t=1", "\t=1"},
		// CRLF output drops a lone \r inside a cell, so without the
		// apostrophe this one would come out as a live formula.
		{"carriage return", model.Claim{Sentence: "\r=1"}, "sentence", "'=1", "=1"},
		{"space then equals", model.Claim{Quote: "  =1+2"}, "quote", "'  =1+2", "  =1+2"},
		{"no-break space", model.Claim{Quote: "\u00a0=1"}, "quote", "'\u00a0=1", "\u00a0=1"},
		{"byte order mark", model.Claim{Accused: "\ufeff+1"}, "accused", "'\ufeff+1", "\ufeff+1"},
		{"zero-width space", model.Claim{Speaker: "\u200b@SUM(A1)"}, "speaker", "'\u200b@SUM(A1)", "\u200b@SUM(A1)"},
		{"newline", model.Claim{Sentence: "\n-1"}, "sentence", "'\n-1", "\n-1"},
		{"mixed blanks", model.Claim{Quote: " \u00a0\ufeff\u200b\n=1"}, "quote", "' \u00a0\ufeff\u200b\n=1", " \u00a0\ufeff\u200b\n=1"},
		{"pipe", model.Claim{Quote: "|calc"}, "quote", "'|calc", "|calc"},
		{"space then pipe", model.Claim{Quote: " |calc"}, "quote", "' |calc", " |calc"},
		{"fullwidth equals", model.Claim{Quote: "＝1+2"}, "quote", "'＝1+2", "＝1+2"},
		{"fullwidth plus", model.Claim{Quote: "＋1"}, "quote", "'＋1", "＋1"},
		{"fullwidth minus", model.Claim{Quote: "－1"}, "quote", "'－1", "－1"},
		{"fullwidth at", model.Claim{Quote: "＠SUM(A1)"}, "quote", "'＠SUM(A1)", "＠SUM(A1)"},
		{"space then fullwidth", model.Claim{Quote: "\u3000＝1"}, "quote", "'\u3000＝1", "\u3000＝1"},
		{"space then word", model.Claim{Quote: "  hello = 1"}, "quote", "  hello = 1", "  hello = 1"},
		{"blank only", model.Claim{Quote: " \u00a0"}, "quote", " \u00a0", " \u00a0"},
		{"inner equals", model.Claim{Quote: "a=b"}, "quote", "a=b", "a=b"},
		{"plain", model.Claim{Quote: "hello"}, "quote", "hello", "hello"},
		{"empty", model.Claim{Quote: ""}, "quote", "", ""},
		{"negative value", model.Claim{Kind: model.Number, Value: -12.5}, "value", "-12.5", "-12.5"},
		{"negative start", model.Claim{Start: -1}, "start", "-1", "-1"},
		{"rule", model.Claim{Rule: "-x"}, "rule", "'-x", "-x"},
		{"kind", model.Claim{Kind: "=k"}, "kind", "'=k", "=k"},
	}
	col := func(name string) int { return indexOf(Columns, name) }
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, raw := range []bool{false, true} {
				records := readCSV(t, write(t, Options{Raw: raw}, []model.Claim{tt.claim}))
				got, want := records[1][col(tt.col)], tt.want
				if raw {
					want = tt.raw
				}
				if got != want {
					t.Errorf("Raw %v: cell %s = %q, want %q", raw, tt.col, got, want)
				}
			}
		})
	}
}

// Writing claims and reading them back with encoding/csv gives the same
// claims, as far as the columns hold them.
func TestCSVRoundTrip(t *testing.T) {
	for _, opts := range []Options{{Raw: true}, {}, {Excel: true}} {
		data := bytes.TrimPrefix(write(t, opts, testClaims()), []byte("\uFEFF"))
		records := readCSV(t, data)
		if len(records) != 1+len(testClaims()) {
			t.Fatalf("%+v: %d records, want header and %d", opts, len(records), len(testClaims()))
		}
		for i, want := range testClaims() {
			c, a := parseRow(t, records[i+1], !opts.Raw)
			if want := csvView(want); !reflect.DeepEqual(c, want) {
				t.Errorf("%+v: claim %d\n got %+v\nwant %+v", opts, i, c, want)
			}
			if want := csvArticle(testArticle); !reflect.DeepEqual(a, want) {
				t.Errorf("%+v: article\n got %+v\nwant %+v", opts, a, want)
			}
		}
	}
}

// csvView is the part of a claim the CSV holds.
func csvView(c model.Claim) model.Claim {
	c.CAMEO, c.Aliases, c.Text, c.Answers, c.MergeRule = "", nil, "", 0, ""
	return c
}

func csvArticle(a model.Article) model.Article {
	return model.Article{ID: a.ID, URL: a.URL, CanonicalURL: a.CanonicalURL, Title: a.Title, Feeds: a.Feeds,
		Published: a.Published.UTC(), Fetched: a.Fetched.UTC()}
}

// parseRow reads a record back into a claim and article, undoing
// neutralisation if asked.
func parseRow(t *testing.T, rec []string, neutralised bool) (model.Claim, model.Article) {
	t.Helper()
	cell := func(name string) string {
		v := rec[indexOf(Columns, name)]
		if neutralised && !numeric[indexOf(Columns, name)] && len(v) > 1 && v[0] == '\'' && neutralise(v[1:]) == v {
			return v[1:]
		}
		return v
	}
	num := func(name string) float64 {
		if cell(name) == "" {
			return 0
		}
		f, err := strconv.ParseFloat(cell(name), 64)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	when := func(name string) time.Time {
		tm, err := time.Parse(time.RFC3339, cell(name))
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	c := model.Claim{
		ID: cell("claim_id"), ArticleID: cell("article_id"), Kind: model.Kind(cell("kind")),
		Accuser: cell("accuser"), AccuserOrg: cell("accuser_org"), Accused: cell("accused"),
		Label: cell("actor_label"), Canonical: cell("actor_canonical"), Sponsor: cell("sponsor"),
		Speaker: cell("speaker"), SpeakerTitle: cell("speaker_title"), Quote: cell("quote"),
		Value: num("value"), Max: num("max"), Unit: cell("unit"), Qualifier: cell("qualifier"),
		Sentence: cell("sentence"), Start: int(num("start")), End: int(num("end")),
		Rule: cell("rule"), Confidence: num("confidence"),
		Allegation: cell("allegation"), Cue: cell("cue"), Direct: cell("direct") == "true", GroupID: cell("group_id"),
		Denier: cell("denier"), Denied: cell("denied"), AnswersGroup: cell("answers_group"),
		Alias: cell("actor_alias"), ActorKind: cell("actor_kind"), ActorSource: cell("actor_source"),
		GalaxyUUID: cell("galaxy_uuid"), MISPTag: cell("misp_tag"),
	}
	a := model.Article{ID: c.ArticleID, URL: cell("url"), CanonicalURL: cell("canonical_url"), Title: cell("title"),
		Feeds: strings.Fields(cell("feed")), Published: when("published"), Fetched: when("fetched")}
	return c, a
}

func TestNDJSONRoundTrip(t *testing.T) {
	data := write(t, Options{Format: NDJSON, Raw: false}, testClaims())
	sc := bufio.NewScanner(bytes.NewReader(data))
	i := 0
	for ; sc.Scan(); i++ {
		var c model.Claim
		var a articleFields
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		if want := testClaims()[i]; !reflect.DeepEqual(c, want) {
			t.Errorf("line %d: claim\n got %+v\nwant %+v", i, c, want)
		}
		want := csvArticle(testArticle)
		if a.URL != want.URL || a.Title != want.Title || !slices.Equal(a.Feeds, want.Feeds) ||
			a.Published != want.Published || a.Fetched != want.Fetched {
			t.Errorf("line %d: article fields %+v, want those of %+v", i, a, want)
		}
	}
	if i != len(testClaims()) {
		t.Errorf("%d lines, want %d", i, len(testClaims()))
	}
}

func TestNDJSONWithoutArticleFields(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf, Options{Format: NDJSON})
	if err := w.Write(model.Claim{Kind: model.Quote, Quote: "q"}, model.Article{}); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), `{"kind":"quote","quote":"q","sentence":"","start":0,"end":0,"direct":false}`+"\n"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestValueCell(t *testing.T) {
	tests := []struct {
		claim model.Claim
		want  string
	}{
		{model.Claim{Kind: model.Number, Value: 4.4e9}, "4400000000"},
		{model.Claim{Kind: model.Number, Value: 1e21}, "1000000000000000000000"},
		{model.Claim{Kind: model.Number, Value: 0.000015}, "0.000015"},
		{model.Claim{Kind: model.Number, Value: 0}, "0"},
		{model.Claim{Kind: model.Number, Value: -3}, "-3"},
		{model.Claim{Kind: model.Quote, Value: 7}, ""},
	}
	for _, tt := range tests {
		if got := Row(tt.claim, model.Article{})[indexOf(Columns, "value")]; got != tt.want {
			t.Errorf("value of %v %v = %q, want %q", tt.claim.Kind, tt.claim.Value, got, tt.want)
		}
	}
}

// TestMaxCell checks that a range's upper end has its own column and its
// own JSON field, and that other claims leave both empty.
func TestMaxCell(t *testing.T) {
	tests := []struct {
		claim    model.Claim
		cell     string
		jsonPart string
	}{
		{model.Claim{Kind: model.Number, Value: 2e6, Max: 3e6, Unit: "USD"}, "3000000", `"max":3000000`},
		{model.Claim{Kind: model.Number, Value: 200, Unit: "workers"}, "", ""},
	}
	for _, tt := range tests {
		if got := Row(tt.claim, model.Article{})[indexOf(Columns, "max")]; got != tt.cell {
			t.Errorf("max cell of %+v = %q, want %q", tt.claim, got, tt.cell)
		}
		var buf bytes.Buffer
		w := NewWriter(&buf, Options{Format: NDJSON})
		if err := w.Write(tt.claim, model.Article{}); err != nil {
			t.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		if has := strings.Contains(buf.String(), `"max"`); has != (tt.jsonPart != "") || !strings.Contains(buf.String(), tt.jsonPart) {
			t.Errorf("NDJSON of %+v = %s, want %q", tt.claim, buf.String(), tt.jsonPart)
		}
	}
}

func TestRowFallsBackToArticle(t *testing.T) {
	row := Row(model.Claim{Kind: model.Quote}, model.Article{ID: "abc", CanonicalURL: "https://c.example"})
	if got := row[indexOf(Columns, "article_id")]; got != "abc" {
		t.Errorf("article_id = %q, want the article's ID", got)
	}
	if got := row[indexOf(Columns, "url")]; got != "https://c.example" {
		t.Errorf("url = %q, want the canonical URL", got)
	}
	if got := row[indexOf(Columns, "published")]; got != "" {
		t.Errorf("published = %q, want empty for an unknown time", got)
	}
}

func TestErrors(t *testing.T) {
	w := NewWriter(&bytes.Buffer{}, Options{Format: "xlsx"})
	if err := w.Write(model.Claim{}, model.Article{}); err == nil || !strings.Contains(err.Error(), `"xlsx"`) {
		t.Errorf("Write with format xlsx: err = %v", err)
	}
	if err := w.Flush(); err == nil {
		t.Error("Flush with format xlsx: no error")
	}
	if Format("xlsx").Valid() || !CSV.Valid() || !NDJSON.Valid() {
		t.Error("Format.Valid is wrong")
	}
	for _, f := range []Format{CSV, NDJSON} {
		w := NewWriter(failWriter{}, Options{Format: f})
		_ = w.Write(testClaims()[0], testArticle)
		if err := w.Flush(); !errors.Is(err, errDiskFull) {
			t.Errorf("%s: Flush err = %v, want the write error", f, err)
		}
	}
}

var errDiskFull = errors.New("disk full")

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errDiskFull }
