package extract

import (
	"strings"
	"testing"
)

// readDoc analyses text as Extract does before reading its sentences.
func readDoc(t *testing.T, text string) *doc {
	t.Helper()
	d, err := testExtractor().analyse(text)
	if err != nil {
		t.Fatalf("analyse(%q): %v", text, err)
	}
	return d
}

// speechOf reads every sentence of text in order and renders its speech
// events as "speaker | content | content …", one per line; an event whose
// speaker could not be resolved has an empty one and yields no claim.
func speechOf(t *testing.T, text string) string {
	t.Helper()
	d := readDoc(t, text)
	var lines []string
	for si := range d.sents {
		d.rememberSubject(si)
		for _, sp := range d.findSpeech(si) {
			parts := []string{sp.speaker.speakerName()}
			for _, r := range sp.content {
				parts = append(parts, d.text[r.s:r.e])
			}
			lines = append(lines, strings.Join(parts, " | "))
		}
	}
	return strings.Join(lines, "\n")
}

func TestSpeech(t *testing.T) {
	cases := []struct{ name, text, want string }{
		{"subject and that-clause", "Ana Ortiz said that the outage was caused by a faulty update.",
			"Ana Ortiz | the outage was caused by a faulty update"},
		{"inverted after a quotation", "“We restored service within hours,” said Ana Ortiz, a spokeswoman.",
			"Ana Ortiz | “We restored service within hours"},
		{"a verb of saying inside the content of an inverted one", "The group maintained a network of sites online, said Mr Reyes.",
			"Mr Reyes | The group maintained a network of sites online"},
		{"it refers back to an organisation described by its kind", "Night Owl is the name the government gave to the campaign. The security firm told the BBC that it saw some similarity. However, it said the two were separate.",
			"security firm | it saw some similarity\nsecurity firm | the two were separate"},
		{"inverted attribution set off after an opening adjunct", "Above all, said the report, the group targeted firms that ran payroll systems.",
			"report | the group targeted firms that ran payroll systems"},
		{"according to a source with an appositive", "According to Ana Ortiz, director of security research, the problem is a byproduct of old installations.",
			"Ana Ortiz | the problem is a byproduct of old installations."},
		{"a negative pronoun is no source", "Nothing in the files indicates that the agency has broken the encryption.",
			" | the agency has broken the encryption"},
		{"a pronoun after a preposition is no subject", "Nothing in it suggests that the agency has broken the encryption.",
			" | the agency has broken the encryption"},
		{"places after a preposition end no list of speakers", "Speaking at a rally in Tulsa, Oklahoma, Ana Ortiz says she is making a demand of the board.",
			"Ana Ortiz | she is making a demand of the board"},
		{"an opening participle's object ends no list", "Speaking to reporters, Ana Ortiz said the plan had failed.",
			"Ana Ortiz | the plan had failed"},
		{"an appositive left open still names the speaker", "Ana Ortiz, an analyst at Acme said the plan had failed.",
			"Ana Ortiz | the plan had failed"},
		{"content opening with an adverb", "Ana Ortiz says too much is made of the delay.",
			"Ana Ortiz | too much is made of the delay"},
		{"content opening with neither", "Ana Ortiz says neither the mayor nor her staff helped him.",
			"Ana Ortiz | neither the mayor nor her staff helped him"},
		{"an occasion and a place before that", "Ana Ortiz says at a campaign stop in Dayton, Ohio, that the plan means nothing.",
			"Ana Ortiz | the plan means nothing"},
		{"a clause of saying of its own after though", "Ana Ortiz said the work can be hard, though she noted costs are falling.",
			"Ana Ortiz | the work can be hard\nAna Ortiz | costs are falling"},
		{"add up is no speech", "The savings add up to a small fortune.", ""},
		{"an adverb before that", "Farmers complain bitterly that prices are too low.",
			"Farmers | prices are too low"},
		{"the abbreviated style of a delegate", "“This is a waste of time,” said Del. Ana Ortiz, a Democrat.",
			"Ana Ortiz | “This is a waste of time"},
		{"who issued a statement says what it says", "Ana Ortiz issued a statement saying the board had acted too late.",
			"Ana Ortiz | the board had acted too late"},
		{"reports someone denied say what they say", "Ana Ortiz denied reports saying the board had acted too late.",
			"reports | the board had acted too late"},
		{"a demonym standing alone is a surname", "In describing the race, German said he sees no favourite.",
			"German | he sees no favourite"},
		{"a demonym before a noun is its state", "German officials said the talks would resume.",
			"Germany | the talks would resume"},
		{"highlighted that", "Ana Ortiz highlighted that the app never left the test phase.",
			"Ana Ortiz | the app never left the test phase"},
		{"abbreviated military title", "“The drill went as planned,” said Cmdr. Sean Ortiz.",
			"Sean Ortiz | “The drill went as planned"},
		{"initial inside the name", "“Tariffs raise prices for everyone,” said Mary E. Lovelace, an economist.",
			"Mary E. Lovelace | “Tariffs raise prices for everyone"},
		{"party tag after the speaker", `"Families deserve a hearing on this bill," said Sen. Ana Ortiz (D-Minn.), who wrote it.`,
			`Ana Ortiz | "Families deserve a hearing on this bill`},
		{"two apostrophes as quotation marks", "''We are ready to vote,'' Mr. Lee Chan said.",
			"Lee Chan | ''We are ready to vote"},
		{"style kept before a surname", "Lee Chan chairs the panel.\n''The votes are there,'' Mr. Chan said.",
			"Mr. Lee Chan | ''The votes are there"},
		{"question mark inside the quotation", "“Why would we wait another year?” Ortiz asked.",
			"Ortiz | “Why would we wait another year?"},
		{"parenthetical attribution", "Ana Ortiz spoke last.\nThe bigger risk, she said, is a delay that could last for years.",
			"Ana Ortiz | The bigger risk | is a delay that could last for years"},
		{"coordinated verb says its own content", "Ortiz said the plan was sound, but added that it would cost more.",
			"Ortiz | the plan was sound\nOrtiz | it would cost more"},
		{"a dateline without a comma is no subject", "SPRINGFIELD — Sen. Ana Ortiz on Wednesday met the board and said the plan had failed.",
			"Ana Ortiz | the plan had failed"},
		{"a dateline with the agency in brackets is no subject", "DAYTON, Ohio (Reuters) - President Ana Ortiz met the families and said the country must act.",
			"Ana Ortiz | the country must act"},
		{"a name before a dash is no dateline", "Ana Ortiz — the chair since May — met the board and said the plan had failed.",
			"Ana Ortiz | the plan had failed"},
		{"an opening participle phrase is neither content nor subject", "Speaking Sunday on the radio’s “Morning Show,” Ana Ortiz admitted that the name in her book was wrong, but said her campaign had found the article.",
			"Ana Ortiz | the name in her book was wrong\nAna Ortiz | her campaign had found the article"},
		{"a dateline is no subject", "SPRINGFIELD, Ill. — The county board met on Sunday.\n“We are ready,” it said.",
			" | “We are ready"},
		{"attribution ends its sentence, quotation follows", "Ana Ortiz said in a statement.\n“We will appeal the ruling.”",
			"Ana Ortiz | We will appeal the ruling."},
		{"initial after a given name", "Ana B. Ortiz, the company's lawyer, told reporters that the deal was off.",
			"Ana B. Ortiz | the deal was off"},
		{"contracted pronoun is no speaker", "“I've tried to settle this privately,” I've said.", " | “I've tried to settle this privately"},
		{"he is no woman", "Ana Ortiz opened the meeting.\n“It went well,” he said.", " | “It went well"},
		{"she after two people", "Bob Chan and Maria Lopez attended.\n“We will keep going,” she said.",
			"Maria Lopez | “We will keep going"},
		{"never the dead man", "Ana Ortiz spoke at the memorial. Bob Chan died in 2019.\n“Heads needed to roll the day Chan died,” he said.",
			" | “Heads needed to roll the day Chan died"},
		{"a place is no speaker", "“It was a fine day for a walk,” said Central Park.", " | “It was a fine day for a walk"},
		{"speaker after a quotation with a lower-case title", "“The rules were written long ago,” said former city manager Ana Ortiz, a lawyer.",
			"Ana Ortiz | “The rules were written long ago"},
		{"speaker after a quotation with a prepositional phrase", "“The threshold is too high,” said Ana Ortiz of the Retail Federation.",
			"Ana Ortiz | “The threshold is too high"},
		{"verb of saying tagged as a noun after a quotation", "The agency published a report.\n“The group uses four tactics,” the report states.",
			"report | “The group uses four tactics"},
		{"phrasal verb of saying", "Ana Ortiz pointed out that the vote was close.", "Ana Ortiz | the vote was close"},
		{"speaking through a spokeswoman", "Acme said through a spokeswoman that it fixes flaws within 45 days.",
			"Acme | it fixes flaws within 45 days"},
		{"pronoun to a description when no name fits", "The woman identified herself to reporters.\n“It just came out of my mouth,” she said.",
			"woman | “It just came out of my mouth"},
		{"a named person beats a description", "Ana Ortiz spoke after the woman who asked the question.\n“It went well,” she said.",
			"Ana Ortiz | “It went well"},
		{"coordinated subject of the content", "Ana Ortiz said both the mayor and the council have been fair to her.",
			"Ana Ortiz | both the mayor and the council have been fair to her"},
		{"content opens with a subordinate clause", "Ana Ortiz said if she were elected, the tax would go.",
			"Ana Ortiz | if she were elected, the tax would go"},
		{"content subject opened by a quantifier", "Ana Ortiz said much of the money was spent on ads.",
			"Ana Ortiz | much of the money was spent on ads"},
		{"noun phrase object is no content", "Ana Ortiz acknowledged the error, and gave up her bonus.", ""},
		{"participle of saying has its own content", "Ana Ortiz said the plan was sound, insisting that the critics were wrong.",
			"Ana Ortiz | the plan was sound\nAna Ortiz | the critics were wrong"},
		{"according to after a conjunction opens its own clause", "The file ends in .lock, but according to Ana Ortiz, a researcher, the files lack the usual markers.",
			"Ana Ortiz | the files lack the usual markers."},
		{"according to between subject and verb", "The group, according to Acme, built a new tool last year.",
			"Acme | The group | built a new tool last year."},
		{"according to at the end keeps what comes before", "The group built a new tool, according to Acme.",
			"Acme | The group built a new tool"},
		{"opening adjunct before a parenthetical attribution", "Ana Ortiz runs the shelter.\nBetween 2019 and 2023, she said, they took in more dogs than ever.",
			"Ana Ortiz | they took in more dogs than ever"},
		{"time phrase before a parenthetical attribution", "Ana Ortiz runs the shelter.\nLast year, she said, the shelter took in more dogs than ever.",
			"Ana Ortiz | the shelter took in more dogs than ever"},
		{"a subject before a parenthetical attribution stays a fragment", "Ana Ortiz runs the shelter.\nAll of this, she said, is paid for by donors.",
			"Ana Ortiz | All of this | is paid for by donors"},
		{"the company is the one the story described so", "The league said it hired Acme Labs, a British security company, in January.\nThe company says that the inquiry found a break-in.",
			"league | it hired Acme Labs, a British security company, in January\nAcme Labs | the inquiry found a break-in"},
		{"a name set off after a description says who", "And a third, Ana Ortiz, said that she would back the bill.",
			"Ana Ortiz | she would back the bill"},
		{"an adjective is no speaker", "It is hard not think that the vote was close.", ""},
		{"the agent of a reduced relative is not the subject", "A detailed report drawn up by the three firms reveals that the group has been active since 2014.",
			"detailed report | the group has been active since 2014"},
		{"a participle phrase after the subject is skipped", "The security firms involved in tracking the Acme campaign say they have seen new targets.",
			"security firms | they have seen new targets"},
		{"a programme title in an opening adjunct is no content", "In an interview on CBS's “Face the Nation,” Ana Ortiz said the vote was close.",
			"Ana Ortiz | the vote was close"},
		{"a name with 'and' spelled by its acronym is one speaker", "The Organization for Security and Co-operation in Europe (OSCE) said that it had been hit by an attack.",
			"OSCE | it had been hit by an attack"},
		{"participle of saying after 'with' has its own speaker", "Ransomware slowed in 2016, with Acme noting that one strain had a good run.",
			"Acme | one strain had a good run"},
		{"participle after a quotation takes none of it", "“We are not going to wait,” Ana Ortiz said, adding that the vote was close.",
			"Ana Ortiz | “We are not going to wait\nAna Ortiz | the vote was close"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := speechOf(t, tc.text); got != tc.want {
				t.Errorf("text: %s\ngot:\n%s\nwant:\n%s", tc.text, got, tc.want)
			}
		})
	}
}
