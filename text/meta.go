package text

import (
	"encoding/json"
	"fmt"
	"html"
	"net/url"
	"strings"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/itlightning/dateparse"
)

// meta is what a page says about itself in JSON-LD and <meta> tags.
type meta struct {
	ld   map[string]any    // the page's article object in JSON-LD, if any
	tags map[string]string // <meta> content by lower-cased name, property or itemprop
}

func readMeta(doc *goquery.Document) *meta {
	return &meta{ld: findArticle(jsonLD(doc)), tags: metaTags(doc)}
}

// metaTags maps each <meta> key to the content of its first occurrence.
func metaTags(doc *goquery.Document) map[string]string {
	tags := map[string]string{}
	doc.Find("meta[content]").Each(func(_ int, s *goquery.Selection) {
		content := strings.TrimSpace(s.AttrOr("content", ""))
		for _, attr := range []string{"property", "name", "itemprop", "http-equiv"} {
			key := strings.ToLower(strings.TrimSpace(s.AttrOr(attr, "")))
			if _, seen := tags[key]; key != "" && content != "" && !seen {
				tags[key] = content
			}
		}
	})
	return tags
}

// tag returns the first non-empty <meta> content among keys.
func (m *meta) tag(keys ...string) string {
	for _, k := range keys {
		if v := m.tags[k]; v != "" {
			return v
		}
	}
	return ""
}

// fill sets the page's metadata fields from the best source for each.
func (m *meta) fill(p *Page, doc *goquery.Document, base *url.URL) {
	p.SiteName = oneLine(first(notURL(m.tag("og:site_name")), notURL(ldNames(m.ld["publisher"])),
		notURL(m.tag("application-name"))))
	// Some sites escape their meta tags twice ("&amp;#8216;").
	p.Title = trimSiteName(oneLine(html.UnescapeString(first(ldString(m.ld["headline"]),
		m.tag("og:title", "twitter:title"), doc.Find("title").First().Text()))), p.SiteName)
	p.Byline = trimBy(oneLine(first(ldNames(m.ld["author"]), m.byline())))
	p.Published = m.published(doc)
	p.CanonicalURL = resolve(base, first(doc.Find(`link[rel="canonical"]`).AttrOr("href", ""),
		m.tag("og:url"), ldURL(m.ld["url"]), ldURL(m.ld["mainEntityOfPage"])))
	p.Lang = first(doc.Find("html").AttrOr("lang", ""), m.tag("content-language", "dc.language"),
		strings.ReplaceAll(m.tag("og:locale"), "_", "-"), ldString(m.ld["inLanguage"]))
}

func (m *meta) description() string {
	return first(m.tag("og:description", "description", "twitter:description"), ldString(m.ld["description"]))
}

// notURL returns s unless it is a URL, which some sites put where a name
// belongs.
func notURL(s string) string {
	if strings.Contains(s, "://") {
		return ""
	}
	return s
}

// trimBy removes the "By " that bylines start with on the page.
func trimBy(s string) string {
	if len(s) > 3 && strings.EqualFold(s[:3], "by ") {
		return strings.TrimSpace(s[3:])
	}
	return s
}

// trimSiteName removes the site's name from the end of a title, as in
// "Headline | Site" or "Headline - Site".
func trimSiteName(title, site string) string {
	for _, sep := range []string{" | ", " - ", " – ", " — ", " :: "} {
		if i := strings.LastIndex(title, sep); i > 0 && site != "" && key(title[i+len(sep):]) == key(site) {
			return strings.TrimSpace(title[:i])
		}
	}
	return title
}

// byline reads the author meta tags, skipping profile URLs that some sites
// put in article:author.
func (m *meta) byline() string {
	for _, k := range []string{"author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl"} {
		if v := m.tags[k]; v != "" && !strings.Contains(v, "://") {
			return v
		}
	}
	return ""
}

func (m *meta) published(doc *goquery.Document) time.Time {
	for _, v := range []string{
		ldString(m.ld["datePublished"]), ldString(m.ld["dateCreated"]),
		m.tag("article:published_time", "og:published_time", "datepublished", "pubdate",
			"publishdate", "publish-date", "parsely-pub-date", "sailthru.date", "dc.date.issued",
			"dc.date", "date", "pdate"),
		doc.Find(`time[itemprop="datePublished"], time[pubdate]`).AttrOr("datetime", ""),
		doc.Find(`article time[datetime]`).AttrOr("datetime", ""),
	} {
		if t, ok := parseTime(v); ok {
			return t
		}
	}
	return time.Time{}
}

