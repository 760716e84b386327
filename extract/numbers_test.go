package extract

import (
	"fmt"
	"strings"
	"testing"

	"github.com/claimwire/claimwire/model"
)

func TestNumbers(t *testing.T) {
	runClaimCases(t, model.Number, []claimCase{
		{"qualifier and noun", `The campaign involved more than 10,000 emails being sent.`, "10000 emails more than"},
		{"number word, adjective skipped", `Seven alleged hackers have been charged.`, "7 hackers"},
		{"two claims in one phrase", `Two individuals and one company linked to APT31 were sanctioned.`, "2 individuals\n1 company"},
		{"money", `Verizon lowered its price by $350 million, to $4.4 billion dollars.`, "3.5e+08 USD\n4.4e+09 USD"},
		{"name before the noun", `The ransomware encrypted files on 3,789 City of Atlanta computers.`, "3789 computers"},
		{"capitalised unit", `The attackers asked for six Bitcoin to unlock the systems.`, "6 Bitcoin"},
		{"unit with the number", `As much as 9 gigabytes of data were posted online.`, "9 gigabytes up to"},
		{"percent", `Prices rose 20 percent last year.`, "20 percent"},
		{"years, ages and durations are not claims", `Sims, 28, held the data for 24 hours in 2014.`, ""},
		{"one of is no count", `New Zealand, normally one of China’s strongest backers, blamed Beijing.`, ""},
		{"generic noun", `One thing UCL did was to switch drives to read-only.`, ""},
		{"no noun", `The attack cut power to 80,000 in western Ukraine.`, ""},
	})
}

// TestNumbersNotCounts lists classes of English number expressions that
// name, score, rate or refer back rather than count.
func TestNumbersNotCounts(t *testing.T) {
	runClaimCases(t, model.Number, []claimCase{
		{"model number after a name", `The Apollo 10 crew tested the lunar module in orbit.`, ""},
		{"product name", `The Galaxy Note 10 Plus went on sale in 2019.`, ""},
		{"name at the start of a line", "Meal 1\nEat every three hours.", ""},
		{"type of a disease", `She has lived with type 1 diabetes since childhood.`, ""},
		{"capitalised number word in a name", `Researchers at Project Zero found the flaw.`, ""},
		{"hyphenated code", `The RS-25 engines were tested again.`, ""},
		{"emergency number", `Neighbours made 911 calls about the fire.`, ""},
		{"score with a score word", `The club suffered a 3-4 loss at home.`, ""},
		{"score, first end higher", `The hosts sealed a 4-1 win over the visitors.`, ""},
		{"ratio out of ten", `Eight out of ten companies now write custom apps.`, ""},
		{"ratio in", `One in five adults uses the app daily.`, ""},
		{"slash fraction", `The band played in 6/8 rhythm.`, ""},
		{"fraction of time after a month", `The September quarter earnings beat forecasts.`, ""},
		{"a noun or two", `It sparks a year or two of international fury.`, ""},
		{"fixed phrase", `Beijing said it remains committed to one country, two systems.`, ""},
		{"lone one", `One user on the forum said the site was down.`, ""},
		{"one ... another", `He favours one candidate or another, aides said.`, ""},
		{"the two refers back", `The two countries signed a trade deal.`, ""},
		{"the nine is new", `NASA picked the nine companies eligible to bid.`, "9 companies"},
		{"singular noun after a number", `It fell short of the 176 majority it needed.`, ""},
		{"zero and a mass noun", `There should be zero shame involved.`, ""},
		{"measure compound", `Going upstairs was a 30 minute activity for him.`, ""},
		{"pro-form", `She sent 12 of the best ones to a lawyer.`, ""},
		{"noun on the next line", "Portion: 1\nGreen beans and rice.", ""},
		{"long identifier", `The post 750366792434978816 was deleted.`, ""},
		{"weekday is no name", `On Monday 200 workers walked out.`, "200 workers"},
	})
}

func TestNumbersNouns(t *testing.T) {
	runClaimCases(t, model.Number, []claimCase{
		{"lakh", `The government has started distributing 50 lakh masks today.`, "5e+06 masks"},
		{"crore with a currency", `The firm paid Rs 5 crore to settle the claim.`, "5e+07 INR"},
		{"partitive", `Cruz took 18 of 25 slots in the state.`, "18 slots\n25 slots"},
		{"partitive after the", `So far, 59 of the 75 witnesses had never testified.`, "59 witnesses\n75 witnesses"},
		{"one of a counted many", `Only one of the 25 delegates has spoken.`, "1 delegates\n25 delegates"},
		{"one in a list of counts", `The attack left one person dead and 20 injured.`, "1 person"},
		{"possessive inside the phrase", `More than half of the state's school districts closed.`, "0.5 districts more than"},
		{"acronym before the noun", `Some 200 U.S. military personnel remain at the base.`, "200 personnel about"},
		{"proper adjective inside the compound", `The fund includes 32 state Democratic committees.`, "32 committees"},
		{"plural the tagger reads as a preposition", `More than 1,000 apps it looked at leaked data.`, "1000 apps more than"},
		{"modifiers joined by and", `They studied 100 million corporate and consumer computers.`, "1e+08 computers"},
		{"invariant plural", `The airline had a fleet of 270 aircraft.`, "270 aircraft"},
		{"a sign, not a range", `Shares closed 113.40 -1.62 -1.41% lower.`, "-1.41 percent"},
		{"amounts of different kinds", `The grant paid 50 lakh rupees to 2 crore people.`, "5e+06 INR\n2e+07 people"},
	})
}

// TestNumberRanges checks that a range keeps both ends.
func TestNumberRanges(t *testing.T) {
	tests := []struct{ in, want string }{
		{`Between 200 and 300 workers walked out.`, "200-300 workers"},
		{`The strike involved 200-300 workers.`, "200-300 workers"},
		{`The deal was valued at $2m to $3m by analysts.`, "2e+06-3e+06 USD"},
		{`The firm raised $2 million to $3 million last year.`, "2e+06-3e+06 USD"},
		{`Prices rose 5-10% in a year.`, "5-10 percent"},
		{`Officials counted 1,000 protesters.`, "1000 protesters"},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range claimsOf(t, tt.in, model.Number) {
			s := fmt.Sprintf("%g %s", c.Value, c.Unit)
			if c.Max != 0 {
				s = fmt.Sprintf("%g-%g %s", c.Value, c.Max, c.Unit)
			}
			got = append(got, s)
		}
		if strings.Join(got, "\n") != tt.want {
			t.Errorf("%s\n got  %q\n want %q", tt.in, got, tt.want)
		}
	}
}

// TestNumberConfidence checks that confidence follows how the unit was
// found: written with the number or right after it, further away, guessed.
func TestNumberConfidence(t *testing.T) {
	tests := []struct {
		in   string
		want float64
	}{
		{`The hackers stole $4bn from banks.`, confUnitNear},
		{`Police arrested 300 protesters overnight.`, confUnitNear},
		{`Police arrested 300 young protesters overnight.`, confUnitFar},
		{`Millions of users and 300 of the firm's customers lost data.`, confUnitFar},
		{`The attackers asked for six Bitcoin to unlock the files.`, confUnitGuessed},
		{`Two individuals and one company were sanctioned.`, confUnitGuessed},
	}
	for _, tt := range tests {
		cs := claimsOf(t, tt.in, model.Number)
		if len(cs) == 0 {
			t.Errorf("%s: no claim", tt.in)
			continue
		}
		if got := cs[len(cs)-1].Confidence; got != tt.want {
			t.Errorf("%s: confidence %v, want %v", tt.in, got, tt.want)
		}
	}
}
