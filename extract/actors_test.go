package extract

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/claimwire/claimwire/model"
	"github.com/claimwire/claimwire/rules"
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
		{"a sentence's first word is no label", `The hacking group stole data from the ministry, investigators said.`, ""},
		{"a label before the kind of group", `Investigators said the Wizard hacking group stole data.`, "Wizard (Wizard, )"},
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

// sharedRules adds two galaxy groups that share the alias "Quill Owl" to
// the default rules.
func sharedRules(t *testing.T) *Extractor {
	t.Helper()
	base, err := rules.Default()
	if err != nil {
		t.Fatal(err)
	}
	rs := *base
	rs.GalaxyActors = append(slices.Clone(base.GalaxyActors),
		rules.Actor{Name: "Velvet Quokka", Aliases: []string{"Quill Owl", "VQ-77", "Tawny Heron"}, Sponsor: "Iran", Kind: rules.KindState},
		rules.Actor{Name: "Tawny Heron", Kind: rules.KindHacktivist},
		rules.Actor{Name: "Copper Marmot", Aliases: []string{"Quill Owl", "CM-12"}, Kind: rules.KindCriminal},
		rules.Actor{Name: "Sleepy Vole", Aliases: []string{"Murmur"}, Ambiguous: []string{"Murmur"}, Kind: rules.KindCriminal},
	)
	x, err := New(&rs)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func TestActorAliasCollisions(t *testing.T) {
	x := sharedRules(t)
	cases := []struct {
		name, text string
		want       []string // canonical names, sorted
	}{
		{"shared alias alone names no group", "Quill Owl breached the ministry's mail server.", nil},
		{"shared alias with the group's other name", "Researchers tie VQ-77 to the intrusion. Quill Owl breached the ministry.", []string{"Velvet Quokka"}},
		{"the other group's evidence picks the other group", "CM-12 sold the data. Quill Owl had stolen it.", []string{"Copper Marmot"}},
		{"evidence for both groups decides nothing", "VQ-77 and CM-12 were active. Quill Owl struck again.", []string{"Copper Marmot", "Velvet Quokka"}},
		{"a group's own name is that group", "Tawny Heron defaced the site.", []string{"Tawny Heron"}},
		{"unless the story names the group it is an alias of", "VQ-77 struck first. Tawny Heron defaced the site.", []string{"Velvet Quokka"}},
		{"ambiguous name needs a cue", "Murmur spread through the hall.", nil},
		{"ambiguous name beside a cue", "The Murmur gang demanded a ransom.", []string{"Sleepy Vole"}},
		{"capitalised cue is part of a name", "The Murmur Group Foundation gave a grant.", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cs, err := x.Extract(context.Background(), tc.text)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range cs {
				if c.Kind == model.Actor {
					got = append(got, c.Canonical)
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("%q: got actors %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestActorSharedAliasResolved(t *testing.T) {
	cs, err := sharedRules(t).Extract(context.Background(), "Quill Owl breached the ministry. CM-12 sold the data.")
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) == 0 || cs[0].Kind != model.Actor || cs[0].Label != "Quill Owl" || cs[0].Canonical != "Copper Marmot" || cs[0].Rule != "actor.gazetteer.shared" {
		t.Fatalf("got %+v, want Quill Owl resolved to Copper Marmot", cs)
	}
}

func TestRansomwareGangs(t *testing.T) {
	runClaimCases(t, model.Actor, []claimCase{
		{"gang claims an attack", "LockBit claimed the attack on the hospital.", "LockBit (LockBit, )"},
		{"gang by an alias beside a cue", "The Cl0p gang listed the company on its leak site.", "Cl0p (Clop, )"},
		{"alias of a gang", "ALPHV published the stolen files.", "ALPHV (BlackCat, )"},
		{"curated spelling of a galaxy gang", "RansomHub said it had stolen 4 terabytes.", "RansomHub (RansomHub, )"},
		{"a word-like name needs a cue", "The Akira ransomware hit a school.", "Akira (Storm-1567, )"},
		{"a word-like name alone is no gang", "Akira Kurosawa's films played all week.", ""},
		{"plain word", "Children play in the park and Play resumed after rain.", ""},
	})
	runClaimCases(t, model.Accusation, []claimCase{
		{"gang accused", "The FBI accused the LockBit gang of attacking the port.", "FBI -> LockBit"},
		{"gang behind an attack", "Officials said the Cl0p gang was behind the attack.", "Officials -> Cl0p"},
	})
}

func TestActorProvenance(t *testing.T) {
	cs := claimsOf(t, "LockBit claimed the attack. Fancy Bear hacked the agency.", model.Actor)
	if len(cs) != 2 {
		t.Fatalf("got %d actors: %s", len(cs), summary(cs))
	}
	lb, fb := cs[0], cs[1]
	if lb.ActorSource != rules.SourceGalaxy || lb.ActorKind != rules.KindRansomware || lb.GalaxyUUID == "" ||
		lb.MISPTag != `misp-galaxy:ransomware="LockBit"` || lb.Alias != "LockBit" {
		t.Errorf("LockBit provenance: %+v", lb)
	}
	if fb.ActorSource != rules.SourceCurated || fb.ActorKind != rules.KindState || fb.Alias != "Fancy Bear" ||
		fb.MISPTag != `misp-galaxy:threat-actor="APT28"` {
		t.Errorf("Fancy Bear provenance: %+v", fb)
	}
}

// BenchmarkNewLexicon is the cost of indexing every actor name (curated and
// galaxy) when an Extractor is made.
func BenchmarkNewLexicon(b *testing.B) {
	rs, err := rules.Default()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		newLexicon(rs)
	}
}

// BenchmarkFindActors is actor matching alone on a story that names groups
// by name, alias and spelling variant: map lookups per token, not a scan of
// the aliases.
func BenchmarkFindActors(b *testing.B) {
	x := testExtractor()
	d, err := x.analyse(strings.Repeat("Officials said LockBit, APT 28 and the Cl0p gang hit the port; Fancy Bear denied it. ", 40))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		d.findActors()
	}
}
