package feeds

import (
	"errors"
	"testing"
)

func TestCanonicalURL(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"https://example.com/a", "https://example.com/a"},
		{"HTTPS://Example.COM/Path", "https://example.com/Path"},
		{"http://example.com:80/a", "http://example.com/a"},
		{"https://example.com:443/a", "https://example.com/a"},
		{"https://example.com:8443/a", "https://example.com:8443/a"},
		{"http://example.com:443/a", "http://example.com:443/a"},
		{"https://example.com", "https://example.com/"},
		{"https://example.com./a", "https://example.com/a"},
		{"https://example.com/a#section", "https://example.com/a"},
		{"https://example.com/a?", "https://example.com/a"},
		{"https://example.com/a?utm_source=rss&utm_medium=feed&id=3", "https://example.com/a?id=3"},
		{"https://example.com/a?UTM_Campaign=x&b=2&a=1", "https://example.com/a?a=1&b=2"},
		{"https://example.com/a?fbclid=1&gclid=2&mc_cid=3&mc_eid=4&ocid=5&cmpid=6&_ga=7&ref=8", "https://example.com/a"},
		{"https://example.com/a?x=1&&y=2&", "https://example.com/a?x=1&y=2"},
		{"https://example.com/a?q=hello%20world&a=%2F", "https://example.com/a?a=%2F&q=hello%20world"},
		{"https://example.com/a;b?c=1;d=2", "https://example.com/a;b?c=1;d=2"},
		{"https://example.com/caf%C3%A9", "https://example.com/caf%C3%A9"},
		{"https://[2001:DB8::1]:443/a", "https://[2001:db8::1]/a"},
		{"https://[2001:db8::1]:8080/a", "https://[2001:db8::1]:8080/a"},
		{"  https://example.com/a  ", "https://example.com/a"},
	}
	for _, tt := range tests {
		got, err := CanonicalURL(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("CanonicalURL(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestCanonicalURLErrors(t *testing.T) {
	for _, in := range []string{"", "example.com/a", "ftp://example.com/a", "javascript:alert(1)", "https://", "http://%zz/", "mailto:a@example.com"} {
		if got, err := CanonicalURL(in); err == nil {
			t.Errorf("CanonicalURL(%q) = %q, want an error", in, got)
		}
	}
	if _, err := CanonicalURL("file:///etc/passwd"); !errors.Is(err, ErrUnsupportedScheme) {
		t.Errorf("file URL: err = %v, want ErrUnsupportedScheme", err)
	}
}

func FuzzCanonicalURL(f *testing.F) {
	for _, s := range []string{"https://Example.com:443/a?utm_source=x&b=1&a=2#f", "http://[::1]:80/", "https://a.example/%41?%zz=1", "http://x/a?b;c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		c, err := CanonicalURL(raw)
		if err != nil {
			return
		}
		again, err := CanonicalURL(c)
		if err != nil {
			t.Fatalf("CanonicalURL(%q) = %q, which does not parse again: %v", raw, c, err)
		}
		if again != c {
			t.Fatalf("not idempotent: %q -> %q -> %q", raw, c, again)
		}
	})
}
