package daemon

import (
	"context"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/claimwire/claimwire/model"
)

// idleCheck bounds how long the scheduler sleeps, so that a feed whose
// poll finished while it slept is not left waiting for long.
const idleCheck = 5 * time.Second

// schedule decides which feeds are due. A feed is busy from the moment it
// is handed to a poller until its new state is committed; a busy feed is
// never polled again.
type schedule struct {
	mu    sync.Mutex
	feeds []*scheduled
	wake  chan struct{}
	// ignored are the stored feeds the daemon was not started with (a
	// feed list left them out): feeds added later are polled, not these.
	ignored map[string]bool
	seen    map[string]bool // feeds found stored: gone from the store, they were removed
	removed map[string]bool // feeds removed while the daemon runs
}

type scheduled struct {
	feed    model.Feed
	busy    bool
	removed bool // removed from the store while busy: dropped when done
}

func newSchedule(feeds []model.Feed) *schedule {
	s := &schedule{wake: make(chan struct{}, 1)}
	for _, f := range feeds {
		s.feeds = append(s.feeds, &scheduled{feed: f})
	}
	return s
}

// due marks and returns the feeds due at now (every idle feed when all is
// set), how late the latest of them is, and how long until the next one.
func (s *schedule) due(now time.Time, all bool) (due []model.Feed, lag, wait time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	wait = idleCheck
	for _, sf := range s.feeds {
		switch {
		case sf.busy:
		case all || !sf.feed.NextCheck.After(now):
			sf.busy = true
			due = append(due, sf.feed)
			if !sf.feed.NextCheck.IsZero() { // a feed never polled is not late
				lag = max(lag, now.Sub(sf.feed.NextCheck))
			}
		default:
			wait = min(wait, sf.feed.NextCheck.Sub(now))
		}
	}
	return due, lag, wait
}

// done records a feed's committed state and wakes the scheduler.
func (s *schedule) done(f model.Feed) {
	s.mu.Lock()
	for _, sf := range s.feeds {
		if sf.feed.URL == f.URL {
			sf.feed, sf.busy = f, false
		}
	}
	s.feeds = slices.DeleteFunc(s.feeds, func(sf *scheduled) bool { return sf.removed && !sf.busy })
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// ignore records the stored feeds the daemon was not started with.
func (s *schedule) ignore(stored []model.Feed) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ignored, s.seen, s.removed = map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, f := range stored {
		s.seen[f.URL] = true
		if s.find(f.URL) == nil {
			s.ignored[f.URL] = true
		}
	}
}

func (s *schedule) find(url string) *scheduled {
	for _, sf := range s.feeds {
		if sf.feed.URL == url {
			return sf
		}
	}
	return nil
}

// sync follows the stored feeds: a feed added since is scheduled, and one
// removed is dropped once its poll in flight, if any, is done. A feed the
// daemon was given but never stored is left alone. It returns the feeds
// that a poll finishing as they were removed stored again, to be removed
// once more: they come back with a poll's state, where one added anew has
// none.
func (s *schedule) sync(stored []model.Feed) (added, removed int, again []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	urls := map[string]bool{}
	for _, f := range stored {
		urls[f.URL] = true
		switch {
		case s.removed[f.URL] && !f.LastFetch.IsZero():
			again = append(again, f.URL)
			continue
		case s.ignored[f.URL] || s.find(f.URL) != nil:
		default:
			s.feeds = append(s.feeds, &scheduled{feed: f})
			added++
		}
		delete(s.removed, f.URL)
		s.seen[f.URL] = true
	}
	for _, sf := range s.feeds {
		if s.seen[sf.feed.URL] && !urls[sf.feed.URL] && !sf.removed {
			sf.removed, s.removed[sf.feed.URL] = true, true
			delete(s.seen, sf.feed.URL)
			removed++
		}
	}
	s.feeds = slices.DeleteFunc(s.feeds, func(sf *scheduled) bool { return sf.removed && !sf.busy })
	return added, removed, again
}

// live returns the feeds whose state may be stored: those not removed.
func (s *schedule) live(feeds []model.Feed) []model.Feed {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.DeleteFunc(slices.Clone(feeds), func(f model.Feed) bool { return s.removed[f.URL] })
}

// schedule hands due feeds to the pollers until ctx is done, or with
// Config.Once after handing over every feed once. It closes polls when it
// stops.
func (d *Daemon) schedule(ctx context.Context, polls chan<- model.Feed) {
	defer close(polls)
	if !d.cfg.Once && d.db != nil {
		stored, err := d.db.Feeds()
		if err != nil {
			d.log.Error("feeds not read", slog.Any("error", err))
		}
		d.sched.ignore(stored)
	}
	for {
		d.syncFeeds()
		due, lag, wait := d.sched.due(d.cfg.Now(), d.cfg.Once)
		if len(due) > 0 {
			d.pipe.Metrics.lag(lag)
		}
		for _, f := range due {
			select {
			case polls <- f:
			case <-ctx.Done():
				return
			}
		}
		if d.cfg.Once || !sleepOrWake(ctx, wait, d.sched.wake) {
			return
		}
	}
}

// syncFeeds picks up the feeds added to or removed from the store while
// the daemon runs (claimwire feeds add, feeds remove).
func (d *Daemon) syncFeeds() {
	if d.cfg.Once || d.db == nil {
		return
	}
	stored, err := d.db.Feeds()
	if err != nil {
		d.log.Error("feeds not read", slog.Any("error", err))
		return
	}
	added, removed, again := d.sched.sync(stored)
	if added+removed > 0 {
		d.log.Info("feeds changed", slog.Int("added", added), slog.Int("removed", removed))
	}
	for _, u := range again {
		if err := d.db.RemoveFeed(u); err != nil {
			d.log.Error("removed feed not removed", slog.String("url", u), slog.Any("error", err))
		}
	}
}

// sleepOrWake waits for d or a wake-up and reports false if ctx ended first.
func sleepOrWake(ctx context.Context, d time.Duration, wake <-chan struct{}) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
	case <-wake:
	}
	return true
}
