// Package evalscore scores claims extracted from news articles against
// hand-annotated gold files. It is a port of the reference scorer,
// ../shared/eval/score.py, and prints the same numbers: the matching rules
// (aliases, surname rule, word overlap, plural-blind units), the greedy
// one-to-one scoring with optional claims, and micro and macro F1.
package evalscore

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/claimwire/claimwire/model"
)

// Predictor returns the claims of an article's text; (*extract.Extractor).Extract is one.
type Predictor func(ctx context.Context, text string) ([]model.Claim, error)

// scoredKinds are the kinds the gold files annotate in full (score.py's
// --kinds default). quote_span is scored with quote.
var scoredKinds = []string{"accusation", "actor", "quote", "number"}

// tableKinds is the order of the report's rows.
var tableKinds = []string{"accusation", "actor", "quote", "number", "quote_span"}

// ParseKinds reads score.py's --kinds: a comma list of claim kinds, the
// kinds that the gold files annotate in full. Unlike score.py, which scores
// nothing for a kind it does not know, an unknown kind is an error.
func ParseKinds(list string) ([]string, error) {
	var kinds []string
	for _, k := range strings.Split(list, ",") {
		k = strings.TrimSpace(k)
		if !slices.Contains(scoredKinds, k) {
			return nil, fmt.Errorf("unknown kind %q (want some of %s)", k, strings.Join(scoredKinds, ","))
		}
		kinds = append(kinds, k)
	}
	return kinds, nil
}

// Score runs predict on every gold article and scores its claims of every
// kind. An article whose prediction fails is recorded in Report.Failed and
// scored as if nothing was predicted. Score returns an error only when ctx
// ends.
func Score(ctx context.Context, golds []Gold, predict Predictor) (*Report, error) {
	return ScoreKinds(ctx, golds, predict, scoredKinds)
}

// ScoreKinds is Score for the given kinds only, as score.py --kinds: claims
// of other kinds, gold or predicted, are not counted. A set annotated for
// quotes alone is scored with []string{"quote"}, so that the numbers the
// extractor finds in it are not counted as errors.
func ScoreKinds(ctx context.Context, golds []Gold, predict Predictor, kinds []string) (*Report, error) {
	return ScoreKindsOn(ctx, golds, predict, kinds, 1, nil)
}

// ScoreKindsOn is ScoreKinds with the articles predicted and scored by
// workers goroutines at once (predict must be safe for concurrent use),
// calling done, if not nil, as each article is scored. The report is the
// same whatever the number of workers: articles are merged in gold order.
func ScoreKindsOn(ctx context.Context, golds []Gold, predict Predictor, kinds []string, workers int, done func()) (*Report, error) {
	each := make([]*scorer, len(golds))
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(workers, 1) {
		wg.Go(func() {
			for i := range next {
				each[i] = scoreArticle(ctx, golds[i], predict, kinds)
				if done != nil {
					done()
				}
			}
		})
	}
feed:
	for i := range golds {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s := newScorer(kinds)
	for _, a := range each {
		s.merge(a)
	}
	return s.report(len(golds)), nil
}

// scoreArticle predicts and scores one article.
func scoreArticle(ctx context.Context, g Gold, predict Predictor, kinds []string) *scorer {
	s := newScorer(kinds)
	preds, err := predictFields(ctx, predict, g.Text)
	if err != nil {
		s.failed = append(s.failed, Failure{ID: g.ID, Err: err})
	}
	s.article(g, preds)
	return s
}

// merge adds the counts, misses and failures of a to s.
func (s *scorer) merge(a *scorer) {
	for kind, c := range a.counts {
		sc := s.count(kind)
		for i := range c {
			sc[i] += c[i]
		}
	}
	for kind, bands := range a.bands {
		for i, c := range bands {
			if c[0]+c[1] == 0 {
				continue
			}
			s.tallyN(kind, i, c)
		}
	}
	s.misses = append(s.misses, a.misses...)
	s.failed = append(s.failed, a.failed...)
}

// predictFields returns the predicted claims as score.py reads them.
func predictFields(ctx context.Context, predict Predictor, text string) ([]*Fields, error) {
	claims, err := predict(ctx, text)
	if err != nil {
		return nil, err
	}
	out := make([]*Fields, 0, len(claims))
	for _, c := range claims {
		f, err := ClaimFields(c)
		if err != nil {
			return nil, fmt.Errorf("claim %s: %w", c.Kind, err)
		}
		out = append(out, f)
	}
	return out, nil
}

// scorer accumulates counts and misses over articles, as score.py's
// score_article does.
type scorer struct {
	kinds  map[string]bool
	counts map[string]*[3]int // tp, fp, fn
	misses []Miss
	failed []Failure
	bands  map[string][][2]int // per kind and confidence band: right, wrong
}

func newScorer(kinds []string) *scorer {
	s := &scorer{kinds: map[string]bool{}, counts: map[string]*[3]int{}}
	for _, k := range kinds {
		s.kinds[k] = true
	}
	return s
}

// article scores one article's predictions for every kind.
func (s *scorer) article(g Gold, preds []*Fields) {
	for _, kind := range tableKinds {
		src := kind
		if kind == "quote_span" {
			src = "quote"
		}
		if !s.kinds[src] {
			continue
		}
		s.kind(g, kind, src, dedupe(src, ofKind(src, preds)))
	}
}

// kind matches each prediction to the first unused gold claim it matches.
// A prediction that matches nothing is an error unless it is another name
// for a claim already counted or matches an optional claim.
func (s *scorer) kind(g Gold, kind, src string, preds []*Fields) {
	req, opt := ofKind(src, g.Claims), ofKind(src, g.Optional)
	used := make([]bool, len(req))
	c := s.count(kind)
	for _, p := range preds {
		switch {
		case claim(kind, p, req, used):
			c[0]++
			s.tally(kind, p, true)
		case src != "quote" && matchAny(kind, p, req, used),
			matchAny(kind, p, opt, nil):
		default:
			c[1]++
			s.tally(kind, p, false)
			s.misses = append(s.misses, Miss{ID: g.ID, Kind: kind, What: "extra", Claim: p})
		}
	}
	for i, g2 := range req {
		if !used[i] {
			c[2]++
			s.misses = append(s.misses, Miss{ID: g.ID, Kind: kind, What: "missed", Claim: g2})
		}
	}
}

// claim marks the first unused gold claim that p matches.
func claim(kind string, p *Fields, gold []*Fields, used []bool) bool {
	for i, g := range gold {
		if !used[i] && match(kind, p, g) {
			used[i] = true
			return true
		}
	}
	return false
}

// matchAny reports whether p matches one of gold; with only, one of those
// marked in only.
func matchAny(kind string, p *Fields, gold []*Fields, only []bool) bool {
	for i, g := range gold {
		if (only == nil || only[i]) && match(kind, p, g) {
			return true
		}
	}
	return false
}

func (s *scorer) count(kind string) *[3]int {
	c, ok := s.counts[kind]
	if !ok {
		c = &[3]int{}
		s.counts[kind] = c
	}
	return c
}

// ofKind returns the claims whose "kind" is kind.
func ofKind(kind string, claims []*Fields) []*Fields {
	var out []*Fields
	for _, c := range claims {
		if k, _ := c.Get("kind"); k == kind {
			out = append(out, c)
		}
	}
	return out
}
