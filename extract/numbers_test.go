package extract

import (
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
