package extract

import "testing"

// tokenIndex returns the index of the first token of d that is word.
func tokenIndex(t *testing.T, d *doc, word string) int {
	t.Helper()
	for i := range d.toks {
		if d.toks[i].text == word {
			return i
		}
	}
	t.Fatalf("no token %q", word)
	return -1
}

func TestNounPhraseBoundaries(t *testing.T) {
	cases := []struct {
		name, text, from, want string
	}{
		{"abbreviated title", "Yesterday Cmdr. Sean Ortiz said the drill went well.", "Cmdr", "Cmdr. Sean Ortiz"},
		{"initial", "Then Mary E. Lovelace said tariffs raise prices.", "Mary", "Mary E. Lovelace"},
		{"hyphenated name", "Then Hans-Georg Maassen said so.", "Hans-Georg", "Hans-Georg Maassen"},
		{"two states are two phrases", "Britain and New Zealand said so.", "Britain", "Britain"},
		{"hearer before content", "Ortiz told Reuters his review was finished.", "Reuters", "Reuters"},
		{"party tag ends the name", "Sen. Ana Ortiz (D-Minn.) said so.", "Sen", "Sen. Ana Ortiz"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := readDoc(t, tc.text)
			i := tokenIndex(t, d, tc.from)
			if got := d.words(d.npStartingAt(i, d.sentenceOf(i).last)); got != tc.want {
				t.Errorf("npStartingAt(%q) in %q = %q, want %q", tc.from, tc.text, got, tc.want)
			}
		})
	}
}

func TestNounPhraseEndingAt(t *testing.T) {
	text := "Deputy Attorney General Jane Malta said so."
	d := readDoc(t, text)
	v := tokenIndex(t, d, "said")
	if got, want := d.words(d.npEndingAt(v, 0)), "Deputy Attorney General Jane Malta"; got != want {
		t.Errorf("npEndingAt(said) = %q, want %q", got, want)
	}
}

func TestSubjectOf(t *testing.T) {
	cases := []struct {
		name, text, verb, want string
	}{
		{"appositive", "Ana Ortiz, director of research at Mandiant, told reporters so.", "told", "Ana Ortiz"},
		{"time between subject and verb", "Beijing on Tuesday insisted it had done nothing.", "insisted", "Beijing"},
		{"parenthesis between subject and verb", "The agency, in a statement, said the outage was over.", "said", "The agency"},
		{"party tag", "Sen. Ana Ortiz (D-Minn.) said the bill would pass.", "said", "Sen. Ana Ortiz"},
		{"pronoun", "She said the bill would pass.", "said", "She"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := readDoc(t, tc.text)
			if got := d.words(d.subjectOf(tokenIndex(t, d, tc.verb))); got != tc.want {
				t.Errorf("subjectOf(%q) in %q = %q, want %q", tc.verb, tc.text, got, tc.want)
			}
		})
	}
}

func TestResolvePeople(t *testing.T) {
	cases := []struct {
		name, text, phrase, want string
	}{
		{"style keeps the full name", "Lee Chan chairs the panel. Mr. Chan voted.", "Mr", "Lee Chan (Mr. Lee Chan) male"},
		{"style tells the sex", "Bill Ortiz and Ana Ortiz spoke. Mrs. Ortiz voted.", "Mrs", "Ana Ortiz (Mrs. Ana Ortiz) female"},
		{"given name tells the sex", "Maria Lopez voted.", "Maria", "Maria Lopez () female"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d := readDoc(t, tc.text)
			var p party
			for si := range d.sents {
				d.rememberSubject(si)
			}
			i := tokenIndex(t, d, tc.phrase)
			for j := len(d.toks) - 1; j >= 0; j-- {
				if d.toks[j].text == tc.phrase {
					i = j // the last mention
					break
				}
			}
			p = d.resolve(d.npStartingAt(i, d.sentenceOf(i).last))
			sex := map[gender]string{genderUnknown: "unknown", genderMale: "male", genderFemale: "female"}
			got := p.name + " (" + p.styled + ") "
			if p.who != nil {
				got += sex[p.who.sex]
			}
			if got != tc.want {
				t.Errorf("resolve(%q) in %q = %q, want %q", tc.phrase, tc.text, got, tc.want)
			}
		})
	}
}
