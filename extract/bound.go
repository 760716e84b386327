package extract

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/claimwire/claimwire/model"
)

// Bounds on what one article can make extraction store. News text never
// comes near them; a hostile or broken page (one endless sentence full of
// quotations, a page of nothing but claims) would otherwise make output
// grow with the square of its length.
const (
	// MaxEvidence is the most bytes of a claim's stored sentence: a longer
	// one is clipped to a window around the claim, marked with Clip at
	// each cut end. The claim's offsets still point into the full text.
	MaxEvidence = 1000
	// MaxClaimsPerSentence is the most claims kept from one sentence.
	MaxClaimsPerSentence = 50
	// MaxClaims is the most claims kept from one article.
	MaxClaims = 1000
)

// Clip marks where a claim's sentence was cut.
const Clip = "…"

// ExtractNoted is Extract that also says which bounds the article hit, as
// a note to record on it ("" when none): claims past MaxClaimsPerSentence
// in a sentence or MaxClaims in the article are dropped, never silently.
func (e *Extractor) ExtractNoted(ctx context.Context, text string) ([]model.Claim, string, error) {
	d, claims, stop, err := e.extract(ctx, text)
	if err != nil {
		return nil, "", err
	}
	claims, note := d.bound(claims, stop)
	return claims, note, nil
}

// bound finalises an article's claims: none at or after byte stop, where
// reading stopped, at most MaxClaimsPerSentence per sentence (by the
// sentence where the claim starts) and MaxClaims in all, the first in text
// order kept, and every sentence clipped to MaxEvidence bytes. It returns
// the note of the caps hit.
func (d *doc) bound(claims []model.Claim, stop int) ([]model.Claim, string) {
	var notes []string
	perSent := map[int]int{}
	kept := claims[:0]
	dropped := 0
	for _, c := range claims {
		if c.Start >= stop {
			break // sorted by Start
		}
		si := d.sentAt(c.Start)
		if perSent[si] >= MaxClaimsPerSentence {
			dropped++
			continue
		}
		perSent[si]++
		kept = append(kept, c)
	}
	if dropped > 0 {
		notes = append(notes, fmt.Sprintf("%d claims dropped past %d in one sentence", dropped, MaxClaimsPerSentence))
	}
	if len(kept) > MaxClaims {
		stop = kept[MaxClaims].Start
		kept = kept[:MaxClaims]
	}
	if stop < len(d.text) {
		notes = append(notes, fmt.Sprintf("claims capped at %d in the article: text from byte %d of %d not read for claims", MaxClaims, stop, len(d.text)))
	}
	for i := range kept {
		c := &kept[i]
		c.Sentence = clipEvidence(c.Sentence, d.text[c.Start:c.End])
	}
	return kept, strings.Join(notes, "; ")
}

// quotesBefore counts the quotations opened before byte off.
func (d *doc) quotesBefore(off int) int {
	return sort.Search(len(d.quotes), func(i int) bool { return d.quotes[i].open >= off })
}

// sentAt returns the index of the sentence holding byte off, or -1.
func (d *doc) sentAt(off int) int {
	if len(d.toks) == 0 {
		return -1
	}
	return d.toks[min(d.tokenAt(off), len(d.toks)-1)].sent
}

// clipEvidence returns sentence clipped to at most MaxEvidence bytes,
// markers included: a window around the claim's text (found in the
// sentence; its start if not there), cut at UTF-8 boundaries and, where
// one is near, at a space, with Clip at each cut end.
func clipEvidence(sentence, claim string) string {
	if len(sentence) <= MaxEvidence {
		return sentence
	}
	budget := MaxEvidence - 2*len(Clip)
	at := strings.Index(sentence, claim)
	if at < 0 || claim == "" {
		at = 0
	}
	n := min(len(claim), budget)
	lo := max(at-(budget-n)/2, 0)
	hi := min(lo+budget, len(sentence))
	lo = max(hi-budget, 0)
	// UTF-8 boundaries: move both ends inwards to a rune start
	for lo < hi && !utf8.RuneStart(sentence[lo]) {
		lo++
	}
	for hi < len(sentence) && hi > lo && !utf8.RuneStart(sentence[hi]) {
		hi--
	}
	// a word boundary close by, if it leaves the claim whole
	const near = 40
	if lo > 0 {
		if k := strings.IndexByte(sentence[lo:min(lo+near, hi)], ' '); k >= 0 && lo+k+1 <= at {
			lo += k + 1
		}
	}
	if hi < len(sentence) {
		if k := strings.LastIndexByte(sentence[max(hi-near, lo):hi], ' '); k >= 0 && max(hi-near, lo)+k >= at+n {
			hi = max(hi-near, lo) + k
		}
	}
	var b strings.Builder
	b.Grow(hi - lo + 2*len(Clip))
	if lo > 0 {
		b.WriteString(Clip)
	}
	b.WriteString(sentence[lo:hi])
	if hi < len(sentence) {
		b.WriteString(Clip)
	}
	return b.String()
}
