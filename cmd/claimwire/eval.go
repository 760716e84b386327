package main

import (
	"context"
	"fmt"
	"runtime"

	"github.com/claimwire/claimwire/daemon"
	"github.com/claimwire/claimwire/evalscore"
	"github.com/claimwire/claimwire/extract"
	"github.com/claimwire/claimwire/feeds"
	"github.com/claimwire/claimwire/model"
)

// cmdEval scores the extractor against a folder of gold files and prints
// the table of ../shared/eval/score.py, with the same numbers. Articles
// are extracted on every core; the report is the same as on one.
func cmdEval(e *env, args []string) error {
	fs := e.flags()
	show := fs.Bool("show", false, "list every missed and every extra claim")
	asJSON := fs.Bool("json", false, "print a JSON summary after the table")
	bands := fs.Bool("bands", false, "print the precision of each kind's claims by confidence band after the table")
	kindList := fs.String("kinds", "accusation,actor,quote,number", "score only these `kinds`, a comma list: the kinds the gold files annotate in full")
	rulesDirs := rulesFlag(fs)
	pos, err := e.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("want one GOLD_DIR, got %d arguments", len(pos))
	}
	kinds, err := evalscore.ParseKinds(*kindList)
	if err != nil {
		return usageErr("--kinds: %v", err)
	}
	// The models, the rules and the gold files load at the same time.
	go extract.LoadModel()
	type built struct {
		p   *daemon.Pipeline
		err error
	}
	pc := make(chan built, 1)
	go func() {
		p, err := pipeline(*rulesDirs, feeds.DefaultOptions())
		pc <- built{p, err}
	}()
	golds, err := evalscore.LoadGold(pos[0])
	b := <-pc
	if err != nil {
		return inputErr(err)
	}
	if b.err != nil {
		return b.err
	}
	p := b.p
	bar := e.progress(len(golds), "eval")
	r, err := evalscore.ScoreKindsOn(e.ctx, golds, articleClaims(p), kinds, runtime.NumCPU(), func() { _ = bar.Add(1) })
	_ = bar.Finish()
	if err != nil {
		return err
	}
	return writeEval(e, r, *show, *asJSON, *bands)
}

// articleClaims extracts an article's claims from its file's content as
// `claimwire extract FILE` does, so that eval agrees with score.py run with
// --cmd 'claimwire extract --format json {file}'.
func articleClaims(p *daemon.Pipeline) evalscore.Predictor {
	return func(ctx context.Context, content string) ([]model.Claim, error) {
		var a model.Article
		if err := p.Page(ctx, &a, []byte(content), "", ""); err != nil {
			return nil, err
		}
		return p.Extract(ctx, &a)
	}
}

// writeEval prints in score.py's order: the table, failures on standard
// error, the misses, the summary; the confidence bands, which score.py
// does not print, follow the table. Every article failing is a failure.
func writeEval(e *env, r *evalscore.Report, show, asJSON, bands bool) error {
	if err := r.WriteTable(e.stdout); err != nil {
		return err
	}
	if bands {
		if err := r.WriteBands(e.stdout); err != nil {
			return err
		}
	}
	if err := r.WriteFailures(e.stderr); err != nil {
		return err
	}
	if show {
		if err := r.WriteMisses(e.stdout); err != nil {
			return err
		}
	}
	if asJSON {
		if err := r.WriteJSON(e.stdout); err != nil {
			return err
		}
	}
	if len(r.Failed) == r.Articles {
		return fmt.Errorf("all %d articles failed", r.Articles)
	}
	return nil
}
