package web

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/store"
)

// maxAggregate bounds the claims of one kind that the accusations and
// actors pages read, newest first; a page that reached it says so.
const maxAggregate = 20000

// collect reads up to maxAggregate claims that f selects, newest first,
// and reports whether it stopped at the bound.
func collect(db store.Store, f store.Filter) ([]store.Row, bool, error) {
	var rows []store.Row
	for {
		pg, err := store.PageOf(db, f, 5000)
		if err != nil {
			return nil, false, err
		}
		rows = append(rows, pg.Rows...)
		if pg.Next == "" {
			return rows, false, nil
		}
		if len(rows) >= maxAggregate {
			return rows, true, nil
		}
		f.After = pg.Next
	}
}

// pair is who accused whom, over the claims read.
type pair struct {
	Accuser, Accused string // as most often written
	key              string
	First, Last      time.Time
	Claims           int
	articles         map[string]bool
	outlets          map[string]bool
	allegations      map[string]int
	names            [2]map[string]int
	times            []time.Time
	groups           map[string]bool // the groups of its accusations
	Denials          []denialRef     // the first maxDenials denials answering it
	DenialCount      int
}

// maxDenials bounds the denials a pair lists.
const maxDenials = 5

// denialRef is a denial answering a pair's accusations.
type denialRef struct {
	Date, Denier, Denied, Sentence, Link, Title string
}

// MoreDenials is how many denials of the pair are not listed.
func (p *pair) MoreDenials() int { return p.DenialCount - len(p.Denials) }

// attachDenials gives each pair the denials (rows newest first) that
// answer it: those carrying its accuser and accused, or answering the
// group of one of its accusations.
func attachDenials(ps []*pair, denials []store.Row) {
	byKey := map[string]*pair{}
	byGroup := map[string]*pair{}
	for _, p := range ps {
		byKey[p.key] = p
		for g := range p.groups {
			byGroup[g] = p
		}
	}
	for _, r := range denials {
		c := r.Claim
		if c.Kind != model.Denial {
			continue
		}
		p := byKey[store.NormName(accuserOf(c))+"\x00"+store.NormName(c.Accused)]
		if p == nil && c.AnswersGroup != "" {
			p = byGroup[c.AnswersGroup]
		}
		if p == nil {
			continue
		}
		p.DenialCount++
		if len(p.Denials) < maxDenials {
			p.Denials = append(p.Denials, denialRef{Date: rowTime(r.Article).UTC().Format("2006-01-02"),
				Denier: c.Denier, Denied: c.Denied, Sentence: c.Sentence, Link: articleLink(c), Title: title(r.Article)})
		}
	}
}

func (p *pair) Articles() int { return len(p.articles) }
func (p *pair) Outlets() int  { return len(p.outlets) }

// Allegations are the pair's allegations, most frequent first, at most five.
func (p *pair) Allegations() []string { return top(p.allegations, 5) }

func top(counts map[string]int, n int) []string {
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		return cmp.Or(counts[b]-counts[a], strings.Compare(a, b))
	})
	if len(keys) > n {
		keys = keys[:n]
	}
	return keys
}

func rowTime(a model.Article) time.Time {
	if a.Published.IsZero() {
		return a.Fetched
	}
	return a.Published
}

// pairs groups accusations by accuser and accused (in store.NormName form),
// most articles first.
func pairs(rows []store.Row) []*pair {
	byKey := map[string]*pair{}
	for _, r := range rows {
		c := r.Claim
		accuser, accused := accuserOf(c), c.Accused
		if store.NormName(accuser) == "" || store.NormName(accused) == "" {
			continue
		}
		key := store.NormName(accuser) + "\x00" + store.NormName(accused)
		p := byKey[key]
		if p == nil {
			p = &pair{key: key, articles: map[string]bool{}, outlets: map[string]bool{}, allegations: map[string]int{},
				names: [2]map[string]int{{}, {}}, groups: map[string]bool{}}
			byKey[key] = p
		}
		t := rowTime(r.Article)
		if p.First.IsZero() || t.Before(p.First) {
			p.First = t
		}
		if t.After(p.Last) {
			p.Last = t
		}
		p.Claims++
		p.articles[r.Article.ID] = true
		if o := store.Outlet(r.Article); o != "" {
			p.outlets[o] = true
		}
		if c.Allegation != "" {
			p.allegations[c.Allegation]++
		}
		p.names[0][accuser]++
		p.names[1][accused]++
		p.times = append(p.times, t)
		if c.GroupID != "" {
			p.groups[c.GroupID] = true
		}
	}
	out := make([]*pair, 0, len(byKey))
	for _, p := range byKey {
		p.Accuser, p.Accused = top(p.names[0], 1)[0], top(p.names[1], 1)[0]
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b *pair) int {
		return cmp.Or(len(b.articles)-len(a.articles), b.Claims-a.Claims, b.Last.Compare(a.Last), strings.Compare(a.key, b.key))
	})
	return out
}

