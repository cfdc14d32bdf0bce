//go:build race

package engine

// raceDetector says whether this build has the race detector, whose memory the Go
// runtime does not count.
const raceDetector = true
