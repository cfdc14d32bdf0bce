package bindings

import (
	"testing"

	lua "github.com/yuin/gopher-lua"
)

// The peek at the next instruction reads gopher-lua's call frames and instructions
// as this gopher-lua lays them out: a concatenation of three locals is one
// OP_CONCAT whose operands are the registers the peek decodes.
func TestConcatPeekLayout(t *testing.T) {
	if _, err := findVMLayout(); err != nil {
		t.Fatal(err)
	}
	L := lua.NewState(lua.Options{SkipOpenLibs: true})
	defer L.Close()
	fn, err := L.LoadString("local a, b, c, d = ...\nreturn a .. b .. c .. d")
	if err != nil {
		t.Fatal(err)
	}
	var concats []uint32
	for _, inst := range fn.Proto.Code {
		if int(inst>>26) == lua.OP_CONCAT {
			concats = append(concats, inst)
		}
	}
	if len(concats) != 1 {
		t.Fatalf("%d OP_CONCAT instructions, want 1", len(concats))
	}
	// The four locals are registers 0-3; the operands are copied above them.
	if b, c := concatOperands(concats[0]); b != 4 || c != 7 {
		t.Errorf("operands in registers %d to %d, want 4 to 7", b, c)
	}
}
