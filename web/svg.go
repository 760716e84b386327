package web

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strings"
	"time"

	"github.com/claimwire/claimwire/store"
)

// maxEdges bounds the pairs the network picture draws: the busiest ones.
const maxEdges = 40

// network draws the pairs as a directed graph, rendered here as SVG: the
// parties on a circle, an arrow from accuser to accused as thick as the
// pair has articles, each arrow a link to the pair's evidence.
func network(ps []*pair, link func(*pair) string) template.HTML {
	if len(ps) > maxEdges {
		ps = ps[:maxEdges]
	}
	const w, h = 1000.0, 540.0
	type node struct {
		name   string
		degree int
		x, y   float64
	}
	var nodes []*node
	byKey := map[string]*node{}
	add := func(name string) *node {
		k := store.NormName(name)
		if n := byKey[k]; n != nil {
			n.degree++
			return n
		}
		n := &node{name: name, degree: 1}
		byKey[k] = n
		nodes = append(nodes, n)
		return n
	}
	type edge struct {
		from, to *node
		p        *pair
	}
	var edges []edge
	for _, p := range ps {
		edges = append(edges, edge{add(p.Accuser), add(p.Accused), p})
	}
	// The parties on an ellipse, in the order the busiest pairs name
	// them, so that a pair's two ends are often neighbours.
	cx, cy := w/2, h/2
	rx, ry := w/2-190, h/2-45
	for i, n := range nodes {
		a := 2*math.Pi*float64(i)/float64(max(1, len(nodes))) - math.Pi/2
		n.x, n.y = cx+rx*math.Cos(a), cy+ry*math.Sin(a)
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg id="network" class="network" viewBox="0 0 %g %g" width="%g" height="%g" role="img" aria-label="Who accused whom: %d pairs" xmlns="http://www.w3.org/2000/svg">`, w, h, w, h, len(edges))
	b.WriteString(`<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#b03a2e"/></marker></defs>`)
	if len(edges) == 0 {
		fmt.Fprintf(&b, `<text x="%g" y="%g" text-anchor="middle" fill="#666">No accusations in this period.</text>`, cx, cy)
	}
	radius := func(n *node) float64 { return 5 + 2*math.Sqrt(float64(n.degree)) }
	for _, e := range edges {
		x1, y1, x2, y2 := e.from.x, e.from.y, e.to.x, e.to.y
		dx, dy := x2-x1, y2-y1
		d := math.Hypot(dx, dy)
		if d == 0 { // a party accusing itself: a small loop
			fmt.Fprintf(&b, `<a href="%s" class="edge"><circle cx="%.1f" cy="%.1f" r="12" fill="none" stroke="#b03a2e" stroke-width="1.5"><title>%s</title></circle></a>`,
				html.EscapeString(link(e.p)), x1, y1-14, html.EscapeString(edgeTitle(e.p)))
			continue
		}
		ux, uy := dx/d, dy/d
		x1, y1 = x1+ux*radius(e.from), y1+uy*radius(e.from)
		x2, y2 = x2-ux*(radius(e.to)+2), y2-uy*(radius(e.to)+2)
		width := 1 + 1.5*math.Log2(float64(e.p.Articles()))
		fmt.Fprintf(&b, `<a href="%s" class="edge"><line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#b03a2e" stroke-opacity="0.75" stroke-width="%.1f" marker-end="url(#arrow)"><title>%s</title></line></a>`,
			html.EscapeString(link(e.p)), x1, y1, x2, y2, width, html.EscapeString(edgeTitle(e.p)))
	}
	for _, n := range nodes {
		anchor, dx, dy := "start", radius(n)+4, 4.0
		switch {
		case math.Abs(n.x-cx) < rx*0.3: // top or bottom: the label above or below
			anchor, dx, dy = "middle", 0, -radius(n)-5
			if n.y > cy {
				dy = radius(n) + 14
			}
		case n.x < cx:
			anchor, dx = "end", -radius(n)-4
		}
		fmt.Fprintf(&b, `<g class="node"><circle cx="%.1f" cy="%.1f" r="%.1f" fill="#2e5c8a"/><text x="%.1f" y="%.1f" text-anchor="%s" font-size="13" fill="#222">%s</text></g>`,
			n.x, n.y, radius(n), n.x+dx, n.y+dy, anchor, html.EscapeString(clip(n.name)))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func edgeTitle(p *pair) string {
	return fmt.Sprintf("%s → %s: %d articles, %d outlets", p.Accuser, p.Accused, p.Articles(), p.Outlets())
}

// timeline draws how many times fall in each of bins equal slices of
// [lo, hi], as a strip of bars.
func timeline(times []time.Time, lo, hi time.Time, label string) template.HTML {
	const bins, w, h = 30, 150.0, 22.0
	counts := make([]int, bins)
	spanNs := float64(hi.Sub(lo))
	most := 0
	for _, t := range times {
		i := 0
		if spanNs > 0 {
			i = min(bins-1, int(float64(t.Sub(lo))/spanNs*bins))
		}
		i = max(0, i)
		counts[i]++
		most = max(most, counts[i])
	}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="timeline" viewBox="0 0 %g %g" width="%g" height="%g" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg">`, w, h, w, h, html.EscapeString(label))
	fmt.Fprintf(&b, `<line x1="0" y1="%g" x2="%g" y2="%g" stroke="#ccc"/>`, h-0.5, w, h-0.5)
	bw := w / bins
	for i, n := range counts {
		if n == 0 {
			continue
		}
		bh := math.Max(2, (h-2)*float64(n)/float64(most))
		from := lo.Add(time.Duration(spanNs * float64(i) / bins))
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="#2e5c8a"><title>%d from %s</title></rect>`,
			float64(i)*bw+0.5, h-bh, bw-1, bh, n, from.UTC().Format("2006-01-02"))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}
