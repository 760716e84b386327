// Package galaxy compiles MISP galaxy clusters (threat actors, ransomware
// gangs, Microsoft activity groups, MITRE intrusion sets) into rules data:
// one actor per group, with its aliases, kind, sponsor state and galaxy
// reference. The output is sorted and stable, so that importing a newer
// galaxy gives a readable diff.
package galaxy

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/claimwire/claimwire/rules"
)

// Files are the cluster files Import reads, in the order their groups are
// merged: a later file's value joins an earlier group it names.
var Files = []string{"threat-actor.json", "mitre-intrusion-set.json", "microsoft-activity-group.json", "ransomware.json"}

// Bounds on outside input.
const (
	MaxFileSize = 32 << 20
	maxValues   = 20000
	maxNameLen  = 60
)

// Options tell Import what the rest of the rules know.
type Options struct {
	// Country returns the countries.yaml name of a country name, or ""
	// when it knows none.
	Country func(name string) string
	// CommonWord reports whether a lower-case word is an ordinary English
	// word: a group named by one needs a group cue to count.
	CommonWord func(word string) bool
}

// Report says what an import did.
type Report struct {
	Values  map[string]int // values read, by cluster file
	Groups  int            // groups written
	Skipped int            // ransomware values without a leak site: malware, not a gang
}

type cluster struct {
	Type   string  `json:"type"`
	Values []value `json:"values"`
}

type value struct {
	Value       string `json:"value"`
	UUID        string `json:"uuid"`
	Description string `json:"description"`
	Meta        meta   `json:"meta"`
}

type meta struct {
	Synonyms     []string   `json:"synonyms"`
	Country      string     `json:"country"`
	StateSponsor string     `json:"cfr-suspected-state-sponsor"`
	Incident     stringList `json:"cfr-type-of-incident"`
	Motive       string     `json:"motive"`
	Origin       string     `json:"microsoft-origin-threat"`
	ExternalID   string     `json:"external_id"`
	Links        []string   `json:"links"`
}

// stringList is a JSON string or list of strings.
type stringList []string

func (s *stringList) UnmarshalJSON(b []byte) error {
	var one string
	if json.Unmarshal(b, &one) == nil {
		*s = []string{one}
		return nil
	}
	return json.Unmarshal(b, (*[]string)(s))
}

// Import reads the cluster files of dir and returns one actor per group,
// sorted by name.
func Import(dir fs.FS, opts Options) ([]rules.Actor, Report, error) {
	rep := Report{Values: map[string]int{}}
	b := newBuilder(opts)
	var strains []string
	for _, name := range Files {
		c, err := readCluster(dir, name)
		if err != nil {
			return nil, rep, err
		}
		rep.Values[name] = len(c.Values)
		if c.Type == "ransomware" {
			gangs, rest := splitGangs(c.Values)
			rep.Skipped = len(rest)
			for _, v := range rest {
				strains = append(strains, v.Value)
			}
			for _, g := range gangs {
				b.addGang(g)
			}
			continue
		}
		for _, v := range c.Values {
			b.addValue(c.Type, v)
		}
	}
	actors := b.actors(strains)
	rep.Groups = len(actors)
	return actors, rep, nil
}

func readCluster(dir fs.FS, name string) (*cluster, error) {
	info, err := fs.Stat(dir, name)
	if err != nil {
		return nil, fmt.Errorf("galaxy: %w", err)
	}
	if info.Size() > MaxFileSize {
		return nil, fmt.Errorf("galaxy: %s is %d bytes, more than the %d allowed", name, info.Size(), MaxFileSize)
	}
	data, err := fs.ReadFile(dir, name)
	if err != nil {
		return nil, fmt.Errorf("galaxy: %w", err)
	}
	var c cluster
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("galaxy: %s: %w", name, err)
	}
	if c.Type == "" || len(c.Values) == 0 {
		return nil, fmt.Errorf("galaxy: %s: no type or no values", name)
	}
	if len(c.Values) > maxValues {
		return nil, fmt.Errorf("galaxy: %s: %d values, more than the %d allowed", name, len(c.Values), maxValues)
	}
	return &c, nil
}

