package engine

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"luasync/bindings"
)

// mutateEverything prints what a fresh state shows a script (every library's
// names, the metatables, math.random's numbers, the addresses tostring gives, what
// a callback and a task's thread see), then, in three tasks that the schedule
// interleaves, changes everything a script can: globals, _G's metatable, the
// libraries (also through rawset, the string metatable and getmetatable("")), the
// metatables of strings, numbers, booleans, functions and coroutines, those of
// every luasync type through getmetatable, io.stdout's, the error objects', require's
// cache, math.randomseed, the environments of a task's thread and of the callbacks'
// thread; and it leaves a coroutine suspended, tasks parked and a callback pending.
// ENDING is how the run then ends. Any change that a reused state kept would show
// in the next run's first lines.
const mutateEverything = `
local print, pairs, type, tostring, concat, sort, rep, write = print, pairs, type, tostring, table.concat, table.sort, string.rep, io.write
local getmetatable, setmetatable, rawget, rawset, pcall, setfenv = getmetatable, setmetatable, rawget, rawset, pcall, setfenv
local sleep, spawn, gather, Event, Queue = sleep, spawn, gather, Event, Queue
local function keysOf(t)
  local ks = {}
  for k, v in pairs(t) do ks[#ks + 1] = tostring(k) .. ":" .. type(v) end
  return concat(ks, " ")
end
local kinds = {Queue, LifoQueue, PriorityQueue, Lock, Event, Condition, Semaphore, BoundedSemaphore,
  function() return Barrier(2) end, Future, function() return spawn(sleep, 0) end, function() return call_soon(print) end}
local f = Future(); f:cancel(); local _, cancelled = pcall(f.result, f)

print("globals", keysOf(_G))
for _, name in ipairs({"string", "table", "math", "os", "io", "coroutine", "arg"}) do
  local lib = rawget(_G, name)
  print(name, keysOf(lib), getmetatable(lib))
end
print("metatables", getmetatable(_G), getmetatable("") == string, string.__index == string, getmetatable(1),
  getmetatable(true), getmetatable(print), getmetatable(coroutine.create(print)), keysOf(getmetatable(cancelled)))
print("values", ("ab"):rep(2), ("%d"):format(7), math.pi, math.random(1000), math.random(), tostring({}), tostring(print),
  tostring(cancelled), tostring(io.stdout))
print("leftovers", rawget(_G, "leftover"), rawget(_G, 1), rawget(_G, true), rawget(_G, "package"), rawget(_G, "newglobal"), select("#", ...))
for _, make in ipairs(kinds) do
  local mt = getmetatable(make())
  print(mt.__name, keysOf(mt), keysOf(mt.__index), tostring(make()))
end
print("io", keysOf(getmetatable(io.stdout)), keysOf(getmetatable(io.stdout).__index), io.type(io.stdout))
print("methods", Queue():qsize(), Lock():locked())
local seen = Future()
call_soon(function() callbackSees = loadstring("return type(print)")() seen:set_result(true) end)
spawn(function() taskSees = loadstring("return type(print)")() end):join()
seen:join()
print("threads see", callbackSees, taskSees, require("mod").n)

local function mutateGlobals()
  leftover = "from an earlier run"; _G[1] = "array"; _G[true] = "key"
  function newglobal() end
  setmetatable(_G, {__index = function(_, k) return "ghost " .. tostring(k) end})
  print("globals changed")
  sleep(0)
  string.evil = true; string.rep = function() return "evil rep" end
  rawset(table, "evil", 1); table.concat = nil; table.sort = nil
  math.randomseed(42); print("after randomseed", math.random(1000))
  math.pi = 3; math.evil = {}; math.random = function() return 4 end
  os.time = nil; io.write = print; coroutine.evil = 1; arg[1] = "evil arg"; arg.n = 5
  print("libraries changed")
  sleep(0)
  local mod = require("mod"); mod.n = mod.n + 1; package.loaded.evil = true
  print("mod.n", mod.n)
end
local function mutateMetatables()
  string.__index = {rep = function() return "ghost rep" end}
  getmetatable("").__add = function() return 0 end
  print("string metatable changed", ("x"):rep(3))
  sleep(0)
  setmetatable("", {__index = {rep = function() return "other rep" end}, __metatable = string})
  setmetatable(1, {__index = function() return "number index" end})
  setmetatable(true, {__index = {}})
  setmetatable(print, {__index = {}})
  setmetatable(coroutine.create(print), {__index = {}})
  print("basic metatables changed", ("x"):rep(3), (1).x)
  sleep(0)
  for _, make in ipairs(kinds) do
    local mt = getmetatable(make())
    mt.__index.evil = 1; mt.__index[next(mt.__index)] = nil; mt.__tostring = function() return "evil" end; mt.evil = 2
  end
  local iomt = getmetatable(io.stdout)
  iomt.__index.evil = 1; iomt.__index.write = nil
  setmetatable(io.stdout, {})
  local errmt = getmetatable(cancelled)
  errmt.evil = 1; errmt.__tostring = function() return "evil error" end
  print("type metatables changed", pcall(setfenv, print, {}))
  getmetatable(Queue()).__index.qsize = function() return "evil qsize" end
  print("a method changed", Queue():qsize()) -- and in the method cache
end
local function mutateThreads()
  leftoverCo = coroutine.create(function() coroutine.yield() end)
  print("coroutine", coroutine.resume(leftoverCo))
  spawn(function() Event():wait() end)
  local q = Queue()
  spawn(function() q:get() end)
  call_later(1000, function() leftover = "from a callback" end)
  call_soon(function() setfenv(0, {}) end)
  sleep(0)
  print("threads changed")
  setfenv(0, {})
end
gather(spawn(mutateGlobals), spawn(mutateMetatables), spawn(mutateThreads))
print("mutated", keysOf(_G))
`

