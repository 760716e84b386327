package extract

import (
	"strings"
	"unicode"

	"github.com/claimwire/claimwire/rules"
)

// entKind is what a gazetteer entry names.
type entKind int

const (
	entNone    entKind = iota
	entCountry         // a state
	entParty           // an organisation, agency or alliance
	entActor           // a threat-actor group
	entPerson          // a person, found by the name rules
	entOrg             // an organisation not in the gazetteer
	entDesc            // a description ("federal officials", "the university")
)

func (k entKind) String() string {
	return [...]string{"none", "country", "party", "actor", "person", "org", "description"}[k]
}

// entry is one gazetteer name and what it stands for.
type entry struct {
	kind      entKind
	canon     string // the name claims use
	country   string // for parties, the state; for actors, the sponsor
	demonym   bool   // "Chinese": a country named by its adjective
	capital   bool   // "Beijing": a country named by its capital
	ambiguous bool   // an actor name that is a common word: needs a group cue
	shared    bool   // an actor name of several groups: see resolveShared
	sharedCue bool   // a shared name that is also a common word for one of them
	alias     string // for actors, the name as the rules spell it
	actor     *rules.Actor
	words     []string // the name's tokens, as folded by fold
}

// lexicon is the rule set compiled for fast lookups. Word lists are sets
// of folded words, named after the rules.Cues fields they come from.
type lexicon struct {
	speech, deny, notSpeech, belief  set
	denialObjects, denyClause        set
	hostile, agentive, attacks       set
	campaigns, attackModifiers       set
	groups, roles, documents, people set
	orgWords, anaphors, bringing     set
	timeWords, abbreviations, titles set
	notCounted, numberWords          set
	durations, invariant             set // units of time and plurals like "aircraft", from the number rules
	triggers                         set // every word a rule starts from
	claimWords                       cueTable

	// quotes and speakers
	speechObjects, invertible, occasions set
	media, genericOrgs, governmentWords  set
	styles, deathWords, placeWords       set
	spokespeople, countryWords           set
	statementWords, issuing              set
	nameSex, styleSex                    map[string]gender // given names and styles → sex

	tries, naming, sponsorLinks, lawsuits set
	sourceNouns, sourceAdjectives         set
	refrain                               set
	responsibleSubject                    [][]string // "behind", "to blame": the subject did it
	responsibleObject                     [][]string // "the work of", "linked to": the next phrase did it
	authorities                           [][]string // who brings charges: "grand jury", "prosecutors"

	attribution    [][]string
	accuse         map[string]*rules.AccuseCue
	names          map[string][]*entry // first token → entries, longest first
	patterns       []*rules.ActorPattern
	actorByName    map[string]*entry   // normalised label → the entry of the actor's canonical name
	ambiguousLabel set                 // normalised labels that need a group cue
	sharedActors   map[string][]*entry // normalised label of a shared name → an entry per group
	actorCues      set                 // words besides group cues that let an ambiguous name count
	cameo          []rules.CAMEORefinement
}

type set map[string]struct{}

func newSet(words ...[]string) set {
	s := set{}
	for _, ws := range words {
		for _, w := range ws {
			s[fold(w)] = struct{}{}
		}
	}
	return s
}

func (s set) has(w string) bool { _, ok := s[w]; return ok }

func newLexicon(rs *rules.Set) *lexicon {
	c := &rs.Cues
	lx := &lexicon{
		speech: newSet(c.Speech), deny: newSet(c.Deny), hostile: newSet(c.Hostile),
		denialObjects: newSet(c.DenialObjects), denyClause: newSet(c.DenyClause),
		attacks: newSet(c.Attacks), groups: newSet(c.Groups), roles: newSet(c.Roles),
		documents: newSet(c.Documents), orgWords: newSet(c.OrgWords), anaphors: newSet(c.Anaphors),
		timeWords: newSet(c.TimeWords), abbreviations: newSet(c.Abbrevs), titles: newSet(c.Titles),
		notCounted: newSet(c.NotCounted, rs.Numbers.NotCounted), agentive: newSet(c.Agentive), notSpeech: newSet(c.NotSpeech), belief: newSet(c.Belief),
		bringing: newSet(c.Bringing), people: newSet(c.People),
		durations: newSet(rs.Numbers.Durations), invariant: newSet(rs.Numbers.Invariant),
		campaigns: newSet(c.Campaigns), attackModifiers: newSet(c.AttackModifiers),
		speechObjects: newSet(c.SpeechObjects), invertible: newSet(c.Invertible), occasions: newSet(c.Occasions),
		media: newSet(c.Media), genericOrgs: newSet(c.GenericOrgs), governmentWords: newSet(c.GovernmentWords),
		styles: newSet(c.Styles), deathWords: newSet(c.DeathWords), placeWords: newSet(c.PlaceWords),
		spokespeople: newSet(c.Spokespeople), countryWords: newSet(c.CountryWords), statementWords: newSet(c.StatementWords), issuing: newSet(c.Issuing),
		nameSex: sexes(c.MaleNames, c.FemaleNames), styleSex: sexes(c.MaleStyles, c.FemaleStyles),
		accuse:         map[string]*rules.AccuseCue{},
		names:          map[string][]*entry{},
		actorByName:    map[string]*entry{},
		ambiguousLabel: set{},
	}
	lx.triggers = newSet(c.Speech, c.Deny, c.Hostile, c.Agentive, c.Attacks, c.Campaigns, c.Bringing,
		c.SourceNouns, c.SourceAdjectives, []string{"allegedly", "according"})
	for _, cue := range c.Accuse {
		for _, f := range cue.Forms {
			lx.triggers[fold(f)] = struct{}{}
		}
	}
	lx.cameo = c.CAMEO
	lx.tries, lx.naming, lx.sponsorLinks, lx.lawsuits = newSet(c.Tries), newSet(c.Naming), newSet(c.SponsorLinks), newSet(c.Lawsuits)
	lx.responsibleSubject, lx.responsibleObject = phrases(c.ResponsibleSubject), phrases(c.ResponsibleObject)
	lx.authorities = phrases(c.Authorities)
	lx.sourceNouns, lx.sourceAdjectives = newSet(c.SourceNouns), newSet(c.SourceAdjectives)
	lx.refrain = newSet(c.Refrain)
	lx.numberWords = set{}
	for w := range rs.Numbers.Words {
		lx.numberWords[fold(w)] = struct{}{}
	}
	for _, a := range c.Attribution {
		lx.attribution = append(lx.attribution, strings.Fields(fold(a)))
	}
	for i := range c.Accuse {
		for _, f := range c.Accuse[i].Forms {
			if _, dup := lx.accuse[fold(f)]; !dup {
				lx.accuse[fold(f)] = &c.Accuse[i]
			}
		}
	}
	lx.addCountries(rs.Countries)
	lx.addParties(rs.Parties)
	lx.addActors(rs.AllActors(), rs.ActorCues)
	for i := range rs.ActorPatterns {
		lx.patterns = append(lx.patterns, &rs.ActorPatterns[i])
	}
	lx.claimWords = newCueTable(lx.triggers, lx.numberWords)
	return lx
}

