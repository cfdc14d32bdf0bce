// Command luasync runs Lua 5.1 scripts with asyncio-style concurrency: tasks, sleep,
// locks, queues and the other synchronization primitives. See README.md.
package main

import (
	"os"

	"luasync/internal/app"
)

func main() {
	os.Exit(app.Main(os.Args, os.Stdin, os.Stdout, os.Stderr))
}
