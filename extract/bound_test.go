package extract

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/claimwire/claimwire/daemon/daemontest"
	"github.com/claimwire/claimwire/model"
)

// hostileSize is the size of the hostile pages' text: 900 KB, under MaxText.
const hostileSize = 900 << 10

var hostilePages = []struct {
	name string
	text func(int) string
}{
	{"quotes", daemontest.HostileQuotes},
	{"claims", daemontest.HostileClaims},
}

// TestHostilePagesBounded extracts the hostile pages: what they make us
// store is bounded (claims at the cap, which is recorded, sentences
// clipped, JSON of a few MB), and every claim is still sound.
func TestHostilePagesBounded(t *testing.T) {
	size := hostileSize
	if raceEnabled {
		size = 120 << 10 // past the caps all the same, at a tenth of the speed
	}
	for _, hp := range hostilePages {
		t.Run(hp.name, func(t *testing.T) {
			text := hp.text(size)
			claims, note, err := testExtractor().ExtractNoted(context.Background(), text)
			if err != nil {
				t.Fatal(err)
			}
			// reading stops once claims and what may become claims
			// (speech, quotations) reach the cap
			if len(claims) > MaxClaims || len(claims) < MaxClaims*9/10 {
				t.Errorf("%d claims, want the cap %d or a little under", len(claims), MaxClaims)
			}
			if !strings.Contains(note, fmt.Sprintf("capped at %d in the article", MaxClaims)) {
				t.Errorf("note %q does not record the cap", note)
			}
			checkBounded(t, text, claims)
			data, err := json.Marshal(claims)
			if err != nil {
				t.Fatal(err)
			}
			if limit := MaxClaims * 3 * MaxEvidence; len(data) > limit {
				t.Errorf("%d bytes of JSON, more than %d", len(data), limit)
			}
		})
	}
}

// checkBounded checks every claim's sentence is at most MaxEvidence bytes
// of valid UTF-8 taken from the text, around the claim, and its offsets
// lie in the text on rune boundaries.
func checkBounded(t *testing.T, text string, claims []model.Claim) {
	t.Helper()
	for i, c := range claims {
		if c.Start < 0 || c.Start > c.End || c.End > len(text) {
			t.Fatalf("claim %d: offsets %d-%d outside the text (%d bytes)", i, c.Start, c.End, len(text))
		}
		if !utf8.RuneStart(text[c.Start]) || c.End < len(text) && !utf8.RuneStart(text[c.End]) {
			t.Fatalf("claim %d: offsets %d-%d split a rune", i, c.Start, c.End)
		}
		if len(c.Sentence) > MaxEvidence || !utf8.ValidString(c.Sentence) {
			t.Fatalf("claim %d: sentence of %d bytes (valid UTF-8: %v), want at most %d", i, len(c.Sentence), utf8.ValidString(c.Sentence), MaxEvidence)
		}
		inner := strings.TrimSuffix(strings.TrimPrefix(c.Sentence, Clip), Clip)
		for _, part := range strings.Split(inner, " … ") { // sentences joined for a quote
			if !strings.Contains(text, part) {
				t.Fatalf("claim %d: sentence part %.80q… is not from the text", i, part)
			}
		}
		if claim := text[c.Start:c.End]; len(claim) <= MaxEvidence-2*len(Clip) && !strings.Contains(c.Sentence, claim) {
			t.Fatalf("claim %d: sentence %.80q… does not hold the claim %.80q", i, c.Sentence, claim)
		}
	}
}

