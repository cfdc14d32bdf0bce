package bindings

import (
	"bytes"

	lua "github.com/yuin/gopher-lua"
)

// Compiled is a script compiled once, to load into the Lua states of many runs:
// explore runs one script thousands of times, and parsing it each time would cost
// as much as running it. A compiled chunk is read-only, so runs may share it.
type Compiled struct {
	proto *lua.FunctionProto
}

// Compile compiles the script src, named name in messages, as Load does.
func Compile(name string, src []byte) (*Compiled, error) {
	if len(src) > 0 && src[0] == '#' {
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			src = append([]byte("--"), src[i:]...)
		} else {
			src = nil
		}
	}
	if err := checkSource(name, src); err != nil {
		return nil, err
	}
	proto, err := compileProto(name, src)
	if err != nil {
		return nil, err
	}
	return &Compiled{proto: proto}, nil
}

// LoadCompiled is the main chunk of a compiled script, in this run's state.
func (m *Module) LoadCompiled(c *Compiled) *lua.LFunction {
	return m.L.NewFunctionFromProto(c.proto)
}
