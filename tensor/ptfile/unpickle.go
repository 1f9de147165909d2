package ptfile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// Limits bound what Unpickle accepts.
type Limits struct {
	MaxBytes int // longest string or bytes value
	MaxItems int // opcodes (values created) in total
	MaxDepth int // open MARKs; the stack holds at most 64*MaxDepth values
	MaxMemo  int
}

// DefaultLimits are generous for model files.
var DefaultLimits = Limits{MaxBytes: 1 << 26, MaxItems: 1 << 22, MaxDepth: 1 << 12, MaxMemo: 1 << 20}

var (
	errTrunc = errors.New("pickle: truncated data")
	errEmpty = errors.New("pickle: stack underflow")
)

// Unpickler reads a pickle. Allow reports whether a GLOBAL other than the
// built-in ones (OrderedDict, _rebuild_tensor_v2, _rebuild_parameter, the
// storage types) may be referenced (nil: none); REDUCE or NEWOBJ of such a
// global gives an *Object. Persistent resolves BINPERSID ids (nil: a
// persistent id is an error). Limits bound the input (zero: DefaultLimits).
type Unpickler struct {
	Allow      func(g Global) bool
	Persistent func(id any) (any, error)
	Limits     Limits
}

func builtinGlobal(g Global) bool {
	switch g.Module {
	case "collections":
		return g.Name == "OrderedDict"
	case "torch._utils":
		return g.Name == "_rebuild_tensor_v2" || g.Name == "_rebuild_parameter"
	case "torch":
		return ItemSize(g.Name) > 0
	}
	return false
}

type reader struct {
	b   []byte
	pos int
	max int
}

func (r *reader) n(k int) ([]byte, error) {
	left := len(r.b) - r.pos
	switch {
	case k < 0:
		return nil, errTrunc
	case k > r.max && k > left:
		return nil, fmt.Errorf("pickle: truncated data: a value of %d bytes exceeds the limit and the %d bytes left", k, left)
	case k > r.max:
		return nil, fmt.Errorf("pickle: value of %d bytes exceeds the limit", k)
	case k > left:
		return nil, errTrunc
	}
	s := r.b[r.pos : r.pos+k]
	r.pos += k
	return s, nil
}

func (r *reader) byte1() (int, error) {
	b, err := r.n(1)
	if err != nil {
		return 0, err
	}
	return int(b[0]), nil
}

func (r *reader) u32() (uint32, error) {
	b, err := r.n(4)
	if err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint32(b), nil
}

func (r *reader) line() (string, error) {
	i := bytes.IndexByte(r.b[r.pos:], '\n')
	if i < 0 {
		return "", errTrunc
	}
	if i > 1024 {
		return "", errors.New("pickle: line too long")
	}
	s := string(r.b[r.pos : r.pos+i])
	r.pos += i + 1
	return s, nil
}

