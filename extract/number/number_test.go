package number

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/claimwire/claimwire/rules"
)

func defaultSet(t testing.TB) *rules.Set {
	t.Helper()
	set, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	return set
}

func defaultParser(t testing.TB) *Parser {
	t.Helper()
	p, err := New(defaultSet(t).Numbers)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// render writes a match compactly for table tests:
// `"more than 10,000" 10000 more than`, `"10-20%" [10 20] between percent`,
// `"2014" 2014 skip:year`.
func render(m Match) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%q ", m.Text)
	if m.Qualifier == Between {
		fmt.Fprintf(&b, "[%g %g]", m.Min, m.Max)
	} else {
		fmt.Fprintf(&b, "%g", m.Value)
	}
	for _, s := range []string{m.Qualifier, m.Unit} {
		if s != "" {
			b.WriteString(" " + s)
		}
	}
	if m.Vague {
		b.WriteString(" vague")
	}
	if m.Skip != "" {
		b.WriteString(" skip:" + string(m.Skip))
	}
	return b.String()
}

func renderAll(ms []Match) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = render(m)
	}
	return out
}

type findTest struct {
	in   string
	want []string
}

func runFind(t *testing.T, tests []findTest) {
	t.Helper()
	p := defaultParser(t)
	for _, tt := range tests {
		got := renderAll(p.Find(tt.in))
		if !slices.Equal(got, tt.want) {
			t.Errorf("Find(%q)\n got  %q\n want %q", tt.in, got, tt.want)
		}
	}
}

func TestFindCounts(t *testing.T) {
	runFind(t, []findTest{
		{"more than 10,000 emails", []string{`"more than 10,000" 10000 more than`}},
		{"seven alleged hackers", []string{`"seven" 7`}},
		{"Two individuals and one company", []string{`"Two" 2`, `"one" 1`}},
		{"two dozen, ten thousand, 1.5 million", []string{`"two dozen" 24`, `"ten thousand" 10000`, `"1.5 million" 1.5e+06`}},
		{"500 million accounts", []string{`"500 million" 5e+08`}},
		{"one hundred and twenty-three analysts", []string{`"one hundred and twenty-three" 123`}},
		{"a million users", []string{`"a million" 1e+06`}},
		{"one of the contractors", []string{`"one" 1`}},
		{"1-1/2 days before", []string{`"1-1/2" 1.5`}},
		{"3,789 City of Atlanta computers", []string{`"3,789" 3789`}},
		{"15 000 people", []string{`"15 000" 15000`}},
		{"1,674.5 million", []string{`"1,674.5 million" 1.6745e+09`}},
		{"three hundred and 2 hundred", []string{`"three hundred" 300`, `"2 hundred" 200`}},
		{"forty-five (45) victims", []string{`"forty-five (45)" 45`}},
		{"-5, minus five, -1.2M", []string{`"-5" -5`, `"minus five" -5`, `"-1.2M" -1.2e+06`}},
		{"two thirds of a million", []string{`"two thirds of a million" 666666.666666667`}},
		{"three and a half million", []string{`"three and a half million" 3.5e+06`}},
		{"the first half of 2023", []string{`"first" 1 skip:ordinal`, `"2023" 2023 skip:year`}},
	})
}

func TestFindMoney(t *testing.T) {
	runFind(t, []findTest{
		{"$4bn", []string{`"$4bn" 4e+09 USD`}},
		{"$350 million", []string{`"$350 million" 3.5e+08 USD`}},
		{"$4.4 billion dollars", []string{`"$4.4 billion dollars" 4.4e+09 USD`}},
		{"£10m in costs", []string{`"£10m" 1e+07 GBP`}},
		{"€3.5bn", []string{`"€3.5bn" 3.5e+09 EUR`}},
		{"US$ 1MM", []string{`"US$ 1MM" 1e+06 USD`}},
		{"4.5 million euros", []string{`"4.5 million euros" 4.5e+06 EUR`}},
		{"10 million yuan", []string{`"10 million yuan" 1e+07 CNY`}},
		{"5 billion won", []string{`"5 billion won" 5e+09 KRW`}},
		{"Rs 500 crore", []string{`"Rs 500 crore" 5e+09 INR`}},
		{"about $3,000", []string{`"about $3,000" 3000 about USD`}},
		{"exceeding $5,000", []string{`"exceeding $5,000" 5000 more than USD`}},
		{"six Bitcoin", []string{`"six" 6`}},
		{"the party won 5 seats", []string{`"5" 5`}},
		{"a 10m wall", []string{`"10m" 10 skip:identifier`}},
		{"1.2m users", []string{`"1.2m" 1.2e+06`}},
	})
}

