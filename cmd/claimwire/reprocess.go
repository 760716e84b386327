package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"runtime"
	"sync"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/claimwire/claimwire/api"
	"github.com/claimwire/claimwire/daemon"
	"github.com/claimwire/claimwire/feeds"
	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/store"
)

func cmdReprocess(e *env, args []string) error {
	fs := e.flags()
	db := dbFlag(fs)
	all := fs.Bool("all", false, "reprocess every stored article")
	rulesDirs := rulesFlag(fs)
	pos, err := e.parse(fs, args)
	if err != nil {
		return err
	}
	if *all == (len(pos) == 1) || len(pos) > 1 {
		return usageErr("want one article ID or URL, or --all")
	}
	acc, err := e.reach(*db, false)
	if err != nil {
		return err
	}
	defer acc.Close()
	if acc.client != nil {
		return e.reprocessAPI(acc.client, pos, len(*rulesDirs) > 0)
	}
	p, err := pipeline(*rulesDirs, feeds.DefaultOptions())
	if err != nil {
		return err
	}
	return e.reprocessDB(acc.db, p, pos)
}

// reprocessDB reprocesses from the database file, one article or all.
func (e *env) reprocessDB(db store.Store, p *daemon.Pipeline, pos []string) error {
	if len(pos) == 1 {
		a, err := api.Resolve(db, pos[0])
		if err != nil {
			return err
		}
		n, err := p.ReprocessArticle(e.ctx, db, a)
		return e.reprocessed(a.ID, n, err)
	}
	total, err := db.CountArticles()
	if err != nil {
		return err
	}
	each := func(ctx context.Context, a model.Article) (int, error) { return p.ReprocessArticle(ctx, db, a) }
	source := func(yield func(model.Article) error) error { return db.ForEachArticle(yield) }
	return e.reprocessEach(total, source, each)
}

// reprocessAPI asks the running daemon to reprocess, one article or all.
func (e *env) reprocessAPI(c *api.Client, pos []string, rulesGiven bool) error {
	if rulesGiven {
		fmt.Fprintln(e.stderr, "claimwire: reprocess: note: a daemon holds the database; it reprocesses with its own rules, not --rules")
	}
	if len(pos) == 1 {
		r, err := c.Reprocess(e.ctx, pos[0])
		return e.reprocessed(r.ID, r.Claims, err)
	}
	list, err := c.Articles(e.ctx)
	if err != nil {
		return err
	}
	each := func(ctx context.Context, a model.Article) (int, error) {
		r, err := c.Reprocess(ctx, a.ID)
		return r.Claims, err
	}
	source := func(yield func(model.Article) error) error {
		for _, info := range list {
			if err := yield(model.Article{ID: info.ID, Error: info.Error}); err != nil {
				return err
			}
		}
		return nil
	}
	return e.reprocessEach(len(list), source, each)
}

func (e *env) reprocessed(id string, n int, err error) error {
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.stdout, "%s: %d claims\n", id, n)
	return err
}

// tally counts the outcome of reprocess --all.
type tally struct {
	mu                              sync.Mutex
	articles, claims, noText, fails int
	firstErr                        error
}

func (t *tally) add(n int, err error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.articles++
	switch {
	case isNoText(err):
		t.noText++
	case err != nil:
		t.fails++
		t.firstErr = cmpErr(t.firstErr, err)
	default:
		t.claims += n
	}
}

func isNoText(err error) bool {
	var se *api.StatusError
	return errors.Is(err, daemon.ErrNoText) || errors.As(err, &se) && se.Code == http.StatusUnprocessableEntity
}

func cmpErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// reprocessEach runs each on every article that source yields, on every
// core, with a progress bar when standard error is a terminal, and prints a
// summary. It fails if any article failed for a reason other than having
// no text.
func (e *env) reprocessEach(total int, source func(func(model.Article) error) error,
	each func(context.Context, model.Article) (int, error)) error {
	bar := e.progress(total)
	var t tally
	queue := make(chan model.Article)
	var wg sync.WaitGroup
	for range runtime.NumCPU() {
		wg.Go(func() {
			for a := range queue {
				n, err := each(e.ctx, a)
				t.add(n, err)
				_ = bar.Add(1)
			}
		})
	}
	err := source(func(a model.Article) error {
		select {
		case queue <- a:
			return nil
		case <-e.ctx.Done():
			return e.ctx.Err()
		}
	})
	close(queue)
	wg.Wait()
	_ = bar.Finish()
	fmt.Fprintf(e.stdout, "reprocessed %d articles: %d claims; %d without text skipped; %d failed\n", t.articles, t.claims, t.noText, t.fails)
	if err == nil && t.fails > 0 {
		err = fmt.Errorf("%d articles failed, the first: %w", t.fails, t.firstErr)
	}
	return err
}

// progress returns a progress bar on standard error when it is a terminal,
// and one that draws nothing otherwise.
func (e *env) progress(total int) *progressbar.ProgressBar { return e.progressBar("reprocess", total) }

// progressBar is progress with its own description.
func (e *env) progressBar(desc string, total int) *progressbar.ProgressBar {
	f, ok := e.stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return progressbar.DefaultSilent(int64(total))
	}
	return progressbar.NewOptions(total, progressbar.OptionSetWriter(f), progressbar.OptionSetDescription(desc),
		progressbar.OptionShowCount(), progressbar.OptionSetPredictTime(true), progressbar.OptionClearOnFinish())
}
