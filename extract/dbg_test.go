package extract

import "testing"

func TestDbg(t *testing.T) {
	d, _ := testExtractor().analyse("PwC and BAE Systems said APT10 conducted the espionage campaign.")
	for si := range d.sents {
		for _, sp := range d.findSpeech(si) {
			t.Logf("speaker %q kind %v span %q", sp.speaker.name, sp.speaker.kind, d.words(sp.speaker.span))
			for _, p := range d.speakerParties(sp.speaker) {
				t.Logf("  part %q %v span %q", p.name, p.kind, d.words(p.span))
			}
			for _, p := range d.splitNames(sp.speaker.span) {
				t.Logf("  split %q", d.words(p))
			}
		}
	}
}
