package rules

import (
	"fmt"
	"slices"
)

// Cues are the words that trigger extraction rules. Verbs are listed in
// every form the rules should match (say, says, said, saying), so that no
// stemmer stands between a rule author and what matches.
type Cues struct {
	Speech          []string          `yaml:"speech"`              // verbs of saying: said, told, warned, insisted
	Attribution     []string          `yaml:"attribution"`         // phrases naming a source after the content: "according to"
	Accuse          []AccuseCue       `yaml:"accuse"`              // accusation cues and how their parties are placed
	Deny            []string          `yaml:"deny"`                // denials, which are not accusations: denied, rejected
	Titles          []string          `yaml:"titles"`              // words of a speaker's title: spokesperson, minister
	Groups          []string          `yaml:"groups"`              // words that mark a threat-actor name: group, hackers, unit
	Hostile         []string          `yaml:"hostile"`             // verbs of wrongdoing whose agent a source blames: hacked, stole
	Agentive        []string          `yaml:"agentive"`            // verbs that are wrongdoing with an attack as object: launched, carried
	Attacks         []string          `yaml:"attacks"`             // nouns of wrongdoing that take an agent with "by": attack, campaign
	Roles           []string          `yaml:"roles"`               // people who speak for an organisation: spokesperson, officials
	Documents       []string          `yaml:"documents"`           // texts that speak for their author: statement, report, indictment
	OrgWords        []string          `yaml:"org_words"`           // words that make a capitalised name an organisation: Office, Agency
	Anaphors        []string          `yaml:"anaphors"`            // heads of descriptions that refer back: the company, the university
	TimeWords       []string          `yaml:"time_words"`          // words of time expressions between a subject and its verb
	Abbrevs         []string          `yaml:"abbreviations"`       // words whose full stop does not end a sentence: Mr, Jan, Inc
	Campaigns       []string          `yaml:"campaigns"`           // nouns that are wrongdoing when qualified: campaign, operation
	AttackModifiers []string          `yaml:"attack_modifiers"`    // words that qualify them: covert, influence, hacking
	Bringing        []string          `yaml:"bringing"`            // verbs that bring charges: "returned indictments against", "filed charges against"
	People          []string          `yaml:"people"`              // nouns for people who can be accused: worker, nationals, suspect
	NotSpeech       []string          `yaml:"not_speech"`          // objects that make a verb of saying no speech: "claimed responsibility"
	NotCounted      []string          `yaml:"not_counted"`         // nouns after a number that count nothing: "one thing", "one way"
	CAMEO           []CAMEORefinement `yaml:"cameo_by_allegation"` // more specific codes by what is alleged
}

// Frames name where an accusation cue finds its parties.
const (
	FrameObject  = "object" // ACCUSER accused ACCUSED (of …); passive: ACCUSED was accused by ACCUSER
	FrameBlameOn = "on"     // ACCUSER blamed the attack on ACCUSED
	FrameBehind  = "behind" // ACCUSER said ACCUSED was behind …
	FrameTo      = "to"     // ACCUSER attributed the attack to ACCUSED
	FrameClaim   = "claim"  // ACCUSER claims ACCUSED did wrong
	FrameNoun    = "noun"   // accusations by ACCUSER against ACCUSED
)

var frames = []string{FrameObject, FrameBlameOn, FrameBehind, FrameTo, FrameClaim, FrameNoun}

// CAMEORefinement gives a more specific CAMEO code to accusations whose
// allegation holds one of its words: "accused … of cyber-espionage" is
// 1125 (accuse of espionage), not just 112 (accuse).
type CAMEORefinement struct {
	Code  string   `yaml:"code"`
	Words []string `yaml:"words"`
}

func (r *CAMEORefinement) validate() error {
	if r.Code == "" || len(r.Words) == 0 {
		return fmt.Errorf("cameo refinement %q: needs a code and words", r.Code)
	}
	return nil
}