func TestFindUnits(t *testing.T) {
	runFind(t, []findTest{
		{"20 percent", []string{`"20 percent" 20 percent`}},
		{"20%", []string{`"20%" 20 percent`}},
		{"3.5 per cent", []string{`"3.5 per cent" 3.5 percent`}},
		{"-3.5%", []string{`"-3.5%" -3.5 percent`}},
		{"2 percentage points", []string{`"2 percentage points" 2 percentage points`}},
		{"43TB", []string{`"43TB" 43 TB`}},
		{"1.5 TB", []string{`"1.5 TB" 1.5 TB`}},
		{"up to 9 gigabytes", []string{`"up to 9 gigabytes" 9 up to gigabytes`}},
		{"a 1.2 Tbps attack", []string{`"1.2 Tbps" 1.2 Tbps`}},
	})
}

func TestFindQualifiersAndRanges(t *testing.T) {
	runFind(t, []findTest{
		{"more than 3,700", []string{`"more than 3,700" 3700 more than`}},
		{"about 80,000", []string{`"about 80,000" 80000 about`}},
		{"nearly two dozen", []string{`"nearly two dozen" 24 nearly`}},
		{"at least 15 computers", []string{`"at least 15" 15 at least`}},
		{"As much as 9 gigabytes", []string{`"As much as 9 gigabytes" 9 up to gigabytes`}},
		{"fewer than a thousand", []string{`"fewer than a thousand" 1000 less than`}},
		{"some 300,000 computers", []string{`"some 300,000" 300000 about`}},
		{"500 or more", []string{`"500 or more" 500 at least`}},
		{"less than 5000 or equal", []string{`"less than 5000 or equal" 5000 up to`}},
		{"between 10 and 20", []string{`"between 10 and 20" [10 20] between`}},
		{"between $10 and $20 million", []string{`"between $10 and $20 million" [1e+07 2e+07] between USD`}},
		{"from 5 to 10", []string{`"from 5 to 10" [5 10] between`}},
		{"10-20%", []string{`"10-20%" [10 20] between percent`}},
		{"two to three weeks", []string{`"two to three" [2 3] between`}},
		{"more than 10 and less than 40", []string{`"more than 10 and less than 40" [10 40] between`}},
		{"more than 40 and less than 10", []string{`"more than 40" 40 more than`, `"less than 10" 10 less than`}},
		{"3-2 win", []string{`"3-2" 3 skip:score`}},
		{"from $350 million", []string{`"$350 million" 3.5e+08 USD`}},
		{"<>30", []string{`"30" 30`}},
	})
}

func TestFindVague(t *testing.T) {
	runFind(t, []findTest{
		{"thousands of students", []string{`"thousands" 1000 vague`}},
		{"dozens of firms", []string{`"dozens" 12 vague`}},
		{"millions of users", []string{`"millions" 1e+06 vague`}},
		{"hundreds of millions of users", []string{`"hundreds of millions" 1e+08 vague`}},
		{"tens of thousands of people", []string{`"tens of thousands" 10000 vague`}},
		{"a few weeks ago", []string{`"a few" 3 vague`}},
		{"a few hundred more", []string{`"a few hundred" 300 vague`}},
		{"three billions", []string{`"three billions" 3e+09`}},
	})
}

