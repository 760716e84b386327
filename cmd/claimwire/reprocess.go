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
	var workers int
	boundedInt(fs, &workers, "workers", runtime.NumCPU(), 1, 256, "extract `number` articles at once (default: one per core)")
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
		return e.reprocessAPI(acc.client, pos, len(*rulesDirs) > 0, workers)
	}
	p, err := pipeline(*rulesDirs, feeds.DefaultOptions())
	if err != nil {
		return err
	}
	return e.reprocessDB(acc.db, p, pos, workers)
}

// reprocessDB reprocesses from the database file, one article or all.
func (e *env) reprocessDB(db store.Store, p *daemon.Pipeline, pos []string, workers int) error {
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
	bar := e.progress(total, "reprocess")
	var t tally
	err = reprocessStore(e.ctx, db, p, workers, func(n int, err error) {
		t.add(n, err)
		_ = bar.Add(1)
	})
	_ = bar.Finish()
	return e.summary(&t, err)
}

// writeBatch is how many articles' claims reprocessStore replaces in one
// transaction: one write to disk each, instead of one per article.
const writeBatch = 256

// reprocessStore extracts the claims of every stored article again on
// workers goroutines, and one writer replaces them in the store a batch
// at a time. done is called, from the writer, once per article with its
// claim count or error. An article whose claims cannot be stored fails
// alone: a failed batch is written again one article at a time.
func reprocessStore(ctx context.Context, db store.Store, p *daemon.Pipeline, workers int, done func(int, error)) error {
	type result struct {
		id     string
		claims []model.Claim
		err    error
	}
	queue := make(chan model.Article, 2*workers)
	// a batch's worth of room: the workers go on extracting while the
	// writer commits the last batch
	results := make(chan result, writeBatch)
	var srcErr error
	go func() {
		defer close(queue)
		srcErr = db.ForEachArticle(func(a model.Article) error {
			select {
			case queue <- a:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for a := range queue {
				claims, err := p.ReprocessClaims(ctx, a)
				results <- result{a.ID, claims, err}
			}
		})
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	var batch []store.ArticleClaims
	flush := func() {
		if err := db.ReplaceClaimsMany(batch); err == nil {
			for _, b := range batch {
				done(len(b.Claims), nil)
			}
		} else {
			for _, b := range batch {
				done(len(b.Claims), db.ReplaceClaims(b.ArticleID, b.Claims))
			}
		}
		batch = batch[:0]
	}
	for r := range results {
		if r.err != nil {
			done(0, r.err)
			continue
		}
		batch = append(batch, store.ArticleClaims{ArticleID: r.id, Claims: r.claims})
		if len(batch) == writeBatch {
			flush()
		}
	}
	if len(batch) > 0 {
		flush()
	}
	return srcErr
}

// reprocessAPI asks the running daemon to reprocess, one article or all.
func (e *env) reprocessAPI(c *api.Client, pos []string, rulesGiven bool, workers int) error {
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
	return e.reprocessEach(len(list), source, each, workers)
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

// reprocessEach runs each on every article that source yields, on workers
// goroutines, with a progress bar when standard error is a terminal, and
// prints a summary.
func (e *env) reprocessEach(total int, source func(func(model.Article) error) error,
	each func(context.Context, model.Article) (int, error), workers int) error {
	bar := e.progress(total, "reprocess")
	var t tally
	queue := make(chan model.Article)
	var wg sync.WaitGroup
	for range workers {
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
	return e.summary(&t, err)
}

// summary prints the outcome of reprocess --all. It fails if any article
// failed for a reason other than having no text.
func (e *env) summary(t *tally, err error) error {
	fmt.Fprintf(e.stdout, "reprocessed %d articles: %d claims; %d without text skipped; %d failed\n", t.articles, t.claims, t.noText, t.fails)
	if err == nil && t.fails > 0 {
		err = fmt.Errorf("%d articles failed, the first: %w", t.fails, t.firstErr)
	}
	return err
}

// progress returns a progress bar with the count and rate of articles on
// standard error when it is a terminal, and one that draws nothing
// otherwise.
func (e *env) progress(total int, what string) *progressbar.ProgressBar {
	f, ok := e.stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return progressbar.DefaultSilent(int64(total))
	}
	return progressbar.NewOptions(total, progressbar.OptionSetWriter(f), progressbar.OptionSetDescription(what),
		progressbar.OptionShowCount(), progressbar.OptionShowIts(), progressbar.OptionSetItsString("articles"),
		progressbar.OptionSetPredictTime(true), progressbar.OptionClearOnFinish())
}
