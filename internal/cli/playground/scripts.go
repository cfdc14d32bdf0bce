package playground

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// The page's menus: the tutorial, the examples and the exercises, read from the
// module's scripts/ folder and sent as scripts.json.

type menuGroup struct {
	Title   string       `json:"title"`
	Scripts []menuScript `json:"scripts"`
}

type menuScript struct {
	Name   string `json:"name"`             // what the menu shows
	File   string `json:"file"`             // the name its reports use
	Source string `json:"source"`           // the script
	Readme string `json:"readme,omitempty"` // an exercise's README
	// an exercise's expected output and its file, for Check
	Expected     string `json:"expected,omitempty"`
	ExpectedFile string `json:"expectedFile,omitempty"`
}

// scriptsJSON is the menus of the module at src.
func scriptsJSON(src string) ([]byte, error) {
	dir := filepath.Join(src, "scripts")
	var groups []menuGroup
	for _, title := range []string{"tutorial", "examples"} {
		names, err := filepath.Glob(filepath.Join(dir, title, "*.lua"))
		if err != nil {
			return nil, err
		}
		sort.Strings(names)
		g := menuGroup{Title: title}
		for _, p := range names {
			b, err := os.ReadFile(p)
			if err != nil {
				return nil, err
			}
			name := filepath.Base(p)
			g.Scripts = append(g.Scripts, menuScript{Name: strings.TrimSuffix(name, ".lua"), File: "scripts/" + title + "/" + name, Source: string(b)})
		}
		groups = append(groups, g)
	}
	entries, err := os.ReadDir(filepath.Join(dir, "exercises"))
	if err != nil {
		return nil, err
	}
	g := menuGroup{Title: "exercises"}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		// a starter to fix, checked against expected.txt; or a program whose
		// breaking schedule is to be found, which has no check
		folder := "scripts/exercises/" + e.Name() + "/"
		s := menuScript{Name: e.Name(), File: folder + "exercise.lua"}
		b, err := os.ReadFile(filepath.Join(src, s.File))
		if err == nil {
			want, err := os.ReadFile(filepath.Join(src, folder+"expected.txt"))
			if err == nil {
				s.Expected, s.ExpectedFile = string(want), folder+"expected.txt"
			}
		} else {
			s.File = folder + "program.lua"
			if b, err = os.ReadFile(filepath.Join(src, s.File)); err != nil {
				continue // not an exercise
			}
		}
		readme, _ := os.ReadFile(filepath.Join(src, folder+"README.md"))
		s.Source, s.Readme = string(b), string(readme)
		g.Scripts = append(g.Scripts, s)
	}
	groups = append(groups, g)
	return json.Marshal(groups)
}
