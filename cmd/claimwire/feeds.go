package main

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/claimwire/claimwire/api"
	"github.com/claimwire/claimwire/feeds"
	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/store"
)

func cmdFeeds(e *env, args []string) error {
	fs := e.flags()
	db := dbFlag(fs)
	strict := strictFlag(fs)
	interval := fs.Duration("interval", 0, "with add: poll the feed every `duration` (default: the daemon's)")
	pos, err := e.parse(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(pos) == 0:
		return e.listFeeds(*db)
	case pos[0] == "import" && len(pos) == 2:
		return e.importFeeds(*db, pos[1], *strict)
	case pos[0] == "add" && len(pos) == 2:
		return e.changeFeed(*db, pos[1], true, *interval)
	case pos[0] == "remove" && len(pos) == 2:
		return e.changeFeed(*db, pos[1], false, 0)
	}
	return usageErr("want no argument (list), 'import FILE', 'add URL' or 'remove URL'")
}

func (e *env) listFeeds(path string) error {
	acc, err := e.reach(path, true)
	if err != nil {
		return err
	}
	defer acc.Close()
	var list []api.FeedInfo
	if acc.client != nil {
		list, err = acc.client.Feeds(e.ctx)
	} else {
		list, err = feedInfos(acc.db)
	}
	if err != nil {
		return err
	}
	return printFeeds(e, list, time.Now())
}

// feedInfos reads the feeds and their article counts from the file.
func feedInfos(db store.Store) ([]api.FeedInfo, error) {
	feeds, err := db.Feeds()
	if err != nil {
		return nil, err
	}
	counts, err := db.FeedArticles()
	if err != nil {
		return nil, err
	}
	out := make([]api.FeedInfo, len(feeds))
	for i, f := range feeds {
		out[i] = api.FeedInfoOf(f, counts[f.URL])
	}
	return out, nil
}

func printFeeds(e *env, list []api.FeedInfo, now time.Time) error {
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "FEED\tTITLE\tINTERVAL\tARTICLES\tSTATUS\tLAST FETCH\tNEXT CHECK\tERRORS\tLAST ERROR")
	for _, fi := range list {
		f := fi.Model()
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\t%s\t%d\t%s\n", f.URL, cell(f.Title, 40), intervalCell(f.Interval), fi.Articles,
			feedStatus(f), ago(f.LastFetch, now), ago(f.NextCheck, now), f.Errors, f.LastError)
	}
	return tw.Flush()
}

// intervalCell prints a feed's configured interval, "default" when unset.
func intervalCell(d time.Duration) string {
	if d <= 0 {
		return "default"
	}
	return short(d)
}

// cell makes text fit one table cell: "-" when empty, cut to n runes.
func cell(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	switch r := []rune(s); {
	case s == "":
		return "-"
	case len(r) > n:
		return string(r[:n-1]) + "…"
	}
	return s
}

// changeFeed adds or removes a feed: on the file when no daemon holds it,
// else through the daemon's API. A running daemon picks the change up at
// its next schedule tick.
func (e *env) changeFeed(path, feedURL string, add bool, interval time.Duration) error {
	if err := checkFeedArg(feedURL, interval); err != nil {
		return err
	}
	acc, err := e.reach(path, false)
	if err != nil {
		return err
	}
	defer acc.Close()
	var changed bool
	switch {
	case acc.client != nil && add:
		var ch api.FeedChange
		ch, err = acc.client.AddFeed(e.ctx, feedURL, interval)
		changed = ch.Changed
	case acc.client != nil:
		_, err = acc.client.RemoveFeed(e.ctx, feedURL)
		changed = err == nil
	case add:
		changed, err = acc.db.AddFeed(model.Feed{URL: feedURL, Interval: interval})
	default:
		err = acc.db.RemoveFeed(feedURL)
		changed = err == nil
	}
	if err != nil {
		if isNotFound(err) {
			return inputErr(fmt.Errorf("feed %s is not stored", feedURL))
		}
		return err
	}
	fmt.Fprintln(e.stdout, feedChangeMessage(feedURL, add, changed))
	return nil
}

// checkFeedArg checks a feed URL and interval given on the command line.
func checkFeedArg(feedURL string, interval time.Duration) error {
	if err := api.CheckFeedURL(feedURL); err != nil {
		return usageErr("%v", err)
	}
	if interval < 0 {
		return usageErr("--interval %s: want a positive duration", interval)
	}
	return nil
}

func feedChangeMessage(feedURL string, add, changed bool) string {
	switch {
	case add && changed:
		return "added " + feedURL
	case add:
		return feedURL + " was already stored"
	}
	return "removed " + feedURL + " (its articles stay)"
}

// isNotFound reports a feed the store or the API does not have.
func isNotFound(err error) bool {
	var se *api.StatusError
	return errors.Is(err, store.ErrNotFound) || errors.As(err, &se) && se.Code == http.StatusNotFound
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
