// Command gopingpong is the plain-Go limit for bench/pingpong.lua: the same ping-pong
// between two goroutines over two channels, with no Lua and no scheduler, printing
// the same result line. luasync hands the baton between task goroutines, so a
// channel hand-off is what one of its task switches cannot beat.
//
//	go run ./bench/gopingpong [-chan unbuffered|buffered] [ROUNDS]
//
// It prints the result line on stdout and the time per round trip on stderr.
package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"time"
)

func main() {
	mode := flag.String("chan", "unbuffered", "`kind` of channels: unbuffered or buffered (capacity 1)")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: gopingpong [-chan unbuffered|buffered] [ROUNDS]")
		flag.PrintDefaults()
	}
	flag.Parse()
	rounds := 200000
	if flag.NArg() > 1 {
		flag.Usage()
		os.Exit(2)
	}
	if flag.NArg() == 1 {
		n, err := strconv.Atoi(flag.Arg(0))
		if err != nil || n < 0 {
			fmt.Fprintf(os.Stderr, "gopingpong: ROUNDS must be a whole number, not %q\n", flag.Arg(0))
			os.Exit(2)
		}
		rounds = n
	}
	capacity := 0
	switch *mode {
	case "unbuffered":
	case "buffered":
		capacity = 1
	default:
		fmt.Fprintf(os.Stderr, "gopingpong: -chan must be unbuffered or buffered, not %q\n", *mode)
		os.Exit(2)
	}

	start := time.Now()
	token := pingpong(rounds, capacity)
	took := time.Since(start)
	fmt.Printf("pingpong rounds=%d token=%d\n", rounds, token)
	perRound := time.Duration(0)
	if rounds > 0 {
		perRound = took / time.Duration(rounds)
	}
	fmt.Fprintf(os.Stderr, "gopingpong: %s channels: %d round trips in %v, %v per round trip\n",
		*mode, rounds, took.Round(time.Microsecond), perRound)
}

// pingpong bounces a token between two goroutines through two channels of the given
// capacity, rounds times; pong folds the round number into the token as
// bench/pingpong.lua does.
func pingpong(rounds, capacity int) int {
	q1, q2 := make(chan int, capacity), make(chan int, capacity)
	go func() { // pong
		for i := 1; i <= rounds; i++ {
			token := <-q1
			q2 <- (token*31 + i) % 1000003
		}
	}()
	token := 1 // ping
	for range rounds {
		q1 <- token
		token = <-q2
	}
	return token
}
