package daemon

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/store"
)

// batch is what the writer commits in one transaction.
type batch struct {
	entries []store.Entry
	feeds   []model.Feed
	jobs    []*job // in flight until committed
	bytes   int    // the entries' size, roughly (entrySize)
}

func (b *batch) empty() bool { return len(b.entries) == 0 && len(b.feeds) == 0 }

// write is the only goroutine that writes to the database: it commits
// results in batches of Config.BatchSize articles or Config.BatchBytes
// bytes, or after Config.BatchWait, until results is closed, then commits
// the rest. An article that would take a batch over its bytes is committed
// after the batch, alone if it is large itself, so that a huge article
// delays no other.
func (d *Daemon) write(results <-chan result) (Stats, error) {
	var st Stats
	var b batch
	tick := time.NewTicker(d.cfg.BatchWait)
	defer tick.Stop()
	for {
		select {
		case r, ok := <-results:
			if !ok {
				return st, d.flush(&b, &st)
			}
			size := entrySize(r.entry)
			if b.bytes > 0 && b.bytes+size > d.cfg.BatchBytes {
				if err := d.flush(&b, &st); err != nil {
					return st, err
				}
			}
			d.add(&b, r)
			b.bytes += size
			if len(b.entries) < d.cfg.BatchSize && b.bytes < d.cfg.BatchBytes {
				continue
			}
		case <-tick.C:
		}
		if err := d.flush(&b, &st); err != nil {
			return st, err
		}
	}
}

// entrySize estimates what an entry adds to a commit: its text and the
// strings of its claims (the evidence sentence above all), plus a little
// for the rest.
func entrySize(e *store.Entry) int {
	if e == nil {
		return 0
	}
	n := 512 + len(e.Article.Text)
	for _, c := range e.Claims {
		n += 128 + len(c.Sentence) + len(c.Allegation) + len(c.Quote) + len(c.Text) + len(c.Accuser) + len(c.Accused) + len(c.Speaker)
	}
	return n
}

// add puts a result in the batch, with the state of every feed whose poll
// it completes.
func (d *Daemon) add(b *batch, r result) {
	runs := r.runs
	if r.job != nil {
		jobRuns, feeds := d.inflight.finish(r.job, r.entry.Article.ID)
		r.entry.Article.Feeds = feeds
		runs = append(runs, jobRuns...)
		b.jobs = append(b.jobs, r.job)
	}
	if r.entry != nil {
		b.entries = append(b.entries, *r.entry)
	}
	for _, run := range runs {
		if run.release() {
			b.feeds = append(b.feeds, run.feed)
		}
	}
	if r.done != nil {
		b.feeds = append(b.feeds, *r.done)
	}
}

// flush commits the batch. If the whole batch fails, each entry is tried
// alone so that one bad article costs only itself; the error returned is
// for a database that takes nothing at all.
func (d *Daemon) flush(b *batch, st *Stats) error {
	if b.empty() {
		return nil
	}
	defer func() { d.inflight.forget(b.jobs); *b = batch{} }()
	err := d.db.Commit(b.entries, d.sched.live(b.feeds)...)
	if err != nil {
		d.log.Error("batch commit failed, committing one by one", slog.Int("articles", len(b.entries)), slog.Any("error", err))
		err = d.commitEach(b, st)
	} else {
		d.committed(b.entries, st)
	}
	if err != nil {
		return err
	}
	for _, f := range b.feeds {
		d.held.done(f.URL)
		d.sched.done(f)
	}
	st.Polls += len(b.feeds)
	st.Batches++
	return nil
}

// commitEach commits entries one at a time, then the feeds.
func (d *Daemon) commitEach(b *batch, st *Stats) error {
	var ok int
	for _, e := range b.entries {
		if err := d.db.Commit([]store.Entry{e}); err != nil {
			st.Abandoned++
			d.log.Error("article not committed", slog.String("id", e.Article.ID), slog.String("url", e.Article.URL), slog.Any("error", err))
			continue
		}
		ok++
		d.committed([]store.Entry{e}, st)
	}
	if err := d.db.Commit(nil, d.sched.live(b.feeds)...); err != nil || (ok == 0 && len(b.entries) > 0) {
		return fmt.Errorf("database refuses writes: %w", err)
	}
	return nil
}

// committed counts and logs committed entries.
func (d *Daemon) committed(entries []store.Entry, st *Stats) {
	var arts, failed, claims int
	for _, e := range entries {
		if e.FeedsOnly {
			continue
		}
		arts++
		claims += len(e.Claims)
		if e.Article.Error != "" {
			failed++
		}
	}
	st.Articles += arts
	st.Failed += failed
	st.Claims += claims
	d.pipe.Metrics.articlesCommitted(arts, failed)
	if arts > 0 {
		d.log.Info("committed", slog.Int("articles", arts), slog.Int("failed", failed), slog.Int("claims", claims))
	}
}
