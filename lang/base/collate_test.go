package base

import (
	"sort"
	"strings"
	"testing"
)

func TestCollateMatchesR(t *testing.T) {
	// sort() of these in GNU R 4.2.2, LC_ALL=C.UTF-8 (ICU root).
	want := []string{"", "_a", "a", "A", "a b", "a_b", "a-b", "a1", "a10", "a2", "ab", "aB",
		"Ab", "ab ", "abc", "aBc", "ABC", "x-y", "x.y", "xy"}
	got := append([]string(nil), want...)
	sort.Slice(got, func(i, j int) bool { return got[i] > got[j] })
	sort.SliceStable(got, func(i, j int) bool { return collate(got[i], got[j]) < 0 })
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
