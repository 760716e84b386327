package evalscore_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"github.com/claimwire/claimwire/evalscore"
	"github.com/claimwire/claimwire/model"
)

// TestScoreKindsOnMatchesOneWorker checks that scoring on several workers
// gives the report of scoring on one, failures and misses in the same
// order, and calls done once per article.
func TestScoreKindsOnMatchesOneWorker(t *testing.T) {
	golds, err := evalscore.LoadGold(articles)
	if err != nil {
		t.Fatal(err)
	}
	ex := newExtractor(t)
	failOne := func(ctx context.Context, text string) ([]model.Claim, error) {
		if text == golds[1].Text {
			return nil, errors.New("refused")
		}
		return ex.Extract(ctx, text)
	}
	kinds := []string{"accusation", "actor", "quote", "number"}
	one, err := evalscore.ScoreKinds(context.Background(), golds, failOne, kinds)
	if err != nil {
		t.Fatal(err)
	}
	for _, workers := range []int{2, 4, 16} {
		var done atomic.Int64
		r, err := evalscore.ScoreKindsOn(context.Background(), golds, failOne, kinds, workers, func() { done.Add(1) })
		if err != nil {
			t.Fatal(err)
		}
		if got, want := report(t, r), report(t, one); got != want {
			t.Errorf("%d workers:\n%s\none worker:\n%s", workers, got, want)
		}
		if len(r.Failed) != 1 || r.Failed[0].ID != golds[1].ID {
			t.Errorf("%d workers: failed %v, want %s", workers, r.Failed, golds[1].ID)
		}
		if done.Load() != int64(len(golds)) {
			t.Errorf("%d workers: done called %d times for %d articles", workers, done.Load(), len(golds))
		}
	}
}

func TestScoreKindsOnStopsWithContext(t *testing.T) {
	golds, err := evalscore.LoadGold(articles)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = evalscore.ScoreKindsOn(ctx, golds, newExtractor(t).Extract, []string{"quote"}, 4, nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want context.Canceled", err)
	}
}
