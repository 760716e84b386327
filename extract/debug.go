package extract

import (
	"fmt"
	"io"
)

// Debug writes the analysis of text to w: sentences with their tagged
// tokens, quotations and speech events. It is for rule authors.
func (e *Extractor) Debug(w io.Writer, text string) {
	d := e.newDoc(text)
	d.tagAll()
	d.markEntities()
	d.findAcronyms()
	d.quotes = d.findQuotes()
	d.actors = d.findActors()
	for si, s := range d.sents {
		fmt.Fprintf(w, "S%d p%d: ", si, s.para)
		for i := s.first; i < s.last; i++ {
			fmt.Fprintf(w, "%s/%s ", d.toks[i].text, d.toks[i].tag)
		}
		fmt.Fprintln(w)
		d.rememberSubject(si)
		events := d.findSpeech(si)
		for _, sp := range events {
			fmt.Fprintf(w, "  speech %q speaker=%q (%s)", d.toks[sp.cue].text, sp.speaker.name, sp.speaker.kind)
			for _, r := range sp.content {
				fmt.Fprintf(w, " content=%q", d.text[r.s:r.e])
			}
			fmt.Fprintln(w)
		}
		for _, a := range d.findAccusations(si, events) {
			fmt.Fprintf(w, "  accuse %q → %q (%s, %s)\n", a.accuser.name, a.accused.name, a.rule, a.cueWord)
		}
		d.rememberSentence(si, events, nil)
	}
	for _, q := range d.quotes {
		fmt.Fprintf(w, "quote p%d closed=%v %q\n", q.para, q.closed, d.text[q.start:q.end])
	}
}
