package rules

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// Actor is a threat-actor group with its other names and the state it is
// tied to.
type Actor struct {
	Name    string   `yaml:"name"`
	Aliases []string `yaml:"aliases"`
	Sponsor string   `yaml:"sponsor"` // a country name, or empty when unattributed
	// Ambiguous lists the names (among Name and Aliases) that are also
	// common words, such as "Lead" or "Mask": they count only beside a
	// group cue ("the Lead group", "hackers known as Mask").
	Ambiguous []string `yaml:"ambiguous"`
	Refs      []string `yaml:"refs"` // public references, e.g. MITRE ATT&CK "G0022"
	// Kind is what the group is: state, criminal, ransomware or
	// hacktivist; empty when the sources do not say.
	Kind string `yaml:"kind"`
	// Galaxy is the MISP galaxy cluster value the group is, if any.
	Galaxy *GalaxyRef `yaml:"galaxy"`
	// Source is where the entry came from (SourceCurated or SourceGalaxy),
	// set when the actor lists are merged.
	Source string `yaml:"-"`
}

// The kinds of threat actor.
const (
	KindState      = "state"
	KindCriminal   = "criminal"
	KindRansomware = "ransomware"
	KindHacktivist = "hacktivist"
)

// The sources of an actor entry.
const (
	SourceCurated = "curated" // the hand-curated actors section
	SourceGalaxy  = "galaxy"  // compiled from the MISP galaxy (galaxy_actors)
)

// GalaxyRef names a value of a MISP galaxy cluster.
type GalaxyRef struct {
	Cluster string `yaml:"cluster"` // threat-actor, ransomware, microsoft-activity-group or mitre-intrusion-set
	Value   string `yaml:"value"`   // the value's name, as MISP tags carry it
	UUID    string `yaml:"uuid"`
}

// Tag returns the MISP tag of the value: misp-galaxy:threat-actor="APT31".
func (g *GalaxyRef) Tag() string {
	if g == nil {
		return ""
	}
	return "misp-galaxy:" + g.Cluster + "=\"" + g.Value + "\""
}

var uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

func (g *GalaxyRef) validate() error {
	switch {
	case g.Cluster == "" || g.Value == "":
		return errors.New("galaxy: cluster and value are required")
	case !uuidRE.MatchString(g.UUID):
		return fmt.Errorf("galaxy %s %q: uuid %q is not a lower-case UUID", g.Cluster, g.Value, g.UUID)
	}
	return nil
}

func (a *Actor) validate() error {
	if strings.TrimSpace(a.Name) == "" {
		return errors.New("actor: name is empty")
	}
	switch a.Kind {
	case "", KindState, KindCriminal, KindRansomware, KindHacktivist:
	default:
		return fmt.Errorf("actor %q: kind %q is not one of state, criminal, ransomware, hacktivist", a.Name, a.Kind)
	}
	for _, amb := range a.Ambiguous {
		if !strings.EqualFold(amb, a.Name) && !containsFold(a.Aliases, amb) {
			return fmt.Errorf("actor %q: ambiguous name %q is neither its name nor an alias", a.Name, amb)
		}
	}
	return nil
}

// Names returns the actor's name followed by its aliases.
func (a *Actor) Names() []string { return append([]string{a.Name}, a.Aliases...) }

// IsAmbiguous reports whether name needs a group cue to count.
func (a *Actor) IsAmbiguous(name string) bool { return containsFold(a.Ambiguous, name) }

// ActorPattern finds threat-actor labels that are not in the gazetteer.
// The regex's group named "label" (or its whole match) is the label.
type ActorPattern struct {
	Name  string `yaml:"name"`
	Regex string `yaml:"regex"`
	// Sponsor is the state labels of this pattern are tied to, if the
	// naming scheme says so (Microsoft's "Typhoon" names are China's).
	Sponsor string `yaml:"sponsor"`
	// Hints are words one of which a text must hold (ignoring case) for
	// the regex to be tried: a cheap test that spares most paragraphs the
	// regex. Empty means always try.
	Hints []string `yaml:"hints"`

	re *regexp.Regexp
}

func (p *ActorPattern) validate() error {
	if p.Name == "" {
		return errors.New("actor pattern: name is empty")
	}
	re, err := regexp.Compile(p.Regex)
	if err != nil {
		return fmt.Errorf("actor pattern %q: %w", p.Name, err)
	}
	p.re = re
	return nil
}

// Regexp returns the compiled pattern.
func (p *ActorPattern) Regexp() *regexp.Regexp { return p.re }

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
