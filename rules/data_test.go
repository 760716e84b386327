package rules

import (
	"strings"
	"testing"
)

// Invariants of the embedded gazetteers: actors.yaml, countries.yaml and
// parties.yaml.

// foldName is how names compare for uniqueness: case-insensitive, ignoring
// spaces and hyphens ("APT 28" = "APT-28" = "apt28").
func foldName(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\t' {
			return -1
		}
		return r
	}, strings.ToLower(strings.TrimSpace(s)))
}

func defaultSet(t *testing.T) *Set {
	t.Helper()
	s, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// findActor returns the actor that has name as its name or an alias.
func findActor(t *testing.T, s *Set, name string) *Actor {
	t.Helper()
	for i := range s.Actors {
		for _, n := range s.Actors[i].Names() {
			if foldName(n) == foldName(name) {
				return &s.Actors[i]
			}
		}
	}
	t.Fatalf("no actor is named %q", name)
	return nil
}

func TestActorsEnough(t *testing.T) {
	if n := len(defaultSet(t).Actors); n < 150 {
		t.Errorf("%d actors, want at least 150", n)
	}
}

func TestActorsRequiredFacts(t *testing.T) {
	s := defaultSet(t)
	tests := []struct {
		name    string
		names   []string
		sponsor string
	}{
		{"APT31", []string{"APT31", "ZIRCONIUM", "Judgment Panda", "Violet Typhoon"}, "China"},
		{"APT40", []string{"APT40", "Leviathan", "Gingham Typhoon"}, "China"},
		{"APT28", []string{"APT28", "Fancy Bear"}, "Russia"},
		{"Lazarus Group", []string{"Lazarus Group"}, "North Korea"},
		{"APT29", []string{"APT29", "Cozy Bear", "Midnight Blizzard"}, "Russia"},
		{"Volt Typhoon", []string{"Volt Typhoon"}, "China"},
		{"Charming Kitten", []string{"APT35", "Charming Kitten", "Mint Sandstorm"}, "Iran"},
		{"Sandworm", []string{"Sandworm", "Seashell Blizzard", "APT44"}, "Russia"},
		{"Kimsuky", []string{"Kimsuky", "Emerald Sleet"}, "North Korea"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := findActor(t, s, tt.name)
			for _, n := range tt.names {
				if !strings.EqualFold(a.Name, n) && !containsFold(a.Aliases, n) {
					t.Errorf("actor %q lacks %q (aliases %v)", a.Name, n, a.Aliases)
				}
			}
			if a.Sponsor != tt.sponsor {
				t.Errorf("actor %q: sponsor %q, want %q", a.Name, a.Sponsor, tt.sponsor)
			}
		})
	}
}

func TestActorNamesUnique(t *testing.T) {
	owner := map[string]string{}
	for _, a := range defaultSet(t).Actors {
		mine := map[string]bool{}
		for _, n := range a.Names() {
			k := foldName(n)
			if k == "" {
				t.Errorf("actor %q: empty name or alias", a.Name)
				continue
			}
			mine[k] = true
		}
		for k := range mine {
			if o, ok := owner[k]; ok {
				t.Errorf("%q is a name of both %q and %q", k, o, a.Name)
			}
			owner[k] = a.Name
		}
	}
}

func TestActorsHaveRefs(t *testing.T) {
	for _, a := range defaultSet(t).Actors {
		if len(a.Refs) == 0 {
			t.Errorf("actor %q has no refs", a.Name)
		}
	}
}

func countryNames(s *Set) map[string]bool {
	m := map[string]bool{}
	for _, c := range s.Countries {
		m[c.Name] = true
	}
	return m
}

func TestActorSponsorsAreCountries(t *testing.T) {
	s := defaultSet(t)
	countries := countryNames(s)
	for _, a := range s.Actors {
		if a.Sponsor != "" && !countries[a.Sponsor] {
			t.Errorf("actor %q: sponsor %q is not in countries.yaml", a.Name, a.Sponsor)
		}
	}
}

// countryTerms maps every name, alias, capital and demonym (lower case) to
// its country, failing on a term shared by two countries.
func countryTerms(t *testing.T, s *Set) map[string]string {
	t.Helper()
	terms := map[string]string{}
	for _, c := range s.Countries {
		all := append([]string{c.Name}, c.Aliases...)
		all = append(all, c.Capitals...)
		all = append(all, c.Demonyms...)
		for _, n := range all {
			k := strings.ToLower(strings.TrimSpace(n))
			if k == "" {
				t.Errorf("country %q: empty name", c.Name)
				continue
			}
			if o, ok := terms[k]; ok && o != c.Name {
				t.Errorf("%q stands for both %q and %q", n, o, c.Name)
			}
			terms[k] = c.Name
		}
	}
	return terms
}