// splitGangs separates the ransomware values with a leak site (a gang that
// names its victims) from mere strains, and joins the values that share a
// leak-site host: one gang listed under several names ("PLAY Ransomware",
// "play").
func splitGangs(vs []value) (gangs [][]value, strains []value) {
	at := map[string]int{}
	for _, v := range vs {
		hosts := linkHosts(v.Meta.Links)
		if len(hosts) == 0 {
			strains = append(strains, v)
			continue
		}
		i := -1
		for _, h := range hosts {
			if j, ok := at[h]; ok {
				i = j
				break
			}
		}
		if i < 0 {
			i = len(gangs)
			gangs = append(gangs, nil)
		}
		gangs[i] = append(gangs[i], v)
		for _, h := range hosts {
			if _, ok := at[h]; !ok {
				at[h] = i
			}
		}
	}
	return gangs, strains
}

func linkHosts(links []string) []string {
	var hosts []string
	for _, l := range links {
		u, err := url.Parse(strings.TrimSpace(l))
		if err != nil || u.Hostname() == "" {
			continue
		}
		hosts = append(hosts, strings.ToLower(u.Hostname()))
	}
	return hosts
}

var (
	mitreSuffix = regexp.MustCompile(`\s+-\s+G\d{4}$`)
	strainWord  = regexp.MustCompile(`(?i)\s+ransomware$`)
	parens      = regexp.MustCompile(`\s*\([^)]*\)`)
	plainWord   = regexp.MustCompile(`^[A-Z]?[a-z]+$`)
)

// cleanName returns a galaxy name as news would write it, or "" for a name
// that is not one: too long, or without a letter.
func cleanName(s string) string {
	s = mitreSuffix.ReplaceAllString(strings.TrimSpace(s), "")
	s = strings.TrimSpace(parens.ReplaceAllString(s, ""))
	if t := strainWord.ReplaceAllString(s, ""); t != "" {
		s = t
	}
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > maxNameLen || !strings.ContainsFunc(s, isLatinLetter) || len(rules.Label(s)) < 2 ||
		strings.ContainsAny(s, "[]{}") || strings.Contains(strings.ToLower(s), "unnamed") {
		return ""
	}
	if s == strings.ToLower(s) {
		s = titleCase(s)
	}
	return s
}

func isLatinLetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

func titleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

// group is one threat actor being assembled from galaxy values.
type group struct {
	name    string
	aliases []string
	labels  map[string]bool
	kind    string
	sponsor string
	refs    []string
	ref     rules.GalaxyRef
}

type builder struct {
	opts   Options
	groups []*group
	owner  map[string]int // label → index of the first group with that name
}

func newBuilder(opts Options) *builder {
	if opts.Country == nil {
		opts.Country = func(string) string { return "" }
	}
	if opts.CommonWord == nil {
		opts.CommonWord = func(string) bool { return false }
	}
	return &builder{opts: opts, owner: map[string]int{}}
}

func (b *builder) addValue(clusterType string, v value) {
	name := cleanName(v.Value)
	if name == "" || v.UUID == "" {
		return
	}
	kind, sponsor := b.classify(clusterType, v)
	var refs []string
	if v.Meta.ExternalID != "" {
		refs = append(refs, v.Meta.ExternalID)
	}
	ref := rules.GalaxyRef{Cluster: clusterType, Value: v.Value, UUID: strings.ToLower(v.UUID)}
	b.add(name, v.Meta.Synonyms, kind, sponsor, refs, ref)
}

