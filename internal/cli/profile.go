package cli

import (
	"fmt"
	"io"
	"os"
	"runtime/pprof"
)

// CPUProfileEnv names the file a CPU profile of the whole command is written to, for
// the people who make luasync faster (bench/pgo.sh makes default.pgo with it).
const CPUProfileEnv = "LUASYNC_CPUPROFILE"

// profiled runs cmd, with a CPU profile written to $LUASYNC_CPUPROFILE if it is set.
// A profile that cannot be written is said on stderr; the command runs anyway.
func profiled(stderr io.Writer, cmd func() int) int {
	path := os.Getenv(CPUProfileEnv)
	if path == "" {
		return cmd()
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintf(stderr, "luasync: no CPU profile (%s): %v\n", CPUProfileEnv, err)
		return cmd()
	}
	defer f.Close()
	defer pprof.StopCPUProfile()
	return cmd()
}
