//go:build !race

package daemon

// raceEnabled reports a build with the race detector, which slows claim
// extraction down several times.
const raceEnabled = false
