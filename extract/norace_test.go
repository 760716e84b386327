//go:build !race

package extract

// raceEnabled reports a build with the race detector, which slows prose
// down several times.
const raceEnabled = false
