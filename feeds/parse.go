package feeds

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	jsonfeed "github.com/mmcdole/gofeed/json"
	"github.com/mmcdole/gofeed/rss"
	"golang.org/x/net/html"
)

// Item is one entry of a feed.
type Item struct {
	FeedURL   string    // the feed it came from, as subscribed
	GUID      string    // the feed's own identifier for the item, if any
	Link      string    // the article's URL, made absolute
	Canonical string    // CanonicalURL(Link), or "" if Link is not an http(s) URL
	Title     string    // plain text
	Author    string    // the first author's name
	Content   string    // HTML: the item's content element, else its summary
	Summary   bool      // Content is the item's summary: it had no content element
	Published time.Time // publication time, else update time; zero if neither
	Full      bool      // Content holds the whole article (see the package doc)
}

// parsed is what Poll keeps of a parsed feed.
type parsed struct {
	title string
	ttl   time.Duration
	items []Item
}

// parseFeed parses a fetched feed body (RSS, Atom or JSON Feed) into items.
// feedURL is the subscribed URL; relative links resolve against r.url.
func parseFeed(feedURL string, r *response, fullWords int) (*parsed, error) {
	p := gofeed.NewParser()
	p.KeepOriginalFeed = true
	feed, err := p.Parse(bytes.NewReader(toUTF8(r.body, r.header.Get("Content-Type"))))
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %w", feedURL, ErrParse, err)
	}
	out := &parsed{title: strings.TrimSpace(feed.Title), ttl: feedTTL(feed)}
	base, _ := url.Parse(r.url)
	textContentAsHTML(feed)
	for _, it := range feed.Items {
		if it != nil {
			out.items = append(out.items, newItem(feedURL, base, it, fullWords))
		}
	}
	return out, nil
}

// textContentAsHTML turns a JSON Feed item's content_text, which gofeed
// passes on as it is, into HTML paragraphs: Item.Content is HTML, and read
// as HTML plain text would lose its paragraph breaks.
func textContentAsHTML(feed *gofeed.Feed) {
	orig, ok := feed.OriginalFeed().(*jsonfeed.Feed)
	if !ok || len(orig.Items) != len(feed.Items) {
		return
	}
	for i, it := range orig.Items {
		if it != nil && feed.Items[i] != nil && it.ContentHTML == "" && it.ContentText != "" {
			feed.Items[i].Content = textToHTML(it.ContentText)
		}
	}
}

// textToHTML makes plain text HTML: a paragraph per run of lines between
// blank lines, escaped.
func textToHTML(text string) string {
	var b strings.Builder
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			b.WriteString("<p>" + html.EscapeString(p) + "</p>\n")
		}
	}
	return b.String()
}

// feedTTL returns an RSS feed's <ttl>; other formats have none.
func feedTTL(feed *gofeed.Feed) time.Duration {
	if f, ok := feed.OriginalFeed().(*rss.Feed); ok {
		return ttl(f.TTL)
	}
	return 0
}

// newItem converts a gofeed item.
func newItem(feedURL string, base *url.URL, it *gofeed.Item, fullWords int) Item {
	item := Item{
		FeedURL:   feedURL,
		GUID:      strings.TrimSpace(it.GUID),
		Link:      resolve(base, itemLink(it)),
		Title:     oneLine(it.Title),
		Author:    oneLine(author(it)),
		Content:   it.Content,
		Published: published(it),
		Full:      it.Content != "" && wordCount(it.Content) >= fullWords,
	}
	item.Canonical, _ = CanonicalURL(item.Link)
	if item.Content == "" {
		item.Content, item.Summary = it.Description, it.Description != ""
	}
	return item
}

// itemLink returns the item's link, else its first link, else its GUID if
// that is a URL (RSS permalinks).
func itemLink(it *gofeed.Item) string {
	switch {
	case strings.TrimSpace(it.Link) != "":
		return strings.TrimSpace(it.Link)
	case len(it.Links) > 0:
		return strings.TrimSpace(it.Links[0])
	case strings.HasPrefix(it.GUID, "http://"), strings.HasPrefix(it.GUID, "https://"):
		return strings.TrimSpace(it.GUID)
	}
	return ""
}

// resolve makes link absolute against base; a link that does not parse is
// returned as it is.
func resolve(base *url.URL, link string) string {
	if base == nil || link == "" {
		return link
	}
	u, err := base.Parse(link)
	if err != nil {
		return link
	}
	return u.String()
}

// oneLine returns s with its runs of spaces made one space and its control
// characters removed: a title goes to terminals and spreadsheets, and
// JSON Feed allows an escape character in it.
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r >= 0x7f && r < 0xa0 {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// author returns the first named author.
func author(it *gofeed.Item) string {
	for _, p := range it.Authors {
		if p != nil && strings.TrimSpace(p.Name) != "" {
			return strings.TrimSpace(p.Name)
		}
	}
	return ""
}

// published returns the item's publication time, else its update time.
func published(it *gofeed.Item) time.Time {
	switch {
	case it.PublishedParsed != nil:
		return it.PublishedParsed.UTC()
	case it.UpdatedParsed != nil:
		return it.UpdatedParsed.UTC()
	}
	return time.Time{}
}

// wordCount counts the words of an HTML fragment's text, outside script and
// style elements.
func wordCount(fragment string) int {
	z := html.NewTokenizer(strings.NewReader(fragment))
	n, skip := 0, false
	for {
		switch z.Next() {
		case html.ErrorToken:
			return n
		case html.StartTagToken:
			skip = isRawText(z)
		case html.EndTagToken:
			skip = false
		case html.TextToken:
			if !skip {
				n += len(strings.Fields(string(z.Text())))
			}
		}
	}
}

// isRawText reports whether the current start tag holds no prose.
func isRawText(z *html.Tokenizer) bool {
	name, _ := z.TagName()
	return string(name) == "script" || string(name) == "style"
}
