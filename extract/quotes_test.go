package extract

import (
	"math"
	"strings"
	"testing"

	"github.com/claimwire/claimwire/model"
)

func TestQuotes(t *testing.T) {
	runClaimCases(t, model.Quote, []claimCase{
		{"direct with title", `“The US government has always played dumb,” foreign ministry spokesperson Lin Jian said.`,
			"Lin Jian [foreign ministry spokesperson] direct: The US government has always played dumb"},
		{"speaker after verb", `"What makes this attack interesting is the timing," said Graham Rymer, an ethical hacker at the University of Cambridge.`,
			"Graham Rymer [] direct: What makes this attack interesting is the timing"},
		{"split by attribution", `"We believe we have the evidence to support this," Bossert said. "It is very difficult to do when you are looking for individual hackers."`,
			"Bossert [] direct: We believe we have the evidence to support this\nBossert [] direct: It is very difficult to do when you are looking for individual hackers."},
		{"pronoun to earlier person", "New Zealand Foreign Minister Winston Peters met the ambassador on Tuesday.\n“That conversation has now taken place,” he said.",
			"Winston Peters [] direct: That conversation has now taken place"},
		{"reported speech", `US Deputy Attorney General Lisa Monaco on Monday said the campaign involved more than 10,000 emails being sent.`,
			"Lisa Monaco [US Deputy Attorney General] reported: the campaign involved more than 10,000 emails being sent"},
		{"which after a clause is no speaker", "A scam uncovered by researchers at Redscan is trying to steal data with emails claiming to be from Airbnb. The attackers appear to be targeting business email addresses, which suggests the messages are sent to emails scraped from the web.", ""},
		{"according to", `According to the Justice Department, the hackers stole data from dozens of companies.`,
			"Justice Department [] reported: the hackers stole data from dozens of companies"},
		{"capital stands for its state", `Beijing said the accusations were groundless and politically motivated.`,
			"China [] reported: the accusations were groundless and politically motivated"},
		{"scare quotes stay inside reported speech", `Prime Minister Christopher Luxon admitted it was a “big step” to blame the attack on China.`,
			"Christopher Luxon [Prime Minister] reported: it was a “big step” to blame the attack on China"},
		{"long fragment is a direct quote", `Winston Peters said he had instructed diplomats to “speak today to the Chinese Ambassador, to lay out our position and express our concerns.”`,
			"Winston Peters [] direct: speak today to the Chinese Ambassador, to lay out our position and express our concerns."},
		{"quote continues into the next paragraph", "\"However, what matters is the timing,\" said Graham Rymer, a researcher.\n\"Hackers tend to target people who will be desperate to get their data back.\n\"Currently there are a lot of students finishing their dissertations.\"",
			"Graham Rymer [] direct: However, what matters is the timing\nGraham Rymer [] direct: Hackers tend to target people who will be desperate to get their data back.\nGraham Rymer [] direct: Currently there are a lot of students finishing their dissertations."},
		{"attribution in the paragraph after a quote that runs on", "The minister spoke to reporters in Canberra on Monday.\n“We have seen a sustained campaign against our institutions.\n“We will respond in a time and manner of our choosing,” Defence Minister Richard Marles said.",
			"Richard Marles [Defence Minister] direct: We have seen a sustained campaign against our institutions.\nRichard Marles [Defence Minister] direct: We will respond in a time and manner of our choosing"},
		{"parenthesis between speaker and verb", `The agency, in a statement on Tuesday, said the outage had been caused by a faulty update.`,
			"agency [] reported: the outage had been caused by a faulty update"},
		{"told with a hearer", `BfV chief Hans-Georg Maassen told Reuters in November that Moscow has tried to manipulate the media.`,
			"Hans-Georg Maassen [BfV chief] reported: Moscow has tried to manipulate the media"},
		{"description refers back", "University College London was hit by a cyber-attack on Wednesday.\nThe university says that it believes the risk of further infection has been contained.",
			"University College London [] reported: it believes the risk of further infection has been contained"},
		{"short second fragment of a split quotation", "Ana Ortiz spoke last.\n“If the rules change again,” she said, “that is even worse.”",
			"Ana Ortiz [] direct: If the rules change again\nAna Ortiz [] direct: that is even worse."},
		{"one-word answer is no quote", "Ana Ortiz spoke last.\n“No,” she said.", ""},
		{"claimed responsibility is no speech", `The group that claimed responsibility, CyberBerkut, is the same group that attacked Ukrainian sites.`, ""},
		{"a poll is no speaker", `Fifty-one percent say that “the president’s actions were wrong and he should be removed from office.”`, ""},
		{"officials of a state speak as the story names them", `White House officials say the new rules were overdue.`,
			"White House officials [] reported: the new rules were overdue"},
		{"a belief is no quote", `Intelligence officials believe the same unit attacked the port authority.`, ""},
		{"a belief reported as speech is", `Ana Ortiz said on Monday she believes the plan needs more money.`,
			"Ana Ortiz [] reported: she believes the plan needs more money"},
		{"a belief reported by a verb of saying before it", `Ana Ortiz has since said she now believes the plan needs more money.`,
			"Ana Ortiz [] reported: the plan needs more money"},
		{"unattributed scare quote", `The attack was part of a “cyberespionage program” run from Wuhan.`, ""},
	})
}

