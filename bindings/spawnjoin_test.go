//go:build !race

package bindings

import (
	"bytes"
	goruntime "runtime"
	"strconv"
	"testing"

	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

// spawnJoinScript is bench/spawn_join.lua with two probes: once every task is
// spawned (none has run yet), and once the first thousand are gathered (every task
// has ended by then: they all ran in the first iterations, and wait to be gathered).
const spawnJoinScript = `
local ntasks = tonumber((...))
local chunk = 1000
local function square(i)
  return i * i % 1000003
end
local tasks = {}
for i = 1, ntasks do
  tasks[i] = spawn(square, i)
end
probe()
local sum = 0
for first = 1, ntasks, chunk do
  local results = {gather(unpack(tasks, first, math.min(first + chunk - 1, ntasks)))}
  if first == 1 then probe() end
  for _, r in ipairs(results) do
    sum = sum + r
  end
end
print(sum)
`

// spawnJoinCost is what one task of spawnJoinScript costs, per task: its
// allocations and the bytes they take, over the whole run, and the heap in use
// after a collection, once every task is spawned and once they have all ended (what
// a task keeps until it is joined).
type spawnJoinCost struct {
	allocs, bytes, spawnedHeap, endedHeap float64
}

// measureSpawnJoin runs spawnJoinScript with tasks tasks. The collections and
// memory statistics at the probes are left out of the figures (and of a
// benchmark's time).
func measureSpawnJoin(tb testing.TB, tasks int) spawnJoinCost {
	b, _ := tb.(*testing.B)
	pause := func() {
		if b != nil {
			b.StopTimer()
		}
	}
	resume := func() {
		if b != nil {
			b.StartTimer()
		}
	}
	var out bytes.Buffer
	s := runtime.New(runtime.Options{Clock: runtime.NewVirtualClock()})
	m := New(s, Options{Stdout: &out, Stderr: &out, Script: "t.lua", Seed: 1, Args: []string{strconv.Itoa(tasks)}})
	defer m.Close()
	chunk, err := m.Load("t.lua", []byte(spawnJoinScript))
	if err != nil {
		tb.Fatal(err)
	}
	var before, at goruntime.MemStats
	var mallocs, total uint64
	var base float64 // the heap in use before the run
	var heaps []float64
	count := func() {
		goruntime.ReadMemStats(&at)
		mallocs += at.Mallocs - before.Mallocs
		total += at.TotalAlloc - before.TotalAlloc
	}
	m.L.SetGlobal("probe", m.L.NewFunction(func(*lua.LState) int {
		pause()
		count()
		goruntime.GC()
		goruntime.ReadMemStats(&at)
		heaps = append(heaps, (float64(at.HeapAlloc)-base)/float64(tasks))
		goruntime.ReadMemStats(&before)
		resume()
		return 0
	}))
	pause()
	goruntime.GC()
	goruntime.ReadMemStats(&before)
	base = float64(before.HeapAlloc)
	resume()
	if err := s.Run(m.MainTask(chunk)); err != nil || len(s.Failed()) > 0 {
		tb.Fatalf("run: %v %v\n%s", err, s.Failed(), out.String())
	}
	count()
	if len(heaps) != 2 {
		tb.Fatalf("%d probes, want 2", len(heaps))
	}
	n := float64(tasks)
	return spawnJoinCost{float64(mallocs) / n, float64(total) / n, heaps[0], heaps[1]}
}

// TestSpawnJoinCost keeps what a spawned and joined task costs within budgets. The
// tree before the event loop took 10.4 allocations a task, and kept 636 bytes a task
// spawned and 606 ended; the event loop's first version 10.3, 723 and 600. Since, a
// task's name and its one result are made only when asked for, the Task is a size
// class smaller (its own future keeps its result), its body keeps less, its Lua side
// says where it is without a closure, and gather sets nothing aside for distinct
// children. Lower the budgets as it gets cheaper.
func TestSpawnJoinCost(t *testing.T) {
	const (
		maxAllocs      = 6.5 // allocations a task, over the whole run
		maxSpawnedHeap = 640 // bytes in use a task, all spawned, none run yet
		maxEndedHeap   = 560 // bytes in use a task, all ended, waiting to be gathered
	)
	measureSpawnJoin(t, 1000) // the first run also makes what later runs reuse
	cost := measureSpawnJoin(t, 5000)
	t.Logf("a task: %.2f allocations, %.0f bytes allocated; %.0f bytes in use spawned, %.0f ended",
		cost.allocs, cost.bytes, cost.spawnedHeap, cost.endedHeap)
	if cost.allocs > maxAllocs {
		t.Errorf("spawn and gather allocate %.2f times a task, more than %v", cost.allocs, maxAllocs)
	}
	if cost.spawnedHeap > maxSpawnedHeap {
		t.Errorf("a spawned task keeps %.0f bytes, more than %d", cost.spawnedHeap, maxSpawnedHeap)
	}
	if cost.endedHeap > maxEndedHeap {
		t.Errorf("a task that has ended keeps %.0f bytes until it is gathered, more than %d", cost.endedHeap, maxEndedHeap)
	}
}

// BenchmarkSpawnJoin runs bench/spawn_join.lua's work, 10,000 tasks spawned then
// gathered a thousand at a time, per iteration, and reports what one task costs
// (see spawnJoinCost): go test -run - -bench SpawnJoin ./bindings/
func BenchmarkSpawnJoin(b *testing.B) {
	var sum spawnJoinCost
	for b.Loop() {
		c := measureSpawnJoin(b, 10000)
		sum.allocs += c.allocs
		sum.bytes += c.bytes
		sum.spawnedHeap += c.spawnedHeap
		sum.endedHeap += c.endedHeap
	}
	n := float64(b.N)
	b.ReportMetric(sum.allocs/n, "allocs/task")
	b.ReportMetric(sum.bytes/n, "B/task")
	b.ReportMetric(sum.spawnedHeap/n, "spawned-heap-B/task")
	b.ReportMetric(sum.endedHeap/n, "ended-heap-B/task")
}
