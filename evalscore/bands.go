package evalscore

import (
	"fmt"
	"io"
	"strings"
)

// BandEdges are the lower ends of the confidence bands: [0, 0.5),
// [0.5, 0.7), [0.7, 0.85) and [0.85, 1].
var BandEdges = []float64{0, 0.5, 0.7, 0.85}

// BandScore is the precision of the predicted claims of one kind whose
// confidence lies in one band, matched as the table matches them: a claim
// that is another name for one already counted, or matches an optional
// gold claim, is neither right nor wrong.
type BandScore struct {
	Kind   string
	Lo, Hi float64 // the band is [Lo, Hi); the last one includes Hi = 1
	TP, FP int
	P      float64
}

// band returns the index of the band confidence c falls in.
func band(c float64) int {
	i := 0
	for k, lo := range BandEdges {
		if c >= lo {
			i = k
		}
	}
	return i
}

// confidence returns a prediction's confidence, 0 when it has none.
func confidence(p *Fields) float64 {
	c, _ := num(p.get("confidence", nil))
	return c
}

// tally counts a prediction as right or wrong in its kind's band.
func (s *scorer) tally(kind string, p *Fields, right bool) {
	if right {
		s.tallyN(kind, band(confidence(p)), [2]int{1, 0})
	} else {
		s.tallyN(kind, band(confidence(p)), [2]int{0, 1})
	}
}

// tallyN adds counts of right and wrong predictions to band i of a kind.
func (s *scorer) tallyN(kind string, i int, c [2]int) {
	if s.bands == nil {
		s.bands = map[string][][2]int{}
	}
	b, ok := s.bands[kind]
	if !ok {
		b = make([][2]int, len(BandEdges))
		s.bands[kind] = b
	}
	b[i][0] += c[0]
	b[i][1] += c[1]
}

// bandScores lists the bands that hold predictions, by kind in table order.
func (s *scorer) bandScores() []BandScore {
	var out []BandScore
	for _, kind := range tableKinds {
		for i, c := range s.bands[kind] {
			if c[0]+c[1] == 0 {
				continue
			}
			hi := 1.0
			if i+1 < len(BandEdges) {
				hi = BandEdges[i+1]
			}
			p, _, _ := prf(c[0], c[1], 0)
			out = append(out, BandScore{Kind: kind, Lo: BandEdges[i], Hi: hi, TP: c[0], FP: c[1], P: p})
		}
	}
	return out
}

// WriteBands prints a row per kind and confidence band: how many
// predictions were right and wrong there, and their precision.
func (r *Report) WriteBands(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%-12s %-11s %5s %5s %6s\n", "kind", "confidence", "tp", "fp", "P")
	for _, k := range r.Bands {
		closing := ")"
		if k.Hi == 1 {
			closing = "]"
		}
		fmt.Fprintf(&b, "%-12s %-11s %5d %5d %6.3f\n", k.Kind, fmt.Sprintf("[%.2f,%.2f%s", k.Lo, k.Hi, closing), k.TP, k.FP, k.P)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
