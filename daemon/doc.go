// Package daemon is claimwire's ingest loop: it polls feeds on their
// schedule, fetches the articles their items point at, takes their main
// text, extracts claims and stores them.
//
// The stages run as a pipeline of goroutines joined by channels:
//
//	scheduler → pollers → workers → writer
//
// The scheduler hands due feeds to a few pollers. A poller fetches the feed,
// drops items the store has already seen (or that another feed's poll is
// already fetching) and queues the rest as jobs. Workers fetch each page,
// take its text and extract its claims; a worker pool uses every core, since
// extraction is the costly stage. One writer commits the results in batches,
// each in one transaction with the state of the feeds whose items are all
// done, so a feed's new ETag is never stored before the articles it led to:
// after a crash the feed is polled again and its items are fetched again,
// and the store's seen keys keep any of them from being stored twice.
//
// Cancelling Run's context stops fetching at once; jobs not yet finished are
// dropped (their feeds are polled again next time), and the writer commits
// what is done before Run returns.
package daemon
