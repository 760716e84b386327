package extract

import (
	"context"
	"strings"
	"testing"
)

func TestExplain(t *testing.T) {
	var b strings.Builder
	text := "Washington said a unit, dubbed APT31, was behind the hackings.\n“We are sure,” he said."
	if err := testExtractor().Explain(context.Background(), &b, text); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"S0 p0: Washington/",
		`speech "said" speaker="United States" (country)`,
		`accuse "United States" → "APT31" (accuse.behind, behind)`,
		`quote p1 closed=true "We are sure,"`,
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("explanation lacks %q:\n%s", want, b.String())
		}
	}
	if err := testExtractor().Explain(context.Background(), &b, "\xff"); err == nil {
		t.Error("no error for invalid UTF-8")
	}
}
