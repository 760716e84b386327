package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/claimwire/claimwire/daemon"
	"github.com/claimwire/claimwire/feeds"
	"github.com/claimwire/claimwire/rules"
	"github.com/claimwire/claimwire/store"
)

// env is what a command runs with: no global state, so that tests run
// commands side by side.
type env struct {
	ctx            context.Context
	stdin          io.Reader
	stdout, stderr io.Writer
	cmd            *command
}

// flags returns the command's flag set. Parse errors are reported by
// parse, on one line; -h prints the usage.
func (e *env) flags() *flag.FlagSet {
	fs := flag.NewFlagSet(e.cmd.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parse parses flags wherever they stand among the arguments and returns
// the others; everything after "--" is an argument.
func (e *env) parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			e.usage(fs)
			return nil, err
		}
		if err != nil {
			return nil, usageErr("%v (run 'claimwire %s -h' for usage)", err, e.cmd.name)
		}
		left := fs.Args()
		if len(left) == 0 {
			return rest, nil
		}
		if n := len(args) - len(left); n > 0 && args[n-1] == "--" {
			return append(rest, left...), nil
		}
		rest, args = append(rest, left[0]), left[1:]
	}
}

func (e *env) usage(fs *flag.FlagSet) {
	fmt.Fprintf(e.stderr, "Usage: claimwire %s %s\n\n%s.\n", e.cmd.name, e.cmd.args, capitalise(e.cmd.summary))
	if hasFlags(fs) {
		fmt.Fprintln(e.stderr, "\nFlags:")
		fs.SetOutput(e.stderr)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// dbFlag adds --db: the database path, by default $CLAIMWIRE_DB or
// ./claimwire.db.
func dbFlag(fs *flag.FlagSet) *string {
	def := os.Getenv("CLAIMWIRE_DB")
	if def == "" {
		def = "claimwire.db"
	}
	db := fs.String("db", def, "database: a bbolt file `path`, or a postgres:// URL shared by a team (env CLAIMWIRE_DB)")
	fs.Lookup("db").DefValue = store.RedactURL(def) // the usage shows no password
	return db
}

// listFlag is a flag that may be given several times.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

// rulesFlag adds --rules: rules folders on top of the embedded defaults.
func rulesFlag(fs *flag.FlagSet) *listFlag {
	l := &listFlag{}
	fs.Var(l, "rules", "rules `folder` extending the built-in rules (repeatable)")
	return l
}

// loadRules loads the built-in rules and the user's folders. A folder that
// does not load is bad input.
func loadRules(dirs []string) (*rules.Set, error) {
	rs, err := rules.Load(dirs...)
	if err != nil {
		return nil, inputErr(fmt.Errorf("rules: %w", err))
	}
	return rs, nil
}

// fetchFlags are the fetcher's options a user may change.
type fetchFlags struct {
	allowPrivate bool
	contact      string
	perHost      int
	hostDelay    time.Duration
	timeout      time.Duration
}

func addFetchFlags(fs *flag.FlagSet) *fetchFlags {
	d := feeds.DefaultOptions()
	f := &fetchFlags{}
	fs.BoolVar(&f.allowPrivate, "allow-private", false, "allow fetching loopback and private addresses (refused by default)")
	fs.StringVar(&f.contact, "contact", feeds.ContactURL, "contact `URL` named in the User-Agent")
	boundedInt(fs, &f.perHost, "per-host", d.PerHost, 1, 64, "`number` of concurrent requests to one host")
	boundedDuration(fs, &f.hostDelay, "host-delay", d.HostDelay, 0, time.Hour, "least `time` between two requests to one host")
	boundedDuration(fs, &f.timeout, "timeout", d.Timeout, time.Second, time.Hour, "time `limit` of one request, body included")
	return f
}

func (f *fetchFlags) options() feeds.Options {
	o := feeds.DefaultOptions()
	o.AllowPrivate = f.allowPrivate
	o.UserAgent = feeds.UserAgent(feeds.Version, f.contact)
	o.PerHost = max(f.perHost, 1)
	o.HostDelay = max(f.hostDelay, 0)
	o.Timeout = f.timeout
	return o
}

// pipeline builds the text and extract stages from the rules folders.
func pipeline(dirs []string, opts feeds.Options) (*daemon.Pipeline, error) {
	rs, err := loadRules(dirs)
	if err != nil {
		return nil, err
	}
	return daemon.NewPipeline(rs, opts)
}