// endings are the ways a run of mutateEverything ends, appended to it.
var endings = []struct {
	name, src string
	timeout   time.Duration
	maxMemory int
	reused    bool // the state is reused after it (else it is thrown away)
}{
	{name: "normally", reused: true},
	{name: "by an error", src: `error("boom")`, reused: true},
	{name: "by a deadlock", src: `Event():wait()`, reused: true},
	{name: "cancelled", src: `current_task():cancel() sleep(0)`, reused: true},
	{name: "by os.exit", src: `os.exit(3)`, reused: true},
	{name: "by the output limit", src: `local s = rep("x", 1048576) for i = 1, 70 do write(s) end`, reused: true},
	{name: "by a timeout", src: `while true do end`, timeout: slowTimeout, reused: true},
	{name: "by a stack overflow", src: `local function f(...) return f(1, ...) end f()`},
	{name: "by the memory limit", src: `local t = {} for i = 1, 1e7 do t[i] = {} end`, maxMemory: 1},
}

// slowTimeout is the timeout of the run that ends by one: long enough for all
// that comes before its endless loop, on a busy machine, with the race detector.
var slowTimeout = map[bool]time.Duration{false: time.Second, true: 3 * time.Second}[raceDetector]

// firstBytes keeps the first 64 KiB written to it, and drops the rest.
type firstBytes struct{ bytes.Buffer }

