package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"runtime"
	"runtime/debug"
	"time"

	"github.com/claimwire/claimwire/api"
	"github.com/claimwire/claimwire/daemon"
	"github.com/claimwire/claimwire/extract"
	"github.com/claimwire/claimwire/feeds"
	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/store"
	"github.com/claimwire/claimwire/web"
)

// runFlags are the daemon's flags.
type runFlags struct {
	db         *string
	feedsFile  *string
	listen     *string
	allowHosts *listFlag
	logFormat  *string
	logLevel   *string
	once       *bool
	workers    int
	memLimit   int
	rules      *listFlag
	fetch      *fetchFlags
	strict     *bool
	fullWords  *int
	lease      *time.Duration
}

func addRunFlags(fs *flag.FlagSet) *runFlags {
	f := &runFlags{
		db:         dbFlag(fs),
		feedsFile:  fs.String("feeds", "", "feed list `file`: one URL a line with an optional interval, # comments; or OPML"),
		listen:     fs.String("listen", "127.0.0.1:8181", "`address` of the local API (\"\" for none; port 0 picks a free one)"),
		logFormat:  fs.String("log-format", "text", "log `format`: text or json"),
		logLevel:   fs.String("log-level", "info", "log `level`: debug, info, warn or error"),
		once:       fs.Bool("once", false, "poll every feed once, store its new articles and exit"),
		allowHosts: &listFlag{},
		rules:      rulesFlag(fs),
		fetch:      addFetchFlags(fs),
		strict:     strictFlag(fs),
		lease:      fs.Duration("lease", daemon.DefaultLease, "with a postgres:// database shared by several daemons: how long a feed stays with the daemon polling it; a dead daemon's feeds are taken by another after this"),
		fullWords:  fs.Int("full-words", feeds.DefaultOptions().FullWords, "an item whose feed content has at least this many words is the whole article, not fetched (1: any content)"),
	}
	fs.Var(f.allowHosts, "allow-host", "a `name` the API answers to besides its address and localhost, e.g. when a proxy forwards to it (repeatable)")
	boundedInt(fs, &f.workers, "workers", max(4, 2*runtime.NumCPU()), 1, 1024, "`number` of articles processed at once")
	boundedInt(fs, &f.memLimit, "memory-limit", 160, 0, 1<<20, "soft limit of the Go heap in `MiB`, which the garbage collector works to keep under (0: none; GOMEMLIMIT overrides)")
	return f
}

func cmdRun(e *env, args []string) error {
	fs := e.flags()
	f := addRunFlags(fs)
	pos, err := e.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErr("unexpected argument %q", pos[0])
	}
	log, err := newLogger(e.stderr, *f.logFormat, *f.logLevel)
	if err != nil {
		return err
	}
	_, err = e.daemon(f, log)
	return err
}

// daemon runs the daemon with its API until the context ends (or, with
// --once, one pass is done) and returns what it did.
func (e *env) daemon(f *runFlags, log *slog.Logger) (daemon.Stats, error) {
	if *f.lease < time.Second {
		return daemon.Stats{}, usageErr("--lease %s: want 1s or more", *f.lease)
	}
	if *f.fullWords < 1 {
		return daemon.Stats{}, usageErr("--full-words %d: want 1 or more", *f.fullWords)
	}
	opts := f.fetch.options()
	opts.FullWords = *f.fullWords
	p, err := pipeline(*f.rules, opts)
	if err != nil {
		return daemon.Stats{}, err
	}
	db, err := e.openWritable(*f.db)
	if err != nil {
		return daemon.Stats{}, err
	}
	defer db.Close()
	list, err := subscribed(db, *f.feedsFile, *f.strict, logSkipped(log))
	if err != nil {
		return daemon.Stats{}, err
	}
	setMemoryLimit(f.memLimit)
	extract.LoadModel()
	p.Metrics = daemon.NewMetrics()
	stop, _, err := serveAPI(*f.listen, *f.allowHosts, db, p, log)
	if err != nil {
		return daemon.Stats{}, err
	}
	defer stop()
	log.Info("daemon started", slog.String("db", db.Name()), slog.Int("feeds", len(list)), slog.Bool("once", *f.once), slog.Int("workers", f.workers))
	cfg := daemon.Config{DB: db, Pipeline: p, Log: log, Workers: f.workers, Once: *f.once, Lease: *f.lease}
	st, err := daemon.New(cfg, list).Run(e.ctx)
	logStats(log, st)
	if err == nil && *f.once {
		err = onceFailure(st)
	}
	return st, err
}

// onceFailure is the error of a run --once that could fetch nothing:
// every feed failed, or every article did.
func onceFailure(st daemon.Stats) error {
	switch {
	case st.Polls > 0 && st.FailedPolls == st.Polls:
		return fmt.Errorf("nothing fetched: all %d feeds failed ('claimwire feeds' shows why)", st.Polls)
	case st.Articles > 0 && st.Failed == st.Articles:
		return fmt.Errorf("nothing fetched: all %d new articles failed (%d of %d feeds polled)", st.Articles, st.Polls-st.FailedPolls, st.Polls)
	}
	return nil
}

