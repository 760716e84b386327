package extract

import (
	"testing"

	"github.com/claimwire/claimwire/model"
)

func TestAccusations(t *testing.T) {
	runClaimCases(t, model.Accusation, []claimCase{
		{"active", `The United States accused China of cyber attacks on its agencies.`, "United States -> China"},
		{"capital and demonym fold to the state", `Washington accused Beijing of hacking.`, "United States -> China"},
		{"officials of a state accuse for it", `White House officials said Russia hacked the committee.`, "United States -> Russia"},
		{"list of accusers in a gerund", `China has slammed the United States, United Kingdom and New Zealand for accusing it of cyber attacks.`,
			"United States -> China\nUnited Kingdom -> China\nNew Zealand -> China"},
		{"coordinated verb shares the subject", `Beijing on Tuesday insisted it opposes all cyberattacks and accused the US of its own campaign of cyber-espionage.`,
			"China -> United States"},
		{"passive with agent", `APT40 was blamed by New Zealand for the attack on its parliament.`, "New Zealand -> APT40"},
		{"said X was behind", `Washington said a unit, dubbed APT31, was behind the hackings over the last decade.`, "United States -> APT31"},
		{"nested appositives", `Vitali Kremez told Reuters that APT 28, a group tied to the GRU, the Russian military intelligence directorate, was behind the leak.`,
			"Vitali Kremez -> GRU\nVitali Kremez -> APT 28"},
		{"blame on", `New Zealand blamed the cyber attack on China.`, "New Zealand -> China"},
		{"attribute to", `Mandiant attributed the intrusion to APT29.`, "Mandiant -> APT29"},
		{"says did wrong", `London said that the same APT31 group had targeted UK lawmakers’ accounts.`, "United Kingdom -> APT31"},
		{"conducted by", `The BfV said the attack was conducted by a group called Sofacy.`, "BfV -> Sofacy"},
		{"relative clause claim", `They are part of the FiveEyes intelligence sharing network that Beijing claims compiles and disseminates false information.`,
			"China -> Five Eyes"},
		{"charged with", `The Justice Department charged Karim Baratov with hacking Yahoo accounts.`, "Justice Department -> Karim Baratov"},
		{"agentless passive takes the speaker", `Seven alleged hackers have been charged for their roles, the Justice Department said.`,
			"Justice Department -> Seven alleged hackers"},
		{"description accused with an explicit cue", `A former worker faces charges after officials allege the worker stole personal information.`,
			"officials -> worker"},
		{"charges belong to who brings them", `A federal grand jury returned indictments against two Iranian nationals.`,
			"federal grand jury -> two Iranian nationals"},
		{"denial is no accusation", `The Kremlin has denied it was behind any such attacks.`, ""},
		{"negation is no accusation", `Britain did not accuse Russia of the attack.`, ""},
		{"infinitive is no accusation", `Christopher Luxon said it was a big step to blame the cyber attack on China.`, ""},
		{"author's own statement", `Russia and the Syrian government have been accused of creating a humanitarian disaster.`, ""},
		{"mentioned allegations", `"The allegations against Vice President Biden are not credible," Volker said.`, ""},
		{"attribution of no wrongdoing", `Oza attributed the rally in bank stocks to the Supreme Court's ruling.`, ""},
		{"held is not held responsible", `Alibaba’s listing ceremony is due to be held at the Hong Kong Stock Exchange next Tuesday.`, ""},
		{"charging support", `There will be 150 kW DC fast charging support in the new car.`, ""},
		{"launching a campaign is no attack", `According to a report in the Argus Leader, Governor Kristi Noem launched the campaign on Monday.`, ""},
	})
}

func TestCAMEORefinement(t *testing.T) {
	tests := []struct{ text, want string }{
		{`The United States accused China of cyber-espionage against its agencies.`, "1125"},
		{`The Justice Department charged Karim Baratov with hacking Yahoo accounts.`, "1121"},
		{`Britain accused Russia of the attack.`, "112"},
	}
	for _, tt := range tests {
		cs := claimsOf(t, tt.text, model.Accusation)
		if len(cs) != 1 || cs[0].CAMEO != tt.want {
			t.Errorf("%s: got %+v, want one accusation with CAMEO %s", tt.text, cs, tt.want)
		}
	}
}

func TestAccusationPhrasings(t *testing.T) {
	runClaimCases(t, model.Accusation, []claimCase{
		{"point the finger at", `Ukraine's security service pointed the finger at Moscow for the blackout.`, "Ukraine -> Russia"},
		{"named as the culprit", `Microsoft named APT29 as the culprit behind the intrusion.`, "Microsoft -> APT29"},
		{"traced to", `Investigators traced the ransomware attack to a gang called LockBit.`, "Investigators -> LockBit"},
		{"was to blame", `The minister said Pyongyang was to blame for the theft.`, "minister -> North Korea"},
		{"sanctions on", `The EU imposed sanctions on six Russian officers over the cyber attacks.`, "European Union -> Russia"},
	})
}

// An accuser from another sentence makes that sentence evidence too, but
// not the sentences between them: the text joins the two with an
// ellipsis and the offsets keep to the accusing sentence, or span both
// when they are adjacent.
func TestAccusationEvidence(t *testing.T) {
	const (
		s0 = "Prosecutors in Ohio opened the case in March against the clinic."
		s1 = "The trial is due to begin in June at the county court."
		s2 = "Two workers were charged with fraud on Monday."
	)
	for _, tc := range []struct {
		name, text, sentence, span string
	}{
		{"apart", s0 + "\n\n" + s1 + "\n\n" + s2, s0 + " … " + s2, s2},
		{"adjacent", s0 + "\n\n" + s2, s0 + "\n\n" + s2, s0 + "\n\n" + s2},
		{"one sentence", s1 + " The Justice Department charged Karim Baratov with hacking Yahoo accounts.",
			"The Justice Department charged Karim Baratov with hacking Yahoo accounts.", "The Justice Department charged Karim Baratov with hacking Yahoo accounts."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cs := claimsOf(t, tc.text, model.Accusation)
			if len(cs) != 1 {
				t.Fatalf("got %d accusations, want 1: %+v", len(cs), cs)
			}
			c := cs[0]
			if c.Sentence != tc.sentence {
				t.Errorf("sentence = %q, want %q", c.Sentence, tc.sentence)
			}
			if got := tc.text[c.Start:c.End]; got != tc.span {
				t.Errorf("span = %q, want %q", got, tc.span)
			}
		})
	}
}
