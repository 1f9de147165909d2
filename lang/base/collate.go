package base

// String collation. R compares and sorts strings with the locale's
// collation (ICU when available); the reference outputs come from R in
// C.UTF-8 with ICU's root collation. This is a small subset of the Unicode
// Collation Algorithm for that case: printable ASCII in the root order
// (whitespace, punctuation and symbols before digits before letters,
// letters case-insensitive at the primary level with lower case first at
// the tertiary level), other characters after ASCII by code point.

// asciiRootOrder lists printable ASCII in ICU root collation order;
// upper-case letters share the primary weight of their lower case.
const asciiRootOrder = " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz"

var asciiPrimary [128]int32

func init() {
	for i, c := range asciiRootOrder {
		asciiPrimary[c] = int32(i + 1)
	}
	for c := 'A'; c <= 'Z'; c++ {
		asciiPrimary[c] = asciiPrimary[c+'a'-'A']
	}
	// Control characters sort first, tab/newline before space.
	for c := 0; c < 32; c++ {
		asciiPrimary[c] = 0
	}
	asciiPrimary['\t'], asciiPrimary['\n'], asciiPrimary['\r'] = 1, 1, 1
	asciiPrimary[127] = 0
}

func primaryWeight(r rune) int32 {
	if r < 128 {
		return asciiPrimary[r]
	}
	return 1000 + r
}

// collate compares two strings as R's Scollate does in the reference
// locale: negative, zero or positive.
func collate(a, b string) int {
	if a == b {
		return 0
	}
	if r, ok := collateASCII(a, b); ok {
		return r
	}
	ra, rb := []rune(a), []rune(b)
	// Primary level, ignoring fully ignorable (weight 0) characters.
	i, j := 0, 0
	for {
		for i < len(ra) && primaryWeight(ra[i]) == 0 {
			i++
		}
		for j < len(rb) && primaryWeight(rb[j]) == 0 {
			j++
		}
		if i == len(ra) || j == len(rb) {
			if i != len(ra) {
				return 1
			}
			if j != len(rb) {
				return -1
			}
			break
		}
		wa, wb := primaryWeight(ra[i]), primaryWeight(rb[j])
		if wa != wb {
			if wa < wb {
				return -1
			}
			return 1
		}
		i++
		j++
	}
	// Tertiary level: lower case before upper case.
	n := len(ra)
	if len(rb) < n {
		n = len(rb)
	}
	for k := 0; k < n; k++ {
		ua, ub := ra[k] >= 'A' && ra[k] <= 'Z', rb[k] >= 'A' && rb[k] <= 'Z'
		if ua != ub {
			if ub {
				return -1
			}
			return 1
		}
	}
	// Identical level: code point order.
	if a < b {
		return -1
	}
	return 1
}

// collateASCII is collate for two ASCII strings without allocation; ok is
// false when either string has other characters.
func collateASCII(a, b string) (int, bool) {
	for i := 0; i < len(a); i++ {
		if a[i] >= 0x80 {
			return 0, false
		}
	}
	for i := 0; i < len(b); i++ {
		if b[i] >= 0x80 {
			return 0, false
		}
	}
	i, j := 0, 0
	for {
		for i < len(a) && asciiPrimary[a[i]] == 0 {
			i++
		}
		for j < len(b) && asciiPrimary[b[j]] == 0 {
			j++
		}
		if i == len(a) || j == len(b) {
			if i != len(a) {
				return 1, true
			}
			if j != len(b) {
				return -1, true
			}
			break
		}
		wa, wb := asciiPrimary[a[i]], asciiPrimary[b[j]]
		if wa != wb {
			if wa < wb {
				return -1, true
			}
			return 1, true
		}
		i++
		j++
	}
	n := min(len(a), len(b))
	for k := 0; k < n; k++ {
		ua, ub := a[k] >= 'A' && a[k] <= 'Z', b[k] >= 'A' && b[k] <= 'Z'
		if ua != ub {
			if ub {
				return -1, true
			}
			return 1, true
		}
	}
	if a < b {
		return -1, true
	}
	return 1, true
}
