package extract

import (
	"slices"
	"testing"

	"github.com/claimwire/claimwire/model"
)

func TestActors(t *testing.T) {
	runClaimCases(t, model.Actor, []claimCase{
		{"gazetteer name", `APT31 targeted lawmakers in Britain.`, "APT31 (APT31, China)"},
		{"alias to canonical", `Fancy Bear hacked the agency's servers.`, "Fancy Bear (APT28, Russia)"},
		{"spelling variant", `APT 28 was behind the leak.`, "APT 28 (APT28, Russia)"},
		{"one claim per actor", `APT28, aka Fancy Bear, and Sofacy attacked the Bundestag.`, "APT28 (APT28, Russia)"},
		{"group called", `They blamed the attacks on a pro-Russia group called CyberBerkut.`, "CyberBerkut (Cyber Berkut, Russia)"},
		{"persona", `Russian hackers posing as the “Cyber Caliphate” were suspected of the attack.`, "Cyber Caliphate (Cyber Caliphate Army, Russia)"},
		{"unit dubbed", `Washington said a unit, dubbed APT99, was behind the hackings.`, "APT99 (APT99, )"},
		{"weather name carries its state", `Microsoft tracks the group as Sapphire Typhoon.`, "Sapphire Typhoon (Sapphire Typhoon, China)"},
		{"ambiguous name without a cue", `It is larger than the planet Mercury.`, ""},
		{"adjective is no label", `The group, posing as Islamic radicals, stole data.`, ""},
	})
}

func TestActorAliases(t *testing.T) {
	cs := claimsOf(t, "Judgment Panda was named in the indictment.", model.Actor)
	if len(cs) != 1 {
		t.Fatalf("got %d actors: %s", len(cs), summary(cs))
	}
	c := cs[0]
	if c.Canonical != "APT31" || c.Sponsor != "China" {
		t.Errorf("got %s, want APT31 tied to China", summary(cs))
	}
	for _, alias := range []string{"ZIRCONIUM", "Violet Typhoon", "APT31"} {
		if !slices.Contains(append(c.Aliases, c.Canonical), alias) {
			t.Errorf("aliases %v lack %s", c.Aliases, alias)
		}
	}
}
