package daemon

import (
	"cmp"
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/store"
)

// Config configures a Daemon. Zero values take the defaults named.
type Config struct {
	DB       store.Store
	Pipeline *Pipeline
	Log      *slog.Logger // default: discard

	Workers    int           // article workers; default 4
	Pollers    int           // feeds polled at once; default 4
	BatchSize  int           // articles per commit; default 100
	BatchBytes int           // bytes per commit, roughly (an article larger than this goes alone); default 4 MiB
	BatchWait  time.Duration // longest a finished article waits to be committed; default 500ms
	RetryAfter time.Duration // a failed article is fetched again after this; default 1h
	Once       bool          // poll every feed once, finish its articles and stop
	// Lease is how long a feed stays with this daemon once it starts to
	// poll it, when the database is shared (store.FeedLeaser); default
	// DefaultLease. Owner names the daemon in its leases; default host,
	// PID and a random part.
	Lease time.Duration
	Owner string
	Now   func() time.Time
}

func (c Config) withDefaults() Config {
	c.Log = cmp.Or(c.Log, slog.New(slog.DiscardHandler))
	c.Workers = cmp.Or(c.Workers, 4)
	c.Pollers = cmp.Or(c.Pollers, 4)
	c.BatchSize = cmp.Or(c.BatchSize, 100)
	c.BatchBytes = cmp.Or(c.BatchBytes, 4<<20)
	c.BatchWait = cmp.Or(c.BatchWait, 500*time.Millisecond)
	c.RetryAfter = cmp.Or(c.RetryAfter, time.Hour)
	c.Lease = cmp.Or(c.Lease, DefaultLease)
	if c.Owner == "" {
		c.Owner = defaultOwner()
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return c
}

// Daemon polls feeds and stores the claims of their new articles.
type Daemon struct {
	cfg      Config
	db       store.Store
	pipe     *Pipeline
	log      *slog.Logger
	sched    *schedule
	inflight *inflight
	failed   atomic.Int64 // polls that failed
	held     held         // feeds leased from a shared database, not yet committed
}

// New returns a Daemon that polls the given feeds (their stored state, or
// new ones with only a URL and interval).
func New(cfg Config, feeds []model.Feed) *Daemon {
	cfg = cfg.withDefaults()
	return &Daemon{
		cfg:      cfg,
		db:       cfg.DB,
		pipe:     cfg.Pipeline,
		log:      cfg.Log,
		sched:    newSchedule(feeds),
		inflight: newInflight(),
	}
}

// Stats counts what a Run did.
type Stats struct {
	Polls     int // feed polls committed
	Articles  int // articles committed, failed ones included
	Failed    int // articles committed with an error
	Claims    int // claims committed
	Batches   int // commits
	Abandoned int // results lost to a failed commit
	// FailedPolls counts the polls among Polls that failed (their error
	// is recorded on the feed).
	FailedPolls int
}

// Run polls feeds until ctx is cancelled (or, with Config.Once, until every
// feed has been polled once and its new articles stored). It returns once
// everything finished has been committed. The error is that of the
// database, if it failed; the failures of feeds and articles are logged and
// recorded on them instead.
func (d *Daemon) Run(ctx context.Context) (Stats, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	polls := make(chan model.Feed)
	jobs := make(chan *job, d.cfg.Workers*4)
	results := make(chan result, d.cfg.Workers*4)

	if l, ok := d.db.(store.FeedLeaser); ok { // several daemons share the feeds
		go d.scheduleLeased(ctx, l, polls)
	} else {
		go d.schedule(ctx, polls)
	}
	pollersDone := d.spawn(d.cfg.Pollers, func() { d.pollLoop(ctx, polls, jobs, results) })
	workersDone := d.spawn(d.cfg.Workers, func() { d.workLoop(ctx, jobs, results) })
	go func() {
		<-pollersDone
		close(jobs)
		<-workersDone
		close(results)
	}()
	st, err := d.write(results)
	if err != nil { // stop the other stages, and let them finish sending
		cancel()
		for range results {
		}
	}
	st.FailedPolls = int(min(d.failed.Load(), int64(st.Polls)))
	return st, err
}

// spawn starts n goroutines running fn and returns a channel closed when
// all of them have returned.
func (d *Daemon) spawn(n int, fn func()) <-chan struct{} {
	var wg sync.WaitGroup
	for range n {
		wg.Go(fn)
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	return done
}
