package extract

import (
	"slices"
	"strings"
	"testing"

	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/rules"
)

// Every frame the rules may name has a function, and no function is
// unreachable from the rules.
func TestFrameRegistryMatchesRules(t *testing.T) {
	names := rules.Frames()
	for _, n := range names {
		if _, ok := frames[n]; !ok {
			t.Errorf("rules frame %q has no function", n)
		}
	}
	for n := range frames {
		if !slices.Contains(names, n) {
			t.Errorf("frame function %q is named by no rule", n)
		}
	}
}

func TestNewRejectsUnknownFrame(t *testing.T) {
	base, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	rs := *base
	rs.Cues.Accuse = append(slices.Clone(base.Cues.Accuse), rules.AccuseCue{Name: "pin", Forms: []string{"pinned"}, Frame: "on"})
	if _, err := New(&rs); err == nil || !strings.Contains(err.Error(), `"pin"`) {
		t.Fatalf("New with frame \"on\": err = %v, want an error naming the cue", err)
	}
}

func TestAccusationFrames(t *testing.T) {
	runClaimCases(t, model.Accusation, []claimCase{
		{"hold responsible", `The government held Norway responsible for the outage.`, "government -> Norway"},
		{"held with no complement", `The ministry held a briefing on Norway on Monday.`, ""},
		{"list of accused gives one pair each", `Ana Ortiz accused Ben Cole, Carla Diaz and Acme Corp of hiding the losses.`,
			"Ana Ortiz -> Ben Cole\nAna Ortiz -> Carla Diaz\nAna Ortiz -> Acme Corp"},
		{"accusation noun with a that-clause", `Ana Ortiz renewed her accusation that Acme Corp and Globex Inc had rigged the bidding.`,
			"Ana Ortiz -> Acme Corp\nAna Ortiz -> Globex Inc"},
		{"an owner's accusation survives another's denial", `The senator dismissed Ana Ortiz's accusation that Acme Corp rigged the bidding.`,
			"Ana Ortiz -> Acme Corp"},
		{"passive alleged to", `The defendants, Ivan Petrov and Oleg Sokolov, are alleged to have built the malware, prosecutors said.`,
			"prosecutors -> Ivan Petrov\nprosecutors -> Oleg Sokolov"},
		{"lawsuit alleging", `The attorney general filed a lawsuit in 2019 alleging that Ben Cole had defrauded thousands of customers.`,
			"attorney general -> Ben Cole"},
		{"relative clause accuser", `Customers who accused Acme Power of overcharging them filed suit on Friday.`, "Customers -> Acme Power"},
		{"sanctions placed", `The president decided to expel the diplomats and place sanctions on the GRU.`, "president -> GRU"},
		{"hypothetical charge", `Ben Cole might be indicted before the election, Ana Ortiz said.`, ""},
		{"dateline is no accuser", `SPRINGFIELD, Ill. — Senator Ana Ortiz on Monday accused Ben Cole of lying.`, "Ana Ortiz -> Ben Cole"},
		{"title-case headline", `Regulator Accused Of Covering Up Acme Hacking`, ""},
		{"we in a quote is the speaker", `"We have been able to link this intrusion to Norway," Ana Ortiz said.`, "Ana Ortiz -> Norway"},
	})
}

func TestAccusationCompositions(t *testing.T) {
	runClaimCases(t, model.Accusation, []claimCase{
		{"source and the work of", `Analysts at Keystone Labs said the campaign was the work of APT41.`, "Keystone Labs -> APT41"},
		{"the work of without wrongdoing", `The curator said the painting was the work of Ana Ortiz.`, ""},
		{"hostile act then the speaker", `APT29 breached the software maker, the security firm Keystone Labs said.`, "Keystone Labs -> APT29"},
		{"a list of speakers accuses one by one", `Keystone Labs and Redwood Security said APT41 conducted the espionage campaign.`,
			"Keystone Labs -> APT41\nRedwood Security -> APT41"},
		{"the researchers are the organisations named for them", "The intrusions were found by researchers at Keystone Labs and Redwood Security.\n\nThe researchers say the campaign is the work of APT41.",
			"Keystone Labs -> APT41\nRedwood Security -> APT41"},
		{"the group is the actor named before", "APT41 has been active since 2012, Keystone Labs said.\n\nKeystone Labs said the group had mounted dozens of attacks on banks.",
			"Keystone Labs -> APT41"},
		{"the group behind the attacks, named", `The group behind the attacks, named APT41, used custom malware, according to the report.`, "report -> APT41"},
		{"a country in a hyphenated description", `An Iran-based cyber gang has compromised dozens of banks, a new report has revealed.`,
			"new report -> Iran-based cyber gang"},
		{"negated statement", `Ana Ortiz said she saw no evidence that Norway was behind the attack.`, ""},
		{"linked to with a wrongdoing", `The company said the hackers were linked to Norway.`, "company -> Norway"},
		{"relative clause speaker", `Jane Doe, who said Ben Cole assaulted her in 1990, spoke on Monday.`, "Jane Doe -> Ben Cole"},
		{"to blame with no party", `According to a study by Ana Ortiz, the Great Slump is partly to blame for lost jobs.`, ""},
	})
}