func logStats(log *slog.Logger, st daemon.Stats) {
	log.Info("daemon stopped", slog.Int("polls", st.Polls), slog.Int("articles", st.Articles),
		slog.Int("failed", st.Failed), slog.Int("claims", st.Claims), slog.Int("batches", st.Batches), slog.Int("failed_polls", st.FailedPolls))
}

// setMemoryLimit sets the garbage collector's soft memory limit, unless the
// GOMEMLIMIT environment variable has set one. The live heap of the daemon
// is well under 100 MiB; without a limit the heap may grow to twice the live
// size between collections, while pages and part-of-speech tags come and go.
func setMemoryLimit(mib int) {
	if mib > 0 && os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(int64(mib) << 20)
	}
}

// subscribed returns the feeds to poll with their stored state: those of
// the list file when one is given (saving new ones), else every stored feed.
func subscribed(db store.Store, listFile string, strict bool, skipped func(error)) ([]model.Feed, error) {
	if listFile == "" {
		list, err := db.Feeds()
		if err == nil && len(list) == 0 {
			err = usageErr("no feeds: give --feeds FILE, or add feeds with 'claimwire feeds import FILE'")
		}
		return list, err
	}
	sources, err := readFeedList(listFile, strict, skipped)
	if err != nil {
		return nil, err
	}
	return saveSources(db, sources)
}

// readFeedList reads a feed list file; a file that does not read or parse
// is bad input. A bad line is passed to skipped and the rest loaded, unless
// strict.
func readFeedList(path string, strict bool, skipped func(error)) ([]feeds.Source, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, inputErr(fileError(path, err))
	}
	defer fh.Close()
	sources, err := feeds.ParseList(path, fh)
	var bad *feeds.ListError
	switch {
	case errors.As(err, &bad) && !strict:
		for _, line := range bad.Lines {
			skipped(line)
		}
		if more := bad.Count - len(bad.Lines); more > 0 {
			skipped(fmt.Errorf("%s: %d more bad lines", path, more))
		}
	case err != nil:
		return nil, inputErr(err)
	}
	if len(sources) == 0 {
		return nil, inputErr(fmt.Errorf("%s: no feeds in the list", path))
	}
	return sources, nil
}

// strictFlag is --strict: a feed list with a bad line is refused whole.
func strictFlag(fs *flag.FlagSet) *bool {
	return fs.Bool("strict", false, "refuse a feed list with a bad line (by default the line is reported and skipped)")
}

// logSkipped logs a skipped line of a feed list as a warning.
func logSkipped(log *slog.Logger) func(error) {
	return func(err error) { log.Warn("feed list line skipped", slog.Any("error", err)) }
}

// saveSources merges sources into the stored feeds: a stored feed keeps its
// polling state and takes the list's interval. It returns the merged feeds.
func saveSources(db store.Store, sources []feeds.Source) ([]model.Feed, error) {
	out := make([]model.Feed, 0, len(sources))
	for _, s := range sources {
		f, err := db.Feed(s.URL)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return nil, err
		}
		f.URL, f.Interval = s.URL, s.Interval
		out = append(out, f)
	}
	return out, db.PutFeeds(out...)
}

// serveAPI serves the API on addr ("" for none), records its address beside
// the database and returns the function that stops it and removes the file,
// and the address it listens on.
func serveAPI(addr string, allowHosts []string, db store.Store, p *daemon.Pipeline, log *slog.Logger) (func(), string, error) {
	// The address file goes beside a database file; a server's database
	// is reached directly, by every command.
	writeAddr, removeAddr := func(api.Addr) error { return nil }, func() {}
	if file, ok := db.(*store.DB); ok {
		writeAddr = func(a api.Addr) error { return api.WriteAddr(file.Path(), a) }
		removeAddr = func() { _ = api.RemoveAddr(file.Path()) }
	}
	if addr == "" { // record the PID all the same, so that a command meeting the lock can name it
		if err := writeAddr(api.Addr{PID: os.Getpid(), Started: time.Now().UTC()}); err != nil {
			return nil, "", err
		}
		return removeAddr, "", nil
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, "", fmt.Errorf("API: %w", err)
	}
	pages := web.New(db)
	pages.Log = log
	s := &api.Server{DB: db, Metrics: p.Metrics.Handler(), Log: log, Listen: ln.Addr().String(), AllowHosts: allowHosts, Pages: pages.Handler(),
		Reprocess: func(ctx context.Context, id string) (int, error) { return p.Reprocess(ctx, db, id) }}
	srv := api.NewHTTPServer(s.Handler())
	go func() { _ = srv.Serve(ln) }()
	if err := writeAddr(api.Addr{PID: os.Getpid(), Addr: ln.Addr().String(), Started: time.Now().UTC()}); err != nil {
		_ = srv.Close()
		return nil, "", err
	}
	log.Info("API listening", slog.String("addr", ln.Addr().String()))
	return func() {
		removeAddr()
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	}, ln.Addr().String(), nil
}

// newLogger returns a slog logger writing text or JSON to w.
func newLogger(w io.Writer, format, level string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, usageErr("--log-level %q: want debug, info, warn or error", level)
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, usageErr("--log-format %q: want text or json", format)
}
