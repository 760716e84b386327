package text

import (
	"testing"
	"time"
)

func TestParseTime(t *testing.T) {
	tests := map[string]time.Time{
		"2019-11-19T13:03:00.000Z":        time.Date(2019, 11, 19, 13, 3, 0, 0, time.UTC),
		"2019-11-19T08:30:00+01:00":       time.Date(2019, 11, 19, 7, 30, 0, 0, time.UTC),
		"2019-11-19T13:16+0000":           time.Date(2019, 11, 19, 13, 16, 0, 0, time.UTC),
		"2019-11-18":                      time.Date(2019, 11, 18, 0, 0, 0, 0, time.UTC),
		"20191119":                        time.Date(2019, 11, 19, 0, 0, 0, 0, time.UTC),
		"19 Nov 2019 07:09 GMT":           time.Date(2019, 11, 19, 7, 9, 0, 0, time.UTC),
		"Tue, 19 Nov 2019 07:09:00 +0000": time.Date(2019, 11, 19, 7, 9, 0, 0, time.UTC),
		"0001-01-01T00:00:00Z":            {}, // a CMS placeholder
		"05/06/2019":                      {}, // May or June: left out
		"yesterday":                       {},
		"":                                {},
	}
	for in, want := range tests {
		got, ok := parseTime(in)
		if ok != !want.IsZero() || ok && !got.Equal(want) {
			t.Errorf("parseTime(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
}

func TestTrimSiteName(t *testing.T) {
	tests := []struct{ title, site, want string }{
		{"Port strike ends | Harbour Times", "Harbour Times", "Port strike ends"},
		{"Nadal keeps Spain alive - Sportsnet.ca", "Sportsnet.ca", "Nadal keeps Spain alive"},
		{"Opinion | Republicans are following Trump", "The New York Times", "Opinion | Republicans are following Trump"},
		{"A - B", "", "A - B"},
	}
	for _, tt := range tests {
		if got := trimSiteName(tt.title, tt.site); got != tt.want {
			t.Errorf("trimSiteName(%q, %q) = %q, want %q", tt.title, tt.site, got, tt.want)
		}
	}
}

// FuzzParseTime feeds arbitrary strings to the date parser, a third-party
// parser of untrusted page metadata: it must not panic.
func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2019-11-19T13:16+0000", "19 Nov 2019 07:09 GMT", "20191119",
		"November 19, 2019, 07:47 PM EST", "Tue Nov 19 2019 05:44:06 GMT+0000", "01:38:07 PM IST Nov 20"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, ok := parseTime(s); ok && got.Year() < 1990 {
			t.Errorf("parseTime(%q) = %v", s, got)
		}
	})
}