// addGang adds the values of one ransomware gang; the first value whose
// name is not all lower case names it.
func (b *builder) addGang(vs []value) {
	first := slices.IndexFunc(vs, func(v value) bool { return v.Value != strings.ToLower(v.Value) })
	if first > 0 {
		vs[0], vs[first] = vs[first], vs[0]
	}
	var aliases []string
	for _, v := range vs {
		aliases = append(append(aliases, v.Value), v.Meta.Synonyms...)
	}
	name := cleanName(vs[0].Value)
	if name == "" {
		return
	}
	ref := rules.GalaxyRef{Cluster: "ransomware", Value: vs[0].Value, UUID: strings.ToLower(vs[0].UUID)}
	b.add(name, aliases, rules.KindRansomware, "", nil, ref)
}

// add merges a value into the group it names, or starts a group. A value
// is a known group when its name is one of the group's, or two or more of
// its aliases are and none another group's (rules.MergeActors' test).
func (b *builder) add(name string, aliases []string, kind, sponsor string, refs []string, ref rules.GalaxyRef) {
	var names []string
	for _, n := range append([]string{name}, aliases...) {
		if n = cleanName(n); n != "" {
			names = append(names, n)
		}
	}
	g := b.find(names)
	if g == nil {
		g = &group{name: name, labels: map[string]bool{}, ref: ref}
		b.groups = append(b.groups, g)
	}
	if kind == rules.KindRansomware && g.kind == rules.KindCriminal {
		g.kind = kind
	}
	g.kind = cmp.Or(g.kind, kind)
	g.sponsor = cmp.Or(g.sponsor, sponsor)
	for _, r := range refs {
		if !slices.Contains(g.refs, r) {
			g.refs = append(g.refs, r)
		}
	}
	i := slices.Index(b.groups, g)
	for _, n := range names {
		l := rules.Label(n)
		if g.labels[l] {
			continue
		}
		g.labels[l] = true
		if l != rules.Label(g.name) {
			g.aliases = append(g.aliases, n)
		}
		if _, ok := b.owner[l]; !ok {
			b.owner[l] = i
		}
	}
}

func (b *builder) find(names []string) *group {
	if len(names) == 0 {
		return nil
	}
	if i, ok := b.owner[rules.Label(names[0])]; ok {
		return b.groups[i]
	}
	hits := map[int]map[string]bool{}
	for _, n := range names[1:] {
		l := rules.Label(n)
		if i, ok := b.owner[l]; ok {
			if hits[i] == nil {
				hits[i] = map[string]bool{}
			}
			hits[i][l] = true
		}
	}
	if len(hits) != 1 {
		return nil
	}
	for i, ls := range hits {
		if len(ls) >= 2 {
			return b.groups[i]
		}
	}
	return nil
}

// actors returns the groups as rule entries, sorted by name then uuid,
// marking the names that need a cue: short ones, ordinary words, campaign
// names, and ransomware strain names used as another group's alias.
func (b *builder) actors(strains []string) []rules.Actor {
	malware := map[string]bool{}
	for _, s := range strains {
		if n := cleanName(s); n != "" {
			malware[rules.Label(n)] = true
		}
	}
	out := make([]rules.Actor, 0, len(b.groups))
	for _, g := range b.groups {
		ref := g.ref
		// An alias of three letters or fewer is too weak even beside a cue
		// ("outside GOP groups"): left out.
		aliases := slices.DeleteFunc(slices.Clone(g.aliases), func(n string) bool { return len(rules.Label(n)) <= 3 })
		a := rules.Actor{Name: g.name, Aliases: aliases, Kind: g.kind, Sponsor: g.sponsor, Refs: g.refs, Galaxy: &ref}
		for _, n := range a.Names() {
			if b.risky(n) || g.kind != rules.KindRansomware && malware[rules.Label(n)] {
				a.Ambiguous = append(a.Ambiguous, n)
			}
		}
		out = append(out, a)
	}
	slices.SortFunc(out, func(x, y rules.Actor) int {
		return cmp.Or(cmp.Compare(strings.ToLower(x.Name), strings.ToLower(y.Name)), cmp.Compare(x.Name, y.Name), cmp.Compare(x.Galaxy.UUID, y.Galaxy.UUID))
	})
	return out
}

