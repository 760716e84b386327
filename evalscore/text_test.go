package evalscore

import (
	"bufio"
	"bytes"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"unicode"
)

// pyProbe prints, for every code point whose case, space, number or sigma
// behaviour is not the plain one, the same line as probeLine; and the code
// points unassigned in python3's Unicode version.
const pyProbe = `
import re, sys, unicodedata
exec(compile(open(sys.argv[1]).read().split("\ndef match(")[0], "score.py", "exec"))
out, gap = [], None
for c in range(0x110001):
    ch = chr(c) if c < 0x110000 else ""
    if ch and unicodedata.category(ch) in ("Cn", "Cs"):
        gap = c if gap is None else gap
        continue
    if gap is not None:
        out.append("%x unassigned up to %x" % (gap, c - 1))
        gap = None
    if not ch:
        break
    low = ",".join("%x" % ord(x) for x in ch.lower())
    up = re.sub(r"[^A-Z0-9]", "", ch.upper()) or "-"
    sp = 1 if re.match(r"\s", ch) else 0
    n = num(ch)
    n = "-" if n is None else repr(n)
    sig = "".join("1" if s.lower()[i] == "\u03c2" else "0"
                  for s, i in ((ch + "\u03a3", -1), ("A\u03a3" + ch, 1), ("A" + ch + "\u03a3", -1)))
    line = "%x %s %s %d %s %s" % (c, low, up, sp, n, sig)
    if line != "%x %x - 0 - 010" % (c, c):
        out.append(line)
print("\n".join(out))
`

// probeLine is a code point's lower case, its upper case letters and
// digits, whether it is space, its float() value and whether a capital
// sigma next to it is final in three contexts.
func probeLine(c rune) string {
	ch := string(c)
	var low []string
	for _, r := range pyLower(ch) {
		low = append(low, fmt.Sprintf("%x", r))
	}
	up := upperASCII(ch)
	if up == "" {
		up = "-"
	}
	sp := 0
	if pySpace(c) {
		sp = 1
	}
	n := "-"
	if f, ok := num(ch); ok {
		n = pyFloatRepr(f)
	}
	sig := ""
	for _, p := range []struct {
		s string
		i int
	}{{ch + "Σ", -1}, {"AΣ" + ch, 1}, {"A" + ch + "Σ", -1}} {
		rs := []rune(pyLower(p.s))
		if rs[(p.i+len(rs))%len(rs)] == 'ς' {
			sig += "1"
		} else {
			sig += "0"
		}
	}
	return fmt.Sprintf("%x %s %s %d %s %s", c, strings.Join(low, ","), up, sp, n, sig)
}

// TestPythonStrings checks pyLower, upperASCII, pySpace and num against
// python3 over every code point.
func TestPythonStrings(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	want, gaps := pythonProbe(t)
	bad := 0
	for c := rune(0); c <= unicode.MaxRune && bad < 20; c++ {
		if end, ok := gaps[c]; ok {
			c = end // unassigned in python3's Unicode version
			continue
		}
		if !assigned(c) {
			continue // the Unicode versions of Go and python3 differ
		}
		w, ok := want[c]
		if !ok {
			w = fmt.Sprintf("%x %x - 0 - 010", c, c)
		}
		if got := probeLine(c); got != w {
			t.Errorf("U+%04X: got %q, python3 %q", c, got, w)
			bad++
		}
	}
}

func assigned(c rune) bool {
	return unicode.In(c, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z, unicode.Cc, unicode.Cf, unicode.Co)
}

// pythonProbe returns pyProbe's lines by code point and its runs of
// unassigned code points, first to last.
func pythonProbe(t *testing.T) (want map[rune]string, gaps map[rune]rune) {
	t.Helper()
	src := runPython(t, "-c", pyProbe, scorePy)
	want, gaps = map[rune]string{}, map[rune]rune{}
	sc := bufio.NewScanner(bytes.NewReader(src))
	for sc.Scan() {
		var c, end rune
		if _, err := fmt.Sscanf(sc.Text(), "%x unassigned up to %x", &c, &end); err == nil {
			gaps[c] = end
			continue
		}
		if _, err := fmt.Sscanf(sc.Text(), "%x ", &c); err != nil {
			t.Fatalf("%q: %v", sc.Text(), err)
		}
		want[c] = sc.Text()
	}
	if len(want) < 1000 || len(gaps) == 0 {
		t.Fatalf("python3 printed %d lines and %d gaps", len(want), len(gaps))
	}
	return want, gaps
}

// runPython runs python3 with args and returns its standard output,
// skipping the test when python3 or score.py is missing.
func runPython(t *testing.T, args ...string) []byte {
	t.Helper()
	requireScorePy(t)
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3")
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(py, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("python3: %v\n%s", err, stderr.Bytes())
	}
	return stdout.Bytes()
}