// phrases splits each phrase into its folded words.
func phrases(ps []string) [][]string {
	var out [][]string
	for _, p := range ps {
		out = append(out, strings.Fields(fold(p)))
	}
	return out
}

func (lx *lexicon) addCountries(cs []rules.Country) {
	for _, c := range cs {
		for _, n := range append([]string{c.Name}, c.Aliases...) {
			lx.add(&entry{kind: entCountry, canon: c.Name, country: c.Name}, n)
		}
		for _, n := range c.Capitals {
			lx.add(&entry{kind: entCountry, canon: c.Name, country: c.Name, capital: true}, n)
		}
		for _, n := range c.Demonyms {
			lx.add(&entry{kind: entCountry, canon: c.Name, country: c.Name, demonym: true}, n)
		}
	}
}

func (lx *lexicon) addParties(ps []rules.Party) {
	for _, p := range ps {
		for _, n := range append([]string{p.Name}, p.Aliases...) {
			lx.add(&entry{kind: entParty, canon: p.Name, country: p.Country}, n)
		}
	}
}

// add indexes name under its first token. Names keep their case: "US" the
// country is not "us" the pronoun. Entries are kept longest first so that
// "New Zealand" wins over a shorter name sharing its first word.
func (lx *lexicon) add(e *entry, name string) {
	for _, t := range tokenize(name, 0) {
		e.words = append(e.words, foldQuotes(t.text))
	}
	if len(e.words) == 0 {
		return
	}
	list := append(lx.names[e.words[0]], e)
	for i := len(list) - 1; i > 0 && len(list[i].words) > len(list[i-1].words); i-- {
		list[i], list[i-1] = list[i-1], list[i]
	}
	lx.names[e.words[0]] = list
}

// lookup returns the longest gazetteer entry that starts at toks[i] and
// ends before toks[limit], and how many tokens it spans.
func (lx *lexicon) lookup(toks []token, i, limit int) (*entry, int) {
	first := foldQuotes(toks[i].text)
	for _, e := range lx.names[first] {
		if matchWords(toks, i, limit, e.words) {
			return e, len(e.words)
		}
	}
	return nil, 0
}

func matchWords(toks []token, i, limit int, words []string) bool {
	if i+len(words) > limit {
		return false
	}
	for k, w := range words {
		if foldQuotes(toks[i+k].text) != w {
			return false
		}
	}
	return true
}

// markEntities marks the tokens that gazetteer names cover, so that the
// name rules neither split nor join them: "United Kingdom and New Zealand"
// is two states, not one name.
func (d *doc) markEntities() {
	for si := range d.sents {
		s := d.sents[si]
		for i := s.first; i < s.last; i++ {
			e, n := d.lx.lookup(d.toks, i, s.last)
			if e == nil || e.kind == entActor && e.ambiguous {
				continue
			}
			d.toks[i].ent = 1
			for k := i + 1; k < i+n; k++ {
				d.toks[k].ent = 2
			}
			i += n - 1
		}
	}
}

// refineCAMEO returns a more specific code for an accusation (112) whose
// allegation holds a refinement's word; other codes stay as they are.
func (lx *lexicon) refineCAMEO(code, allegation string) string {
	if !strings.HasPrefix(code, "112") {
		return code
	}
	words := " " + strings.Join(strings.FieldsFunc(fold(allegation), notWordRune), " ") + " "
	for _, r := range lx.cameo {
		for _, w := range r.Words {
			if strings.Contains(words, " "+fold(w)+" ") {
				return r.Code
			}
		}
	}
	return code
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' }

// normLabel folds an actor label for comparison: "APT 31" = "apt31".
func normLabel(s string) string { return rules.Label(s) }
