package extract

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/rules"
)

var testExtractor = sync.OnceValue(func() *Extractor {
	rs, err := rules.Default()
	if err != nil {
		panic(err)
	}
	x, err := New(rs)
	if err != nil {
		panic(err)
	}
	return x
})

// claimsOf extracts the claims of kind from text, failing the test on error.
func claimsOf(t *testing.T, text string, kind model.Kind) []model.Claim {
	t.Helper()
	all, err := testExtractor().Extract(context.Background(), text)
	if err != nil {
		t.Fatalf("Extract(%q): %v", text, err)
	}
	var out []model.Claim
	for _, c := range all {
		if c.Kind == kind {
			out = append(out, c)
		}
	}
	return out
}

// summary renders claims one per line, so that a table test compares
// what matters to a reader of the CSV.
func summary(cs []model.Claim) string {
	var lines []string
	for _, c := range cs {
		switch c.Kind {
		case model.Accusation:
			lines = append(lines, c.Accuser+" -> "+c.Accused)
		case model.Quote:
			mark := "reported"
			if c.Direct {
				mark = "direct"
			}
			lines = append(lines, fmt.Sprintf("%s [%s] %s: %s", c.Speaker, c.SpeakerTitle, mark, c.Quote))
		case model.Actor:
			lines = append(lines, fmt.Sprintf("%s (%s, %s)", c.Label, c.Canonical, c.Sponsor))
		case model.Number:
			lines = append(lines, strings.TrimSpace(fmt.Sprintf("%g %s %s", c.Value, c.Unit, c.Qualifier)))
		case model.Denial:
			line := fmt.Sprintf("%s denies %q", c.Denier, c.Denied)
			if c.Accused != "" {
				line += fmt.Sprintf(" answering %s -> %s (#%d)", c.Accuser, c.Accused, c.Answers)
			}
			lines = append(lines, line)
		}
	}
	return strings.Join(lines, "\n")
}

type claimCase struct {
	name string
	text string
	want string // summary of the claims, one per line
}

func runClaimCases(t *testing.T, kind model.Kind, cases []claimCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := summary(claimsOf(t, tc.text, kind))
			if got != tc.want {
				t.Errorf("text: %s\ngot:\n%s\nwant:\n%s", tc.text, got, tc.want)
			}
		})
	}
}
