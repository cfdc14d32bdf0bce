//go:build race

package bindings

// raceDetector reports whether the tests run under the race detector: big tests shrink.
const raceDetector = true
