package bindings

import (
	"reflect"
	"sync"
	"unsafe"

	lua "github.com/yuin/gopher-lua"
)

// Putting a table back as it was (snapshot.go) takes more than its exported API
// gives: pairs and next go through a table's keys in the order they were first set
// (gopher-lua's keys and k2i), and deleting a key leaves it there, so a table whose
// entries are put back would still list a key a run added at the place that run gave
// it. tableParts reaches the five unexported parts of an LTable, at offsets found
// once, by name, with reflect, after checking that the LTable has exactly the fields
// this file knows, of the types it knows, and that a table filled through the API
// shows in them as expected. If any of it differs (another version of gopher-lua),
// knownTableLayout is nil, and no state is reused: every run builds its own.

// tableParts are pointers to the unexported parts of one table: its array part,
// its hash parts (string keys, other keys), and the order its hash keys were first
// set in, with each key's place in it.
type tableParts struct {
	array   *[]lua.LValue
	dict    *map[lua.LValue]lua.LValue
	strdict *map[string]lua.LValue
	keys    *[]lua.LValue
	k2i     *map[lua.LValue]int
}

// tableLayout is where the parts are in an LTable.
type tableLayout struct{ array, dict, strdict, keys, k2i uintptr }

// tableFields are the fields of an LTable, in order, as tableParts knows them.
var tableFields = []fieldCheck{
	{"Metatable", typeIs[lua.LValue]()},
	{"array", typeIs[[]lua.LValue]()},
	{"dict", typeIs[map[lua.LValue]lua.LValue]()},
	{"strdict", typeIs[map[string]lua.LValue]()},
	{"keys", typeIs[[]lua.LValue]()},
	{"k2i", typeIs[map[lua.LValue]int]()},
}

// knownTableLayout is the layout of this build's LTable, or nil if it is not the one
// tableParts knows.
var knownTableLayout = sync.OnceValue(findTableLayout)

func findTableLayout() *tableLayout {
	t := reflect.TypeFor[lua.LTable]()
	if !hasFields(t, tableFields) {
		return nil
	}
	offset := func(name string) uintptr { f, _ := t.FieldByName(name); return f.Offset }
	layout := &tableLayout{offset("array"), offset("dict"), offset("strdict"), offset("keys"), offset("k2i")}
	// A table filled through the API must show its entries where this file looks.
	tb := &lua.LTable{}
	tb.RawSetInt(1, lua.LTrue)
	tb.RawSetString("s", lua.LTrue)
	tb.RawSet(lua.LFalse, lua.LTrue)
	p := layout.parts(tb)
	ok := len(*p.array) == 1 && (*p.strdict)["s"] == lua.LTrue && (*p.dict)[lua.LFalse] == lua.LTrue &&
		len(*p.keys) == 2 && (*p.keys)[0] == lua.LString("s") && (*p.keys)[1] == lua.LFalse &&
		(*p.k2i)[lua.LFalse] == 1
	if !ok {
		return nil
	}
	return layout
}

// parts are t's parts.
func (l *tableLayout) parts(t *lua.LTable) tableParts {
	p := unsafe.Pointer(t)
	return tableParts{
		array:   (*[]lua.LValue)(unsafe.Add(p, l.array)),
		dict:    (*map[lua.LValue]lua.LValue)(unsafe.Add(p, l.dict)),
		strdict: (*map[string]lua.LValue)(unsafe.Add(p, l.strdict)),
		keys:    (*[]lua.LValue)(unsafe.Add(p, l.keys)),
		k2i:     (*map[lua.LValue]int)(unsafe.Add(p, l.k2i)),
	}
}