// Unpickle decodes data.
func (u *Unpickler) Unpickle(data []byte) (v any, err error) {
	defer func() {
		if r := recover(); r != nil {
			v, err = nil, fmt.Errorf("pickle: invalid data: %v", r)
		}
	}()
	lim := u.Limits
	if lim == (Limits{}) {
		lim = DefaultLimits
	}
	r := &reader{b: data, max: lim.MaxBytes}
	var stack []any
	var marks []int
	memo := map[uint32]any{}
	items := 0
	// pop never crosses the innermost MARK (Python's metastack).
	pop := func() (any, error) {
		if len(stack) == 0 || (len(marks) > 0 && len(stack) <= marks[len(marks)-1]) {
			return nil, errEmpty
		}
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		return x, nil
	}
	popMark := func() ([]any, error) {
		if len(marks) == 0 {
			return nil, errors.New("pickle: no MARK")
		}
		m := marks[len(marks)-1]
		marks = marks[:len(marks)-1]
		if m > len(stack) {
			return nil, errEmpty
		}
		items := append([]any(nil), stack[m:]...)
		stack = stack[:m]
		return items, nil
	}
	top := func() (any, error) {
		if len(stack) == 0 || (len(marks) > 0 && len(stack) <= marks[len(marks)-1]) {
			return nil, errEmpty
		}
		return stack[len(stack)-1], nil
	}
	for {
		op, err := r.byte1()
		if err != nil {
			return nil, errors.New("pickle: truncated data (no STOP)")
		}
		items++
		if items > lim.MaxItems {
			return nil, errors.New("pickle: too many values")
		}
		if len(stack) > lim.MaxDepth*64 || len(marks) > lim.MaxDepth {
			return nil, errors.New("pickle: nesting too deep")
		}
		switch op {
		case opProto:
			v, err := r.byte1()
			if err != nil {
				return nil, err
			}
			if v > 5 {
				return nil, fmt.Errorf("pickle: unsupported protocol %d", v)
			}
		case opFrame:
			if _, err := r.n(8); err != nil {
				return nil, err
			}
		case opStop:
			return pop()
		case opMark:
			marks = append(marks, len(stack))
		case opPopMark:
			if _, err := popMark(); err != nil {
				return nil, err
			}
		case opPop:
			if _, err := pop(); err != nil {
				return nil, err
			}
		case opDup:
			t, err := top()
			if err != nil {
				return nil, err
			}
			stack = append(stack, t)
		case opNone:
			stack = append(stack, nil)
		case opNewTrue:
			stack = append(stack, true)
		case opNewFalse:
			stack = append(stack, false)
		case opBinInt:
			v, err := r.u32()
			if err != nil {
				return nil, err
			}
			stack = append(stack, int64(int32(v)))
		case opBinInt1:
			v, err := r.byte1()
			if err != nil {
				return nil, err
			}
			stack = append(stack, int64(v))
		case opBinInt2:
			b, err := r.n(2)
			if err != nil {
				return nil, err
			}
			stack = append(stack, int64(binary.LittleEndian.Uint16(b)))
		case opLong1:
			k, err := r.byte1()
			if err != nil {
				return nil, err
			}
			d, err := r.n(k)
			if err != nil {
				return nil, err
			}
			if k > 8 {
				return nil, errors.New("pickle: integer too large")
			}
			var x int64
			for i := k - 1; i >= 0; i-- {
				x = x<<8 | int64(d[i])
			}
			if k > 0 && k < 8 && d[k-1]&0x80 != 0 {
				x -= 1 << (8 * uint(k))
			}
			stack = append(stack, x)
		case opBinFloat:
			b, err := r.n(8)
			if err != nil {
				return nil, err
			}
			stack = append(stack, math.Float64frombits(binary.BigEndian.Uint64(b)))
		case opBinUnicode, opBinString, opBinBytes:
			k, err := r.u32()
			if err != nil {
				return nil, err
			}
			s, err := r.n(int(k))
			if err != nil {
				return nil, err
			}
			stack = append(stack, string(s))
		case opShortBinUni, opShortBinString, opShortBinBytes:
			k, err := r.byte1()
			if err != nil {
				return nil, err
			}
			s, err := r.n(k)
			if err != nil {
				return nil, err
			}
			stack = append(stack, string(s))
		case opBinUnicode8:
			b, err := r.n(8)
			if err != nil {
				return nil, err
			}
			k := binary.LittleEndian.Uint64(b)
			if k > math.MaxInt32 {
				k = math.MaxInt32 // beyond any limit; n reports it
			}
			s, err := r.n(int(k))
			if err != nil {
				return nil, err
			}
			stack = append(stack, string(s))
		case opEmptyTuple:
			stack = append(stack, Tuple{})
		case opTuple:
			items, err := popMark()
			if err != nil {
				return nil, err
			}
			stack = append(stack, Tuple(items))
		case opTuple1, opTuple2, opTuple3:
			k := op - opTuple1 + 1
			t := make(Tuple, k)
			for i := k - 1; i >= 0; i-- {
				if t[i], err = pop(); err != nil {
					return nil, err
				}
			}
			stack = append(stack, t)
		case opEmptyList:
			stack = append(stack, &List{})
		case opList:
			items, err := popMark()
			if err != nil {
				return nil, err
			}
			stack = append(stack, &List{Items: items})
		case opAppend, opAppends:
			var items []any
			if op == opAppend {
				x, err := pop()
				if err != nil {
					return nil, err
				}
				items = []any{x}
			} else if items, err = popMark(); err != nil {
				return nil, err
			}
			t, err := top()
			if err != nil {
				return nil, err
			}
			l, ok := t.(*List)
			if !ok {
				return nil, fmt.Errorf("pickle: APPEND to a %T", t)
			}
			l.Items = append(l.Items, items...)
		case opEmptyDict:
			stack = append(stack, &Dict{})
		case opDict, opSetItem, opSetItems:
			var items []any
			if op == opSetItem {
				v, err1 := pop()
				k, err2 := pop()
				if err1 != nil || err2 != nil {
					return nil, errEmpty
				}
				items = []any{k, v}
			} else if items, err = popMark(); err != nil {
				return nil, err
			}
			if len(items)%2 != 0 {
				return nil, errors.New("pickle: odd number of dict items")
			}
			var d *Dict
			if op == opDict {
				d = &Dict{}
				stack = append(stack, d)
			} else {
				t, err := top()
				if err != nil {
					return nil, err
				}
				var ok bool
				if d, ok = t.(*Dict); !ok {
					return nil, fmt.Errorf("pickle: SETITEM on a %T", t)
				}
			}
			for i := 0; i < len(items); i += 2 {
				d.Set(items[i], items[i+1])
			}
		case opGlobal:
			mod, err := r.line()
			if err != nil {
				return nil, err
			}
			name, err := r.line()
			if err != nil {
				return nil, err
			}
			g := Global{mod, name}
			if !builtinGlobal(g) && (u.Allow == nil || !u.Allow(g)) {
				return nil, fmt.Errorf("pickle: unsupported global %s.%s is not allowed", mod, name)
			}
			stack = append(stack, g)
		case opBinPut, opLongBinPut, opMemoize:
			var k uint32
			switch op {
			case opBinPut:
				b, err := r.byte1()
				if err != nil {
					return nil, err
				}
				k = uint32(b)
			case opLongBinPut:
				if k, err = r.u32(); err != nil {
					return nil, err
				}
			default:
				k = uint32(len(memo))
			}
			t, err := top()
			if err != nil {
				return nil, err
			}
			if _, ok := memo[k]; !ok && len(memo) >= lim.MaxMemo {
				return nil, errors.New("pickle: memo too large")
			}
			memo[k] = t
		case opBinGet, opLongBinGet:
			var k uint32
			if op == opBinGet {
				b, err := r.byte1()
				if err != nil {
					return nil, err
				}
				k = uint32(b)
			} else if k, err = r.u32(); err != nil {
				return nil, err
			}
			v, ok := memo[k]
			if !ok {
				return nil, fmt.Errorf("pickle: memo key %d not found", k)
			}
			stack = append(stack, v)
		case opBinPersID:
			id, err := pop()
			if err != nil {
				return nil, err
			}
			if u.Persistent == nil {
				return nil, errors.New("pickle: unexpected persistent id")
			}
			v, err := u.Persistent(id)
			if err != nil {
				return nil, err
			}
			stack = append(stack, v)
		case opReduce, opNewObj:
			a, err1 := pop()
			fn, err2 := pop()
			if err1 != nil || err2 != nil {
				return nil, errEmpty
			}
			args, ok := a.(Tuple)
			if !ok {
				return nil, errors.New("pickle: REDUCE arguments are not a tuple")
			}
			g, ok := fn.(Global)
			if !ok {
				return nil, fmt.Errorf("pickle: REDUCE of a %T, not a global", fn)
			}
			v, err := reduce(g, args, op == opNewObj)
			if err != nil {
				return nil, err
			}
			stack = append(stack, v)
		case opBuild:
			state, err := pop()
			if err != nil {
				return nil, err
			}
			t, err := top()
			if err != nil {
				return nil, err
			}
			switch x := t.(type) {
			case *Dict:
				// OrderedDict state (a state_dict's _metadata): ignored.
			case *Object:
				x.State = state
			case *Tensor:
				// _rebuild_tensor_v2's backward hooks: ignored.
			default:
				return nil, fmt.Errorf("pickle: BUILD on a %T", t)
			}
		default:
			return nil, fmt.Errorf("pickle: unsupported opcode 0x%02x at byte %d", op, r.pos-1)
		}
	}
}

