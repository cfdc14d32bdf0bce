package bindings

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	lua "github.com/yuin/gopher-lua"
)

// TestThreadLayoutIsKnown: this build's gopher-lua is the one newThreadOf knows, so
// tasks' threads are made without a throw-away global state. If it fails after
// gopher-lua changed, tasks still run (through NewThread), but newthread.go must be
// brought up to date.
func TestThreadLayoutIsKnown(t *testing.T) {
	if knownThreadLayout() == nil {
		t.Fatal("gopher-lua's LState, registry or allocator are not as newthread.go knows them")
	}
}

// TestThreadLayoutOfRejectsAnotherLayout: a state type whose fields are not the
// ones newThreadOf knows, by name, type or number, is refused.
func TestThreadLayoutOfRejectsAnotherLayout(t *testing.T) {
	if _, ok := threadLayoutOf(reflect.TypeFor[lua.LState]()); !ok {
		t.Fatal("gopher-lua's own LState refused")
	}
	type fewer struct {
		G      *lua.Global
		Parent *lua.LState
	}
	type retyped struct {
		G, Parent *lua.LState
	}
	for _, ty := range []reflect.Type{reflect.TypeFor[fewer](), reflect.TypeFor[retyped](), reflect.TypeFor[int](), reflect.TypeFor[lua.Global]()} {
		if _, ok := threadLayoutOf(ty); ok {
			t.Errorf("%v accepted as an LState", ty)
		}
	}
}

