package extract

import (
	"testing"

	"github.com/claimwire/claimwire/model"
)

func TestDenials(t *testing.T) {
	runClaimCases(t, model.Denial, []claimCase{
		{"denied the accusations", `China denied the accusations.`, `China denies "the accusations"`},
		{"answers the accusation before it",
			`The United States accused China of hacking its agencies. China denied the accusations.`,
			`China denies "the accusations" answering United States -> China (#1)`},
		{"rejected as patently false",
			`Britain blamed Russia for the attack. Moscow rejected these accusations as patently false.`,
			`Russia denies "these accusations as patently false" answering United Kingdom -> Russia (#1)`},
		{"dismissed the allegations", `The Kremlin dismissed the allegations.`, `Russia denies "the allegations"`},
		{"denies any involvement", `Iran denies any involvement in the attack.`, `Iran denies "any involvement in the attack"`},
		{"denied a clause", `The Kremlin has denied it was behind any such attacks.`, `Russia denies "it was behind any such attacks"`},
		{"a spokesperson speaks for the state",
			`New Zealand accused China of the attack. Chinese foreign ministry spokesperson Lin Jian denied the claims, saying China opposes hacking.`,
			`Lin Jian denies "the claims" answering New Zealand -> China (#1)`},
		{"we in a quotation is the speaker",
			`Canada blamed Russia for the leak. “We reject these allegations,” Russia said.`,
			`Russia denies "these allegations" answering Canada -> Russia (#1)`},
		{"no accusation of the denier, no link",
			`The United States accused Iran of the attack. China denied the accusations.`,
			`China denies "the accusations"`},
		{"the object ends at the next verb", `The Ortiz campaign denies any wrongdoing and points to its audited accounts.`,
			`Ortiz campaign denies "any wrongdoing"`},
		{"a pronoun opens the clause", `Russian authorities have vigorously denied they're behind the hacking.`,
			`Russia denies "they're behind the hacking"`},
		{"denied him is no clause", `The judge denied him bail.`, ""},
		{"a state's mission speaks for the state", `Chile's embassy in Lima rejected the allegations.`,
			`Chile denies "the allegations"`},
		{"an actor of the denier's state",
			`Britain blamed APT29 for the intrusion. Moscow dismissed the accusations.`,
			`Russia denies "the accusations" answering United Kingdom -> APT29 (#1)`},
		{"denied entry is no denial", `The reporters were denied entry to the court.`, ""},
		{"rejected an offer is no denial", `The union rejected the offer on Monday.`, ""},
		{"not denied is no denial", `The company did not deny the report.`, ""},
	})
}
