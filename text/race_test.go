//go:build race

package text

// raceEnabled lets slow, single-goroutine tests skip under -race, where
// they take ten times as long and check nothing more.
const raceEnabled = true
