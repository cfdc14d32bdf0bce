package bindings

import (
	"bytes"
	"os"
	"strconv"
	"testing"

	"luasync/runtime"
)

// benchWorkload runs bench/NAME.lua (the workloads of bench/compare.sh) in process
// on the real clock, with size rounds per op; one op is one round trip, lock
// acquisition or item (ns/op divides by size).
func benchWorkload(b *testing.B, name string, size int) {
	src, err := os.ReadFile("../bench/" + name + ".lua")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		var out bytes.Buffer
		s := runtime.New(runtime.Options{})
		m := New(s, Options{Stdout: &out, Stderr: &out, Script: name + ".lua", Seed: 1, Args: []string{strconv.Itoa(size)}})
		chunk, err := m.Load(name+".lua", src)
		if err != nil {
			b.Fatal(err)
		}
		if err := s.Run(m.MainTask(chunk)); err != nil || len(s.Failed()) > 0 {
			b.Fatalf("run: %v %v\n%s", err, s.Failed(), out.String())
		}
		m.Close()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*size), "ns/round")
}

// go test -run - -bench Workload ./bindings/: the bench/ workloads without the
// process around them, per round trip (pingpong), acquisition (lock_contention) and
// item (queue_throughput).
func BenchmarkWorkloadPingpong(b *testing.B)        { benchWorkload(b, "pingpong", 20000) }
func BenchmarkWorkloadPingpongFloor(b *testing.B)   { benchWorkload(b, "floor/pingpong", 20000) }
func BenchmarkWorkloadLockContention(b *testing.B)  { benchWorkload(b, "lock_contention", 20000) }
func BenchmarkWorkloadQueueThroughput(b *testing.B) { benchWorkload(b, "queue_throughput", 50000) }