// span returns the earliest and latest of the pairs' times.
func span(times ...[]time.Time) (time.Time, time.Time) {
	var lo, hi time.Time
	for _, ts := range times {
		for _, t := range ts {
			if lo.IsZero() || t.Before(lo) {
				lo = t
			}
			if t.After(hi) {
				hi = t
			}
		}
	}
	return lo, hi
}

// actor is a threat actor over the claims read.
type actor struct {
	Name        string // the canonical name, else the label most often written
	key         string
	Sponsor     string
	Mentions    int
	First, Last time.Time
	articles    map[string]bool
	names       map[string]int // labels, canonical names and aliases
	sponsors    map[string]int
	times       []time.Time
	Accusations []accusationRef
	accTimes    []time.Time
}

type accusationRef struct {
	Date, Accuser, Accused, Allegation, Link, Title string
}

func (a *actor) Articles() int { return len(a.articles) }

// Aliases are the actor's other names, most frequent first.
func (a *actor) Aliases() []string {
	var out []string
	for _, n := range top(a.names, 50) {
		if !strings.EqualFold(n, a.Name) {
			out = append(out, n)
		}
	}
	return out
}

// actors groups actor claims by canonical name (else label), most
// mentioned first, and ties to each the accusations whose accused names it.
func actors(mentions, accusations []store.Row) []*actor {
	byKey := map[string]*actor{}
	byName := map[string]*actor{}
	for _, r := range mentions {
		c := r.Claim
		name := c.Canonical
		if name == "" {
			name = c.Label
		}
		key := store.NormName(name)
		if key == "" {
			continue
		}
		a := byKey[key]
		if a == nil {
			a = &actor{key: key, articles: map[string]bool{}, names: map[string]int{}, sponsors: map[string]int{}}
			byKey[key] = a
		}
		a.Mentions++
		a.articles[r.Article.ID] = true
		t := rowTime(r.Article)
		if a.First.IsZero() || t.Before(a.First) {
			a.First = t
		}
		if t.After(a.Last) {
			a.Last = t
		}
		a.times = append(a.times, t)
		for _, n := range append([]string{c.Canonical, c.Label}, c.Aliases...) {
			if n = strings.TrimSpace(n); n != "" {
				a.names[n]++
			}
		}
		if c.Sponsor != "" {
			a.sponsors[c.Sponsor]++
		}
	}
	for _, a := range byKey {
		a.Name = a.key
		for _, n := range top(a.names, len(a.names)) {
			if store.NormName(n) == a.key {
				a.Name = n
				break
			}
		}
		if s := top(a.sponsors, 1); len(s) > 0 {
			a.Sponsor = s[0]
		}
		for n := range a.names {
			if k := store.NormName(n); byName[k] == nil {
				byName[k] = a
			}
		}
	}
	for _, r := range accusations {
		a := namedActor(byName, r.Claim.Accused)
		if a == nil {
			continue
		}
		a.accTimes = append(a.accTimes, rowTime(r.Article))
		if len(a.Accusations) < 10 {
			a.Accusations = append(a.Accusations, accusationRef{Date: rowTime(r.Article).UTC().Format("2006-01-02"),
				Accuser: accuserOf(r.Claim), Accused: r.Claim.Accused, Allegation: r.Claim.Allegation,
				Link: articleLink(r.Claim), Title: title(r.Article)})
		}
	}
	out := make([]*actor, 0, len(byKey))
	for _, a := range byKey {
		out = append(out, a)
	}
	slices.SortFunc(out, func(x, y *actor) int {
		return cmp.Or(len(y.accTimes)-len(x.accTimes), y.Mentions-x.Mentions, strings.Compare(x.key, y.key))
	})
	return out
}

// namedActor finds the actor whose name is the accused or a run of up to
// four of its words ("APT28 hackers" names APT28).
func namedActor(byName map[string]*actor, accused string) *actor {
	words := strings.Fields(store.NormName(accused))
	for n := min(4, len(words)); n >= 1; n-- {
		for i := 0; i+n <= len(words); i++ {
			if a := byName[strings.Trim(strings.Join(words[i:i+n], " "), ",.;:'\"")]; a != nil {
				return a
			}
		}
	}
	return nil
}