// Charges in the passive belong to the authority the story names; with
// none named, nobody accuses. The evidence then holds both sentences.
func TestChargingAuthority(t *testing.T) {
	text := "Two prison guards were charged with falsifying records.\n\nThe district attorney said the guards lied about their rounds."
	cs := claimsOf(t, text, model.Accusation)
	if got := summary(cs); got != "district attorney -> Two prison guards" {
		t.Fatalf("got %q", got)
	}
	if cs[0].Start != 0 || !strings.Contains(cs[0].Sentence, "district attorney") || !strings.Contains(cs[0].Sentence, "were charged") {
		t.Errorf("evidence %d %q does not hold both sentences", cs[0].Start, cs[0].Sentence)
	}
	if got := summary(claimsOf(t, "Two prison guards were charged with falsifying records.", model.Accusation)); got != "" {
		t.Errorf("no authority named: got %q", got)
	}
}

// An accuser named in an earlier sentence is never carried into a
// sentence that does not refer back to it.
func TestNoAccuserCarriedAcross(t *testing.T) {
	text := "Norway said on Friday that it had summoned the ambassador.\n\nKeystone Labs attributed the intrusion to APT41, a group linked to the Ministry of State Security."
	for _, c := range claimsOf(t, text, model.Accusation) {
		if c.Accuser == "Norway" {
			t.Errorf("accuser carried across sentences: %s -> %s", c.Accuser, c.Accused)
		}
		if !strings.HasPrefix(c.Sentence, "Keystone Labs") {
			t.Errorf("evidence %q is not the sentence of the claim", c.Sentence)
		}
	}
}

func TestAccuserOrg(t *testing.T) {
	tests := []struct{ text, accuser, org string }{
		{`Ana Ortiz, a researcher at Keystone Labs, said APT41 breached the bank.`, "Ana Ortiz", "Keystone Labs"},
		{`Peruvian foreign ministry spokesperson Ana Ortiz accused Chile of spying.`, "Ana Ortiz", "Peru"},
		{`Ana Ortiz accused Chile of spying.`, "Ana Ortiz", ""},
	}
	for _, tt := range tests {
		cs := claimsOf(t, tt.text, model.Accusation)
		if len(cs) != 1 || cs[0].Accuser != tt.accuser || cs[0].AccuserOrg != tt.org {
			t.Errorf("%s: got %+v, want accuser %q of %q", tt.text, cs, tt.accuser, tt.org)
		}
	}
}

// Confidence follows how an accusation was found.
func TestAccusationConfidence(t *testing.T) {
	tests := []struct {
		text string
		want float64
	}{
		{`Ana Ortiz accused Ben Cole of fraud.`, confDirect},
		{`Keystone Labs said APT41 breached the bank.`, confComposed},
		{`Ana Ortiz accused Ben Cole and Carla Diaz of fraud.`, confList},
		{`Ana Ortiz repeated Keystone Labs' claim that APT41 breached the bank.`, confIndirect},
		{`Ana Ortiz criticised Ben Cole for hiding the losses.`, confIndirect},
		{`Officials accused Ben Cole of fraud.`, confDesc},
		{"Two prison guards were charged with falsifying records.\n\nProsecutors said the guards lied.", confCross},
	}
	for _, tt := range tests {
		cs := claimsOf(t, tt.text, model.Accusation)
		if len(cs) == 0 || cs[0].Confidence != tt.want {
			t.Errorf("%s: got %+v, want confidence %v", tt.text, cs, tt.want)
		}
	}
}