// sameThread compares a and b, values of the same type reached the same way from
// two threads, and reports each difference to t. Pointers that both threads share
// (their global state, their environment) must be equal; fresh ones must lead to
// equal values, and a pointer back into the thread (its registry's handler) to the
// same place of each. ptrs pairs the pointers of a with those of b seen so far.
func sameThread(t *testing.T, path string, a, b reflect.Value, ptrs map[uintptr]uintptr) {
	t.Helper()
	if a.Type() != b.Type() {
		t.Errorf("%s: %v and %v", path, a.Type(), b.Type())
		return
	}
	switch ty := a.Type(); {
	case ty == reflect.TypeFor[reflect.SliceHeader]():
		// the number allocator's view of its own slice: where it points differs
		if a.FieldByName("Len").Int() != b.FieldByName("Len").Int() || a.FieldByName("Cap").Int() != b.FieldByName("Cap").Int() {
			t.Errorf("%s: %v and %v", path, a, b)
		}
		return
	case ty.Name() == "callFrameStackSegment":
		return // from a pool, with whatever frames it held: unused until pushed
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.UnsafePointer:
		pa, pb := uintptr(a.UnsafePointer()), uintptr(b.UnsafePointer())
		if seen, ok := ptrs[pa]; ok {
			if seen != pb {
				t.Errorf("%s: points elsewhere", path)
			}
			return
		}
		ptrs[pa] = pb
		if pa == pb || a.Kind() == reflect.UnsafePointer {
			if (pa == 0) != (pb == 0) || (a.Kind() == reflect.UnsafePointer && pa != pb) {
				t.Errorf("%s: %#x and %#x", path, pa, pb)
			}
			return
		}
		if pa == 0 || pb == 0 {
			t.Errorf("%s: %#x and %#x", path, pa, pb)
			return
		}
		sameThread(t, "*"+path, a.Elem(), b.Elem(), ptrs)
	case reflect.Interface:
		if a.IsNil() || b.IsNil() {
			if a.IsNil() != b.IsNil() {
				t.Errorf("%s: %v and %v", path, a, b)
			}
			return
		}
		sameThread(t, path, a.Elem(), b.Elem(), ptrs)
	case reflect.Struct:
		for i := range a.NumField() {
			sameThread(t, path+"."+a.Type().Field(i).Name, a.Field(i), b.Field(i), ptrs)
		}
	case reflect.Slice:
		if a.Len() != b.Len() || a.Cap() != b.Cap() || a.IsNil() != b.IsNil() {
			t.Errorf("%s: len %d cap %d and len %d cap %d", path, a.Len(), a.Cap(), b.Len(), b.Cap())
			return
		}
		for i := range a.Len() {
			sameThread(t, fmt.Sprintf("%s[%d]", path, i), a.Index(i), b.Index(i), ptrs)
		}
	case reflect.Array:
		for i := range a.Len() {
			sameThread(t, fmt.Sprintf("%s[%d]", path, i), a.Index(i), b.Index(i), ptrs)
		}
	case reflect.Func:
		if a.IsNil() != b.IsNil() || (!a.IsNil() && a.Pointer() != b.Pointer()) {
			t.Errorf("%s: another function", path)
		}
	case reflect.Map, reflect.Chan:
		if a.IsNil() != b.IsNil() || a.Len() != b.Len() {
			t.Errorf("%s: %d and %d entries", path, a.Len(), b.Len())
		}
	case reflect.Bool:
		if a.Bool() != b.Bool() {
			t.Errorf("%s: %v and %v", path, a.Bool(), b.Bool())
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if a.Int() != b.Int() {
			t.Errorf("%s: %d and %d", path, a.Int(), b.Int())
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		if a.Uint() != b.Uint() {
			t.Errorf("%s: %d and %d", path, a.Uint(), b.Uint())
		}
	case reflect.Float32, reflect.Float64:
		if a.Float() != b.Float() {
			t.Errorf("%s: %v and %v", path, a.Float(), b.Float())
		}
	case reflect.String:
		if a.String() != b.String() {
			t.Errorf("%s: %q and %q", path, a.String(), b.String())
		}
	default:
		t.Errorf("%s: cannot compare a %v", path, a.Kind())
	}
}

// TestNewThreadOfIsNewThread: a thread newThreadOf makes is, field by field, the
// one NewThread makes: with each kind of call-frame stack, with the options a
// luasync state has, with and without a context in the parent.
func TestNewThreadOfIsNewThread(t *testing.T) {
	for _, opts := range []lua.Options{stateOptions, {SkipOpenLibs: true}, {CallStackSize: 16, RegistrySize: 200, RegistryMaxSize: 400, RegistryGrowStep: 7, SkipOpenLibs: true}} {
		for _, withContext := range []bool{false, true} {
			t.Run(fmt.Sprintf("minimize=%v,registry=%d,context=%v", opts.MinimizeStackMemory, opts.RegistrySize, withContext), func(t *testing.T) {
				parent := lua.NewState(opts)
				defer parent.Close()
				if opts == stateOptions { // as New makes a Module's
					parent.Options.RegistrySize, parent.Options.RegistryGrowStep = threadRegistrySize, threadRegistryGrowStep
				}
				var cancelParent context.CancelFunc
				if withContext {
					var ctx context.Context
					ctx, cancelParent = context.WithCancel(context.Background())
					defer cancelParent()
					parent.SetContext(ctx)
				}
				model, modelCancel := parent.NewThread()
				th, cancel := newThreadOf(parent)
				if th.G != parent.G || th.Env != parent.Env || th.Parent != nil {
					t.Fatal("the thread does not share its parent's global state and environment")
				}
				if (cancel == nil) != (modelCancel == nil) || (cancel == nil) == withContext {
					t.Fatalf("cancel func %v, NewThread's %v", cancel != nil, modelCancel != nil)
				}
				ptrs := map[uintptr]uintptr{uintptr(unsafe.Pointer(model)): uintptr(unsafe.Pointer(th))}
				sameThread(t, "LState", reflect.ValueOf(model).Elem(), reflect.ValueOf(th).Elem(), ptrs)
				if withContext && th.Context() == parent.Context() {
					t.Error("the thread has its parent's context, not a child of it")
				}

				// Both run the same code the same way, and stop the same way.
				for _, l := range []*lua.LState{model, th} {
					if err := l.DoString(`local t = {} for i = 1, 100 do t[i] = i * 1.5 end x = #t + t[100]`); err != nil {
						t.Fatal(err)
					}
				}
				if got := parent.GetGlobal("x"); got != lua.LNumber(250) {
					t.Errorf("x = %v", got)
				}
				if withContext {
					cancel()
					err := th.DoString(`while true do end`)
					modelCancel()
					modelErr := model.DoString(`while true do end`)
					if err == nil || modelErr == nil || !errors.Is(th.Context().Err(), context.Canceled) {
						t.Fatalf("a cancelled thread's loop ended with %v (NewThread's: %v)", err, modelErr)
					}
					if strings.ReplaceAll(err.Error(), fmt.Sprint(th), "") != strings.ReplaceAll(modelErr.Error(), fmt.Sprint(model), "") {
						t.Errorf("stopped with\n%v\nNewThread's with\n%v", err, modelErr)
					}
				}
			})
		}
	}
}

// TestNewThreadFallback: with the layout refused, tasks' threads are made by
// NewThread (with the global state it throws away), and scripts run the same.
func TestNewThreadFallback(t *testing.T) {
	parent := lua.NewState(stateOptions)
	defer parent.Close()
	made := testing.AllocsPerRun(20, func() { newThreadOf(parent) })
	forceNewThread.Store(true)
	defer forceNewThread.Store(false)
	fallback := testing.AllocsPerRun(20, func() { newThreadOf(parent) })
	if fallback < made+4 {
		t.Fatalf("newThreadOf made %v allocations, %v with the fallback forced: it did not fall back", made, fallback)
	}
	const src = `
local tasks = {}
for i = 1, 5 do tasks[i] = spawn(function() sleep(i) return i * i end) end
local sum = 0
for i = 1, 5 do sum = sum + tasks[i]:join() end
print(sum)
`
	sparedThreads.Lock()
	sparedThreads.list = nil // the run makes its threads
	sparedThreads.Unlock()
	out, made2 := sparedRun(t, src)
	if out != "55\n" {
		t.Errorf("printed %q", out)
	}
	if made2 == 0 {
		t.Error("no thread was made: the fallback was not exercised")
	}
}
