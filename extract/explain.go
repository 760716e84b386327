package extract

import (
	"context"
	"fmt"
	"io"
)

// Explain writes how the rules read text to w: each sentence with its
// part-of-speech tags, the speech events and accusations found in it, and
// the quotations of the article. It is for rule authors.
func (e *Extractor) Explain(ctx context.Context, w io.Writer, text string) error {
	d, err := e.analyse(text)
	if err != nil {
		return err
	}
	for si, s := range d.sents {
		if err := ctx.Err(); err != nil {
			return err
		}
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
	return nil
}
