package feeds

import (
	"net/http"
	"testing"
)

func TestTextToHTML(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"One line.", "<p>One line.</p>\n"},
		{"First paragraph.\n\nSecond, with <b> & \"quotes\".", "<p>First paragraph.</p>\n<p>Second, with &lt;b&gt; &amp; &#34;quotes&#34;.</p>\n"},
		{"Windows\r\n\r\nline ends\r\nkept in one", "<p>Windows</p>\n<p>line ends\nkept in one</p>\n"},
		{"\n\n  padded  \n\n\n\nend\n", "<p>padded</p>\n<p>end</p>\n"},
	} {
		if got := textToHTML(tc.in); got != tc.want {
			t.Errorf("textToHTML(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// A JSON Feed item's content_text keeps its paragraphs; content_html, when
// the item has both, is used as it is.
func TestParseFeedContentText(t *testing.T) {
	body := `{"version": "https://jsonfeed.org/version/1.1", "title": "T", "items": [
		{"id": "1", "url": "https://j.example/1", "content_text": "Rates rose.\n\nShares fell."},
		{"id": "2", "url": "https://j.example/2", "content_text": "ignored", "content_html": "<p>Kept.</p>"}]}`
	r := &response{url: "https://j.example/feed.json", header: http.Header{}, body: []byte(body)}
	p, err := parseFeed(r.url, r, 150)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"<p>Rates rose.</p>\n<p>Shares fell.</p>\n", "<p>Kept.</p>"}
	for i, it := range p.items {
		if it.Content != want[i] {
			t.Errorf("item %d: Content = %q, want %q", i, it.Content, want[i])
		}
	}
}