func (w *firstBytes) Write(p []byte) (int, error) {
	if room := 64<<10 - w.Len(); room > 0 {
		w.Buffer.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

// compiledEndings are the chunks of mutateEverything with each ending, compiled once.
var compiledEndings = map[int]*bindings.Compiled{}

// runEnding runs mutateEverything with ending under the random schedule of seed,
// in reuse's state if reuse is set, else in a state of its own.
func runEnding(t *testing.T, dir string, ending int, seed uint64, reuse *Reuse) (status int, stdout, report string) {
	t.Helper()
	e := endings[ending]
	var out firstBytes
	var errOut bytes.Buffer
	cfg := Defaults()
	cfg.Script, cfg.Source = filepath.Join(dir, "t.lua"), []byte(mutateEverything+e.src)
	cfg.Clock, cfg.Schedule, cfg.ScheduleSeed = "virtual", "random", seed
	cfg.Timeout, cfg.MaxMemoryMB = e.timeout, e.maxMemory
	cfg.Stdin, cfg.Stdout, cfg.Stderr, cfg.Observe.Quiet = strings.NewReader(""), &out, &errOut, true
	cfg.Reuse = reuse
	if reuse != nil { // compiled once, as explore does: its method names are the same strings in every run
		if compiledEndings[ending] == nil {
			c, err := bindings.Compile(cfg.Script, cfg.Source)
			if err != nil {
				t.Fatal(err)
			}
			compiledEndings[ending] = c
		}
		cfg.Compiled = compiledEndings[ending]
	}
	r, err := Start(cfg)
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	o := r.Wait()
	return o.Status, out.String(), errOut.String() + o.Report
}

// A reused state is put back exactly as it was built: after a run that changed
// everything a script can change, and ended in any way, the next run prints what a
// run in a state of its own prints, under each of several schedules.
func TestReusedStateIsFresh(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "mod.lua"), []byte("return {n = 0}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	reuse := NewReuse()
	defer reuse.Close()
	var want ReuseCounts
	kept := false
	for i, e := range endings {
		seeds := 6
		if e.timeout > 0 || e.maxMemory > 0 || !e.reused || strings.Contains(e.name, "output") {
			seeds = 1 // they take real time
		}
		for seed := uint64(1); seed <= uint64(seeds); seed++ {
			status, out, report := runEnding(t, dir, i, seed, reuse)
			if e.maxMemory > 0 && status != ExitLimit {
				t.Fatalf("ending %s: exit status %d\n%s", e.name, status, report)
			}
			if e.maxMemory == 0 { // the memory limit stops a run wherever it is
				freshStatus, freshOut, freshReport := runEnding(t, dir, i, seed, nil)
				if status != freshStatus || out != freshOut || report != freshReport {
					t.Fatalf("ending %s, seed %d: a reused state printed\n%s\n%s(exit status %d), a fresh one\n%s\n%s(exit status %d)",
						e.name, seed, out, report, status, freshOut, freshReport, freshStatus)
				}
			}
			if e.maxMemory == 0 && (!strings.Contains(out, "threads see\tfunction\tfunction\t0\n") || !strings.Contains(out, "globals changed")) {
				t.Fatalf("ending %s, seed %d: the run did not get to its changes:\n%s\n%s", e.name, seed, out, report)
			}
			if kept {
				want.Reused++
			} else {
				want.Built++
			}
			if kept = e.reused; !kept {
				want.Discarded++
			}
			if got := reuse.Counts(); got != want {
				t.Fatalf("ending %s, seed %d: counts %+v, want %+v", e.name, seed, got, want)
			}
		}
	}
	// and after the last, which threw its state away, a run of its own again
	status, out, _ := runEnding(t, dir, 0, 1, reuse)
	if _, freshOut, _ := runEnding(t, dir, 0, 1, nil); status != ExitOK || out != freshOut {
		t.Fatalf("after the memory limit: exit status %d, printed\n%s\nnot\n%s", status, out, freshOut)
	}
	if got := reuse.Counts(); got.Built != want.Built+1 || got.Reused != want.Reused {
		t.Fatalf("after the memory limit: counts %+v, want one more built than %+v", got, want)
	}
}

// The state of a run is reused only by runs of the same script with the same
// arguments, and never with --unsafe.
func TestReuseNeedsTheSameState(t *testing.T) {
	dir := t.TempDir()
	reuse := NewReuse()
	defer reuse.Close()
	run := func(script string, unsafe bool, args ...string) string {
		var out bytes.Buffer
		cfg := Defaults()
		cfg.Script, cfg.Source, cfg.Args, cfg.Unsafe = filepath.Join(dir, script), []byte(`print(arg[0]:match("[^/]*$"), io.open ~= nil, ...) x = 1`), args, unsafe
		cfg.Clock, cfg.Stdin, cfg.Stdout, cfg.Stderr, cfg.Observe.Quiet, cfg.Reuse = "virtual", strings.NewReader(""), &out, &out, true, reuse
		r, err := Start(cfg)
		if err != nil {
			t.Fatalf("start: %v", err)
		}
		r.Wait()
		return out.String()
	}
	for i, c := range []struct {
		script string
		unsafe bool
		args   []string
		want   string
		counts ReuseCounts
	}{
		{"a.lua", false, nil, "a.lua\tfalse\n", ReuseCounts{Built: 1}},
		{"a.lua", false, nil, "a.lua\tfalse\n", ReuseCounts{Built: 1, Reused: 1}},
		{"a.lua", false, []string{"1"}, "a.lua\tfalse\t1\n", ReuseCounts{Built: 2, Reused: 1, Discarded: 1}},
		{"b.lua", false, []string{"1"}, "b.lua\tfalse\t1\n", ReuseCounts{Built: 3, Reused: 1, Discarded: 2}},
		{"b.lua", true, []string{"1"}, "b.lua\ttrue\t1\n", ReuseCounts{Built: 4, Reused: 1, Discarded: 4}},
		{"b.lua", true, []string{"1"}, "b.lua\ttrue\t1\n", ReuseCounts{Built: 5, Reused: 1, Discarded: 5}},
	} {
		if got := run(c.script, c.unsafe, c.args...); got != c.want {
			t.Errorf("run %d printed %q, want %q", i+1, got, c.want)
		}
		if got := reuse.Counts(); got != c.counts {
			t.Errorf("run %d: counts %+v, want %+v", i+1, got, c.counts)
		}
	}
}

// A run that changed a method of a luasync type, looked it up (so the method cache
// holds it) and ended, leaves the next run the method as New made it: the restore
// writes behind the cache's back, so Reset moves the cache on. Nor does the next run
// inherit a future's error that nobody retrieved (exit status 1).
func TestReuseForgetsCachedMethods(t *testing.T) {
	script := filepath.Join(t.TempDir(), "m.lua")
	src := []byte("print(Queue():qsize())\nif io.read() == 'change' then\n  getmetatable(Queue()).__index.qsize = function() return 'changed' end\n  print(Queue():qsize())\n  Future():set_error('lost')\nend\n")
	compiled, err := bindings.Compile(script, src)
	if err != nil {
		t.Fatal(err)
	}
	reuse := NewReuse()
	defer reuse.Close()
	var got []string
	var statuses []int
	for _, input := range []string{"change", "keep"} {
		var out bytes.Buffer
		cfg := Defaults()
		cfg.Script, cfg.Source, cfg.Compiled, cfg.Reuse = script, src, compiled, reuse
		cfg.Clock, cfg.Stdin, cfg.Stdout, cfg.Stderr, cfg.Observe.Quiet = "virtual", strings.NewReader(input+"\n"), &out, &out, true
		r, err := Start(cfg)
		if err != nil {
			t.Fatalf("start: %v", err)
		}
		statuses = append(statuses, r.Wait().Status)
		got = append(got, out.String())
	}
	if want := []string{"0\nchanged\n", "0\n"}; !slices.Equal(got, want) || reuse.Counts().Reused != 1 {
		t.Errorf("runs printed %q, want %q (counts %+v)", got, want, reuse.Counts())
	}
	if want := []int{ExitFailed, ExitOK}; !slices.Equal(statuses, want) {
		t.Errorf("exit statuses %v, want %v", statuses, want)
	}
}

// The runs of a Reuse share one memory watch while their limit is the same: it
// stops the run that passes the limit, and only that one.
func TestReuseSharesTheMemoryWatch(t *testing.T) {
	reuse := NewReuse()
	defer reuse.Close()
	run := func(limitMB int) int {
		var out bytes.Buffer
		cfg := Defaults()
		cfg.Script, cfg.Source, cfg.MaxMemoryMB = "t.lua", []byte(`sleep(0) print("done")`), limitMB
		cfg.Clock, cfg.Stdin, cfg.Stdout, cfg.Stderr, cfg.Observe.Quiet, cfg.Reuse = "virtual", strings.NewReader(""), &out, &out, true, reuse
		r, err := Start(cfg)
		if err != nil {
			t.Fatalf("start: %v", err)
		}
		return r.Wait().Status
	}
	if status := run(4096); status != ExitOK {
		t.Fatalf("exit status %d", status)
	}
	watch := reuse.memory
	if status := run(4096); status != ExitOK || reuse.memory != watch || watch.current.Load() != nil {
		t.Fatalf("exit status %d; the same watch: %v, watching no run between runs: %v", status, reuse.memory == watch, watch.current.Load() == nil)
	}
	if status := run(1); status != ExitLimit || reuse.memory == watch || !watch.stopped.Load() {
		t.Fatalf("a limit of 1 MiB: exit status %d; a new watch: %v, the old one stopped: %v", status, reuse.memory != watch, watch.stopped.Load())
	}
	if status := run(4096); status != ExitOK {
		t.Fatalf("after the limit: exit status %d", status)
	}
}
