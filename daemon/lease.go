package daemon

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"maps"
	"os"
	"slices"
	"sync"
	"time"

	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/store"
)

// DefaultLease is how long a daemon sharing its database holds a feed it
// polls, when Config.Lease is zero: long enough for a poll and its
// articles, short enough that a dead daemon's feeds wait little.
const DefaultLease = 5 * time.Minute

// leaseRetry is how long the scheduler of a shared database waits before
// asking again when no feed was free, unless a commit wakes it first.
const leaseRetry = time.Second

// owner names this daemon in the leases it takes.
func defaultOwner() string {
	host, _ := os.Hostname()
	return fmt.Sprintf("%s:%d:%d", cmp.Or(host, "host"), os.Getpid(), time.Now().UnixNano()%1e6)
}

// scheduleLeased hands the pollers the feeds it leases from a database
// shared with other daemons, until ctx is done. The feeds polled are those
// the database holds, not the list the daemon was started with. With
// Config.Once it stops when every feed that was due when it started has
// been polled, by this daemon or another, waiting for the leases of a
// daemon that died to expire. It closes polls when it stops.
func (d *Daemon) scheduleLeased(ctx context.Context, l store.FeedLeaser, polls chan<- model.Feed) {
	defer close(polls)
	go d.renewLeases(ctx, l)
	start := d.cfg.Now()
	for {
		dueBy := d.cfg.Now()
		if d.cfg.Once {
			dueBy = start
		}
		feeds, err := l.LeaseFeeds(ctx, d.cfg.Owner, dueBy, d.cfg.Lease, d.cfg.Pollers)
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			d.log.Error("lease feeds", slog.Any("error", err))
		}
		for _, f := range feeds {
			if !f.NextCheck.IsZero() {
				d.pipe.Metrics.lag(d.cfg.Now().Sub(f.NextCheck))
			}
			d.log.Debug("leased", slog.String("feed", f.URL), slog.String("owner", d.cfg.Owner))
			d.held.add(f.URL)
			select {
			case polls <- f:
			case <-ctx.Done():
				return
			}
		}
		if len(feeds) > 0 {
			continue // more may be due: lease again as pollers free up
		}
		wait := min(idleCheck, d.cfg.Lease/2)
		if d.cfg.Once {
			n, err := l.PendingFeeds(ctx, start)
			if err == nil && n == 0 {
				return
			}
			wait = leaseRetry
		}
		if !sleepOrWake(ctx, wait, d.sched.wake) {
			return
		}
	}
}

// held is the set of feeds this daemon leased and has not yet committed.
type held struct {
	mu   sync.Mutex
	urls map[string]bool
}

func (h *held) add(url string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.urls == nil {
		h.urls = map[string]bool{}
	}
	h.urls[url] = true
}

// done drops a feed whose poll is committed, which ended its lease.
func (h *held) done(url string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.urls, url)
}

func (h *held) list() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Collect(maps.Keys(h.urls))
}

// renewLeases extends the leases of the feeds being polled every third of
// a lease until ctx is done, so that a poll with many articles keeps its
// feed: only a daemon that stops renewing (a dead one) loses its feeds.
func (d *Daemon) renewLeases(ctx context.Context, l store.FeedLeaser) {
	t := time.NewTicker(d.cfg.Lease / 3)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if urls := d.held.list(); len(urls) > 0 {
			if err := l.RenewLeases(ctx, d.cfg.Owner, urls, d.cfg.Lease); err != nil && ctx.Err() == nil {
				d.log.Error("renew leases", slog.Any("error", err))
			}
		}
	}
}