// Sources that are no verb of saying, composed with the responsibility
// statements of their that-clause, and criticism for a wrongdoing.
func TestSourceFrames(t *testing.T) {
	runClaimCases(t, model.Accusation, []claimCase{
		{"owner's claim that", `Ana Ortiz repeated Keystone Labs' earlier claim that APT41 must be affiliated with the Ministry of State Security.`,
			"Keystone Labs -> Ministry of State Security\nKeystone Labs -> APT41"},
		{"the claim by an owner that", `Ana Ortiz reiterated the claim by Keystone Labs that APT41 is behind the attack.`,
			"Keystone Labs -> APT41"},
		{"the speaker's own claim that", `Ana Ortiz repeated her claim that APT41 is behind the attack.`,
			"Ana Ortiz -> APT41"},
		{"rumours from a source", `There are rumours, emanating from a European intelligence agency, that the hacking group APT41 is behind the attack.`,
			"European intelligence agency -> APT41"},
		{"confident that, the company referring back", "Keystone Labs published a report on Thursday.\n\nThe company is confident that APT41 is connected to the Norwegian military.",
			"Keystone Labs -> Norway\nKeystone Labs -> APT41"},
		{"the author's certainty accuses no one", `It is certain that APT41 is behind the attack.`, ""},
		{"a claim with no owner", `There is a claim that APT41 is behind the attack.`, ""},
		{"a claim with no wrongdoing", `Keystone Labs' claim that the market will grow was repeated on Monday.`, ""},
		{"we link this activity", `"We have been able to link this activity to Norway," Ana Ortiz said.`, "Ana Ortiz -> Norway"},
		{"linking a program is no attribution", `Ana Ortiz attributed the program's success to Ben Cole.`, ""},
		{"criticised for", `Democrats regularly attacked Republicans for how they ran the inquiry.`, "Democrats -> Republicans"},
		{"criticised for speaking is no accusation", `Ana Ortiz criticised Ben Cole for saying the vote was rigged.`, ""},
		{"attacked for a time is no accusation", `Ana Ortiz said rebels attacked the town for three days.`, ""},
		{"a deed of a group the source names", `The company says the domains were created by hackers that it calls APT41.`,
			"company -> APT41"},
		{"a deed of an unnamed group", `The company says the domains were created by hackers last year.`, ""},
		{"the actor tied to its sponsor is blamed with it", `Keystone Labs said APT41 is linked to the Norwegian military.`,
			"Keystone Labs -> Norway\nKeystone Labs -> APT41"},
		{"a tie made by others in a relative clause", `Ana Ortiz said the attack was the work of APT41, which Western governments have tied to Norway.`,
			"Ana Ortiz -> APT41"},
		{"an object pronoun is the object of the verb before", "Pope Pius spoke on Thursday with Ben Cole.\n\nAna Ortiz had criticised the pope and accused him of lying.",
			"Ana Ortiz -> Pius"},
		{"a styled name is referred to by its style", "Bishop Tom Reed spoke on Thursday with Ben Cole.\n\nAna Ortiz had criticised the bishop and accused him of lying.",
			"Ana Ortiz -> Tom Reed"},
		{"an object pronoun is never the clause's subject", "Ben Cole spoke on Thursday.\n\nAna Ortiz then accused him of lying.",
			"Ana Ortiz -> Ben Cole"},
		{"an object pronoun with no other antecedent", `Ben Cole said he was tired and accused him of lying.`, ""},
		{"holding back from criticism", `The agency is steering clear of criticising Ben Cole for the losses.`, ""},
		{"a reduced relative accuses the noun before it, never by another sentence's source", "Ana Ortiz accused Acme Corp of fraud.\n\nBen Cole defended people accused of fraud.",
			"Ana Ortiz -> Acme Corp"},
		{"sanctions stepped up by an infinitive of purpose", `In the House, lawmakers this week passed a set of measures to step up sanctions against Norway.`,
			"lawmakers -> Norway"},
		{"a filing's filer by agent, the accused by title", "Senator Ben Cole’s office dismissed a lawsuit filed by a former aide alleging that the senator violated the law.",
			"former aide -> Ben Cole"},
	})
}