func ints(v any) ([]int, error) {
	t, ok := v.(Tuple)
	if !ok {
		return nil, fmt.Errorf("ptfile: expected a tuple of ints, got %T", v)
	}
	out := make([]int, len(t))
	for i, x := range t {
		n, ok := x.(int64)
		if !ok || n < 0 || n > math.MaxInt32*4 {
			return nil, fmt.Errorf("ptfile: invalid size or stride %v", x)
		}
		out[i] = int(n)
	}
	return out, nil
}

// reduce interprets the built-in globals (as data, never by calling
// anything) and makes an *Object of the others.
func reduce(g Global, args Tuple, newObj bool) (any, error) {
	switch g {
	case orderedDict:
		return &Dict{Ordered: true}, nil
	case rebuildTensor:
		if len(args) < 4 {
			return nil, errors.New("ptfile: _rebuild_tensor_v2 needs 4 arguments")
		}
		st, ok := args[0].(*Storage)
		if !ok {
			return nil, fmt.Errorf("ptfile: _rebuild_tensor_v2 storage is a %T", args[0])
		}
		off, ok := args[1].(int64)
		if !ok || off < 0 || off > math.MaxInt32*4 {
			return nil, errors.New("ptfile: invalid storage offset")
		}
		size, err := ints(args[2])
		if err != nil {
			return nil, err
		}
		stride, err := ints(args[3])
		if err != nil {
			return nil, err
		}
		if len(size) != len(stride) {
			return nil, errors.New("ptfile: sizes and strides differ in length")
		}
		last := int(off)
		for i, s := range size {
			if s == 0 {
				last = -1
				break
			}
			last += (s - 1) * stride[i]
		}
		if last >= st.Numel {
			return nil, fmt.Errorf("ptfile: tensor of size %v exceeds its storage of %d elements", size, st.Numel)
		}
		t := &Tensor{Storage: st, Offset: int(off), Size: size, Stride: stride}
		if len(args) > 4 {
			t.RequiresGrad, _ = args[4].(bool)
		}
		return t, nil
	case rebuildParameter:
		if len(args) < 2 {
			return nil, errors.New("ptfile: _rebuild_parameter needs 2 arguments")
		}
		t, ok := args[0].(*Tensor)
		if !ok {
			return nil, errors.New("ptfile: _rebuild_parameter data is not a tensor")
		}
		t.RequiresGrad, _ = args[1].(bool)
		return t, nil
	}
	if builtinGlobal(g) {
		return nil, fmt.Errorf("ptfile: cannot call %s.%s", g.Module, g.Name)
	}
	return &Object{Callable: g, Args: args, NewObj: newObj}, nil
}