// parseTime reads a date as news metadata writes it: RFC 3339 mostly, else
// anything dateparse reads without ambiguity (a day-month order it cannot
// tell is left out rather than guessed). Placeholder dates some CMSs emit
// ("0001-01-01") do not count.
func parseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		if len(s) > maxDateLen {
			return time.Time{}, false
		}
		t, err = parseLoose(s)
	}
	return t, err == nil && t.Year() >= 1990
}

// maxDateLen bounds what is handed to dateparse: no date a page writes is
// longer, and the parser's work grows with its input.
const maxDateLen = 64

// parseLoose is dateparse.ParseStrict, with a panic of the parser on odd
// input (an index out of range, seen on "0  00 0000,0000000000") turned into
// an error: a page's metadata must never bring down the process.
func parseLoose(s string) (t time.Time, err error) {
	defer func() {
		if r := recover(); r != nil {
			t, err = time.Time{}, fmt.Errorf("dateparse failed on %q: %v", s, r)
		}
	}()
	return dateparse.ParseStrict(s)
}

func first(vals ...string) string {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// resolve makes ref absolute against base; a ref that is not a URL is
// dropped rather than passed on.
func resolve(base *url.URL, ref string) string {
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if !u.IsAbs() {
		return ""
	}
	return u.String()
}

// jsonLD returns every object in the page's JSON-LD scripts, with @graph
// members and array elements flattened out. A script that does not parse
// is skipped: metadata is a bonus, never a reason to fail.
func jsonLD(doc *goquery.Document) []map[string]any {
	var objs []map[string]any
	doc.Find(`script[type="application/ld+json"]`).Each(func(_ int, s *goquery.Selection) {
		var v any
		if err := json.Unmarshal([]byte(s.Text()), &v); err != nil {
			// Raw newlines inside strings are the commonest fault.
			if json.Unmarshal([]byte(controlToSpace(s.Text())), &v) != nil {
				return
			}
		}
		objs = flatten(objs, v)
	})
	return objs
}

func controlToSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 {
			return ' '
		}
		return r
	}, s)
}

func flatten(objs []map[string]any, v any) []map[string]any {
	switch v := v.(type) {
	case []any:
		for _, x := range v {
			objs = flatten(objs, x)
		}
	case map[string]any:
		objs = append(objs, v)
		if g, ok := v["@graph"]; ok {
			objs = flatten(objs, g)
		}
	}
	return objs
}

// findArticle returns the first object whose @type is a kind of article,
// else the first with a headline or a publication date: some sites type
// their story as a WebPage or a ClaimReview.
func findArticle(objs []map[string]any) map[string]any {
	for _, o := range objs {
		for _, t := range ldStrings(o["@type"]) {
			if isArticleType(t) {
				return o
			}
		}
	}
	for _, o := range objs {
		if ldString(o["headline"]) != "" || ldString(o["datePublished"]) != "" {
			return o
		}
	}
	return nil
}

func isArticleType(t string) bool {
	return strings.HasSuffix(t, "Article") || strings.HasSuffix(t, "Posting") || t == "Report"
}

// ldString returns v when it is a string, or the name of an object.
func ldString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case map[string]any:
		return first(ldString(v["name"]), ldString(v["alternateName"]))
	case []any:
		if len(v) > 0 {
			return ldString(v[0])
		}
	}
	return ""
}

func ldStrings(v any) []string {
	if a, ok := v.([]any); ok {
		var out []string
		for _, x := range a {
			out = append(out, ldString(x))
		}
		return out
	}
	return []string{ldString(v)}
}

// ldNames joins the names of one or more people or organisations.
func ldNames(v any) string {
	var names []string
	for _, n := range ldStrings(v) {
		if n = strings.TrimSpace(n); n != "" && !strings.Contains(n, "://") {
			names = append(names, n)
		}
	}
	return strings.Join(names, ", ")
}

// ldURL reads a URL given as a string or as an object with @id or url.
func ldURL(v any) string {
	if m, ok := v.(map[string]any); ok {
		return first(ldString(m["@id"]), ldString(m["url"]))
	}
	return ldString(v)
}
