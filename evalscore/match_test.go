package evalscore

import (
	"encoding/json"
	"math"
	"slices"
	"testing"
)

// jn is a JSON number literal as the decoder gives it.
func jn(s string) json.Number { return json.Number(s) }

func TestNormText(t *testing.T) {
	for _, tc := range []struct {
		in   any
		want string
	}{
		{"  The U.S.  ", "the u.s"},
		{"\u201cQuoted\u201d,", "quoted"},
		{"People\u2019s\u00a0Republic\tof\n China", "people's republic of china"},
		{"İstanbul", "i\u0307stanbul"},
		{"ΟΔΟΣ", "οδος"},
		{"a\x1cb", "a b"},
		{nil, ""},
		{jn("3"), ""},
		{[]any{"x"}, ""},
	} {
		if got := normText(tc.in); got != tc.want {
			t.Errorf("normText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCanonEntity(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Washington", "united states"},
		{"the United States", "united states"},
		{"U.S.", "united states"},
		{"The U.S. government", "united states"},
		{"China's", "china"},
		{"Beijing’s", "china"},
		{"Kremlin", "russia"},
		{"Department of Justice", "justice department"},
		{"The Justice Department", "justice department"},
		{"APT31's", "apt31"},
		{"Five Eyes alliance", "five eyes"},
		{"Microsoft", "microsoft"},
		{"", ""},
	} {
		if got := canonEntity(tc.in); got != tc.want {
			t.Errorf("canonEntity(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestEntityMatch(t *testing.T) {
	for _, tc := range []struct {
		name string
		pred any
		gold []any
		want bool
	}{
		{"alias", "Washington", []any{"United States"}, true},
		{"alias both sides", "British", []any{"London"}, true},
		{"case and dots", "u.s", []any{"US"}, true},
		{"other country", "Moscow", []any{"China"}, false},
		{"any alternative", "CPS", []any{"Chicago Public Schools", "CPS"}, true},
		{"surname", "Peters", []any{"Winston Peters"}, true},
		{"full name with title", "Foreign Minister Winston Peters", []any{"Winston Peters"}, true},
		{"gold has the title", "Winston Peters", []any{"Foreign Minister Winston Peters"}, true},
		{"description around the name", "Brazile's CNN colleague, Jake Tapper", []any{"Jake Tapper"}, true},
		{"first name only", "Winston", []any{"Winston Peters"}, false},
		{"other person, same surname", "Mary Peters", []any{"Winston Peters"}, false},
		{"surname rule skips countries", "Korea", []any{"North Korea"}, false},
		{"surname rule skips canonical pred", "North Korea", []any{"South North Korea"}, false},
		{"star", "the spokesman", []any{"*"}, true},
		{"star needs a name", "", []any{"*"}, false},
		{"star needs a string", nil, []any{"*"}, false},
		{"list prediction", []any{"officials", "CPS"}, []any{"CPS"}, true},
		{"list prediction, none", []any{"officials", 3}, []any{"CPS"}, false},
		{"number prediction", jn("3"), []any{"3"}, false},
		{"punctuation only", "...", []any{"*"}, false},
		{"non-string gold", "CPS", []any{nil, jn("1"), "CPS"}, true},
	} {
		if got := entityMatch(tc.pred, tc.gold); got != tc.want {
			t.Errorf("%s: entityMatch(%v, %v) = %v, want %v", tc.name, tc.pred, tc.gold, got, tc.want)
		}
	}
}

func TestTokens(t *testing.T) {
	for _, tc := range []struct {
		in   any
		want []string
	}{
		{"Sims's e-mail, 24 hours", []string{"simss", "e", "mail", "24", "hours"}},
		{"İstanbul café", []string{"i", "stanbul", "caf"}},
		{"", nil},
		{nil, nil},
	} {
		if got := tokens(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("tokens(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestOverlapF1(t *testing.T) {
	for _, tc := range []struct {
		a, b any
		want float64
	}{
		{"the cat sat", "the cat sat", 1},
		{"the cat", "the cat sat on the mat", 2 * 1 * (2.0 / 6) / (1 + 2.0/6)},
		{"the the the", "the", 2 * (1.0 / 3) * 1 / (1.0/3 + 1)},
		{"dog", "cat", 0},
		{"", "cat", 0},
		{nil, "cat", 0},
		{"“Quoted,” he", "quoted he", 1},
	} {
		if got := overlapF1(tc.a, tc.b); got != tc.want {
			t.Errorf("overlapF1(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestLemma(t *testing.T) {
	for _, tc := range []struct {
		in   any
		want string
	}{
		{"alleged hackers", "hacker"},
		{"Companies", "company"},
		{"classes", "class"},
		{"branches", "branch"},
		{"wishes", "wish"},
		{"boxes", "box"},
		{"emails.", "email"},
		{"business", "business"},
		{"bus", "bu"}, // as score.py: only "ss" protects a final s
		{"ies", "ie"},
		{"xs", "xs"},
		{"élans", "élan"},
		{"és", "és"},
		{"USD", "usd"},
		{"", ""},
		{nil, ""},
	} {
		if got := lemma(tc.in); got != tc.want {
			t.Errorf("lemma(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNum(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		in   any
		want float64
		ok   bool
	}{
		{jn("10000"), 10000, true},
		{jn("4e9"), 4e9, true},
		{jn("1e400"), math.Inf(1), true},
		{1.5, 1.5, true},
		{true, 1, true},
		{false, 0, true},
		{"10,000", 10000, true},
		{" 1_000.5 ", 1000.5, true},
		{"\u00a012\u2003", 12, true},
		{"١٢٣", 123, true},
		{"𝟗𝟖", 98, true},
		{"-inf", math.Inf(-1), true},
		{"Infinity", math.Inf(1), true},
		{"nan", nan, true},
		{".5e1", 5, true},
		{"5.", 5, true},
		{"1__0", 0, false},
		{"_1", 0, false},
		{"0x10", 0, false},
		{"1e", 0, false},
		{"$4", 0, false},
		{"\x1c5", 0, false},
		{"", 0, false},
		{nil, 0, false},
		{[]any{jn("1")}, 0, false},
	} {
		got, ok := num(tc.in)
		same := got == tc.want || (math.IsNaN(got) && math.IsNaN(tc.want))
		if ok != tc.ok || (ok && !same) {
			t.Errorf("num(%#v) = %v, %v, want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestMatch(t *testing.T) {
	f := newFields
	for _, tc := range []struct {
		name string
		kind string
		p, g *Fields
		want bool
	}{
		{"accusation", "accusation", f("accuser", "Washington", "accused", "Beijing"), f("accuser", []any{"US"}, "accused", []any{"China"}), true},
		{"accusation, gold a string", "accusation", f("accuser", "UK", "accused", "China"), f("accuser", "Britain", "accused", "Chinese"), true},
		{"accusation reversed", "accusation", f("accuser", "China", "accused", "US"), f("accuser", []any{"US"}, "accused", []any{"China"}), false},
		{"accusation without accused", "accusation", f("accuser", "US"), f("accuser", []any{"US"}, "accused", []any{"*"}), false},
		{"actor spacing", "actor", f("label", "APT 31"), f("label", []any{"APT31"}), true},
		{"actor hyphen", "actor", f("label", "Fancy-Bear"), f("label", "fancy bear"), true},
		{"actor alias", "actor", f("label", "Sofacy", "aliases", []any{"APT28"}), f("label", []any{"APT28", "Fancy Bear"}), true},
		{"actor ligature", "actor", f("label", "ﬁn7"), f("label", "FIN7"), true},
		{"actor sharp s", "actor", f("label", "Straße"), f("label", "STRASSE"), true},
		{"actor other", "actor", f("label", "Lazarus"), f("label", []any{"APT38"}), false},
		{"actor punctuation only", "actor", f("label", "--"), f("label", "—"), false},
		{"actor non-string alias", "actor", f("aliases", []any{jn("31")}), f("label", "31"), false},
		{"quote", "quote", f("speaker", "Peters", "quote", "we are deeply concerned"), f("speaker", []any{"Winston Peters"}, "quote", "We are deeply concerned about this"), true},
		{"quote, overlap 0.5", "quote", f("speaker", "Peters", "quote", "we are"), f("speaker", []any{"Winston Peters"}, "quote", "We are deeply concerned about this"), true},
		{"quote, low overlap", "quote", f("speaker", "Peters", "quote", "we"), f("speaker", []any{"Winston Peters"}, "quote", "We are deeply concerned about this"), false},
		{"quote, wrong speaker", "quote", f("speaker", "Smith", "quote", "we are deeply concerned"), f("speaker", []any{"Winston Peters"}, "quote", "we are deeply concerned"), false},
		{"quote_span ignores the speaker", "quote_span", f("speaker", "Smith", "quote", "we are deeply concerned"), f("speaker", []any{"Winston Peters"}, "quote", "we are deeply concerned"), true},
		{"number", "number", f("value", jn("10000"), "unit", "emails"), f("value", jn("10000"), "unit", "email"), true},
		{"number, string gold", "number", f("value", jn("4000000000"), "unit", "USD"), f("value", "4,000,000,000", "unit", "USD"), true},
		{"number, unit's last word", "number", f("value", jn("7"), "unit", "alleged hackers"), f("value", jn("7"), "unit", "hackers"), true},
		{"number, other value", "number", f("value", jn("7"), "unit", "hackers"), f("value", jn("8"), "unit", "hackers"), false},
		{"number, within 1e-9", "number", f("value", jn("1.0000000001"), "unit", "x"), f("value", jn("1"), "unit", "x"), true},
		{"number, no value", "number", f("unit", "hackers"), f("value", jn("7"), "unit", "hackers"), false},
		{"number, empty unit", "number", f("value", jn("7"), "unit", ""), f("value", jn("7"), "unit", ""), false},
		{"number, NaN matches", "number", f("value", "nan", "unit", "x"), f("value", jn("7"), "unit", "x"), true},
		{"unknown kind", "event", f("label", "x"), f("label", "x"), false},
	} {
		if got := match(tc.kind, tc.p, tc.g); got != tc.want {
			t.Errorf("%s: match(%s, %s, %s) = %v, want %v", tc.name, tc.kind, pyDumps(tc.p), pyDumps(tc.g), got, tc.want)
		}
	}
}

func TestDedupe(t *testing.T) {
	f := newFields
	for _, tc := range []struct {
		kind string
		in   []*Fields
		want []int // indexes kept
	}{
		{"accusation", []*Fields{
			f("accuser", "Washington", "accused", "Beijing"),
			f("accuser", "U.S.", "accused", "Chinese"),
			f("accuser", "U.S.", "accused", "Russia"),
		}, []int{0, 2}},
		{"actor", []*Fields{
			f("label", "APT31"), f("label", "APT 31"), f("label", "Zirconium", "aliases", []any{"APT31"}), f("label", "Zirconium"),
		}, []int{0, 3}},
		{"number", []*Fields{
			f("value", jn("10000"), "unit", "emails"), f("value", "10,000", "unit", "email"), f("value", jn("10000"), "unit", "users"),
		}, []int{0, 2}},
		{"quote", []*Fields{
			f("speaker", "A", "quote", "same words"), f("speaker", "A", "quote", "same words"),
		}, []int{0, 1}},
	} {
		got := dedupe(tc.kind, tc.in)
		var idx []int
		for _, c := range got {
			idx = append(idx, slices.Index(tc.in, c))
		}
		if !slices.Equal(idx, tc.want) {
			t.Errorf("dedupe(%s) kept %v, want %v", tc.kind, idx, tc.want)
		}
	}
}

func TestPyDumps(t *testing.T) {
	for _, tc := range []struct {
		in   any
		want string
	}{
		{newFields("b", jn("1"), "a", jn("-0"), "c", jn("1.50"), "d", jn("1e3")), `{"b": 1, "a": 0, "c": 1.5, "d": 1000.0}`},
		{[]any{jn("1e16"), jn("1e-5"), jn("0.0001"), jn("-0.0"), jn("1e400")}, `[1e+16, 1e-05, 0.0001, -0.0, Infinity]`},
		{"é <&> \"\\\n\t\x01\u2028", `"é <&> \"\\\n\t\u0001` + "\u2028\""},
		{[]any{nil, true, false}, `[null, true, false]`},
	} {
		if got := pyDumps(tc.in); got != tc.want {
			t.Errorf("pyDumps(%v) = %s, want %s", tc.in, got, tc.want)
		}
	}
}