// risky reports whether a name alone is weak evidence of a group: three
// letters or fewer; one word written like any other word ("Homeland",
// "Watchdog": news capitalises words and surnames so) or an ordinary word
// (leading digits aside: "0day"); a country's name; a campaign.
func (b *builder) risky(name string) bool {
	words := strings.Fields(name)
	switch {
	case len(rules.Label(name)) <= 3:
		return true
	case len(words) == 1 && (plainWord.MatchString(name) || b.opts.CommonWord(strings.ToLower(strings.TrimLeft(name, "0123456789")))):
		return true
	case b.opts.Country(name) != "":
		return true
	case strings.EqualFold(words[0], "operation") || strings.Contains(strings.ToLower(name), "campaign"):
		return true
	}
	return false
}

// classify returns a value's kind and the state it is tied to.
func (b *builder) classify(clusterType string, v value) (kind, sponsor string) {
	m := v.Meta
	desc := strings.ToLower(v.Description + " " + m.Motive + " " + strings.Join(m.Incident, " ") + " " + m.Origin)
	state := b.state(m.StateSponsor)
	origin := cmp.Or(b.state(isoCountry[strings.ToUpper(m.Country)]), b.state(strings.Split(m.Origin, ",")[0]))
	switch {
	case state != "":
		return rules.KindState, state
	case strings.Contains(desc, "hacktivis"):
		return rules.KindHacktivist, ""
	case strings.Contains(desc, "financially motivated") || strings.Contains(desc, "financial theft") ||
		strings.Contains(desc, "cybercrim") || strings.Contains(desc, "ransomware"):
		return rules.KindCriminal, ""
	case origin != "" && !strings.Contains(desc, "private sector"):
		return rules.KindState, origin
	}
	return "", ""
}

// state returns the countries.yaml name of a galaxy's state name.
func (b *builder) state(name string) string {
	name = strings.TrimSpace(name)
	if name == "" || strings.EqualFold(name, "unknown") {
		return ""
	}
	if n, ok := stateNames[name]; ok {
		name = n
	}
	return b.opts.Country(name)
}

// stateNames are the galaxy's spellings of states that countries.yaml
// spells otherwise.
var stateNames = map[string]string{
	"Iran (Islamic Republic of)":              "Iran",
	"Russian Federation":                      "Russia",
	"Korea (Democratic People's Republic of)": "North Korea",
	"Korea (Republic of)":                     "South Korea",
	"People's Republic of China":              "China",
}

// isoCountry names the ISO 3166 codes of the galaxy's country field.
var isoCountry = map[string]string{
	"AE": "United Arab Emirates", "AT": "Austria", "BR": "Brazil", "BY": "Belarus", "CN": "China",
	"DZ": "Algeria", "EG": "Egypt", "ES": "Spain", "FR": "France", "ID": "Indonesia", "IL": "Israel",
	"IN": "India", "IQ": "Iraq", "IR": "Iran", "IT": "Italy", "KE": "Kenya", "KP": "North Korea",
	"KR": "South Korea", "KZ": "Kazakhstan", "LB": "Lebanon", "LY": "Libya", "MA": "Morocco",
	"MY": "Malaysia", "NG": "Nigeria", "PK": "Pakistan", "PS": "Palestine", "RO": "Romania",
	"RU": "Russia", "SY": "Syria", "TN": "Tunisia", "TR": "Turkey", "TW": "Taiwan", "UA": "Ukraine",
	"US": "United States", "VN": "Vietnam",
}

// ErrNoGroups is returned by Write for an empty list: an import that found
// nothing must not replace the rules.
var ErrNoGroups = errors.New("galaxy: no groups to write")
