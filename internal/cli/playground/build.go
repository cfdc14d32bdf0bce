package playground

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	goruntime "runtime"
	"sort"
	"strings"
)

// The browser build: the module's web/wasm package, built with the local Go
// toolchain for GOOS=js GOARCH=wasm into the user's cache folder, under a name
// made from a hash of the sources and the toolchain, so that a changed source is
// always built again and an unchanged one never is.

// Build is the browser build of the module at src, and the wasm_exec.js of the
// toolchain that made it.
type Build struct {
	Wasm     string // the .wasm file's path
	WasmExec string // wasm_exec.js's path
}

// SourceDir is the luasync module's folder: dir if given, else the one this binary
// was built from, else the nearest above the working folder.
func SourceDir(dir string) (string, error) {
	if dir != "" {
		if !isModule(dir) {
			return "", fmt.Errorf("%s is not luasync's source folder (no go.mod of module luasync)", dir)
		}
		return dir, nil
	}
	if _, file, _, ok := goruntime.Caller(0); ok {
		d := filepath.Join(filepath.Dir(file), "..", "..", "..")
		if isModule(d) {
			return filepath.Clean(d), nil
		}
	}
	if wd, err := os.Getwd(); err == nil {
		for d := wd; ; d = filepath.Dir(d) {
			if isModule(d) {
				return d, nil
			}
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	return "", fmt.Errorf("cannot find luasync's source folder (it builds the page's wasm): give it with --source DIR")
}

func isModule(dir string) bool {
	b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	return err == nil && strings.HasPrefix(string(b), "module luasync\n")
}

// goTool is the go command: the one on PATH, else the toolchain's that built us.
func goTool() (string, error) {
	if p, err := exec.LookPath("go"); err == nil {
		return p, nil
	}
	p := filepath.Join(goruntime.GOROOT(), "bin", "go")
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("the playground needs the Go toolchain to build its wasm, and there is no go on PATH")
	}
	return p, nil
}

// BuildWasm makes (or finds in the cache) the browser build of the module at src;
// progress goes to log.
func BuildWasm(src, cacheDir string, log io.Writer) (Build, error) {
	gotool, err := goTool()
	if err != nil {
		return Build{}, err
	}
	goroot, err := exec.Command(gotool, "env", "GOROOT").Output()
	if err != nil {
		return Build{}, fmt.Errorf("go env GOROOT: %v", err)
	}
	var b Build
	for _, p := range []string{"lib/wasm/wasm_exec.js", "misc/wasm/wasm_exec.js"} {
		p = filepath.Join(strings.TrimSpace(string(goroot)), p)
		if _, err := os.Stat(p); err == nil {
			b.WasmExec = p
			break
		}
	}
	if b.WasmExec == "" {
		return Build{}, fmt.Errorf("the Go toolchain has no wasm_exec.js (under %s)", strings.TrimSpace(string(goroot)))
	}
	version, err := exec.Command(gotool, "version").Output()
	if err != nil {
		return Build{}, fmt.Errorf("go version: %v", err)
	}
	key, err := sourceHash(src, version)
	if err != nil {
		return Build{}, err
	}
	if cacheDir == "" {
		if cacheDir, err = os.UserCacheDir(); err != nil {
			return Build{}, fmt.Errorf("no cache folder for the wasm: %v", err)
		}
		cacheDir = filepath.Join(cacheDir, "luasync")
	}
	if err := os.MkdirAll(cacheDir, 0o755); err != nil {
		return Build{}, err
	}
	b.Wasm = filepath.Join(cacheDir, "playground-"+key+".wasm")
	if _, err := os.Stat(b.Wasm); err == nil {
		return b, nil
	}
	fmt.Fprintf(log, "luasync playground: building the browser build (GOOS=js GOARCH=wasm) into %s\n", cacheDir)
	tmp := b.Wasm + ".tmp"
	cmd := exec.Command(gotool, "build", "-trimpath", "-ldflags=-s -w", "-o", tmp, "./web/wasm")
	cmd.Dir = src
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		os.Remove(tmp)
		return Build{}, fmt.Errorf("building the wasm failed: %v\n%s", err, out.String())
	}
	if err := os.Rename(tmp, b.Wasm); err != nil {
		return Build{}, err
	}
	// the builds of other states of the sources are of no more use
	old, _ := filepath.Glob(filepath.Join(cacheDir, "playground-*.wasm"))
	for _, p := range old {
		if p != b.Wasm {
			os.Remove(p)
		}
	}
	return b, nil
}

// sourceHash is a hash of the Go toolchain's version and of every file the
// build may read: the module's .go files (tests aside), go.mod and go.sum.
func sourceHash(src string, version []byte) (string, error) {
	var files []string
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != src && (strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if (strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go")) || name == "go.mod" || name == "go.sum" {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	sort.Strings(files)
	h := sha256.New()
	h.Write(version)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return "", err
		}
		rel, _ := filepath.Rel(src, f)
		fmt.Fprintf(h, "%s %d\n", filepath.ToSlash(rel), len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}
