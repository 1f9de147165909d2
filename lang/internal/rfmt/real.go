package rfmt

import (
	"math"
	"math/big"
	"strconv"
	"strings"
)

// NAReal is R's NA_real_ (a NaN whose low 32 bits are 1954).
var NAReal = math.Float64frombits(0x7FF00000000007A2)

// NAInt is R's NA_integer_ and NA (logical): INT_MIN.
const NAInt = math.MinInt32

// IsNA reports whether x is R's NA_real_ (as R's R_IsNA: a NaN whose low
// word is 1954), as opposed to another NaN.
func IsNA(x float64) bool {
	return math.IsNaN(x) && uint32(math.Float64bits(x)) == 1954
}

// Options are the print options R's formatting reads (R_print).
type Options struct {
	Digits   int    // getOption("digits"), default 7
	Scipen   int    // getOption("scipen"), default 0
	Width    int    // getOption("width"), default 80
	Gap      int    // print gap between columns, default 1
	NAString string // print's na.print, default "NA"
	Quote    bool   // print strings quoted (print's quote=TRUE)
	Right    bool   // right-justify strings (print's right=FALSE default)
	MaxPrint int    // getOption("max.print"), default 99999
}

// DefaultOptions are R's defaults: digits 7, scipen 0, width 80, quote.
func DefaultOptions() Options {
	return Options{Digits: 7, Scipen: 0, Width: 80, Gap: 1, NAString: "NA", Quote: true, MaxPrint: 99999}
}

func (o *Options) naWidth() int { return displayWidth(o.NAString) }

// naFor is how an NA string prints: na.print, which by default is "NA"
// when quoting and "<NA>" when not.
func (o *Options) naFor(quote bool) string {
	if quote || o.NAString != "NA" {
		return o.NAString
	}
	return "<NA>"
}

// 10^k exactly, as 64-bit-mantissa "long double" values (k <= 27 exact).
func pow10LD(k int) *big.Float {
	z := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(k)), nil)
	return new(big.Float).SetPrec(64).SetMode(big.ToNearestEven).SetInt(z)
}

func newLD(x float64) *big.Float {
	return new(big.Float).SetPrec(64).SetMode(big.ToNearestEven).SetFloat64(x)
}

// nearbyintLD rounds a long double to the nearest integer, ties to even,
// and returns it as a float64 (exact for |v| < 2^53).
func nearbyintLD(v *big.Float) float64 {
	i, _ := v.Int(nil) // truncates toward zero
	fi := new(big.Float).SetPrec(200).SetInt(i)
	frac := new(big.Float).SetPrec(200).Sub(new(big.Float).SetPrec(200).Set(v), fi)
	half := big.NewFloat(0.5)
	c := frac.Abs(frac).Cmp(half)
	if c > 0 || (c == 0 && i.Bit(0) == 1) {
		if v.Sign() >= 0 {
			i.Add(i, big.NewInt(1))
		} else {
			i.Sub(i, big.NewInt(1))
		}
	}
	f, _ := new(big.Float).SetInt(i).Float64()
	return f
}

// sci is the result of R's scientific() for one finite number.
type sci struct {
	neg, kpower, nsig int
	roundingWidens    bool
}

const kpMax = 27

// scientific reproduces R's scientific() (format.c) with the x86-64 long
// double arithmetic GNU R uses: for |x| = alpha * 10^kpower, 1 <= alpha < 10,
// nsig is the number of significant digits (<= digits) needed.
func scientific(x float64, digits int) sci {
	var s sci
	if x == 0 {
		s.nsig = 1
		return s
	}
	r := x
	if x < 0 {
		s.neg = 1
		r = -x
	}
	if digits >= 16 {
		// format_via_sprintf
		buf := strconv.FormatFloat(r, 'e', digits-1, 64)
		if digits-1 == 0 {
			// "%#.0e" keeps the point: "1.e+05"
			buf = buf[:1] + "." + buf[1:]
		}
		k, _ := strconv.Atoi(buf[digits+2:])
		s.kpower = k
		i := digits
		for ; i >= 2; i-- {
			if buf[i] != '0' {
				break
			}
		}
		s.nsig = i
		return s
	}
	kp := floorLog10(r) - digits + 1
	var alpha float64
	if k, a, ok := scaledAlpha(r, kp, digits); ok {
		kp, alpha = k, a
	} else {
		kp, alpha = scaledAlphaBig(r, kp, digits)
	}
	s.nsig = digits
	for j := 1; j <= digits; j++ {
		alpha /= 10.0
		if alpha == math.Floor(alpha) {
			s.nsig--
		} else {
			break
		}
	}
	if s.nsig == 0 && digits > 0 {
		s.nsig = 1
		kp++
	}
	s.kpower = kp + digits - 1
	rgt := digits - s.kpower
	if rgt < 0 {
		rgt = 0
	} else if rgt > kpMax {
		rgt = kpMax
	}
	fuzz := 0.5 / math.Pow10(rgt)
	if s.kpower > 0 && s.kpower <= kpMax {
		p := math.Pow10(s.kpower) // exact for kpower <= 22
		switch {
		case s.kpower <= 22 && r >= p:
			s.roundingWidens = false
		case s.kpower <= 22 && r < p-1:
			s.roundingWidens = true
		default:
			lim := pow10LD(s.kpower)
			lim.Sub(lim, newLD(fuzz))
			s.roundingWidens = newLD(r).Cmp(lim) < 0
		}
	}
	return s
}

