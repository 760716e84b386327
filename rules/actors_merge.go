package rules

import (
	"cmp"
	"maps"
	"slices"
	"unicode"
	"unicode/utf8"
)

// Label folds an actor name for comparison, ignoring case, spaces and
// punctuation: "APT 31", "apt-31" and "APT31" are one label. Names with no
// Latin letter or digit fold to "".
func Label(name string) string {
	// strings.ToUpper with the rest removed, written out: it runs on every
	// capitalised word of an article
	b := make([]byte, 0, len(name))
	for _, r := range name {
		if r >= utf8.RuneSelf {
			r = unicode.ToUpper(r) // "ı" is "I"
		} else if 'a' <= r && r <= 'z' {
			r -= 'a' - 'A'
		}
		if 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' {
			b = append(b, byte(r))
		}
	}
	return string(b)
}

// AllActors returns the curated actors merged with the galaxy groups (see
// MergeActors).
func (s *Set) AllActors() []Actor { return MergeActors(s.Actors, s.GalaxyActors) }

// MergeActors returns the curated actors followed by the galaxy groups that
// are not one of them, each marked with its Source.
//
// A galaxy group is a curated actor when its name is one of the actor's
// names, or when two or more of its aliases are and none is another curated
// actor's. The curated entry wins: it keeps its names, sponsor and
// ambiguous names, and gains the galaxy reference and kind it lacks and the
// galaxy's aliases that name no curated actor.
// A galaxy group sharing a single alias with a curated actor stays a group
// of its own: the alias becomes a collision (see Collisions), never a merge.
func MergeActors(curated, galaxy []Actor) []Actor {
	out := make([]Actor, len(curated), len(curated)+len(galaxy))
	copy(out, curated)
	owner := map[string]int{}
	for i := range out {
		out[i].Source = SourceCurated
		if out[i].Kind == "" && out[i].Sponsor != "" {
			out[i].Kind = KindState
		}
		for _, n := range out[i].Names() {
			if l := Label(n); l != "" {
				owner[l] = i
			}
		}
	}
	for _, g := range galaxy {
		i, same := sameGroup(&g, owner)
		if !same {
			g.Source = SourceGalaxy
			out = append(out, g)
			continue
		}
		if out[i].Galaxy == nil {
			out[i].Galaxy = g.Galaxy
		}
		out[i].Kind = cmp.Or(out[i].Kind, g.Kind)
		addAliases(&out[i], &g, owner, i)
	}
	return out
}

// addAliases gives a curated actor the names of its galaxy group that no
// curated actor has, with the galaxy's verdict on which need a cue.
func addAliases(a, g *Actor, owner map[string]int, i int) {
	for _, n := range g.Aliases {
		l := Label(n)
		if _, taken := owner[l]; taken || l == "" {
			continue
		}
		owner[l] = i
		a.Aliases = append(slices.Clip(a.Aliases), n)
		if g.IsAmbiguous(n) {
			a.Ambiguous = append(slices.Clip(a.Ambiguous), n)
		}
	}
}

// sameGroup finds the actor of owner (label → index) that g is.
func sameGroup(g *Actor, owner map[string]int) (int, bool) {
	if i, ok := owner[Label(g.Name)]; ok {
		return i, true
	}
	hits := map[int]map[string]bool{}
	for _, n := range g.Aliases {
		l := Label(n)
		if i, ok := owner[l]; ok && l != "" {
			if hits[i] == nil {
				hits[i] = map[string]bool{}
			}
			hits[i][l] = true
		}
	}
	if len(hits) != 1 {
		return 0, false
	}
	for i, labels := range hits {
		return i, len(labels) >= 2
	}
	return 0, false
}

// Collision is a name that several actors share.
type Collision struct {
	Alias  string   // the name as the first of them spells it
	Actors []string // the actors' names, in list order
}

// Collisions returns the names (compared by Label) that belong to more than
// one actor, sorted by label. Such a name alone never identifies a group.
func Collisions(actors []Actor) []Collision {
	type seen struct {
		alias  string
		actors []string
	}
	byLabel := map[string]*seen{}
	for _, a := range actors {
		for _, n := range a.Names() {
			l := Label(n)
			if l == "" {
				continue
			}
			s := byLabel[l]
			if s == nil {
				s = &seen{alias: n}
				byLabel[l] = s
			}
			if !slices.Contains(s.actors, a.Name) {
				s.actors = append(s.actors, a.Name)
			}
		}
	}
	var out []Collision
	for _, l := range slices.Sorted(maps.Keys(byLabel)) {
		if s := byLabel[l]; len(s.actors) > 1 {
			out = append(out, Collision{Alias: s.alias, Actors: s.actors})
		}
	}
	return out
}
