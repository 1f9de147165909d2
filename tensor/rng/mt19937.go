package rng

// The Mersenne Twister below follows ATen's at::mt19937 (MT19937RNGEngine.h):
// the standard 32-bit MT19937 with Knuth's seeding recurrence, where the
// 64-bit seed contributes only its low 32 bits to the state but is
// remembered whole for initial_seed().

const (
	mtN         = 624
	mtM         = 397
	mtMatrixA   = 0x9908b0df
	mtUpperMask = 0x80000000
	mtLowerMask = 0x7fffffff
)

// mt19937 is the engine state, laid out like ATen's mt19937_data_pod.
type mt19937 struct {
	seed   uint64
	left   int // draws left before the next twist (ATen starts at 1)
	seeded bool
	next   int // index of the next state word to temper
	state  [mtN]uint32
}

func (m *mt19937) init(seed uint64) {
	m.seed = seed
	m.seeded = true
	m.state[0] = uint32(seed)
	for j := 1; j < mtN; j++ {
		prev := m.state[j-1]
		m.state[j] = 1812433253*(prev^(prev>>30)) + uint32(j)
	}
	m.left = 1
	m.next = 0
}

// twist is MT19937's twist of the upper bit of u and the lower bits of v
// (branch-free: the matrix is applied when v is odd).
func twist(u, v uint32) uint32 {
	y := (u & mtUpperMask) | (v & mtLowerMask)
	return y>>1 ^ (-(v & 1) & mtMatrixA)
}

// regenerate refills the whole state block (ATen's next_state).
func (m *mt19937) regenerate() {
	s := &m.state
	m.left = mtN
	m.next = 0
	for i := 0; i < mtN-mtM; i++ {
		s[i] = s[i+mtM] ^ twist(s[i], s[i+1])
	}
	for i := mtN - mtM; i < mtN-1; i++ {
		s[i] = s[i+mtM-mtN] ^ twist(s[i], s[i+1])
	}
	s[mtN-1] = s[mtM-1] ^ twist(s[mtN-1], s[0])
}

func temper(y uint32) uint32 {
	y ^= y >> 11
	y ^= (y << 7) & 0x9d2c5680
	y ^= (y << 15) & 0xefc60000
	y ^= y >> 18
	return y
}

// next32 returns the next 32 random bits.
func (m *mt19937) next32() uint32 {
	m.left--
	if m.left == 0 {
		m.regenerate()
	}
	y := m.state[m.next]
	m.next++
	return temper(y)
}

// fill32 writes len(dst) consecutive draws, equal to calling next32 that
// many times, but without the per-draw bookkeeping.
func (m *mt19937) fill32(dst []uint32) {
	for len(dst) > 0 {
		if m.left <= 1 {
			dst[0] = m.next32()
			dst = dst[1:]
			continue
		}
		// m.left-1 draws are available without twisting.
		k := m.left - 1
		if k > len(dst) {
			k = len(dst)
		}
		src := m.state[m.next : m.next+k]
		for i, y := range src {
			dst[i] = temper(y)
		}
		m.next += k
		m.left -= k
		dst = dst[k:]
	}
}
