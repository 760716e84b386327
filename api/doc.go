// Package api is the local HTTP API of a running claimwire daemon, and its
// client.
//
// bbolt locks the database file, so while the daemon runs no other process
// can open it. The daemon therefore serves what the CLI needs on a loopback
// address, and records that address in a file beside the database
// (AddrFile); the CLI's export and reprocess commands read that file and go
// through the API when a daemon answers, and open the file directly
// otherwise.
//
// Endpoints:
//
//	GET  /healthz                 "ok"
//	GET  /metrics                 Prometheus text format
//	GET  /api/claims              {"claims": [...], "next": ID}: claims with their articles, newest first (ClaimParams)
//	GET  /api/claims.csv          the CSV of claimwire export, streamed (excel=1, raw=1)
//	GET  /api/claims.ndjson       the NDJSON of claimwire export, streamed
//	GET  /api/articles            {"articles": [...]}: every article, without its text
//	GET  /api/articles/{id}       {"article": ..., "claims": [...]}
//	POST /api/reprocess/{id}      extract the article's claims again: {"id": ..., "claims": N}
//	GET  /api/feeds               {"feeds": [...]}: every feed's polling state
//
// Filters: since (RFC 3339 time, or a duration such as 24h meaning that long
// ago), kind (comma-separated kinds), feed (a feed URL); /api/claims also
// takes until, outlet, accuser, accused, speaker, actor, q (free text),
// limit and after (ParseClaimFilter).
//
// Server.Pages, when set, serves every other path (the web interface of
// package web) behind the same guard.
package api