// TestLongSentencesCut checks the splitter never yields a sentence longer
// than MaxSentence and cuts at a comma when there is one.
func TestLongSentencesCut(t *testing.T) {
	tests := []struct{ name, text, cutAfter string }{
		{"quotes", daemontest.HostileQuotes(50_000), ""},
		{"commas", "Officials said " + strings.Repeat("the ministers met again today, ", 500), ","},
		{"no punctuation", strings.Repeat("word ", 3000), ""},
		{"multibyte", strings.Repeat("éléphant ", 2000), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := testExtractor().newDoc(tt.text)
			if len(d.sents) < 2 {
				t.Fatalf("%d sentences", len(d.sents))
			}
			for si, s := range d.sents {
				if n := s.end - s.start; n > MaxSentence {
					t.Fatalf("sentence %d: %d bytes, more than %d", si, n, MaxSentence)
				}
				if si+1 < len(d.sents) && tt.cutAfter != "" && !strings.HasSuffix(d.sentenceText(si), tt.cutAfter) {
					t.Errorf("sentence %d ends %q, want a cut after %q", si, d.sentenceText(si)[s.end-s.start-10:], tt.cutAfter)
				}
			}
		})
	}
}

func TestClaimsPerSentenceCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString("The ministry said the losses were ")
	for i := range 100 { // one sentence of 1,300 bytes, under MaxSentence
		fmt.Fprintf(&b, "$%d million, ", i+1)
	}
	b.WriteString("in all.")
	text := b.String()
	claims, note, err := testExtractor().ExtractNoted(context.Background(), text)
	if err != nil {
		t.Fatal(err)
	}
	if len(claims) != MaxClaimsPerSentence {
		t.Errorf("%d claims from one sentence, want the cap %d", len(claims), MaxClaimsPerSentence)
	}
	if !strings.Contains(note, fmt.Sprintf("past %d in one sentence", MaxClaimsPerSentence)) {
		t.Errorf("note %q does not record the cap", note)
	}
	checkBounded(t, text, claims)
}

func TestClipEvidence(t *testing.T) {
	long := strings.Repeat("a b ", 600) // 2,400 bytes
	multi := strings.Repeat("é ü ", 600)
	tests := []struct {
		name, sentence, claim string
		lead, trail           bool // clipped at the start, at the end
	}{
		{"short stays", "Britain accused China of hacking.", "Britain", false, false},
		{"middle", long + "CLAIM HERE" + long, "CLAIM HERE", true, true},
		{"start", "CLAIM HERE " + long, "CLAIM HERE", false, true},
		{"end", long + " CLAIM HERE", "CLAIM HERE", true, false},
		{"multibyte", multi + "CLAIM" + multi, "CLAIM", true, true},
		{"claim longer than the window", strings.Repeat("x", 3000), strings.Repeat("x", 2000), false, true},
		{"claim not found", long, "elsewhere", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := clipEvidence(tt.sentence, tt.claim)
			if len(got) > MaxEvidence || !utf8.ValidString(got) {
				t.Fatalf("%d bytes, valid UTF-8 %v", len(got), utf8.ValidString(got))
			}
			if !tt.lead && !tt.trail && got != tt.sentence {
				t.Fatalf("got %q, want it unchanged", got)
			}
			if strings.HasPrefix(got, Clip) != tt.lead || strings.HasSuffix(got, Clip) != tt.trail {
				t.Errorf("clip marks at start %v end %v, want %v %v", strings.HasPrefix(got, Clip), strings.HasSuffix(got, Clip), tt.lead, tt.trail)
			}
			inner := strings.TrimSuffix(strings.TrimPrefix(got, Clip), Clip)
			if !strings.Contains(tt.sentence, inner) {
				t.Errorf("clipped text is not from the sentence")
			}
			if len(tt.claim) < MaxEvidence && strings.Contains(tt.sentence, tt.claim) && !strings.Contains(got, tt.claim) {
				t.Errorf("clipped sentence lost the claim")
			}
		})
	}
}

// BenchmarkHostilePage extracts the 900 KB hostile pages, with the bytes
// of JSON their claims make.
func BenchmarkHostilePage(b *testing.B) {
	x := benchExtractor(b)
	for _, hp := range hostilePages {
		text := hp.text(hostileSize)
		b.Run(hp.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			var out int
			for b.Loop() {
				claims, err := x.Extract(context.Background(), text)
				if err != nil {
					b.Fatal(err)
				}
				data, err := json.Marshal(claims)
				if err != nil {
					b.Fatal(err)
				}
				out = len(data)
			}
			b.ReportMetric(float64(out), "json-bytes")
		})
	}
}
