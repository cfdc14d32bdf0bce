//go:build !race

package bindings

import (
	"bytes"
	goruntime "runtime"
	"runtime/metrics"
	"strconv"
	"testing"

	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

// parkDepth runs src, which parks tasks and calls probe() twice, with the number of
// tasks parked so far: it returns how many bytes of goroutine stack each task
// parked between the two probes uses (the stack the collector scans, measured
// after a collection at each probe). The collector counts scanned stack in batches
// of a few KiB per processor: a thousand tasks between the probes make that error
// a few bytes a task.
func parkDepth(t *testing.T, src string) int {
	t.Helper()
	var out bytes.Buffer
	s := runtime.New(runtime.Options{Clock: runtime.NewVirtualClock()})
	m := New(s, Options{Stdout: &out, Stderr: &out, Script: "t.lua", Seed: 1})
	defer m.Close()
	type probe struct{ parked, stack int }
	var probes []probe
	sample := []metrics.Sample{{Name: "/gc/scan/stack:bytes"}}
	m.L.SetGlobal("probe", m.L.NewFunction(func(L *lua.LState) int {
		goruntime.GC()
		metrics.Read(sample)
		probes = append(probes, probe{L.CheckInt(1), int(sample[0].Value.Uint64())})
		return 0
	}))
	chunk, err := m.Load("t.lua", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Run(m.MainTask(chunk)); err != nil || len(s.Failed()) > 0 {
		t.Fatalf("run: %v %v\n%s", err, s.Failed(), out.String())
	}
	if len(probes) != 2 || probes[1].parked <= probes[0].parked {
		t.Fatalf("probes %v: want two, the second with more tasks parked", probes)
	}
	return (probes[1].stack - probes[0].stack) / (probes[1].parked - probes[0].parked)
}

// TestParkIsShallow keeps the frames between a parked task's Lua code and its park
// small. Go gives a goroutine a stack of 2, 4, 8... KiB, the frames of a park in
// sleep() (bindings/, runtime/ and gopher-lua's VM together) take about 2 KiB, and
// the guard Go keeps at the bottom of a stack leaves about 3.1 KiB of a 4 KiB one
// for them: a pcall around the sleep adds 1 KiB, and a frame more that pushes the
// task to an 8 KiB stack doubles what it costs. The budget is today's depth in a
// test build, less than before builtins' error paths left sleep's and the task
// body's frames (see seconds and runLua): lower it when the park gets shallower.
func TestParkIsShallow(t *testing.T) {
	const budget = 2130 // bytes at a park in sleep()
	const script = `
local function sleeper() sleep(1) end
if INSIDE_PCALL then
  local inner = sleeper
  sleeper = function() assert(pcall(inner)) end
end
local tasks = {}
local function park(n)
  for i = 1, n do tasks[#tasks + 1] = spawn(sleeper) end
  sleep(0.5) -- they all run and park
  probe(#tasks)
end
park(100)
park(1100)
for _, t in ipairs(tasks) do t:join() end
`
	depth := parkDepth(t, script)
	t.Logf("a task parked in sleep() uses %d bytes of its stack", depth)
	if depth > budget {
		t.Errorf("a task parked in sleep() uses %d bytes of its stack, more than the %d allowed", depth, budget)
	}
	depth = parkDepth(t, "INSIDE_PCALL = true\n"+script)
	t.Logf("a task parked in sleep() inside pcall uses %d bytes of its stack", depth)
}

// BenchmarkParkedTask measures what a parked task costs: 10,000 tasks in sleep()
// at once, after a collection. It reports the heap, the goroutine stacks and the
// garbage (what spawning and starting them allocated besides) per task (the depth
// of a park is TestParkIsShallow's): go test -run - -bench ParkedTask -benchtime 3x
// ./bindings/
func BenchmarkParkedTask(b *testing.B) {
	const tasks = 10000
	const script = `
local n = tonumber((...))
local tasks = {}
for i = 1, n do tasks[i] = spawn(function() sleep(1) end) end
sleep(0.5) -- they all run and park
probe()
for i = 1, n do tasks[i]:join() end
`
	var heap, stack, garbage float64
	for b.Loop() {
		var out bytes.Buffer
		s := runtime.New(runtime.Options{Clock: runtime.NewVirtualClock()})
		m := New(s, Options{Stdout: &out, Stderr: &out, Script: "t.lua", Seed: 1, Args: []string{strconv.Itoa(tasks)}})
		chunk, err := m.Load("t.lua", []byte(script))
		if err != nil {
			b.Fatal(err)
		}
		var before, at goruntime.MemStats
		m.L.SetGlobal("probe", m.L.NewFunction(func(*lua.LState) int {
			goruntime.ReadMemStats(&at)
			garbage += float64(at.TotalAlloc-before.TotalAlloc) / tasks
			goruntime.GC()
			goruntime.ReadMemStats(&at)
			heap += (float64(at.HeapAlloc) - float64(before.HeapAlloc)) / tasks
			stack += (float64(at.StackInuse) - float64(before.StackInuse)) / tasks
			return 0
		}))
		goruntime.GC()
		goruntime.ReadMemStats(&before)
		if err := s.Run(m.MainTask(chunk)); err != nil || len(s.Failed()) > 0 {
			b.Fatalf("run: %v %v\n%s", err, s.Failed(), out.String())
		}
		m.Close()
	}
	n := float64(b.N)
	garbage -= heap // what was allocated and is no longer in use
	b.ReportMetric(heap/n, "heap-B/task")
	b.ReportMetric(stack/n, "stack-B/task")
	b.ReportMetric(garbage/n, "garbage-B/task")
}