func TestFindSkips(t *testing.T) {
	runFind(t, []findTest{
		{"the 2014 hack", []string{`"2014" 2014 skip:year`}},
		{"in 2021", []string{`"2021" 2021 skip:year`}},
		{"since at least 2007", []string{`"at least 2007" 2007 at least skip:year`}},
		{"more than 2000 computers", []string{`"more than 2000" 2000 more than`}},
		{"from 2021 to 2022", []string{`"from 2021 to 2022" [2021 2022] between skip:year`}},
		{"2021-22", []string{`"2021-22" 2021 skip:year`}},
		{"the 1990s", []string{`"1990s" 1990 skip:year`}},
		{"the ’80s", []string{`"80s" 80 skip:year`}},
		{"in their 20s", []string{`"20s" 20 skip:age`}},
		{"on 21 February", []string{`"21" 21 skip:date`}},
		{"March 26, 2024", []string{`"26" 26 skip:date`, `"2024" 2024 skip:year`}},
		{"2024-03-26", []string{`"2024-03-26" 2024 skip:date`}},
		{"on May 8 and 9", []string{`"8" 8 skip:date`, `"9" 9 skip:date`}},
		{"5/17/2018", []string{`"5/17/2018" 5 skip:date`}},
		{"10:30", []string{`"10:30" 10 skip:time`}},
		{"3pm", []string{`"3pm" 3 skip:time`}},
		{"10 a.m.", []string{`"10" 10 skip:time`}},
		{"midnight (2200 GMT)", []string{`"2200" 2200 skip:time`}},
		{"the first", []string{`"first" 1 skip:ordinal`}},
		{"the 21st", []string{`"21st" 21 skip:ordinal`}},
		{"twenty-first", []string{`"twenty-first" 21 skip:ordinal`}},
		{"v2.1", []string{`"v2.1" 2 skip:version`}},
		{"Windows 10 and 11", []string{`"10" 10 skip:version`, `"11" 11 skip:version`}},
		{"iOS 16.1", []string{`"16.1" 16.1 skip:version`}},
		{"1.2.3", []string{`"1.2.3" 1 skip:version`}},
		{"CVE-2017-0144", []string{`"CVE-2017-0144" 2017 skip:identifier`}},
		{"MS17-010", []string{`"MS17-010" 17 skip:identifier`}},
		{"APT31", []string{`"APT31" 31 skip:identifier`}},
		{"APT 28", []string{`"28" 28 skip:identifier`}},
		{"G0022", []string{`"G0022" 22 skip:identifier`}},
		{"Unit 61398", []string{`"61398" 61398 skip:identifier`}},
		{"192.168.1.2", []string{`"192.168.1.2" 192 skip:identifier`}},
		{"0x1F", []string{`"0x1F" 0 skip:identifier`}},
		{"29km Road", []string{`"29km" 29 skip:identifier`}},
		{"+1-222-2222-2222", []string{`"+1-222-2222-2222" 1 skip:phone`}},
		{"+44 20 7946 0958", []string{`"+44 20 7946 0958" 44 skip:phone`}},
		{"(555) 123-4567", []string{`"(555) 123-4567" 555 skip:phone`}},
		{"Sims, 28, is", []string{`"28" 28 skip:age`}},
		{"a 28-year-old", []string{`"28" 28 skip:age`}},
		{"aged 28", []string{`"28" 28 skip:age`}},
		{"Five Eyes", []string{`"Five Eyes" 0 skip:name`}},
		{"5G networks", []string{`"5G" 0 skip:name`}},
		{"the one you mentioned", []string{`"one" 1 skip:pronoun`}},
		{"the Apollo 10 crew", []string{`"10" 10 skip:name`}},
		{"Researchers at Project Zero said", []string{`"Zero" 0 skip:name`}},
		{"known as the Three Amigos", []string{`"Three" 3 skip:name`}},
		{"five 787 jets", []string{`"five" 5`, `"787" 787 skip:name`}},
		{"Only 10 people came", []string{`"10" 10`}},
		{"on Monday 200 workers", []string{`"200" 200`}},
		{"Meal 1\nEat well", []string{`"1" 1 skip:name`}},
		{"a 4-1 win", []string{`"4-1" 4 skip:score`}},
		{"a 1-3 loss", []string{`"1-3" 1 skip:score`}},
		{"1-3 days", []string{`"1-3" [1 3] between`}},
		{"eight out of ten firms", []string{`"eight out of ten" 8 skip:ratio`}},
		{"18 out of 25 seats", []string{`"18" 18`, `"25" 25`}},
		{"one in five adults", []string{`"one in five" 1 skip:ratio`}},
		{"10 in 2014", []string{`"10" 10`, `"2014" 2014 skip:year`}},
		{"rated 8/8", []string{`"8/8" 8 skip:ratio`}},
		{"a year or two", []string{`"two" 2 skip:idiom`}},
		{"one country, two systems", []string{`"one country, two systems" 0 skip:name`}},
		{"type 1 diabetes", []string{`"1" 1 skip:identifier`}},
		{"the September quarter", nil},
		{"1,5 cm", []string{`"1,5" 1 skip:identifier`}},
		{"id 7503667924349788160", []string{`"7503667924349788160" 7.503667924349788e+18 skip:identifier`}},
		{"-1.62 -1.41%", []string{`"-1.62" -1.62`, `"-1.41%" -1.41 percent`}},
		{"50 rupees to 2 crore people", []string{`"50 rupees" 50 INR`, `"2 crore" 2e+07`}},
		{"no one", []string{`"one" 1 skip:pronoun`}},
	})
}

func TestFindNext(t *testing.T) {
	p := defaultParser(t)
	tests := []struct{ in, noun string }{
		{"more than 10,000 emails", "emails"},
		{"millions of users", "users"},
		{"hundreds of millions of users", "users"},
		{"a 10-year sentence", "year sentence"},
		{"seven alleged hackers", "alleged hackers"},
	}
	for _, tt := range tests {
		ms := p.Find(tt.in)
		if len(ms) != 1 {
			t.Fatalf("Find(%q) = %q", tt.in, renderAll(ms))
		}
		if got := strings.TrimSpace(tt.in[ms[0].Next:]); got != tt.noun {
			t.Errorf("Find(%q): after Next is %q, want %q", tt.in, got, tt.noun)
		}
	}
}

