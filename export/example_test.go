package export_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/claimwire/claimwire/export"
	"github.com/claimwire/claimwire/model"
)

func ExampleWriter() {
	a := model.Article{
		ID: "3f2a9c0d1e2b4a56", URL: "https://news.example/a", Title: "Blackout",
		Feeds: []string{"https://wire.example/rss"}, Published: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC),
	}
	c := model.Claim{
		ID: "3f2a9c0d1e2b4a56-0001", ArticleID: a.ID, Kind: model.Number,
		Value: 4.4e9, Unit: "USD", Sentence: "=Damage reached $4.4bn.", Start: 0, End: 23,
	}
	var out strings.Builder
	w := export.NewWriter(&out, export.Options{Format: export.CSV})
	if err := w.Write(c, a); err != nil {
		fmt.Println(err)
	}
	if err := w.Flush(); err != nil {
		fmt.Println(err)
	}
	// Rows end in CRLF, as RFC 4180 has it; shown here with plain newlines.
	fmt.Print(strings.ReplaceAll(out.String(), "\r\n", "\n"))
	// Output:
	// claim_id,kind,accuser,accused,actor_label,actor_canonical,sponsor,speaker,speaker_title,quote,value,max,unit,qualifier,sentence,start,end,article_id,url,title,feed,published,fetched,rule,confidence,accuser_org,allegation,cue,direct,group_id,canonical_url,denier,denied,answers_group,actor_alias,actor_kind,actor_source,galaxy_uuid,misp_tag
	// 3f2a9c0d1e2b4a56-0001,number,,,,,,,,,4400000000,,USD,,'=Damage reached $4.4bn.,0,23,3f2a9c0d1e2b4a56,https://news.example/a,Blackout,https://wire.example/rss,2025-03-01T12:00:00Z,,,0,,,,,,,,,,,,,,
}
