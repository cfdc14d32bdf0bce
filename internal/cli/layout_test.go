package cli

import (
	"os/exec"
	"path/filepath"
	goruntime "runtime"
	"slices"
	"strings"
	"testing"
)

// commandPackages are the packages of luasync's commands.
var commandPackages = []string{"check", "explore", "playground", "repl", "run", "step"}

// A command package never imports another, directly or not: what they share is in
// this package and the engine. go list -deps says what each depends on.
func TestCommandPackagesStandAlone(t *testing.T) {
	goTool := filepath.Join(goruntime.GOROOT(), "bin", "go")
	for _, name := range commandPackages {
		out, err := exec.Command(goTool, "list", "-deps", "luasync/internal/cli/"+name).CombinedOutput()
		if err != nil {
			t.Fatalf("go list -deps %s: %v\n%s", name, err, out)
		}
		deps := strings.Fields(string(out))
		if !slices.Contains(deps, "luasync/internal/engine") {
			t.Errorf("%s does not run scripts through the engine", name)
		}
		for _, other := range commandPackages {
			if other != name && slices.Contains(deps, "luasync/internal/cli/"+other) {
				t.Errorf("luasync/internal/cli/%s depends on luasync/internal/cli/%s", name, other)
			}
		}
	}
}
