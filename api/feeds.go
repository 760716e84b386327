package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/claimwire/claimwire/model"
)

// FeedInfo is one element of GET /api/feeds: a feed's polling state with
// its durations in seconds, and how many stored articles it carried.
type FeedInfo struct {
	model.Feed
	// Interval and TTL shadow the Feed's durations in JSON.
	Interval float64 `json:"interval,omitempty"` // seconds
	TTL      float64 `json:"ttl,omitempty"`      // seconds
	Articles int     `json:"articles"`
}

// FeedInfoOf renders a feed for the API.
func FeedInfoOf(f model.Feed, articles int) FeedInfo {
	return FeedInfo{Feed: f, Interval: f.Interval.Seconds(), TTL: f.TTL.Seconds(), Articles: articles}
}

// Model returns the feed with its durations back in the model's form.
func (fi FeedInfo) Model() model.Feed {
	f := fi.Feed
	f.Interval, f.TTL = seconds(fi.Interval), seconds(fi.TTL)
	return f
}

func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// Feed URLs and intervals the API takes.
const (
	maxFeedURL  = 2048
	minInterval = time.Minute
	maxInterval = 7 * 24 * time.Hour
)

// FeedChange is the answer of POST /api/feeds/add and /api/feeds/remove.
type FeedChange struct {
	URL     string `json:"url"`
	Changed bool   `json:"changed"` // false: the feed was already stored
}

func (s *Server) feeds(w http.ResponseWriter, _ *http.Request) {
	feeds, err := s.DB.Feeds()
	var counts map[string]int
	if err == nil {
		counts, err = s.DB.FeedArticles()
	}
	if err != nil {
		writeError(w, http.StatusInternalServerError, err)
		return
	}
	out := make([]FeedInfo, len(feeds))
	for i, f := range feeds {
		out[i] = FeedInfoOf(f, counts[f.URL])
	}
	writeJSON(w, map[string]any{"feeds": out})
}

// addFeed stores a feed given by its url parameter, with an optional
// interval; the daemon polls it from its next schedule tick.
func (s *Server) addFeed(w http.ResponseWriter, r *http.Request) {
	f, err := feedOfQuery(r.URL.RawQuery, "url", "interval")
	if err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	added, err := s.DB.AddFeed(f)
	if err != nil {
		writeError(w, statusOf(err), err)
		return
	}
	s.log().Info("feed added", "url", f.URL, "new", added)
	writeJSON(w, FeedChange{URL: f.URL, Changed: added})
}

// removeFeed forgets the feed of the url parameter; its articles stay.
func (s *Server) removeFeed(w http.ResponseWriter, r *http.Request) {
	f, err := feedOfQuery(r.URL.RawQuery, "url")
	if err != nil {
		writeError(w, http.StatusBadRequest, err)
		return
	}
	if err := s.DB.RemoveFeed(f.URL); err != nil {
		writeError(w, statusOf(err), err)
		return
	}
	s.log().Info("feed removed", "url", f.URL)
	writeJSON(w, FeedChange{URL: f.URL, Changed: true})
}

// feedOfQuery reads a feed's url and interval parameters.
func feedOfQuery(raw string, names ...string) (model.Feed, error) {
	q, err := readQuery(raw, names...)
	if err != nil {
		return model.Feed{}, err
	}
	f := model.Feed{URL: q.Get("url")}
	if err := CheckFeedURL(f.URL); err != nil {
		return f, err
	}
	if iv := q.Get("interval"); iv != "" {
		f.Interval, err = time.ParseDuration(iv)
		if err != nil || f.Interval < minInterval || f.Interval > maxInterval {
			return f, fmt.Errorf("interval %q: want a duration from %s to %s", clip(iv), minInterval, maxInterval)
		}
	}
	return f, nil
}

// CheckFeedURL accepts an absolute http or https URL of reasonable length.
func CheckFeedURL(s string) error {
	if s == "" {
		return errors.New("url: missing")
	}
	u, err := url.Parse(s)
	if err != nil || len(s) > maxFeedURL || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("url %q: want an absolute http or https URL of at most %d bytes", clip(s), maxFeedURL)
	}
	return nil
}

// AddFeed asks the daemon to store a feed; interval 0 is the default.
func (c *Client) AddFeed(ctx context.Context, feedURL string, interval time.Duration) (FeedChange, error) {
	q := url.Values{"url": {feedURL}}
	if interval > 0 {
		q.Set("interval", interval.String())
	}
	return c.feedChange(ctx, "/api/feeds/add", q)
}

// RemoveFeed asks the daemon to forget a feed.
func (c *Client) RemoveFeed(ctx context.Context, feedURL string) (FeedChange, error) {
	return c.feedChange(ctx, "/api/feeds/remove", url.Values{"url": {feedURL}})
}

func (c *Client) feedChange(ctx context.Context, path string, q url.Values) (FeedChange, error) {
	ctx, cancel := context.WithTimeout(ctx, callTimeout)
	defer cancel()
	var out FeedChange
	err := c.getJSONQuery(ctx, http.MethodPost, path, q, &out)
	return out, err
}
