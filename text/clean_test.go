package text

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

func TestIsBoilerplate(t *testing.T) {
	tests := map[string]bool{
		"Advertisement": true,
		"ADVERTISEMENT": true,
		"Read more: Ransomware hits regional hospital": true,
		"READ MORE: China plague outbreak confirmed":   true,
		"Related stories":                                       true,
		"Related: SpaceX's Starship in pictures":                true,
		"CLICK HERE TO GET THE FOX NEWS APP":                    true,
		"Sign up for our morning newsletter.":                   true,
		"Like this story? Share it with a friend!":              true,
		"© 2019 Associated Press. All Rights Reserved.":         true,
		"copyright Inexhibit 2019 - ISSN: 2283-5474":            true,
		"Jewels, installation views, photos © Inexhibit, 2018":  true,
		"The copyright dispute began in 2019, the court heard.": false,
		"Subscribe to WIRED and stay smart.":                    false, // too close to instructions in a story
		"SUBSCRIBE":                                             true,
		"Sign up for our daily briefing.":                       true,
		"Sign up for a Hulu account for $11.99 a month":         false,
		"Follow Newsbeat on Instagram, Facebook and Twitter.":   true,
		"More Great WIRED Stories":                              true,
		"Fox News’ Jessica Napoli contributed to this report.":  true,
		"Reporting by Jane Doe; Editing by Tom Berg":            true,
		"You must log in to post a comment.":                    true,
		"Filed under: Politics | World":                         true,
		"Subscribers will pay $5 more, the company said.":       false,
		"More stories of abuse emerged on Tuesday, she said.":   false,
		"Write to Al Root at allen.root@dowjones.com":           true,
		"By JERUSALEM POST STAFF":                               true,
		"By Jane Doe and Tom Berg":                              true,
		"NOVEMBER 20, 2019 10:43":                               true,
		"Published 11/19/2019 4:03 PM EST":                      true,
		"Updated: 5 March 2024":                                 true,
		"More:":                                                 true,
		"More than 2,500 civilians have been killed this year.": false,
		"By the numbers":                                        false,
		"By Thursday the ministry had changed its account.":     false,
		"Read the full statement below.":                        false,
		"Who was behind it":                                     false,
		"He said the ad campaign cost $500,000.":                false,
		"Trending downwards, the index lost 3%.":                false,
	}
	for p, want := range tests {
		if got := isBoilerplate(p); got != want {
			t.Errorf("isBoilerplate(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestTidy(t *testing.T) {
	page := &Page{Title: "Port strike ends | Harbour Times", CanonicalURL: "https://harbour.example/a/1"}
	in := "Port strike ends\n\nhttps://harbour.example/a/1\n\nThe strike ended.\n\nAdvertisement\n\nWorkers return on Monday."
	want := "The strike ended.\n\nWorkers return on Monday."
	if got := tidy(in, page, ""); got != want {
		t.Errorf("tidy = %q, want %q", got, want)
	}
}

func TestDropImageCaptions(t *testing.T) {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(`<div>
<p><a href="/big.jpg"><img src="/small.jpg"></a></p>
<p class="post-text"><em>Light a Wish by OGE Group</em></p>
<p>The festival runs until January.</p>
<p><em>An italic paragraph that follows text is not a caption.</em></p>
<img src="/x.jpg"><br><center><em>Keyboard photo via iFixit</em></center>
<p><img src="/y.jpg"> A paragraph with a picture and text.</p>
<p><em>Nor is one after a paragraph that has text beside its picture.</em></p>
</div>`))
	if err != nil {
		t.Fatal(err)
	}
	dropImageCaptions(doc)
	got := render(doc.Nodes[0])
	want := "The festival runs until January.\n\nAn italic paragraph that follows text is not a caption.\n\n" +
		"A paragraph with a picture and text.\n\nNor is one after a paragraph that has text beside its picture."
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// BenchmarkIsBoilerplate runs over short paragraphs, most of them story
// text: every paragraph of every page goes through it.
func BenchmarkIsBoilerplate(b *testing.B) {
	paras := []string{
		"Who was behind it",
		"The authority estimated the cost at $4.5 million, officials said.",
		"“No data was taken,” she said.",
		"Advertisement",
		"NOVEMBER 20, 2019 10:43",
		"Read more: Ransomware hits regional hospital",
	}
	for b.Loop() {
		for _, p := range paras {
			isBoilerplate(p)
		}
	}
}

func TestDropStandfirst(t *testing.T) {
	const desc = "Officials blamed a foreign intelligence service."
	tests := map[string]bool{ // page → standfirst dropped
		`<h1>Port hit</h1><h2 class="sub-head">Officials blamed a foreign intelligence service.</h2><p>Body.</p>`:      true,
		`<h1>Port hit</h1><div class="article-dek">Officials blamed a foreign intelligence service.</div><p>Body.</p>`: true,
		`<h1>Port hit</h1><p>Officials blamed a foreign intelligence service.</p><p>Body.</p>`:                         false, // the lead
		`<h1>Port hit</h1><h2>Who was behind it</h2><p>Body.</p>`:                                                      false,
		`<h1>Other story</h1><h2>Officials blamed a foreign intelligence service.</h2><p>Body.</p>`:                    false,
	}
	for page, want := range tests {
		doc, err := goquery.NewDocumentFromReader(strings.NewReader(page))
		if err != nil {
			t.Fatal(err)
		}
		before := render(doc.Nodes[0])
		dropStandfirst(doc, &Page{Title: "Port hit"}, desc)
		got := render(doc.Nodes[0]) != before
		if got != want {
			t.Errorf("%s: dropped = %v, want %v", page, got, want)
		}
	}
}
