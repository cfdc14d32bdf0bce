package trace

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"

	"luasync/runtime"
)

// svgNode is an SVG element, enough of it for the tests.
type svgNode struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Text     string     `xml:",chardata"`
	Children []svgNode  `xml:",any"`
}

func (n svgNode) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (n svgNode) walk(f func(svgNode)) {
	f(n)
	for _, c := range n.Children {
		c.walk(f)
	}
}

// parseSVG parses the SVG as XML, strictly, and returns its root.
func parseSVG(t *testing.T, r *Recorder) (svgNode, string) {
	t.Helper()
	var b bytes.Buffer
	if err := r.WriteSVG(&b); err != nil {
		t.Fatal(err)
	}
	d := xml.NewDecoder(bytes.NewReader(b.Bytes()))
	d.Strict = true
	for {
		if _, err := d.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("not XML: %v\n%s", err, b.String())
		}
	}
	var root svgNode
	if err := xml.Unmarshal(b.Bytes(), &root); err != nil {
		t.Fatal(err)
	}
	if root.XMLName.Local != "svg" || root.XMLName.Space != "http://www.w3.org/2000/svg" {
		t.Fatalf("root element %v", root.XMLName)
	}
	return root, b.String()
}

// rows returns the task rows: the <g class="task"> elements.
func rows(root svgNode) []svgNode {
	var out []svgNode
	root.walk(func(n svgNode) {
		if n.XMLName.Local == "g" && n.attr("class") == "task" {
			out = append(out, n)
		}
	})
	return out
}

func titleOf(n svgNode) string {
	for _, c := range n.Children {
		if c.XMLName.Local == "title" {
			return c.Text
		}
	}
	return ""
}

func TestSVGOfTheLockTutorial(t *testing.T) {
	r, _ := record(t, lockTutorial)
	root, src := parseSVG(t, r)
	var names []string
	for _, row := range rows(root) {
		names = append(names, row.attr("data-task"))
		// Every drawn thing in a row has hover text.
		for _, c := range row.Children {
			if c.XMLName.Local != "title" && titleOf(c) == "" {
				t.Errorf("a <%s> of %s has no <title>", c.XMLName.Local, row.attr("data-task"))
			}
		}
	}
	if got := strings.Join(names, " "); got != "Task-1 Task-2 Task-3" {
		t.Errorf("rows %q, want one per task", got)
	}
	for _, want := range []string{
		"Task-2: block(), 0.000 to 2.000 s (2.000 s)",
		"Task-3: ready, 0.000 to 2.000 s (2.000 s)",
		"Task-3: block(), 2.000 to 4.000 s (2.000 s)",
		"Task-1: waiting in gather on [Task-2, Task-3], 0.000 to 4.000 s (4.000 s)",
		"Task-2 holds Lock A, 0.000 to 2.000 s (2.000 s), acquired at lock.lua:11",
		"Task-3 holds Lock A, 2.000 to 4.000 s (2.000 s), acquired at lock.lua:11",
		"Lock A held", // in the legend
		`>2 s</text>`, // the axis, in seconds
		"virtual clock, 0 to 4.000 s",
	} {
		if !strings.Contains(src, want) {
			t.Errorf("the SVG lacks %q", want)
		}
	}
	if strings.Contains(src, "<script") || strings.Contains(src, "href") {
		t.Error("the SVG is not self-contained")
	}
}

// From 2 to 50 tasks the rows stay readable: at least 14 px each, the names at
// least 11 px, and the image no taller than a page.
func TestSVGScales(t *testing.T) {
	for _, n := range []int{2, 10, 50} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			r, _ := record(t, func(s *runtime.Scheduler, m *runtime.Task) {
				lock := runtime.NewLock()
				var ts []*runtime.Task
				for i := 1; i < n; i++ {
					ts = append(ts, spawn(s, "x.lua:1", func(t *runtime.Task) {
						t.Sleep(secs(0.1 * float64(i)))
						lock.Acquire(t)
						t.Sleep(secs(0.5))
						lock.Release()
					}))
				}
				m.Gather(ts)
			})
			root, _ := parseSVG(t, r)
			rs := rows(root)
			if len(rs) != n {
				t.Fatalf("%d rows for %d tasks", len(rs), n)
			}
			height, _ := strconv.Atoi(root.attr("height"))
			if height > 900 {
				t.Errorf("%d px tall", height)
			}
			for _, row := range rs {
				for _, c := range row.Children {
					if c.XMLName.Local == "text" {
						if size, _ := strconv.Atoi(c.attr("font-size")); size < 11 {
							t.Errorf("names in %d px", size)
						}
					}
				}
			}
		})
	}
}
