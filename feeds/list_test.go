package feeds

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseList(t *testing.T) {
	tests := []struct {
		name, in string
		want     []Source
		err      string // a substring of the error; "" for none
	}{
		{"empty", "", nil, ""},
		{"comments only", "# nothing\n\n   # still nothing\n", nil, ""},
		{"one", "https://a.example/rss\n", []Source{{URL: "https://a.example/rss"}}, ""},
		{"interval", "https://a.example/rss 15m", []Source{{URL: "https://a.example/rss", Interval: 15 * time.Minute}}, ""},
		{"trailing comment", "https://a.example/rss 1h # hourly\r\n", []Source{{URL: "https://a.example/rss", Interval: time.Hour}}, ""},
		{"fragment is no comment", "https://a.example/rss#top", []Source{{URL: "https://a.example/rss#top"}}, ""},
		{"bad URL", "# header\nhttps://a.example/rss\nnot a url\n", nil, "feeds.txt:3: want a URL and an optional interval, got 3 fields"},
		{"relative URL", "\n/rss\n", nil, `feeds.txt:2: invalid URL "/rss"`},
		{"scheme", "ftp://a.example/rss", nil, `feeds.txt:1: invalid URL "ftp://a.example/rss"`},
		{"bad interval", "https://a.example/rss soon", nil, `feeds.txt:1: invalid interval "soon"`},
		{"zero interval", "https://a.example/rss 0s", nil, `feeds.txt:1: invalid interval "0s"`},
		{"duplicate", "https://a.example/rss\nhttps://b.example/rss\nhttps://a.example/rss 5m\n", nil, "feeds.txt:3: duplicate of line 1"},
		{"opml", `<opml version="2.0"><body><outline xmlUrl="https://a.example/rss"/></body></opml>`,
			[]Source{{URL: "https://a.example/rss"}}, ""},
		{"opml with BOM and space", "\ufeff\n  <?xml version=\"1.0\"?><opml><body><outline xmlURL=\"https://a.example/rss\"/></body></opml>",
			[]Source{{URL: "https://a.example/rss"}}, ""},
		{"opml bad URL", "<opml>\n<body>\n<outline xmlUrl=\"javascript:x\"/>\n</body></opml>", nil, `feeds.txt:3: invalid URL "javascript:x"`},
		{"opml syntax", "<opml>\n<body>\n<outline xmlUrl=\"https://a.example/\">\n</body></opml>", nil, "feeds.txt:4: element <outline> closed by </body>"},
		{"opml unclosed", "<opml>\n<body>\n", nil, "feeds.txt:3: unexpected EOF"},
		{"no root", "<!-- just a comment -->\n", nil, "feeds.txt:2: no <opml> element"},
		{"not opml", "<html><body></body></html>", nil, "feeds.txt:1: root element is <html>, want <opml>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseList("feeds.txt", strings.NewReader(tt.in))
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want one containing %q", err, tt.err)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseList = %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
}

func TestParseListFiles(t *testing.T) {
	tests := []struct {
		file  string
		parse func(string, *os.File) ([]Source, error)
		want  []Source
	}{
		{"feeds.txt", listFile, []Source{
			{URL: "https://wire.example/world/rss"},
			{URL: "https://agency.example/atom.xml", Interval: 15 * time.Minute},
			{URL: "https://json.example/feed.json", Interval: 2 * time.Hour},
		}},
		{"subscriptions.opml", listFile, []Source{
			{URL: "https://wire.example/world/rss"},
			{URL: "https://agency.example/atom.xml"},
		}},
		{"subscriptions.opml", opmlFile, []Source{
			{URL: "https://wire.example/world/rss"},
			{URL: "https://agency.example/atom.xml"},
		}},
	}
	for _, tt := range tests {
		f, err := os.Open(filepath.Join("testdata", tt.file))
		if err != nil {
			t.Fatal(err)
		}
		got, err := tt.parse(tt.file, f)
		f.Close()
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %+v, %v; want %+v", tt.file, got, err, tt.want)
		}
	}
}

func listFile(name string, f *os.File) ([]Source, error) { return ParseList(name, f) }
func opmlFile(name string, f *os.File) ([]Source, error) { return ParseOPML(name, f) }

func TestParseOPMLRejectsText(t *testing.T) {
	_, err := ParseOPML("subs.opml", strings.NewReader("https://a.example/rss\n"))
	if err == nil || !strings.HasPrefix(err.Error(), "subs.opml:") {
		t.Errorf("err = %v, want one naming subs.opml", err)
	}
}

func FuzzParseList(f *testing.F) {
	for _, name := range []string{"feeds.txt", "subscriptions.opml"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("https://a.example/ 1h # c\n\nhttps://b.example/")
	f.Fuzz(func(t *testing.T, in string) {
		got, err := ParseList("fuzz.txt", strings.NewReader(in))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.txt:") {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		for _, s := range got {
			if _, err := parseHTTPURL(s.URL); err != nil || s.Interval < 0 {
				t.Fatalf("accepted bad source %+v", s)
			}
		}
	})
}
