package daemon

import (
	"context"
	"log/slog"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/claimwire/claimwire/feeds"
	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/store"
)

// pollRun is one poll of a feed. Its new state is committed with the last
// of its items, never before, so that a crash in between makes the next
// run poll the feed again rather than skip its unfinished items.
type pollRun struct {
	feed    model.Feed // the state Poll returned
	pending atomic.Int32
}

// newPollRun starts with one pending hold, the poller's own, so that the
// run cannot complete while its items are still being queued.
func newPollRun(f model.Feed) *pollRun {
	r := &pollRun{feed: f}
	r.pending.Store(1)
	return r
}

func (r *pollRun) hold() { r.pending.Add(1) }

// release drops one hold and reports whether it was the last.
func (r *pollRun) release() bool { return r.pending.Add(-1) == 0 }

// pollLoop polls the feeds it is handed.
func (d *Daemon) pollLoop(ctx context.Context, polls <-chan model.Feed, jobs chan<- *job, results chan<- result) {
	for f := range polls {
		d.poll(ctx, f, jobs, results)
	}
}

// poll fetches one feed and queues its new items. A poll cut short by
// shutdown leaves the feed's stored state as it was.
func (d *Daemon) poll(ctx context.Context, f model.Feed, jobs chan<- *job, results chan<- result) {
	items, state, err := d.pipe.Fetcher.Poll(ctx, f, d.cfg.Now())
	if ctx.Err() != nil {
		return
	}
	d.logPoll(f, items, err)
	run := newPollRun(state)
	var queue []*job
	for _, it := range items {
		j, link := d.admit(it, run)
		if j != nil {
			queue = append(queue, j)
		}
		if link != nil {
			run.hold()
			results <- result{entry: link, runs: []*pollRun{run}}
		}
	}
	for _, j := range queue {
		select {
		case jobs <- j:
		case <-ctx.Done():
			return
		}
	}
	if run.release() {
		results <- result{done: &run.feed}
	}
}

func (d *Daemon) logPoll(f model.Feed, items []feeds.Item, err error) {
	if err != nil {
		d.failed.Add(1)
		d.pipe.Metrics.fetchError(err)
		d.log.Warn("poll failed", slog.String("feed", f.URL), slog.String("error_kind", feeds.ErrorKind(err)), slog.Any("error", err))
		return
	}
	d.log.Debug("polled", slog.String("feed", f.URL), slog.Int("items", len(items)))
}

// admit decides what to do with a feed item: a new job to fetch it (which
// holds run until it is committed), a link entry when the story is stored
// but not yet with this feed, or nothing. A story already being fetched for
// another feed gains this feed and run instead of a second fetch.
func (d *Daemon) admit(it feeds.Item, run *pollRun) (*job, *store.Entry) {
	keys := itemKeys(it)
	id, seen, err := d.db.Seen(keys...)
	if err != nil {
		d.log.Error("seen lookup failed", slog.String("url", it.Link), slog.Any("error", err))
		return nil, nil
	}
	if seen {
		return d.admitSeen(it, id, keys, run)
	}
	return d.inflight.start(it, keys, run)
}

// admitSeen handles an item whose story is stored: a failed story is
// fetched again once Config.RetryAfter has passed.
func (d *Daemon) admitSeen(it feeds.Item, id string, keys []string, run *pollRun) (*job, *store.Entry) {
	a, err := d.db.Article(id)
	switch {
	case err != nil:
		d.log.Error("read stored article", slog.String("id", id), slog.Any("error", err))
	case a.Error != "" && d.cfg.Now().Sub(a.Fetched) >= d.cfg.RetryAfter:
		return d.inflight.start(it, keys, run)
	case !slices.Contains(a.Feeds, it.FeedURL):
		art := model.Article{ID: id, Feeds: []string{it.FeedURL}}
		return nil, &store.Entry{Article: art, SeenKeys: keys, FeedsOnly: true}
	}
	return nil, nil
}

// itemKeys are the seen keys an item is known by before it is fetched.
func itemKeys(it feeds.Item) []string {
	var keys []string
	if g := scopedGUID(it); g != "" {
		keys = append(keys, store.GUIDKey(g))
	}
	for _, u := range []string{it.Canonical, it.Link} {
		if u != "" && !slices.Contains(keys, store.URLKey(u)) {
			keys = append(keys, store.URLKey(u))
		}
	}
	return keys
}

// scopedGUID returns the item's GUID made unique across feeds: a GUID that
// is an absolute URI (a permalink, a tag: or urn: name) is kept; any other
// ("1234") is prefixed with its feed's URL, since two feeds may both have an
// item "1234".
func scopedGUID(it feeds.Item) string {
	g := strings.TrimSpace(it.GUID)
	if g == "" {
		return ""
	}
	if u, err := url.Parse(g); err == nil && u.Scheme != "" && (u.Host != "" || u.Opaque != "") {
		return g
	}
	return it.FeedURL + "#" + g
}

// job is one article to fetch and process. The fields below keys are
// guarded by the inflight lock: another feed's poll may add itself while the
// job is being processed.
type job struct {
	item  feeds.Item
	keys  []string
	runs  []*pollRun
	feeds []string
	id    string // the stored article's ID, once finished
}

// inflight indexes by their seen keys the jobs queued, being processed, or
// finished but not yet committed.
type inflight struct {
	mu    sync.Mutex
	byKey map[string]*job
}

func newInflight() *inflight { return &inflight{byKey: map[string]*job{}} }

// start returns a new job for it, unless a job with one of its keys is in
// flight: a job still being processed gains this feed and run, and a job
// finished but not yet committed gets a link entry committed after it.
func (f *inflight) start(it feeds.Item, keys []string, run *pollRun) (*job, *store.Entry) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, k := range keys {
		j := f.byKey[k]
		switch {
		case j == nil:
			continue
		case j.id != "":
			art := model.Article{ID: j.id, Feeds: []string{it.FeedURL}}
			return nil, &store.Entry{Article: art, SeenKeys: keys, FeedsOnly: true}
		}
		j.attach(it.FeedURL, run)
		return nil, nil
	}
	j := &job{item: it, keys: keys}
	j.attach(it.FeedURL, run)
	for _, k := range keys {
		f.byKey[k] = j
	}
	return j, nil
}

func (j *job) attach(feed string, run *pollRun) {
	run.hold()
	j.runs = append(j.runs, run)
	if !slices.Contains(j.feeds, feed) {
		j.feeds = append(j.feeds, feed)
	}
}

// finish marks a job done as the article id and returns the runs and feeds
// it ended up with. Its keys stay in flight until forget.
func (f *inflight) finish(j *job, id string) ([]*pollRun, []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	j.id = id
	return j.runs, j.feeds
}

// forget takes committed jobs out of flight: the store knows them now.
func (f *inflight) forget(jobs []*job) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, j := range jobs {
		for _, k := range j.keys {
			if f.byKey[k] == j {
				delete(f.byKey, k)
			}
		}
	}
}