// TestQuoteOffsets checks that every quote's offsets point at its text and
// its sentence holds it.
func TestQuoteOffsets(t *testing.T) {
	text := "Beijing on Tuesday insisted it “opposes and cracks down on all forms of cyberattacks” and accused the US of its own campaign.\n\n" +
		"“Relevant Chinese cybersecurity agencies have released a series of reports,” foreign ministry spokesperson Lin Jian said."
	cs := claimsOf(t, text, model.Quote)
	if len(cs) != 2 {
		t.Fatalf("got %d quotes, want 2: %s", len(cs), summary(cs))
	}
	for _, c := range cs {
		if got := text[c.Start:c.End]; got != c.Quote {
			t.Errorf("text[%d:%d] = %q, quote is %q", c.Start, c.End, got, c.Quote)
		}
		if !strings.Contains(c.Sentence, c.Quote) {
			t.Errorf("sentence %q does not hold quote %q", c.Sentence, c.Quote)
		}
	}
}

// TestQuoteEvidence checks that a speaker found in an earlier sentence is
// named by the evidence, while the offsets still point at the quotation,
// and that confidence follows how the quote was found.
func TestQuoteEvidence(t *testing.T) {
	cases := []struct {
		name, text, sentence string
		confidence           float64
	}{
		{"cue and speaker in the sentence", "“We will appeal the ruling,” Ana Ortiz said.", "“We will appeal the ruling,” Ana Ortiz said.", 0.95},
		{"pronoun names the sentence before", "Ana Ortiz left the court.\n“We will appeal the ruling,” she said.",
			"Ana Ortiz left the court.\n“We will appeal the ruling,” she said.", 0.95},
		{"attribution before the quotation", "Ana Ortiz said in a statement. “We will appeal the ruling.”",
			"Ana Ortiz said in a statement. “We will appeal the ruling.”", 0.95},
		{"reported speech of an organisation", "The agency said the outage was over.", "The agency said the outage was over.", 0.81},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cs := claimsOf(t, tc.text, model.Quote)
			if len(cs) != 1 {
				t.Fatalf("got %d quotes, want 1: %s", len(cs), summary(cs))
			}
			c := cs[0]
			if c.Sentence != tc.sentence {
				t.Errorf("sentence = %q, want %q", c.Sentence, tc.sentence)
			}
			if tc.text[c.Start:c.End] != c.Quote {
				t.Errorf("offsets point at %q, quote is %q", tc.text[c.Start:c.End], c.Quote)
			}
			if math.Abs(c.Confidence-tc.confidence) > 1e-9 {
				t.Errorf("confidence = %v, want %v", c.Confidence, tc.confidence)
			}
		})
	}
}

func TestSpeaksFor(t *testing.T) {
	d := readDoc(t, "China rejected the accusations on Tuesday.\n“The US has always played dumb,” foreign ministry spokesperson Lin Jian said.")
	var events []*speech
	for si := range d.sents {
		d.rememberSubject(si)
		events = append(events, d.findSpeech(si)...)
	}
	if len(events) != 1 {
		t.Fatalf("got %d speech events, want 1", len(events))
	}
	p := events[0].speaker
	if p.name != "Lin Jian" || p.title != "foreign ministry spokesperson" || p.org != "China" {
		t.Errorf("speaker = %q [%q] for %q, want Lin Jian [foreign ministry spokesperson] for China", p.name, p.title, p.org)
	}
}
