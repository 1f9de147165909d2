package tensor

import (
	"fmt"
	"sort"
	"strings"
)

// einsum is composite: operands are contracted pairwise, left to right,
// with permute + reshape + bmm, so autograd comes from those ops.
var opEinsum = Register(OpDef{
	Schema:    "einsum(str equation, Tensor[] tensors) -> Tensor",
	Composite: true,
	Kernel: func(rt *Runtime, a Args) ([]*Tensor, error) {
		return one(einsum(rt, a.Str(0), a.Ts(1)))
	},
})

func einsum(rt *Runtime, eq string, ts []*Tensor) (*Tensor, error) {
	eq = strings.ReplaceAll(eq, " ", "")
	ts = append([]*Tensor(nil), ts...)
	lhs, out, explicit := strings.Cut(eq, "->")
	ins := strings.Split(lhs, ",")
	if len(ins) != len(ts) {
		return nil, fmt.Errorf("einsum(): more operands were provided than specified in the equation")
	}
	// ellipsis: right-aligned broadcast dims get private labels
	ell := 0
	hasEll := false
	for i, s := range ins {
		if strings.Contains(s, "...") {
			hasEll = true
			k := len(ts[i].shape) - (len(s) - 3)
			if k < 0 {
				return nil, fmt.Errorf("einsum(): the number of subscripts in the equation (%d) is more than the number of dimensions (%d) for operand %d", len(s)-3, len(ts[i].shape), i)
			}
			ell = max(ell, k)
		}
	}
	ellLabels := func(k int) string {
		var b strings.Builder
		for j := ell - k; j < ell; j++ {
			b.WriteRune(rune(0x3b1 + j)) // α, β, ...
		}
		return b.String()
	}
	if hasEll {
		f := NewF(rt)
		sizes := make([]int, ell)
		for j := range sizes {
			sizes[j] = 1
		}
		for i, s := range ins {
			if strings.Contains(s, "...") {
				k := len(ts[i].shape) - (len(s) - 3)
				start := strings.Index(s, "...")
				for j := 0; j < k; j++ {
					d := ts[i].shape[start+j]
					if sizes[ell-k+j] != 1 && d != 1 && d != sizes[ell-k+j] {
						return nil, fmt.Errorf("einsum(): operands do not broadcast with remapped shapes (original->remapped): %s", fmtShape(ts[i].shape))
					}
					if d != 1 {
						sizes[ell-k+j] = d
					}
				}
			}
		}
		ts = append([]*Tensor(nil), ts...)
		for i, s := range ins {
			if strings.Contains(s, "...") {
				k := len(ts[i].shape) - (len(s) - 3)
				start := strings.Index(s, "...")
				// broadcast this operand's ellipsis dims to the common sizes
				target := append([]int(nil), ts[i].shape...)
				for j := 0; j < k; j++ {
					target[start+j] = sizes[ell-k+j]
				}
				if !sameShape(target, ts[i].shape) {
					ts[i] = f.Expand(ts[i], target)
				}
				ins[i] = strings.Replace(s, "...", ellLabels(k), 1)
			}
		}
		if f.err != nil {
			return nil, f.err
		}
		if explicit {
			out = strings.Replace(out, "...", ellLabels(ell), 1)
		}
	}
	count := map[rune]int{}
	size := map[rune]int{}
	for i, s := range ins {
		if len([]rune(s)) != len(ts[i].shape) {
			return nil, fmt.Errorf("einsum(): the number of subscripts in the equation (%d) does not match the number of dimensions (%d) for operand %d and no ellipsis was given", len(s), len(ts[i].shape), i)
		}
		seen := map[rune]bool{}
		for k, c := range []rune(s) {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x3b1 && c < 0x3b1+64) {
				return nil, fmt.Errorf("einsum(): invalid subscript given at index %d in the equation string, subscripts must be in [a-zA-Z]", k)
			}
			count[c]++
			if seen[c] {
				if old := size[c]; old != ts[i].shape[k] {
					return nil, fmt.Errorf("einsum(): subscript %c is repeated for operand %d but the sizes don't match, %d != %d", c, i, old, ts[i].shape[k])
				}
				continue
			}
			seen[c] = true
			d := ts[i].shape[k]
			if old, ok := size[c]; ok && old != d {
				return nil, fmt.Errorf("einsum(): subscript %c has size %d for operand %d which does not broadcast with previously seen size %d", c, d, i, old)
			}
			size[c] = d
		}
	}
	if !explicit {
		var ls []rune
		for c, n := range count {
			if n == 1 && c < 0x3b1 {
				ls = append(ls, c)
			}
		}
		sort.Slice(ls, func(i, j int) bool { return ls[i] < ls[j] })
		out = ellLabels(ell) + string(ls)
	}
	outSet := map[rune]bool{}
	for _, c := range out {
		if _, ok := size[c]; !ok {
			return nil, fmt.Errorf("einsum(): output subscript %c does not appear in the equation for any input operand", c)
		}
		outSet[c] = true
	}
	f := NewF(rt)
	// repeated labels within an operand take its diagonal
	for i, s := range ins {
		ls := []rune(s)
		for {
			p, q := -1, -1
			for a := 0; a < len(ls) && p < 0; a++ {
				for b := a + 1; b < len(ls); b++ {
					if ls[a] == ls[b] {
						p, q = a, b
						break
					}
				}
			}
			if p < 0 {
				break
			}
			c := ls[p]
			ts[i] = f.Call("diagonal", ts[i], 0, p, q)
			nl := append(append(append([]rune{}, ls[:p]...), ls[p+1:q]...), ls[q+1:]...)
			ls = append(nl, c)
		}
		ins[i] = string(ls)
	}
	if f.err != nil {
		return nil, f.err
	}
	// sumOut removes the labels of t not in keep.
	sumOut := func(t *Tensor, labels []rune, keep func(rune) bool) (*Tensor, []rune) {
		var dims []int
		var rest []rune
		for i, c := range labels {
			if keep(c) {
				rest = append(rest, c)
			} else {
				dims = append(dims, i)
			}
		}
		if len(dims) > 0 {
			t = f.SumDim(t, dims, false)
		}
		return t, rest
	}
	neededAfter := func(j int) map[rune]bool {
		m := map[rune]bool{}
		for c := range outSet {
			m[c] = true
		}
		for k := j + 1; k < len(ins); k++ {
			for _, c := range ins[k] {
				m[c] = true
			}
		}
		return m
	}
	cur, cl := ts[0], []rune(ins[0])
	for j := 1; j < len(ts); j++ {
		nxt, nl := ts[j], []rune(ins[j])
		need := neededAfter(j)
		inN, inC := map[rune]bool{}, map[rune]bool{}
		for _, c := range nl {
			inN[c] = true
		}
		cur, cl = sumOut(cur, cl, func(c rune) bool { return need[c] || inN[c] })
		for _, c := range cl {
			inC[c] = true
		}
		nxt, nl = sumOut(nxt, nl, func(c rune) bool { return need[c] || inC[c] })
		var batch, contract, conly, nonly []rune
		for _, c := range cl {
			switch {
			case inN[c] && need[c]:
				batch = append(batch, c)
			case inN[c]:
				contract = append(contract, c)
			default:
				conly = append(conly, c)
			}
		}
		for _, c := range nl {
			if !inC[c] {
				nonly = append(nonly, c)
			}
		}
		prod := func(ls []rune) int {
			p := 1
			for _, c := range ls {
				p *= size[c]
			}
			return p
		}
		pos := func(labels []rune, order ...[]rune) []int {
			var p []int
			for _, grp := range order {
				for _, c := range grp {
					for i, l := range labels {
						if l == c {
							p = append(p, i)
						}
					}
				}
			}
			return p
		}
		a := f.Reshape(f.Permute(cur, pos(cl, batch, conly, contract)), []int{prod(batch), prod(conly), prod(contract)})
		b := f.Reshape(f.Permute(nxt, pos(nl, batch, contract, nonly)), []int{prod(batch), prod(contract), prod(nonly)})
		r := f.Call("bmm", a, b)
		var shape []int
		var labels []rune
		for _, grp := range [][]rune{batch, conly, nonly} {
			for _, c := range grp {
				shape = append(shape, size[c])
				labels = append(labels, c)
			}
		}
		if shape == nil {
			shape = []int{}
		}
		cur, cl = f.Call("view", r, shape), labels
	}
	cur, cl = sumOut(cur, cl, func(c rune) bool { return outSet[c] })
	perm := make([]int, 0, len(out))
	for _, c := range out {
		for i, l := range cl {
			if l == c {
				perm = append(perm, i)
			}
		}
	}
	identity := true
	for i, p := range perm {
		if p != i {
			identity = false
		}
	}
	if !identity {
		cur = f.Permute(cur, perm)
	}
	return cur, f.err
}

// Einsum is torch.einsum.
func (rt *Runtime) Einsum(eq string, ts ...*Tensor) (*Tensor, error) {
	return rt.call1(opEinsum, eq, ts)
}
