//go:build js && wasm

// The playground's browser build: it runs scripts through the engine (package
// play) for the page, which calls globalThis.luasyncRun.
package main

import (
	"encoding/json"
	"syscall/js"

	"luasync/web/play"
)

// luasyncRun(request, onStdout, onStderr, onDone) starts a run and returns
// {stop()}. request is {name, source, clock}; onDone gets {status, report, svg}.
func luasyncRun(this js.Value, args []js.Value) any {
	if len(args) < 4 {
		return js.Global().Get("Error").New("luasyncRun(request, onStdout, onStderr, onDone)")
	}
	req, onStdout, onStderr, onDone := args[0], args[1], args[2], args[3]
	r := play.Request{Source: str(req, "source"), Name: str(req, "name"), Clock: str(req, "clock")}
	s := play.Start(r, play.Sinks{
		Stdout: func(s string) { onStdout.Invoke(s) },
		Stderr: func(s string) { onStderr.Invoke(s) },
	}, func(res play.Result) {
		onDone.Invoke(map[string]any{"status": res.Status, "report": res.Report, "svg": res.SVG})
	})
	stop := js.FuncOf(func(js.Value, []js.Value) any { s.Stop(); return nil })
	return map[string]any{"stop": stop}
}

// luasyncCheck(request, onDone) judges an exercise as luasync check does;
// onDone gets {pass, text}. request is {name, source, expected, expectedName}.
// The run goes on in its own goroutine: a callback must not block the page.
func luasyncCheck(this js.Value, args []js.Value) any {
	if len(args) < 2 {
		return js.Global().Get("Error").New("luasyncCheck(request, onDone)")
	}
	req, onDone := args[0], args[1]
	r := play.CheckRequest{Name: str(req, "name"), Source: str(req, "source"),
		Expected: str(req, "expected"), ExpectedName: str(req, "expectedName")}
	go func() {
		v := play.Check(r)
		onDone.Invoke(map[string]any{"pass": v.Pass, "text": v.Text})
	}()
	return nil
}

// luasyncStep(request, onDone) replays a path of choices and pauses at the next
// decision; onDone gets the state as JSON (play.StepState). request is {name,
// source, path: [task names], continue}.
func luasyncStep(this js.Value, args []js.Value) any {
	if len(args) < 2 {
		return js.Global().Get("Error").New("luasyncStep(request, onDone)")
	}
	req, onDone := args[0], args[1]
	r := play.StepRequest{Name: str(req, "name"), Source: str(req, "source"), Continue: req.Get("continue").Truthy()}
	if p := req.Get("path"); p.Type() == js.TypeObject {
		for i := range p.Length() {
			r.Path = append(r.Path, p.Index(i).String())
		}
	}
	go func() {
		b, err := json.Marshal(play.Step(r))
		if err != nil {
			b = []byte(`{"Finished":true,"Status":70,"Report":"luasync: internal error: the step state"}`)
		}
		onDone.Invoke(string(b))
	}()
	return nil
}

// luasyncExplore(request, onProgress, onDone) explores a script as luasync explore
// does; onProgress gets (done, of) now and then, onDone the result as JSON
// (play.ExploreResult). request is {name, source, runs, seed, strategy, expected,
// expectedName}.
func luasyncExplore(this js.Value, args []js.Value) any {
	if len(args) < 3 {
		return js.Global().Get("Error").New("luasyncExplore(request, onProgress, onDone)")
	}
	req, onProgress, onDone := args[0], args[1], args[2]
	r := play.ExploreRequest{Name: str(req, "name"), Source: str(req, "source"), Strategy: str(req, "strategy"),
		Expected: str(req, "expected"), ExpectedName: str(req, "expectedName")}
	if n := req.Get("runs"); n.Type() == js.TypeNumber {
		r.Runs = n.Int()
	}
	if n := req.Get("seed"); n.Type() == js.TypeNumber && n.Int() > 0 {
		r.Seed = uint64(n.Int())
	}
	go func() {
		res := play.Explore(r, func(done, of int) { onProgress.Invoke(done, of) })
		b, err := json.Marshal(res)
		if err != nil {
			b = []byte(`{"Text":"luasync: internal error: the exploration's result"}`)
		}
		onDone.Invoke(string(b))
	}()
	return nil
}

func str(v js.Value, key string) string {
	f := v.Get(key)
	if f.Type() != js.TypeString {
		return ""
	}
	return f.String()
}

func main() {
	js.Global().Set("luasyncRun", js.FuncOf(luasyncRun))
	js.Global().Set("luasyncCheck", js.FuncOf(luasyncCheck))
	js.Global().Set("luasyncStep", js.FuncOf(luasyncStep))
	js.Global().Set("luasyncExplore", js.FuncOf(luasyncExplore))
	js.Global().Call("postMessage", map[string]any{"type": "ready"})
	select {}
}
