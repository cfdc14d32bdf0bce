package bindings

import (
	"reflect"
	"testing"

	lua "github.com/yuin/gopher-lua"
)

// The VM's handler of OP_CONCAT is luasync's, and the operands it measures are the
// registers this gopher-lua gives a concatenation: a concatenation of four locals
// is one OP_CONCAT over copies of them.
func TestConcatHandler(t *testing.T) {
	if gopherConcat == nil || reflect.ValueOf(vmHandlers[lua.OP_CONCAT]).Pointer() != reflect.ValueOf(checkedConcat).Pointer() {
		t.Fatal("OP_CONCAT is not handled by checkedConcat")
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
