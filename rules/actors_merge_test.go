package rules

import (
	"slices"
	"strings"
	"testing"
)

func TestMergeActors(t *testing.T) {
	curated := []Actor{
		{Name: "APT77", Aliases: []string{"Quartz Lynx", "QL-909"}, Sponsor: "Russia"},
		{Name: "Tin Heron", Aliases: []string{"TH-1"}},
	}
	galaxy := []Actor{
		// its name is a curated name: the same group, curated wins
		{Name: "Quartz Lynx", Aliases: []string{"Glass Cat", "Tin Heron", "Moss"}, Ambiguous: []string{"Moss"}, Sponsor: "China", Kind: KindCriminal,
			Galaxy: &GalaxyRef{Cluster: "threat-actor", Value: "Quartz Lynx", UUID: "11111111-1111-4111-8111-111111111111"}},
		// two aliases of one curated actor: the same group
		{Name: "Lynx Team", Aliases: []string{"apt 77", "QL 909"}},
		// one shared alias only: a group of its own, the alias a collision
		{Name: "Ember Wren", Aliases: []string{"TH-1", "EW-404"}, Kind: KindRansomware},
	}
	all := MergeActors(curated, galaxy)
	if len(all) != 3 {
		t.Fatalf("got %d actors, want 3: %+v", len(all), all)
	}
	apt := all[0]
	if apt.Sponsor != "Russia" || apt.Kind != KindState || apt.Source != SourceCurated || apt.Galaxy == nil || apt.Galaxy.UUID[:8] != "11111111" {
		t.Errorf("curated entry lost or gained wrongly: %+v", apt)
	}
	if !slices.Contains(apt.Aliases, "Glass Cat") || slices.Contains(apt.Aliases, "Tin Heron") || !apt.IsAmbiguous("Moss") {
		t.Errorf("galaxy aliases: %v (ambiguous %v)", apt.Aliases, apt.Ambiguous)
	}
	if len(curated[0].Aliases) != 2 {
		t.Errorf("merge changed its input: %v", curated[0].Aliases)
	}
	if all[1].Kind != "" || all[2].Name != "Ember Wren" || all[2].Source != SourceGalaxy {
		t.Errorf("got %+v", all[1:])
	}
	cs := Collisions(all)
	if len(cs) != 1 || cs[0].Alias != "TH-1" || strings.Join(cs[0].Actors, ",") != "Tin Heron,Ember Wren" {
		t.Errorf("collisions %+v", cs)
	}
}

func TestGalaxyRefTag(t *testing.T) {
	g := &GalaxyRef{Cluster: "threat-actor", Value: "APT31"}
	if got := g.Tag(); got != `misp-galaxy:threat-actor="APT31"` {
		t.Errorf("Tag() = %s", got)
	}
	if (*GalaxyRef)(nil).Tag() != "" {
		t.Error("nil ref has a tag")
	}
}

func TestEmbeddedGalaxy(t *testing.T) {
	s := defaultSet(t)
	all := s.AllActors()
	if len(all) < 1000 {
		t.Fatalf("%d actors, want at least 1,000", len(all))
	}
	kinds := map[string]int{}
	countries := countryNames(s)
	for _, a := range all {
		kinds[a.Kind]++
		if a.Sponsor != "" && !countries[a.Sponsor] {
			t.Errorf("actor %q: sponsor %q is not in countries.yaml", a.Name, a.Sponsor)
		}
	}
	for _, k := range []string{KindState, KindCriminal, KindRansomware, KindHacktivist} {
		if kinds[k] < 10 {
			t.Errorf("only %d actors of kind %s", kinds[k], k)
		}
	}
	for _, name := range []string{"LockBit", "Clop", "BlackCat", "RansomHub", "ShinyHunters", "Anonymous Sudan", "UNC3886", "TA577"} {
		if !slices.ContainsFunc(all, func(a Actor) bool { return a.Name == name }) {
			t.Errorf("no actor %s", name)
		}
	}
}
