//go:build race

package main

// raceOverheadMB is what the race detector's shadow memory adds to a child's peak.
const raceOverheadMB = 400