// TestFindArticle checks that the claims in a news article are all found,
// with the values the claim gold gives them.
func TestFindArticle(t *testing.T) {
	text, err := os.ReadFile("testdata/article.txt")
	if err != nil {
		t.Fatal(err)
	}
	var claims []string
	for _, m := range defaultParser(t).Find(string(text)) {
		if m.Skip == "" {
			claims = append(claims, render(m))
		}
	}
	for _, want := range []string{
		`"more than 10,000" 10000 more than`, `"Seven" 7`, `"about 80,000" 80000 about`,
		`"$4.4 billion dollars" 4.4e+09 USD`, `"up to 9 gigabytes" 9 up to gigabytes`, `"43TB" 43 TB`,
		`"roughly 20 percent" 20 about percent`, `"between 4,000 and 5,000" [4000 5000] between`,
		`"Rs 500 crore" 5e+09 INR`, `"5-10%" [5 10] between percent`,
	} {
		if !slices.Contains(claims, want) {
			t.Errorf("missing %s in %q", want, claims)
		}
	}
	for _, c := range claims {
		for _, bad := range []string{"2024", "2010", "APT31", "61398", "2.1", "1990"} {
			if strings.Contains(c, `"`+bad+`"`) {
				t.Errorf("%s is reported as a claim", c)
			}
		}
	}
}

func TestNewRejectsBadVocabulary(t *testing.T) {
	good := defaultSet(t).Numbers
	tests := []struct {
		name   string
		change func(n *rules.Numbers)
		want   string
	}{
		{"no words", func(n *rules.Numbers) { n.Words = nil }, "no number words"},
		{"unknown qualifier", func(n *rules.Numbers) { n.Qualifiers = map[string]string{"over": "above"} }, `"over" maps to "above"`},
		{"bad currency", func(n *rules.Numbers) { n.Currencies = map[string]string{"$": "usd"} }, `"$" maps to "usd"`},
		{"zero scale", func(n *rules.Numbers) { n.Scales = map[string]float64{"k": 0} }, `"k" is 0`},
		{"two-word scale", func(n *rules.Numbers) { n.Scales = map[string]float64{"big k": 1000} }, "must be one word"},
		{"blank phrase", func(n *rules.Numbers) { n.Names = []string{" "} }, "blank entry"},
		{"no tokens", func(n *rules.Numbers) { n.Labels = []string{"   "} }, "blank entry"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := cloneNumbers(good)
			tt.change(&n)
			_, err := New(n)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("New: %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

// cloneNumbers copies a vocabulary through a user folder, the way rules
// clones it.
func cloneNumbers(n rules.Numbers) rules.Numbers {
	c := n
	c.Words = clone(n.Words)
	c.Scales = clone(n.Scales)
	c.Qualifiers = clone(n.Qualifiers)
	c.Currencies = clone(n.Currencies)
	return c
}

func clone[V any](m map[string]V) map[string]V {
	out := make(map[string]V, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

func writeRules(t *testing.T, body string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "numbers.yaml"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestUserVocabulary extends and overrides the defaults from a user folder.
func TestUserVocabulary(t *testing.T) {
	dir := writeRules(t, `numbers:
  units:
    kg: kg
  qualifiers:
    over: ''
  currencies:
    BTC: BTC
  names: [Top 10]
`)
	set, err := rules.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(set.Numbers)
	if err != nil {
		t.Fatal(err)
	}
	got := renderAll(p.Find("over 10kg of drugs, BTC 5 and the Top 10 list"))
	want := []string{`"10kg" 10 kg`, `"BTC 5" 5 BTC`, `"Top 10" 0 skip:name`}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := renderAll(defaultParser(t).Find("over 10kg")); !slices.Equal(got, []string{`"over 10kg" 10 more than skip:identifier`}) {
		t.Errorf("the user folder changed the defaults: %q", got)
	}
}

// TestVocabularyErrorsHavePosition checks that a bad numbers section in a
// user's file is reported with its file, line and column.
func TestVocabularyErrorsHavePosition(t *testing.T) {
	dir := writeRules(t, "numbers:\n  qualifiers:\n    over: beyond\n  currencies:\n    \"$\": dollar\n")
	errs := rules.Check(dir)
	if len(errs) != 1 {
		t.Fatalf("got %d errors, want 1: %v", len(errs), errs)
	}
	msg := errs[0].Error()
	for _, want := range []string{"numbers.yaml:2:3:", `"over" maps to "beyond"`, `"$" maps to "dollar"`} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not contain %q", msg, want)
		}
	}
}

func TestCanonicalQualifiersAreAccepted(t *testing.T) {
	n := rules.Numbers{Qualifiers: map[string]string{}}
	for _, q := range []string{MoreThan, AtLeast, LessThan, UpTo, About, Nearly, Exactly, Between} {
		n.Qualifiers["x "+q] = q
	}
	if err := n.Validate(); err != nil {
		t.Error(err)
	}
}