func abs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}

// RealFormat is the common format R chooses for a double vector:
// W the field width, D the digits after the point (fixed) or in the
// mantissa (scientific), E zero for fixed, else the number of exponent
// digits minus one.
type RealFormat struct{ W, D, E int }

// FormatReal reproduces R's formatReal(x, n, &w, &d, &e, nsmall) with the
// given digits and scipen: the minimal digits (<= digits) showing every
// element to `digits` significant digits, fixed notation unless it is
// wider than scientific + scipen.
func FormatReal(x []float64, digits, nsmall, scipen int, naWidth int) RealFormat {
	var naflag, nanflag, posinf, neginf bool
	neg := 0
	const intMin, intMax = math.MinInt32, math.MaxInt32
	rgt, mxl, mxsl, mxns := intMin, intMin, intMin, intMin
	mnl := intMax
	for _, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			switch {
			case IsNA(v):
				naflag = true
			case math.IsNaN(v):
				nanflag = true
			case v > 0:
				posinf = true
			default:
				neginf = true
			}
			continue
		}
		s := scientific(v, digits)
		left := s.kpower + 1
		if s.roundingWidens {
			left--
		}
		sleft := s.neg
		if left <= 0 {
			sleft++
		} else {
			sleft += left
		}
		right := s.nsig - left
		if s.neg != 0 {
			neg = 1
		}
		if right > rgt {
			rgt = right
		}
		if left > mxl {
			mxl = left
		}
		if left < mnl {
			mnl = left
		}
		if sleft > mxsl {
			mxsl = sleft
		}
		if s.nsig > mxns {
			mxns = s.nsig
		}
	}
	var f RealFormat
	if digits == 0 {
		rgt = 0
	}
	if mxl < 0 {
		mxsl = 1 + neg
	}
	if rgt < 0 {
		rgt = 0
	}
	wF := mxsl + rgt
	if rgt != 0 {
		wF++
	}
	if mxl > 100 || mnl <= -99 {
		f.E = 2
	} else {
		f.E = 1
	}
	if mxns != intMin {
		f.D = mxns - 1
		f.W = neg + f.D + 4 + f.E
		if f.D > 0 {
			f.W++
		}
		if wF <= f.W+scipen {
			f.E = 0
			if nsmall > rgt {
				rgt = nsmall
				wF = mxsl + rgt
				if rgt != 0 {
					wF++
				}
			}
			f.D = rgt
			f.W = wF
		}
	} else {
		f = RealFormat{}
	}
	if naflag && f.W < naWidth {
		f.W = naWidth
	}
	if nanflag && f.W < 3 {
		f.W = 3
	}
	if posinf && f.W < 3 {
		f.W = 3
	}
	if neginf && f.W < 4 {
		f.W = 4
	}
	return f
}

func padLeft(s string, w int) string {
	n := displayWidth(s)
	if n >= w {
		return s
	}
	return strings.Repeat(" ", w-n) + s
}

func padRight(s string, w int) string {
	n := displayWidth(s)
	if n >= w {
		return s
	}
	return s + strings.Repeat(" ", w-n)
}

// EncodeReal reproduces R's EncodeReal0(x, w, d, e, "."): the number in
// the common format, right-justified to width w; NA prints as naString.
func EncodeReal(x float64, f RealFormat, naString string) string {
	return padLeft(encodeRealRaw(x, f, naString, false), f.W)
}

func encodeRealRaw(x float64, f RealFormat, naString string, drop0 bool) string {
	if x == 0 {
		x = 0 // no negative zero
	}
	switch {
	case IsNA(x):
		return naString
	case math.IsNaN(x):
		return "NaN"
	case math.IsInf(x, 1):
		return "Inf"
	case math.IsInf(x, -1):
		return "-Inf"
	}
	var s string
	if f.E != 0 {
		s = strconv.FormatFloat(x, 'e', f.D, 64)
		if drop0 {
			s = dropTrailing0(s)
		}
	} else {
		s = strconv.FormatFloat(x, 'f', f.D, 64)
		if drop0 && strings.IndexByte(s, '.') >= 0 {
			s = strings.TrimRight(s, "0")
			s = strings.TrimSuffix(s, ".")
		}
	}
	return s
}

