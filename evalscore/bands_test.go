package evalscore

import (
	"bytes"
	"context"
	"testing"

	"github.com/claimwire/claimwire/model"
)

// TestBands checks that each prediction is counted in its confidence band
// as the table counts it: right, wrong, or (another name for a claim
// already counted, an optional claim) not at all.
func TestBands(t *testing.T) {
	golds := []Gold{{
		ID: "a", Text: "text a",
		Claims: []*Fields{
			newFields("kind", "accusation", "accuser", []any{"Microsoft"}, "accused", []any{"APT29", "Midnight Blizzard"}),
			newFields("kind", "accusation", "accuser", []any{"United Kingdom"}, "accused", []any{"Russia"}),
		},
		Optional: []*Fields{newFields("kind", "accusation", "accuser", []any{"Microsoft"}, "accused", []any{"Russia"})},
	}}
	predict := func(context.Context, string) ([]model.Claim, error) {
		return []model.Claim{
			{Kind: model.Accusation, Accuser: "Microsoft", Accused: "APT29", Confidence: 0.9},
			{Kind: model.Accusation, Accuser: "Microsoft", Accused: "Midnight Blizzard", Confidence: 0.3}, // another name: not counted
			{Kind: model.Accusation, Accuser: "Britain", Accused: "Russia", Confidence: 0.85},             // the band's lower edge
			{Kind: model.Accusation, Accuser: "Microsoft", Accused: "Russia", Confidence: 0.6},            // optional: not counted
			{Kind: model.Accusation, Accuser: "Microsoft", Accused: "China", Confidence: 0.6},
			{Kind: model.Accusation, Accuser: "Microsoft", Accused: "Iran", Confidence: 0.7},
			{Kind: model.Accusation, Accuser: "Microsoft", Accused: "Norway"}, // no confidence: the lowest band
		}, nil
	}
	r, err := ScoreKinds(context.Background(), golds, predict, []string{"accusation"})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.WriteBands(&b); err != nil {
		t.Fatal(err)
	}
	want := `kind         confidence     tp    fp      P
accusation   [0.00,0.50)     0     1  0.000
accusation   [0.50,0.70)     0     1  0.000
accusation   [0.70,0.85)     0     1  0.000
accusation   [0.85,1.00]     2     0  1.000
`
	if b.String() != want {
		t.Errorf("bands:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestBand(t *testing.T) {
	for _, tc := range []struct {
		c    float64
		want int
	}{{0, 0}, {0.49, 0}, {0.5, 1}, {0.69, 1}, {0.7, 2}, {0.849, 2}, {0.85, 3}, {1, 3}} {
		if got := band(tc.c); got != tc.want {
			t.Errorf("band(%v) = %d, want %d", tc.c, got, tc.want)
		}
	}
}
