package cli

import "testing"

func TestUnifiedDiff(t *testing.T) {
	want := "a\nb\nc\nd\ne\nf\ng\nh\n"
	got := "a\nb\nC\nd\ne\nf\ng\nh\ni\n"
	d := UnifiedDiff("expected", "got", want, got, 50)
	wantDiff := `--- expected
+++ got
@@ -1,5 +1,5 @@
 a
 b
-c
+C
 d
 e
@@ -7,2 +7,3 @@
 g
 h
+i`
	if d != wantDiff {
		t.Errorf("diff:\n%s\nwant:\n%s", d, wantDiff)
	}
	if d := UnifiedDiff("e", "g", "x\n", "x", 50); d != "--- e\n+++ g\n@@ -1,1 +1,1 @@\n-x\n+x (no newline at the end)" {
		t.Errorf("no newline: %q", d)
	}
	if d := UnifiedDiff("e", "g", "", "x\n", 50); d != "--- e\n+++ g\n@@ -0,0 +1,1 @@\n+x" {
		t.Errorf("from empty: %q", d)
	}
}
