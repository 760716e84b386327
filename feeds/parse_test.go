package feeds

import (
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fixture returns a testdata file as a fetched response.
func fixture(t *testing.T, name, contentType string) *response {
	t.Helper()
	body, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	h := http.Header{}
	if contentType != "" {
		h.Set("Content-Type", contentType)
	}
	return &response{url: "https://feed.example/feed", status: 200, header: h, body: body}
}

func TestParseFeedFormats(t *testing.T) {
	at := func(s string) time.Time { t, _ := time.Parse(time.RFC3339, s); return t }
	tests := []struct {
		file  string
		title string
		ttl   time.Duration
		items []Item
	}{
		{"rss2.xml", "Wire Service World", time.Hour, []Item{
			{GUID: "wire-2024-0001", Link: "https://wire.example/world/strike-hits-depot?utm_source=rss&id=7",
				Canonical: "https://wire.example/world/strike-hits-depot?id=7", Title: "Strike hits fuel depot",
				Author: "Ana Lima", Published: at("2024-03-05T10:00:00Z"), Full: true},
			{GUID: "https://wire.example/world/talks-resume", Link: "https://feed.example/world/talks-resume",
				Canonical: "https://feed.example/world/talks-resume", Title: "Talks resume in Geneva",
				Published: at("2024-03-05T11:30:00Z"), Content: "<p>Talks resumed on Tuesday, a spokesman said.</p>", Summary: true},
		}},
		{"atom.xml", "Agency Atom", 0, []Item{
			{GUID: "tag:agency.example,2024:court", Link: "https://agency.example/court-rules#comments",
				Canonical: "https://agency.example/court-rules", Title: "Court rules on appeal",
				Author: "Ben Okafor", Published: at("2024-03-05T09:15:00Z"), Full: true},
			{GUID: "tag:agency.example,2024:short", Link: "https://agency.example/short",
				Canonical: "https://agency.example/short", Title: "Short update",
				Published: at("2024-03-05T13:00:00Z"), Content: "<p>Only a few words here.</p>"},
		}},
		{"rss1.xml", "RDF Wire", 0, []Item{
			{Link: "https://rdf.example/a", Canonical: "https://rdf.example/a", Title: "Minister resigns",
				Author: "Chen Wei", Published: at("2024-03-04T08:00:00Z"), Content: "The minister resigned on Monday.", Summary: true},
		}},
		{"jsonfeed.json", "JSON Wire", 0, []Item{
			{GUID: "json-1", Link: "https://json.example/1", Canonical: "https://json.example/1",
				Title: "Ceasefire announced", Author: "Dana Fox", Published: at("2024-03-05T07:00:00Z"), Full: true},
			{GUID: "json-2", Link: "https://json.example/2", Canonical: "https://json.example/2",
				Title: "Markets close", Content: "<p>Markets closed lower.</p>"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			p, err := parseFeed("https://feed.example/feed", fixture(t, tt.file, ""), 150)
			if err != nil {
				t.Fatal(err)
			}
			if p.title != tt.title || p.ttl != tt.ttl {
				t.Errorf("title, ttl = %q, %v; want %q, %v", p.title, p.ttl, tt.title, tt.ttl)
			}
			if len(p.items) != len(tt.items) {
				t.Fatalf("got %d items, want %d", len(p.items), len(tt.items))
			}
			for i, want := range tt.items {
				checkItem(t, p.items[i], want)
			}
		})
	}
}

// checkItem compares an item with want; a full item's content is only
// checked for length, and want.Content "" means any.
func checkItem(t *testing.T, got, want Item) {
	t.Helper()
	if got.FeedURL != "https://feed.example/feed" {
		t.Errorf("FeedURL = %q", got.FeedURL)
	}
	if want.Full && wordCount(got.Content) < 150 {
		t.Errorf("%q: full content has %d words", got.Title, wordCount(got.Content))
	}
	if want.Content != "" && strings.TrimSpace(got.Content) != want.Content {
		t.Errorf("%q: Content = %q, want %q", got.Title, got.Content, want.Content)
	}
	got.FeedURL, got.Content, want.Content = "", "", ""
	if got != want {
		t.Errorf("item\n got %+v\nwant %+v", got, want)
	}
}

func TestParseFeedCharsets(t *testing.T) {
	tests := []struct {
		file, contentType, want string
		item                    string // the first item's title, if not want
	}{
		{"iso-8859-1.xml", "", "Café à Genève", ""},                                        // XML declaration
		{"iso-8859-1.xml", "application/rss+xml; charset=ISO-8859-1", "Café à Genève", ""}, // both agree
		{"iso-8859-1-nodecl.xml", "text/xml; charset=iso-8859-1", "Café à Genève", ""},     // HTTP header only
		{"iso-8859-1-nodecl.xml", "text/xml", "Café à Genève", ""},                         // neither: Windows-1252 fallback
		{"windows-1252.xml", "", "Prix: €5 “quoted” — ok", ""},
		{"windows-1252.xml", "text/xml; charset=windows-1252", "Prix: €5 “quoted” — ok", ""},
		{"rss2.xml", "text/xml; charset=ISO-8859-1", "Wire Service World", "Strike hits fuel depot"}, // valid UTF-8 wins over a wrong label
	}
	for _, tt := range tests {
		t.Run(tt.file+" "+tt.contentType, func(t *testing.T) {
			p, err := parseFeed("https://feed.example/feed", fixture(t, tt.file, tt.contentType), 150)
			if err != nil {
				t.Fatal(err)
			}
			item := firstNonEmpty(tt.item, tt.want)
			if p.title != tt.want || p.items[0].Title != item {
				t.Errorf("titles = %q, %q; want %q, %q", p.title, p.items[0].Title, tt.want, item)
			}
		})
	}
}

func TestToUTF8(t *testing.T) {
	tests := []struct {
		name, in, contentType, want string
	}{
		{"utf8 kept", "<?xml version='1.0' encoding='utf-8'?><a>é</a>", "", "<?xml version='1.0' encoding='UTF-8'?><a>é</a>"},
		{"latin1 decl", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>\xe9</a>", "", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>é</a>"},
		{"header wins", "<?xml version=\"1.0\" encoding=\"utf-8\"?><a>\x80</a>", "text/xml; charset=windows-1252", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><a>€</a>"},
		{"utf8 BOM", "\xef\xbb\xbf<a>é</a>", "", "<a>é</a>"},
		{"utf16 BOM", "\xff\xfe<\x00a\x00>\x00", "", "<a>"},
		{"no decl json", "{\"title\":\"caf\xe9\"}", "application/feed+json", "{\"title\":\"café\"}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(toUTF8([]byte(tt.in), tt.contentType)); got != tt.want {
				t.Errorf("toUTF8(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// Control characters in a JSON Feed's title and author do not reach the
// item.
func TestParseFeedStripsControls(t *testing.T) {
	body := `{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[{"id":"1","url":"https://a.example/1",` +
		`"title":"Red \u001b[31malert\u001b]52;c;eA==\u0007\n now","authors":[{"name":"Jane\u009b2J Doe"}]}]}`
	r := &response{url: "https://feed.example/", header: http.Header{"Content-Type": {"application/feed+json"}}, body: []byte(body)}
	p, err := parseFeed("https://feed.example/", r, 150)
	if err != nil {
		t.Fatal(err)
	}
	if it := p.items[0]; it.Title != "Red [31malert ]52;c;eA== now" || it.Author != "Jane 2J Doe" {
		t.Errorf("title %q, author %q", it.Title, it.Author)
	}
}

func TestParseFeedMalformed(t *testing.T) {
	_, err := parseFeed("https://feed.example/broken", fixture(t, "malformed.xml", ""), 150)
	if !errors.Is(err, ErrParse) || !strings.Contains(err.Error(), "https://feed.example/broken") {
		t.Fatalf("err = %v, want ErrParse naming the URL", err)
	}
	if ErrorKind(err) != "parse" {
		t.Errorf("ErrorKind = %q", ErrorKind(err))
	}
}

func TestWordCount(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"plain text of five words", 5},
		{"<p>one <b>two</b></p><p>three</p>", 3},
		{"<script>var x = 1;</script><style>p { color: red }</style>four", 1},
		{"&lt;escaped&gt; entity", 2},
	}
	for _, tt := range tests {
		if got := wordCount(tt.in); got != tt.want {
			t.Errorf("wordCount(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func FuzzParseFeed(f *testing.F) {
	for _, name := range []string{"rss2.xml", "atom.xml", "rss1.xml", "jsonfeed.json", "iso-8859-1.xml", "windows-1252.xml", "malformed.xml"} {
		body, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(body, "")
	}
	f.Add([]byte(`<rss><channel><ttl>99999999999999999999</ttl><item><link>::</link></item></channel></rss>`), "text/xml; charset=utf-16")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		r := &response{url: "https://feed.example/", header: http.Header{"Content-Type": {contentType}}, body: body}
		p, err := parseFeed("https://feed.example/", r, 150)
		if err != nil {
			if !errors.Is(err, ErrParse) {
				t.Fatalf("error %v is not ErrParse", err)
			}
			return
		}
		if p.ttl < 0 || p.ttl > maxHint {
			t.Fatalf("ttl %v out of range", p.ttl)
		}
		for _, it := range p.items {
			if it.Full && wordCount(it.Content) < 150 {
				t.Fatalf("item marked full with %d words", wordCount(it.Content))
			}
			if it.Title != oneLine(it.Title) || it.Author != oneLine(it.Author) {
				t.Fatalf("title %q or author %q has control characters or loose spaces", it.Title, it.Author)
			}
		}
	})
}
