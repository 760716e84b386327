package rules

import (
	"fmt"
	"reflect"
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
	Refrain         []string          `yaml:"refrain"`             // verbs of holding back from an accusation: "steered clear of criticising"
	DenialObjects   []string          `yaml:"denial_objects"`      // what a denial rejects: accusations, allegations, involvement
	DenyClause      []string          `yaml:"deny_clause"`         // denials that take a clause: "denied it was behind", "denies hacking"
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
	Belief          []string          `yaml:"belief"`              // verbs of saying that report a belief, not speech: believe, think
	NotCounted      []string          `yaml:"not_counted"`         // nouns after a number that count nothing: "one thing", "one way"
	CAMEO           []CAMEORefinement `yaml:"cameo_by_allegation"` // more specific codes by what is alleged

	// Quotes and speakers.
	SpeechObjects   []string `yaml:"speech_objects"`   // verbs of saying with a hearer before the content: told, warned
	Invertible      []string `yaml:"invertible"`       // verbs of saying that may precede their speaker: "…, said Ortiz"
	Occasions       []string `yaml:"occasions"`        // heads of occasions between a verb and its content: briefing
	Media           []string `yaml:"media"`            // where a document is published: website, account
	GenericOrgs     []string `yaml:"generic_orgs"`     // nouns for any organisation: company, firm, agency
	GovernmentWords []string `yaml:"government_words"` // words that make "<country> …" its state: officials
	Styles          []string `yaml:"styles"`           // titles before a surname: Mr, Sen, Justice
	MaleStyles      []string `yaml:"male_styles"`      // styles of men: Mr, Sir
	FemaleStyles    []string `yaml:"female_styles"`    // styles of women: Mrs, Ms
	MaleNames       []string `yaml:"male_names"`       // given names of men
	FemaleNames     []string `yaml:"female_names"`     // given names of women
	DeathWords      []string `yaml:"death_words"`      // words that say someone died
	PlaceWords      []string `yaml:"place_words"`      // last words of place names: Park, Avenue
	Spokespeople    []string `yaml:"spokespeople"`     // "the spokesman" is the person the story gave that title
	CountryWords    []string `yaml:"country_words"`    // "the country" is the last state named
	StatementWords  []string `yaml:"statement_words"`  // "the statement" speaks for the last organisation that spoke
	Issuing         []string `yaml:"issuing"`          // verbs whose subject speaks through the document they take: "issued a statement saying"

	// Responsibility statements: a party named as the agent of a wrongdoing.
	// A source (a speaker, a report) that makes one accuses the party.
	ResponsibleSubject []string `yaml:"responsible_subject"` // after "be", blaming the subject: "X was behind", "X is to blame"
	ResponsibleObject  []string `yaml:"responsible_object"`  // naming the party after them: "the work of X", "linked to X"
	Tries              []string `yaml:"tries"`               // verbs whose subject does the infinitive after them: "tried to hack"
	Naming             []string `yaml:"naming"`              // verbs that give a description its name: "a group called X"
	SponsorLinks       []string `yaml:"sponsor_links"`       // participles tying an actor to its state: "a group tied to Moscow"
	Lawsuits           []string `yaml:"lawsuits"`            // filings whose filer accuses: "a lawsuit alleging that X defrauded"
	Authorities        []string `yaml:"authorities"`         // who brings charges: prosecutors, police, "grand jury"

	// Sources that are no verb of saying: what their that-clause says is
	// their owner's statement, and a responsibility statement in it accuses.
	SourceNouns      []string `yaml:"source_nouns"`      // "X's claim that", "rumors from X that", "the conclusion by X that"
	SourceAdjectives []string `yaml:"source_adjectives"` // "X is confident that", "X is convinced that"
}

// Frames name where an accusation cue finds its parties. Each frame is
// one function of the extractor, which checks at start that it has one for
// every name here; a cue naming any other frame is an error at load.
const (
	FrameObject = "object" // ACCUSER accused ACCUSED (of …); passive: ACCUSED was accused by ACCUSER
	FrameTo     = "to"     // ACCUSER attributed the attack to ACCUSED
	FrameClaim  = "claim"  // ACCUSER claims ACCUSED did wrong
	FrameNoun   = "noun"   // accusations by ACCUSER against ACCUSED
)

var frames = []string{FrameObject, FrameTo, FrameClaim, FrameNoun}

// Frames returns the names of the accusation frames.
func Frames() []string { return slices.Clone(frames) }

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
	// Complement, for the object frame, lists words one of which must
	// follow the object: "held Moscow responsible", "held them liable".
	Complement []string `yaml:"complement"`
	// ByAuthorities, for a cue of the object frame, makes an agentless
	// passive the act of the authorities the story names ("two officers
	// were charged with fraud" in a story that quotes prosecutors).
	ByAuthorities bool `yaml:"by_authorities"`
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

// merge extends every word list of c with o's and merges the named cues,
// an entry of o replacing the one of c with the same name.
func (c *Cues) merge(o *Cues) {
	cv, ov := reflect.ValueOf(c).Elem(), reflect.ValueOf(o).Elem()
	for i := range cv.NumField() {
		if words, ok := cv.Field(i).Interface().([]string); ok {
			cv.Field(i).Set(reflect.ValueOf(appendNew(words, ov.Field(i).Interface().([]string))))
		}
	}
	c.Accuse = mergeNamed(c.Accuse, o.Accuse, func(a AccuseCue) string { return a.Name })
	c.CAMEO = mergeNamed(c.CAMEO, o.CAMEO, func(r CAMEORefinement) string { return r.Code })
}

// clone copies every list of c, so that merging into the copy leaves c as
// it was.
func (c Cues) clone() Cues {
	v := reflect.ValueOf(&c).Elem()
	for i := range v.NumField() {
		if f := v.Field(i); f.Kind() == reflect.Slice && !f.IsNil() {
			cp := reflect.MakeSlice(f.Type(), f.Len(), f.Len())
			reflect.Copy(cp, f)
			f.Set(cp)
		}
	}
	return c
}
