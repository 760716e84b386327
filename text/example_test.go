package text_test

import (
	"context"
	"fmt"
	"log"

	"github.com/claimwire/claimwire/rules"
	"github.com/claimwire/claimwire/text"
)

func ExampleExtractor_Extract() {
	rs, err := rules.Load()
	if err != nil {
		log.Fatal(err)
	}
	e, err := text.New(rs.Sites)
	if err != nil {
		log.Fatal(err)
	}
	page := []byte(`<html lang="en"><head><title>Grid operator reports intrusion | Wire</title>
<meta property="og:site_name" content="Wire">
<meta property="article:published_time" content="2024-05-02T10:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Grid operator reports intrusion</h1>
<p>The national grid operator said on Thursday that hackers had
broken into its billing network, but that power supply was not affected.</p>
<p>Advertisement</p>
<p>“We isolated the affected systems within hours,” a spokeswoman said.</p>
<p>Read more: <a href="/x">How grids are attacked</a></p></article>
<footer>© 2024 Wire. All rights reserved.</footer></body></html>`)
	p, err := e.Extract(context.Background(), page, "text/html; charset=utf-8", "https://wire.example/grid")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s (%s, %s)\n\n%s\n", p.Title, p.SiteName, p.Published.Format("2 Jan 2006"), p.Text)
	// Output:
	// Grid operator reports intrusion (Wire, 2 May 2024)
	//
	// The national grid operator said on Thursday that hackers had broken into its billing network, but that power supply was not affected.
	//
	// “We isolated the affected systems within hours,” a spokeswoman said.
}
