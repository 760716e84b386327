package main

import (
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/claimwire/claimwire/feeds"
	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/store"
)

func cmdFeeds(e *env, args []string) error {
	fs := e.flags()
	db := dbFlag(fs)
	strict := strictFlag(fs)
	pos, err := e.parse(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(pos) == 0:
		return e.listFeeds(*db)
	case pos[0] == "import" && len(pos) == 2:
		return e.importFeeds(*db, pos[1], *strict)
	}
	return usageErr("want no argument (list) or 'import FILE'")
}

func (e *env) listFeeds(path string) error {
	acc, err := e.reach(path, true)
	if err != nil {
		return err
	}
	defer acc.Close()
	var list []model.Feed
	if acc.client != nil {
		list, err = acc.client.Feeds(e.ctx)
	} else {
		list, err = acc.db.Feeds()
	}
	if err != nil {
		return err
	}
	return printFeeds(e, list, time.Now())
}

func printFeeds(e *env, list []model.Feed, now time.Time) error {
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "FEED\tSTATUS\tLAST FETCH\tNEXT CHECK\tERRORS\tLAST ERROR")
	for _, f := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\n", f.URL, feedStatus(f), ago(f.LastFetch, now),
			ago(f.NextCheck, now), f.Errors, f.LastError)
	}
	return tw.Flush()
}

// feedStatus sums up a feed's state in a word.
func feedStatus(f model.Feed) string {
	switch {
	case f.LastFetch.IsZero():
		return "new"
	case f.LastStatus == 410:
		return "gone"
	case f.Errors > 0:
		return "failing"
	}
	return "ok"
}

// ago prints a time as UTC and relative to now: "2025-03-01 12:00 (5m ago)".
func ago(t, now time.Time) string {
	if t.IsZero() {
		return "-"
	}
	d := now.Sub(t)
	rel := short(d) + " ago"
	if d < 0 {
		rel = "in " + short(-d)
	}
	return t.UTC().Format("2006-01-02 15:04") + " (" + rel + ")"
}

// short prints a duration to the second under a minute, else to the
// minute: "42s", "5m", "1h4m".
func short(d time.Duration) string {
	if d < time.Minute {
		return d.Round(time.Second).String()
	}
	return strings.TrimSuffix(d.Round(time.Minute).String(), "0s")
}

// importFeeds adds the feeds of a list (OPML or text) to the store; feeds
// already stored keep their state.
func (e *env) importFeeds(path, file string, strict bool) error {
	sources, err := readFeedList(file, strict, func(err error) {
		fmt.Fprintf(e.stderr, "claimwire: warning: skipped %v\n", err)
	})
	if err != nil {
		return err
	}
	db, err := e.openWritable(path)
	if err != nil {
		return err
	}
	defer db.Close()
	added, err := addFeeds(db, sources)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d feeds in %s, %d new\n", len(sources), file, added)
	return nil
}

// addFeeds stores the sources that are not stored yet and counts them.
func addFeeds(db store.Store, sources []feeds.Source) (int, error) {
	var fresh []model.Feed
	for _, s := range sources {
		_, err := db.Feed(s.URL)
		switch {
		case errors.Is(err, store.ErrNotFound):
			fresh = append(fresh, model.Feed{URL: s.URL, Interval: s.Interval})
		case err != nil:
			return 0, err
		}
	}
	return len(fresh), db.PutFeeds(fresh...)
}