// AccuseCue is one accusation cue.
type AccuseCue struct {
	Name  string   `yaml:"name"`
	Forms []string `yaml:"forms"` // accuse, accuses, accused, accusing
	Frame string   `yaml:"frame"` // one of the Frame constants
	CAMEO string   `yaml:"cameo"` // CAMEO event code, e.g. 112 (accuse)
	// Needs lists words one of which must follow the cue in its clause:
	// "held … responsible", "charged … with". Empty means none.
	Needs []string `yaml:"needs"`
	// Prep, for the object frame, is a preposition whose phrase names the
	// accused when it follows the object: "blamed the attack on China",
	// "pointed the finger at Moscow".
	Prep string `yaml:"prep"`
}

func (c *AccuseCue) validate() error {
	if c.Name == "" || len(c.Forms) == 0 {
		return fmt.Errorf("accusation cue %q: needs a name and forms", c.Name)
	}
	if !slices.Contains(frames, c.Frame) {
		return fmt.Errorf("accusation cue %q: frame %q is not one of %v", c.Name, c.Frame, frames)
	}
	return nil
}

func (c *Cues) merge(o *Cues) {
	c.Speech = appendNew(c.Speech, o.Speech)
	c.Attribution = appendNew(c.Attribution, o.Attribution)
	c.Accuse = mergeNamed(c.Accuse, o.Accuse, func(a AccuseCue) string { return a.Name })
	c.Deny = appendNew(c.Deny, o.Deny)
	c.Titles = appendNew(c.Titles, o.Titles)
	c.Groups = appendNew(c.Groups, o.Groups)
	c.Hostile = appendNew(c.Hostile, o.Hostile)
	c.Agentive = appendNew(c.Agentive, o.Agentive)
	c.Attacks = appendNew(c.Attacks, o.Attacks)
	c.Roles = appendNew(c.Roles, o.Roles)
	c.Documents = appendNew(c.Documents, o.Documents)
	c.OrgWords = appendNew(c.OrgWords, o.OrgWords)
	c.Anaphors = appendNew(c.Anaphors, o.Anaphors)
	c.TimeWords = appendNew(c.TimeWords, o.TimeWords)
	c.Abbrevs = appendNew(c.Abbrevs, o.Abbrevs)
	c.NotCounted = appendNew(c.NotCounted, o.NotCounted)
	c.CAMEO = mergeNamed(c.CAMEO, o.CAMEO, func(r CAMEORefinement) string { return r.Code })
	c.NotSpeech = appendNew(c.NotSpeech, o.NotSpeech)
	c.Bringing = appendNew(c.Bringing, o.Bringing)
	c.Campaigns = appendNew(c.Campaigns, o.Campaigns)
	c.AttackModifiers = appendNew(c.AttackModifiers, o.AttackModifiers)
	c.People = appendNew(c.People, o.People)
}

func (c Cues) clone() Cues {
	return Cues{
		Speech:          slices.Clone(c.Speech),
		Attribution:     slices.Clone(c.Attribution),
		Accuse:          slices.Clone(c.Accuse),
		Deny:            slices.Clone(c.Deny),
		Titles:          slices.Clone(c.Titles),
		Groups:          slices.Clone(c.Groups),
		Hostile:         slices.Clone(c.Hostile),
		Agentive:        slices.Clone(c.Agentive),
		Attacks:         slices.Clone(c.Attacks),
		Roles:           slices.Clone(c.Roles),
		Documents:       slices.Clone(c.Documents),
		OrgWords:        slices.Clone(c.OrgWords),
		Anaphors:        slices.Clone(c.Anaphors),
		TimeWords:       slices.Clone(c.TimeWords),
		Abbrevs:         slices.Clone(c.Abbrevs),
		NotCounted:      slices.Clone(c.NotCounted),
		CAMEO:           slices.Clone(c.CAMEO),
		NotSpeech:       slices.Clone(c.NotSpeech),
		Bringing:        slices.Clone(c.Bringing),
		Campaigns:       slices.Clone(c.Campaigns),
		AttackModifiers: slices.Clone(c.AttackModifiers),
		People:          slices.Clone(c.People),
	}
}
