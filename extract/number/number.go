package number

import (
	"fmt"

	"github.com/claimwire/claimwire/rules"
)

// Canonical qualifiers. The vocabulary maps every written qualifier to one
// of these ("over" → MoreThan, "as many as" → UpTo).
const (
	MoreThan = "more than" // the bound is excluded: "more than 10,000 emails"
	AtLeast  = "at least"
	LessThan = "less than"
	UpTo     = "up to" // the bound is included: "up to 9 gigabytes", "at most 100"
	About    = "about"
	Nearly   = "nearly"
	Exactly  = "exactly"
	Between  = "between" // a range: Min and Max hold its ends
)

// Skip says why a number is not a claimed amount. The empty Skip means it
// is one.
type Skip string

// Reasons a number is not a claim. The parser reports these numbers rather
// than dropping them, so that a caller can see why and so that their words
// are not read as part of a neighbouring claim.
const (
	SkipYear       Skip = "year"       // "in 2014", "2021-22", "the 1990s"
	SkipDate       Skip = "date"       // "21 February", "March 26, 2024", "2024-03-26", "5/17/2018"
	SkipTime       Skip = "time"       // "10:30", "3pm", "2200 GMT"
	SkipOrdinal    Skip = "ordinal"    // "first", "21st", "the tenth"
	SkipVersion    Skip = "version"    // "v2.1", "Windows 10", "iOS 16.1", "1.2.3"
	SkipIdentifier Skip = "identifier" // "CVE-2017-0144", "APT31", "Unit 61398", IP addresses, "29km"
	SkipPhone      Skip = "phone"      // "+1-222-2222-2222", "555-123-4567"
	SkipAge        Skip = "age"        // "Smith, 28,", "a 28-year-old", "aged 28"
	SkipName       Skip = "name"       // "Five Eyes", "Fortune 500", "5G", "the Apollo 10 crew", "Project Zero"
	SkipScore      Skip = "score"      // "a 4-1 win", "beat them 53-9", "a 3-4 loss"
	SkipRatio      Skip = "ratio"      // "eight out of ten", "one in five", "6/8"
	SkipIdiom      Skip = "idiom"      // "a year or two", "a thing or two"
	SkipPronoun    Skip = "pronoun"    // "the one you mentioned", "which one"
)

// Match is a number expression found in a text.
//
// For "more than 10,000 emails": Start and End cover "more than 10,000",
// Value is 10000, Qualifier MoreThan, and the counted noun starts at Next.
type Match struct {
	Start int    `json:"start"` // byte offset of the expression, qualifier and currency included
	End   int    `json:"end"`   // byte offset just after the expression
	Next  int    `json:"next"`  // where the counted noun may start: End, or after an "of" ("millions of users")
	Text  string `json:"text"`  // the text from Start to End

	Value float64 `json:"value"` // the number; the lower end of a range; for a skipped match, the number as written
	Min   float64 `json:"min"`   // a range's lower end ("between 10 and 20"); Value otherwise
	Max   float64 `json:"max"`   // a range's upper end; Value otherwise

	Qualifier string `json:"qualifier,omitempty"` // one of the canonical qualifiers, or ""
	Unit      string `json:"unit,omitempty"`      // a unit written with the number: "USD", "percent", "TB"
	Vague     bool   `json:"vague,omitempty"`     // a vague amount: "thousands of", "a few", "dozens"
	Skip      Skip   `json:"skip,omitempty"`      // why this is not a claimed number, or ""
}

// Parser finds number expressions. It is safe for concurrent use.
type Parser struct {
	v *vocab
}

// New compiles a vocabulary, usually rules.Set.Numbers.
func New(n rules.Numbers) (*Parser, error) {
	if err := n.Validate(); err != nil {
		return nil, fmt.Errorf("number vocabulary: %w", err)
	}
	if len(n.Words) == 0 {
		return nil, fmt.Errorf("number vocabulary: no number words")
	}
	v, err := compile(&n)
	if err != nil {
		return nil, fmt.Errorf("number vocabulary: %w", err)
	}
	return &Parser{v: v}, nil
}

// Find returns the number expressions in text, in order and not
// overlapping. It reports the numbers that are not claims too, with Skip
// set; callers that want claims keep the matches whose Skip is "".
func (p *Parser) Find(text string) []Match {
	s := newScanner(p.v, text)
	for i := 0; i < len(s.toks); {
		i = s.step(i)
	}
	return s.out
}
