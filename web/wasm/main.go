//go:build js && wasm

// The playground's browser build: it runs scripts through the engine (package
// play) for the page, which calls globalThis.luasyncRun.
package main

import (
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
	js.Global().Call("postMessage", map[string]any{"type": "ready"})
	select {}
}