func TestCountryTermsUnique(t *testing.T) {
	s := defaultSet(t)
	countryTerms(t, s)
	if n := len(s.Countries); n < 193 {
		t.Errorf("%d countries, want every UN member (193) and more", n)
	}
}

// TestCountriesFoldAsScorer checks the names that shared/eval/score.py folds
// (its ALIASES table) reach the same country here.
func TestCountriesFoldAsScorer(t *testing.T) {
	scorer := map[string][]string{
		"United States": {"US", "U.S.", "U.S", "USA", "U.S.A.", "America", "United States of America",
			"Washington", "American", "Americans", "US government", "U.S. government"},
		"United Kingdom": {"UK", "U.K.", "Britain", "Great Britain", "London", "British", "England",
			"UK government", "British government"},
		"China":       {"Beijing", "Chinese", "PRC", "People's Republic of China", "Chinese government", "China's government"},
		"Russia":      {"Moscow", "Russian", "Kremlin", "Russian Federation", "Russian government"},
		"New Zealand": {"Wellington", "NZ", "New Zealand government"},
		"Australia":   {"Canberra", "Australian", "Australian government"},
		"Canada":      {"Ottawa", "Canadian", "Canadian government"},
		"North Korea": {"Pyongyang", "DPRK", "North Korean"},
		"Iran":        {"Tehran", "Iranian", "Islamic Republic of Iran"},
		"Israel":      {"Jerusalem", "Israeli"},
		"Ukraine":     {"Kyiv", "Kiev", "Ukrainian"},
		"Taiwan":      {"Taipei", "Taiwanese"},
		"Japan":       {"Tokyo", "Japanese"},
		"France":      {"Paris", "French"},
		"Germany":     {"Berlin", "German"},
		"India":       {"New Delhi", "Indian"},
	}
	terms := countryTerms(t, defaultSet(t))
	for country, names := range scorer {
		for _, n := range append([]string{country}, names...) {
			if got := terms[strings.ToLower(n)]; got != country {
				t.Errorf("%q folds to %q, the scorer folds it to %q", n, got, country)
			}
		}
	}
}

func TestParties(t *testing.T) {
	s := defaultSet(t)
	countries := countryNames(s)
	terms := countryTerms(t, s)
	owner := map[string]string{}
	for _, p := range s.Parties {
		if p.Country != "" && !countries[p.Country] {
			t.Errorf("party %q: country %q is not in countries.yaml", p.Name, p.Country)
		}
		for _, n := range append([]string{p.Name}, p.Aliases...) {
			k := strings.ToLower(strings.TrimSpace(n))
			if o, ok := owner[k]; ok && o != p.Name {
				t.Errorf("%q names both parties %q and %q", n, o, p.Name)
			}
			owner[k] = p.Name
			if c, ok := terms[k]; ok {
				t.Errorf("party %q: %q is also a name of the country %q", p.Name, n, c)
			}
		}
	}
	// The scorer's canonical spellings.
	for name, aliases := range map[string][]string{
		"Justice Department": {"Department of Justice", "DOJ", "U.S. Justice Department"},
		"Five Eyes":          {"FiveEyes", "Five Eyes alliance"},
		"European Union":     {"EU", "Brussels"},
	} {
		var p *Party
		for i := range s.Parties {
			if s.Parties[i].Name == name {
				p = &s.Parties[i]
			}
		}
		if p == nil {
			t.Errorf("no party is named %q", name)
			continue
		}
		for _, a := range aliases {
			if !containsFold(p.Aliases, a) {
				t.Errorf("party %q lacks alias %q", name, a)
			}
		}
	}
}

// TestActorsAreNotCountriesOrParties keeps the three gazetteers apart: a
// name that is an actor's is not also a country's or a party's.
func TestActorsAreNotCountriesOrParties(t *testing.T) {
	s := defaultSet(t)
	other := countryTerms(t, s)
	for _, p := range s.Parties {
		for _, n := range append([]string{p.Name}, p.Aliases...) {
			other[strings.ToLower(strings.TrimSpace(n))] = p.Name
		}
	}
	for _, a := range s.Actors {
		for _, n := range a.Names() {
			if o, ok := other[strings.ToLower(strings.TrimSpace(n))]; ok {
				t.Errorf("actor %q: %q is also the name of %q", a.Name, n, o)
			}
		}
	}
}
