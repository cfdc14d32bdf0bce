package bindings

import (
	"bytes"
	"testing"

	lua "github.com/yuin/gopher-lua"

	"luasync/runtime"
)

// A method looked up once is found again by the cache, not by Lua's lookups: a
// method call of a luasync object then makes no Go map lookup. (A change made from
// Go, which no script can make, is not seen, which shows where the method came from.)
func TestMethodLookupsAreCached(t *testing.T) {
	if vm == nil {
		t.Skip("gopher-lua's layout is not the one methodcache.go knows: lookups are not cached")
	}
	var out bytes.Buffer
	s := runtime.New(runtime.Options{Clock: runtime.NewVirtualClock()})
	m := New(s, Options{Stdout: &out, Stderr: &out, Script: "t.lua"})
	defer m.Close()
	mt := m.L.GetTypeMetatable("Queue").(*lua.LTable)
	index := mt.RawGetString("__index").(*lua.LTable)
	m.L.SetGlobal("swap_from_go", m.L.NewFunction(func(L *lua.LState) int {
		index.RawSetString("qsize", L.NewFunction(func(L *lua.LState) int { L.Push(lua.LString("swapped")); return 1 }))
		return 0
	}))
	chunk, err := m.Load("t.lua", []byte(`
local q = Queue()
local function size() return q:qsize() end
q:put_nowait(1)
q:get_nowait()
print(size())
swap_from_go()
print(size(), Queue():qsize())
`))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Run(m.MainTask(chunk)); err != nil {
		t.Fatal(err)
	}
	if want := "0\n0\tswapped\n"; out.String() != want {
		t.Errorf("printed %q, want %q: the call site that looked qsize up before finds it in the cache, another looks it up", out.String(), want)
	}
	cached := 0
	for _, e := range m.methods.entries {
		if e.mt == mt && e.gen == m.methods.gen && e.method != nil {
			cached++
		}
	}
	if cached != 4 {
		t.Errorf("%d lookups of Queue's methods are in the cache, want 4 (put_nowait, get_nowait, qsize twice)", cached)
	}
}

// Whatever way a script changes a method or a metatable after the method was called,
// the next call finds what Lua's lookups find: the cache never answers with a method
// that is no longer there.
func TestMethodCacheSeesChanges(t *testing.T) {
	const prelude = `
local q = Queue()
local mt = getmetatable(q)
local index = mt.__index
local function patched() return "patched" end
local function call() local ok, v = pcall(function() return q:qsize() end) print(ok and v or "error") end
call()
`
	checkSnippets(t, []snippet{
		{"assigned in the method table", prelude + `index.qsize = patched call()`, "0\npatched\n", ""},
		{"rawset in the method table", prelude + `rawset(index, "qsize", patched) call()`, "0\npatched\n", ""},
		{"removed from the method table", prelude + `index.qsize = nil call()`, "0\nerror\n", ""},
		{"another __index", prelude + `mt.__index = {qsize = patched} call()`, "0\npatched\n", ""},
		{"__index a function", prelude + `mt.__index = function(_, k) return patched end call()`, "0\npatched\n", ""},
		{"through __newindex", prelude + `local p = setmetatable({}, {__newindex = index}) p.qsize = patched call()`, "0\npatched\n", ""},
		{"through a __newindex added later", prelude + `local p = setmetatable({}, {}) p.x = 1 call() getmetatable(p).__newindex = index p.qsize = patched call()`, "0\n0\npatched\n", ""},
		{"through __newindex twice", prelude + `local p = setmetatable({}, {__newindex = setmetatable({}, {__newindex = index})}) p.qsize = patched call()`, "0\npatched\n", ""},
		{"as a global of a function whose environment it is", prelude + `local f = setfenv(function() qsize = patched end, index) f() call()`, "0\npatched\n", ""},
		{"after its metatable is taken away", prelude + `setmetatable(index, nil) index.qsize = patched call()`, "0\npatched\n", ""},
		{"after the metatable's is taken away", prelude + `setmetatable(mt, nil) mt.__index = {qsize = patched} call()`, "0\npatched\n", ""},
		{"a method that is not there", prelude + `print(pcall(function() return q:nothing() end))`, "0\nfalse\tt.lua:8: attempt to call a non-function object\n", ""},
		{"each kind its own", `local q, l = Queue(), LifoQueue() l:put_nowait(1) print(q:qsize(), l:qsize())
getmetatable(l).__index.qsize = function() return "lifo" end print(q:qsize(), l:qsize())`, "0\t1\n0\tlifo\n", ""},
		{"in a coroutine and another task", prelude + `coroutine.wrap(function() call() end)() spawn(function() index.qsize = patched end):join() call()`, "0\n0\npatched\n", ""},
	})
}
