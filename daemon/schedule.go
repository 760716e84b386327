package daemon

import (
	"context"
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
}

type scheduled struct {
	feed model.Feed
	busy bool
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
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// schedule hands due feeds to the pollers until ctx is done, or with
// Config.Once after handing over every feed once. It closes polls when it
// stops.
func (d *Daemon) schedule(ctx context.Context, polls chan<- model.Feed) {
	defer close(polls)
	for {
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
