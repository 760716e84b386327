// Package feeds polls news wire feeds and fetches the pages their items point
// at. It is the first stage of claimwire: it hands items (and, when a feed
// does not carry the whole story, raw page bytes) to the text stage, and it
// keeps each feed's polling state in a model.Feed.
//
// # Fetching
//
// A Fetcher owns one HTTP client. It sends a User-Agent naming claimwire,
// accepts gzip, follows at most Options.MaxRedirects redirects, caps body
// sizes and times requests out. It limits concurrent requests to one host and
// spaces them by Options.HostDelay. By default it refuses to connect to
// loopback, private, link-local, site-local, CGNAT, multicast, unspecified,
// discard-only and cloud-metadata addresses, the IPv4-compatible and
// IPv4-translated IPv6 forms, and NAT64, 6to4 and Teredo addresses that
// carry a refused IPv4 address; the check runs on the resolved address at dial
// time, so it holds for every redirect and against DNS rebinding.
//
// # Polling
//
// Poll makes a conditional GET (If-None-Match, If-Modified-Since) and
// computes the next check as the longest of the configured interval, the
// feed's RSS <ttl>, Cache-Control max-age, Expires and Retry-After, doubled
// per consecutive error, clamped to [MinInterval, MaxInterval], plus up to
// Jitter of random delay. A failing feed is slowed, never dropped; a 410 Gone
// feed is checked at MaxInterval.
//
// # Full articles
//
// An item counts as the full article (Item.Full) when its content element —
// RSS content:encoded, Atom <content>, JSON Feed content_html or
// content_text — holds at least Options.FullWords words of text, HTML tags
// not counted. A summary (RSS <description>, Atom <summary>, JSON Feed
// summary) never counts, however long: the caller fetches the page with
// FetchPage instead, or with FetchItem, which falls back to the item's
// content element when the page is gone for good (a 404, say).
//
// # Charsets
//
// Feed bodies are converted to UTF-8 before parsing, using the charset of
// the HTTP Content-Type, else that of the XML declaration, else Windows-1252
// for bytes that are not valid UTF-8. Page bodies are returned untouched
// with their Content-Type; the text stage decodes them.
package feeds