// dropTrailing0 removes trailing zeros of the mantissa of "1.500e+05".
func dropTrailing0(s string) string {
	i := strings.IndexByte(s, 'e')
	if i < 0 {
		return s
	}
	m, ex := s[:i], s[i:]
	if strings.IndexByte(m, '.') >= 0 {
		m = strings.TrimRight(m, "0")
		m = strings.TrimSuffix(m, ".")
	}
	return m + ex
}

// AsCharacterReal reproduces as.character() of a double in R 4.2
// (StringFromReal with 15 significant digits and EncodeRealDrop0):
// "0.1", "0.333333333333333", "1e+05", "123456", "1e-20". NA gives ok=false
// (the result is NA_character_).
func AsCharacterReal(x float64, scipen int) (s string, ok bool) {
	if IsNA(x) {
		return "NA", false
	}
	f := FormatReal([]float64{x}, 15, 0, scipen, 2)
	return encodeRealRaw(x, f, "NA", true), true
}

// FormatRealAlone formats one double the way cat() and paste's callers
// that format element by element do: formatReal on that element alone with
// the given digits, no padding.
func FormatRealAlone(x float64, digits, scipen int) string {
	f := FormatReal([]float64{x}, digits, 0, scipen, 2)
	return encodeRealRaw(x, f, "NA", false)
}

// scaledAlphaBig is the general (math/big) version of scaledAlpha.
func scaledAlphaBig(r float64, kp, digits int) (int, float64) {
	rp := newLD(r)
	if abs(kp) <= kpMax {
		if kp > 0 {
			rp.Quo(rp, pow10LD(kp))
		} else if kp < 0 {
			rp.Mul(rp, pow10LD(-kp))
		}
	} else {
		// powl(10, kp): correctly rounded power in long double
		p := new(big.Float).SetPrec(64).SetMode(big.ToNearestEven)
		if kp > 0 {
			p.Set(new(big.Float).SetPrec(2000).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(kp)), nil)))
			rp.Quo(rp, p)
		} else {
			ten := new(big.Float).SetPrec(4000).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(-kp)), nil))
			inv := new(big.Float).SetPrec(4000).Quo(big.NewFloat(1).SetPrec(4000), ten)
			p.Set(inv)
			rp.Quo(rp, p)
		}
	}
	if digits >= 1 {
		if rp.Cmp(pow10LD(digits-1)) < 0 {
			rp.Mul(rp, newLD(10))
			kp--
		}
	} else if rp.Cmp(newLD(0.1)) < 0 { // tbl[0] = 1e-1 (digits = 0)
		rp.Mul(rp, newLD(10))
		kp--
	}
	return kp, nearbyintLD(rp)
}

// floorLog10 is floor(log10(r)) with glibc's (correctly rounded) log10:
// math.Log10 decides unless it lands within 1e-9 of an integer.
func floorLog10(r float64) int {
	if r < 2.2250738585072014e-308 {
		// Go's math.Log10 is wrong for subnormals
		return int(math.Floor(log10CR(r)))
	}
	l := math.Log10(r)
	f := math.Floor(l)
	if d := l - f; d > 1e-9 && d < 1-1e-9 {
		return int(f)
	}
	return int(math.Floor(log10CR(r)))
}

// FormatComplex formats complex numbers as R prints them, simplified:
// the real parts formatted together, the moduli of the imaginary parts
// together, joined as "re+imi" / "re-imi"; NA (either part) is "NA". The
// strings are not padded.
func FormatComplex(x []complex128, digits, scipen int) []string {
	// R first rounds both parts to digits significant digits of the
	// larger one (z_prec_r), so 1e-16+2i shows as 0+2i
	x = append([]complex128(nil), x...)
	for i, c := range x {
		m := math.Max(math.Abs(real(c)), math.Abs(imag(c)))
		if m == 0 || math.IsNaN(m) || math.IsInf(m, 0) {
			continue
		}
		k := float64(digits-1) - math.Floor(math.Log10(m))
		if k > 300 || k < -300 {
			continue
		}
		p := math.Pow(10, k)
		x[i] = complex(math.Round(real(c)*p)/p, math.Round(imag(c)*p)/p)
	}
	re := make([]float64, 0, len(x))
	im := make([]float64, 0, len(x))
	for _, c := range x {
		if IsNA(real(c)) || IsNA(imag(c)) {
			continue
		}
		re = append(re, real(c))
		im = append(im, math.Abs(imag(c)))
	}
	fr := FormatReal(re, digits, 0, scipen, 2)
	fi := FormatReal(im, digits, 0, scipen, 2)
	out := make([]string, len(x))
	for i, c := range x {
		if IsNA(real(c)) || IsNA(imag(c)) {
			out[i] = "NA"
			continue
		}
		sign := "+"
		if imag(c) < 0 || imag(c) == 0 && math.Signbit(imag(c)) {
			sign = "-"
		}
		out[i] = encodeRealRaw(real(c), fr, "NA", false) + sign + encodeRealRaw(math.Abs(imag(c)), fi, "NA", false) + "i"
	}
	return out
}
