package bindings

import (
	"bytes"
	"strconv"

	lua "github.com/yuin/gopher-lua"
	"github.com/yuin/gopher-lua/ast"
	"github.com/yuin/gopher-lua/parse"
)

// compile parses and compiles a chunk as gopher-lua's LState.Load does, with one
// repair: gopher-lua miscompiles an assignment to several targets when a right-hand
// side reads a local that is also assigned (`a, b = b, a` gives 1 1; upstream issues
// 440 and 315). Every such statement is rewritten first, in the syntax tree, into
// single assignments through fresh locals, which Lua's semantics allow exactly:
//
//	a, t[k] = b, a   =>   do local (1), (2) = t, k; local (3), (4) = b, a; a = (3); (1)[(2)] = (4) end
//
// (the table and key of an indexed target are evaluated before the right-hand sides,
// as in Lua 5.1). The names in parentheses cannot clash with a script's names.
func (m *Module) compile(L *lua.LState, name string, src []byte) (*lua.LFunction, error) {
	proto, err := compileProto(name, src)
	if err != nil {
		return nil, err
	}
	return L.NewFunctionFromProto(proto), nil
}

// compileProto parses and compiles src, named name in messages.
func compileProto(name string, src []byte) (*lua.FunctionProto, error) {
	chunk, err := parse.Parse(bytes.NewReader(src), name)
	if err != nil {
		return nil, syntaxError(name, src, err)
	}
	chunk = fixBlock(chunk)
	proto, err := lua.Compile(chunk, name)
	if err != nil {
		return nil, syntaxError(name, src, err)
	}
	// gopher-lua marks a chunk as a Lua 5.0 vararg function that wants its
	// arguments in a table named arg, and fills that table (2.6 KB) at every call,
	// but declares no such local in a chunk: nothing can read it. Lua 5.1 makes none.
	proto.IsVarArg &^= lua.VarArgNeedsArg
	return proto, nil
}

func fixBlock(stmts []ast.Stmt) []ast.Stmt {
	for i, s := range stmts {
		stmts[i] = fixStmt(s)
	}
	return stmts
}

func fixStmt(s ast.Stmt) ast.Stmt {
	switch s := s.(type) {
	case *ast.AssignStmt:
		fixExprs(s.Lhs)
		fixExprs(s.Rhs)
		if len(s.Lhs) > 1 {
			return splitAssignment(s)
		}
	case *ast.LocalAssignStmt:
		fixExprs(s.Exprs)
	case *ast.FuncCallStmt:
		s.Expr = fixExpr(s.Expr)
	case *ast.DoBlockStmt:
		fixBlock(s.Stmts)
	case *ast.WhileStmt:
		s.Condition = fixExpr(s.Condition)
		fixBlock(s.Stmts)
	case *ast.RepeatStmt:
		s.Condition = fixExpr(s.Condition)
		fixBlock(s.Stmts)
	case *ast.IfStmt:
		s.Condition = fixExpr(s.Condition)
		fixBlock(s.Then)
		fixBlock(s.Else)
	case *ast.NumberForStmt:
		s.Init, s.Limit = fixExpr(s.Init), fixExpr(s.Limit)
		if s.Step != nil {
			s.Step = fixExpr(s.Step)
		}
		fixBlock(s.Stmts)
	case *ast.GenericForStmt:
		fixExprs(s.Exprs)
		fixBlock(s.Stmts)
	case *ast.FuncDefStmt:
		fixBlock(s.Func.Stmts)
	case *ast.ReturnStmt:
		fixExprs(s.Exprs)
	}
	return s
}

func fixExprs(es []ast.Expr) {
	for i, e := range es {
		es[i] = fixExpr(e)
	}
}

// fixExpr repairs the function bodies inside an expression.
func fixExpr(e ast.Expr) ast.Expr {
	switch e := e.(type) {
	case *ast.FunctionExpr:
		fixBlock(e.Stmts)
	case *ast.AttrGetExpr:
		e.Object, e.Key = fixExpr(e.Object), fixExpr(e.Key)
	case *ast.TableExpr:
		for _, f := range e.Fields {
			if f.Key != nil {
				f.Key = fixExpr(f.Key)
			}
			f.Value = fixExpr(f.Value)
		}
	case *ast.FuncCallExpr:
		if e.Func != nil {
			e.Func = fixExpr(e.Func)
		}
		if e.Receiver != nil {
			e.Receiver = fixExpr(e.Receiver)
		}
		fixExprs(e.Args)
	case *ast.LogicalOpExpr:
		e.Lhs, e.Rhs = fixExpr(e.Lhs), fixExpr(e.Rhs)
	case *ast.RelationalOpExpr:
		e.Lhs, e.Rhs = fixExpr(e.Lhs), fixExpr(e.Rhs)
	case *ast.StringConcatOpExpr:
		e.Lhs, e.Rhs = fixExpr(e.Lhs), fixExpr(e.Rhs)
	case *ast.ArithmeticOpExpr:
		e.Lhs, e.Rhs = fixExpr(e.Lhs), fixExpr(e.Rhs)
	case *ast.UnaryMinusOpExpr:
		e.Expr = fixExpr(e.Expr)
	case *ast.UnaryNotOpExpr:
		e.Expr = fixExpr(e.Expr)
	case *ast.UnaryLenOpExpr:
		e.Expr = fixExpr(e.Expr)
	}
	return e
}

// splitAssignment turns `x1, ..., xn = e1, ..., em` into a do block of locals and
// single assignments (see compile).
func splitAssignment(s *ast.AssignStmt) ast.Stmt {
	line := s.Line()
	n := 0
	temp := func() string { n++; return "(" + strconv.Itoa(n) + ")" }
	ident := func(name string) ast.Expr {
		id := &ast.IdentExpr{Value: name}
		id.SetLine(line)
		id.SetLastLine(line)
		return id
	}
	local := func(names []string, exprs []ast.Expr) ast.Stmt {
		l := &ast.LocalAssignStmt{Names: names, Exprs: exprs}
		l.SetLine(line)
		l.SetLastLine(line)
		return l
	}
	var body []ast.Stmt
	targets := make([]ast.Expr, len(s.Lhs))
	var keyNames []string
	var keyExprs []ast.Expr
	for i, lhs := range s.Lhs {
		targets[i] = lhs
		if get, ok := lhs.(*ast.AttrGetExpr); ok {
			obj, key := temp(), temp()
			keyNames = append(keyNames, obj, key)
			keyExprs = append(keyExprs, get.Object, get.Key)
			target := &ast.AttrGetExpr{Object: ident(obj), Key: ident(key)}
			target.SetLine(get.Line())
			target.SetLastLine(get.LastLine())
			targets[i] = target
		}
	}
	if len(keyNames) > 0 {
		body = append(body, local(keyNames, keyExprs))
	}
	values := make([]string, len(s.Lhs))
	for i := range values {
		values[i] = temp()
	}
	body = append(body, local(values, s.Rhs))
	for i, target := range targets {
		a := &ast.AssignStmt{Lhs: []ast.Expr{target}, Rhs: []ast.Expr{ident(values[i])}}
		a.SetLine(line)
		a.SetLastLine(line)
		body = append(body, a)
	}
	block := &ast.DoBlockStmt{Stmts: body}
	block.SetLine(line)
	block.SetLastLine(s.LastLine())
	return block
}
