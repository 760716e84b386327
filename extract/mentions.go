package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// remember records that party p was mentioned at token tok.
func (d *doc) remember(p party, tok int, subject bool) {
	if !p.ok() {
		return
	}
	d.mentions = append(d.mentions, mention{party: p, tok: tok, subject: subject})
}

// rememberSpeaker records a speaker: descriptions such as "the statement"
// refer back to speakers.
func (d *doc) rememberSpeaker(p party, tok int) {
	if p.ok() {
		d.mentions = append(d.mentions, mention{party: p, tok: tok, subject: true, speaker: true})
	}
}

// lastMention returns the latest mention before token tok, within the
// last few sentences, that satisfies ok.
func (d *doc) lastMention(ok func(*mention) bool, tok int) (mention, bool) {
	si := d.toks[tok].sent
	for i := len(d.mentions) - 1; i >= 0; i-- {
		m := &d.mentions[i]
		if m.tok >= tok {
			continue
		}
		if si-d.toks[m.tok].sent > 4 {
			break
		}
		if ok(m) {
			return *m, true
		}
	}
	return mention{}, false
}

var pronounSex = map[string]gender{"he": genderMale, "him": genderMale, "his": genderMale, "she": genderFemale, "her": genderFemale}

// antecedent resolves a pronoun at token tok to the party it refers to:
// "he" to the last person, "it" to the last organisation or state that
// was a subject, "they" to the last group of people.
func (d *doc) antecedent(pronoun string, tok int) party {
	var ok func(*mention) bool
	switch pronoun {
	case "he", "him", "his":
		ok = func(m *mention) bool { return m.kind == entPerson && m.who.canBe(genderMale) }
	case "she", "her":
		ok = func(m *mention) bool { return m.kind == entPerson && m.who.canBe(genderFemale) }
	case "it", "its":
		ok = func(m *mention) bool {
			if m.kind == entDesc {
				// "the report … it said", "the firm … it said", and a name
				// the story only described ("Acme-Sec told … it said")
				head := lastWord(strings.ToLower(m.name))
				return m.subject && !m.plural && (d.lx.documents.has(head) || d.lx.genericOrgs.has(head) || d.namesSomeone(m.span) || startsUpper(m.name))
			}
			return m.subject && m.kind != entPerson && !m.plural
		}
	case "they", "them", "their":
		ok = func(m *mention) bool { return m.plural || m.kind == entOrg && m.subject }
	default:
		return party{}
	}
	m, found := d.lastMention(ok, tok)
	if !found && pronounSex[pronoun] != genderUnknown {
		// "The woman who started it all … she said": no name fits, a
		// description of one person does
		m, found = d.lastMention(d.personDescription, tok)
	}
	if !found {
		return party{}
	}
	if m.who != nil && m.who.sex == genderUnknown {
		m.who.sex = pronounSex[pronoun] // "Ortiz … she said": Ortiz is a woman from now on
	}
	return m.party
}

// personDescription reports a mention that describes one person without
// naming them: "the woman", "a local resident".
func (d *doc) personDescription(m *mention) bool {
	if m.kind != entDesc || m.plural || !m.subject {
		return false
	}
	head := lastWord(strings.ToLower(m.name))
	return d.lx.people.has(head) && !d.lx.genericOrgs.has(head) && !d.lx.governmentWords.has(head)
}

// startsUpper reports whether s begins with an upper-case letter.
func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}
