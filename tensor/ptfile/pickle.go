// Package ptfile reads and writes PyTorch's serialization formats: the
// pickle (protocol 2) that torch.save writes as data.pkl, and the zip
// archive around it (records aligned to 64 bytes, as PyTorchFileWriter
// does). It knows nothing about torchr's tensors: tensors are *Tensor
// values (storage bytes, dtype name, offset, sizes, strides), which callers
// convert. jit_save/jit_load reuse the archive and pickle code for
// TorchScript archives.
//
// Reading is restricted: only the globals a tensor archive needs
// (_rebuild_tensor_v2, _rebuild_parameter, OrderedDict, the storage types,
// and those the caller allows) are accepted, sizes are checked against the
// input, and truncated or hostile input gives an error, never a panic.
package ptfile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// Global is a pickled reference to module.name.
type Global struct{ Module, Name string }

// Tuple is a Python tuple.
type Tuple []any

// List is a Python list.
type List struct{ Items []any }

// Dict is a Python dict (Ordered: a collections.OrderedDict).
type Dict struct {
	Keys, Values []any
	Ordered      bool
}

// Get returns the value of a string key.
func (d *Dict) Get(k string) (any, bool) {
	for i, x := range d.Keys {
		if s, ok := x.(string); ok && s == k {
			return d.Values[i], true
		}
	}
	return nil, false
}

// Storage is a typed storage: Type is the Python class name
// ("FloatStorage"), Data its little-endian bytes.
type Storage struct {
	Key      string
	Type     string
	Location string
	Numel    int
	Data     []byte
}

// Tensor is a tensor over a storage.
type Tensor struct {
	Storage      *Storage
	Offset       int
	Size, Stride []int
	RequiresGrad bool
}

// Object is the result of a REDUCE the reader does not interpret (allowed
// by the caller's Find).
type Object struct {
	Callable Global
	Args     Tuple
	State    any
}

// ItemSize is the element size of a storage type, 0 if unknown.
func ItemSize(storageType string) int {
	switch storageType {
	case "FloatStorage", "IntStorage":
		return 4
	case "DoubleStorage", "LongStorage":
		return 8
	case "BoolStorage", "ByteStorage", "CharStorage":
		return 1
	case "HalfStorage", "BFloat16Storage", "ShortStorage":
		return 2
	}
	return 0
}

// --- writer ---

const (
	opProto          = 0x80
	opStop           = '.'
	opMark           = '('
	opTuple          = 't'
	opEmptyTuple     = ')'
	opTuple1         = 0x85
	opTuple2         = 0x86
	opTuple3         = 0x87
	opEmptyList      = ']'
	opAppend         = 'a'
	opAppends        = 'e'
	opList           = 'l'
	opEmptyDict      = '}'
	opDict           = 'd'
	opSetItem        = 's'
	opSetItems       = 'u'
	opGlobal         = 'c'
	opReduce         = 'R'
	opBuild          = 'b'
	opBinPersID      = 'Q'
	opBinInt         = 'J'
	opBinInt1        = 'K'
	opBinInt2        = 'M'
	opLong1          = 0x8a
	opLong4          = 0x8b
	opBinFloat       = 'G'
	opNone           = 'N'
	opNewTrue        = 0x88
	opNewFalse       = 0x89
	opBinUnicode     = 'X'
	opShortBinUni    = 0x8c
	opBinUnicode8    = 0x8d
	opShortBinString = 'U'
	opBinString      = 'T'
	opBinBytes       = 'B'
	opShortBinBytes  = 'C'
	opBinPut         = 'q'
	opLongBinPut     = 'r'
	opBinGet         = 'h'
	opLongBinGet     = 'j'
	opMemoize        = 0x94
	opFrame          = 0x95
	opNewObj         = 0x81
	opPop            = '0'
	opPopMark        = '1'
	opDup            = '2'
)

// Pickler writes protocol-2 pickles. Persistent, when set, is asked first
// for every value: a non-nil id is written as BINPERSID.
type Pickler struct {
	buf        bytes.Buffer
	Persistent func(v any) any
}

func (p *Pickler) op(b ...byte) { p.buf.Write(b) }

func (p *Pickler) global(g Global) {
	p.op(opGlobal)
	p.buf.WriteString(g.Module + "\n" + g.Name + "\n")
}

func (p *Pickler) str(s string) {
	p.op(opBinUnicode)
	var n [4]byte
	binary.LittleEndian.PutUint32(n[:], uint32(len(s)))
	p.buf.Write(n[:])
	p.buf.WriteString(s)
}

func (p *Pickler) int(i int64) {
	switch {
	case i >= 0 && i < 256:
		p.op(opBinInt1, byte(i))
	case i >= 0 && i < 65536:
		p.op(opBinInt2, byte(i), byte(i>>8))
	case i >= math.MinInt32 && i <= math.MaxInt32:
		var n [4]byte
		binary.LittleEndian.PutUint32(n[:], uint32(int32(i)))
		p.op(opBinInt)
		p.buf.Write(n[:])
	default:
		var n [8]byte
		binary.LittleEndian.PutUint64(n[:], uint64(i))
		p.op(opLong1, 8)
		p.buf.Write(n[:])
	}
}

func (p *Pickler) tuple(items []any) error {
	switch len(items) {
	case 0:
		p.op(opEmptyTuple)
		return nil
	}
	p.op(opMark)
	for _, x := range items {
		if err := p.value(x); err != nil {
			return err
		}
	}
	p.op(opTuple)
	return nil
}

func (p *Pickler) value(v any) error {
	if p.Persistent != nil {
		if id := p.Persistent(v); id != nil {
			if err := p.value(id); err != nil {
				return err
			}
			p.op(opBinPersID)
			return nil
		}
	}
	switch x := v.(type) {
	case nil:
		p.op(opNone)
	case bool:
		if x {
			p.op(opNewTrue)
		} else {
			p.op(opNewFalse)
		}
	case int:
		p.int(int64(x))
	case int64:
		p.int(x)
	case float64:
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], math.Float64bits(x))
		p.op(opBinFloat)
		p.buf.Write(n[:])
	case string:
		p.str(x)
	case Global:
		p.global(x)
	case Tuple:
		return p.tuple(x)
	case []int:
		t := make([]any, len(x))
		for i, y := range x {
			t[i] = y
		}
		return p.tuple(t)
	case *List:
		p.op(opEmptyList)
		if len(x.Items) > 0 {
			p.op(opMark)
			for _, y := range x.Items {
				if err := p.value(y); err != nil {
					return err
				}
			}
			p.op(opAppends)
		}
	case *Dict:
		if x.Ordered {
			p.global(Global{"collections", "OrderedDict"})
			p.op(opEmptyTuple, opReduce)
		} else {
			p.op(opEmptyDict)
		}
		if len(x.Keys) > 0 {
			p.op(opMark)
			for i := range x.Keys {
				if err := p.value(x.Keys[i]); err != nil {
					return err
				}
				if err := p.value(x.Values[i]); err != nil {
					return err
				}
			}
			p.op(opSetItems)
		}
	case *Object:
		p.global(x.Callable)
		if err := p.tuple(x.Args); err != nil {
			return err
		}
		p.op(opReduce)
		if x.State != nil {
			if err := p.value(x.State); err != nil {
				return err
			}
			p.op(opBuild)
		}
	default:
		return fmt.Errorf("ptfile: cannot pickle a %T", v)
	}
	return nil
}

// Pickle returns the protocol-2 pickle of v.
func (p *Pickler) Pickle(v any) ([]byte, error) {
	p.buf.Reset()
	p.op(opProto, 2)
	if err := p.value(v); err != nil {
		return nil, err
	}
	p.op(opStop)
	return append([]byte(nil), p.buf.Bytes()...), nil
}

// --- reader ---

// Limits bound what Unpickle accepts.
var (
	MaxStack   = 1 << 20
	MaxMemo    = 1 << 20
	MaxDepth   = 1000
	errTrunc   = errors.New("ptfile: truncated pickle")
	errNoMark  = errors.New("ptfile: pickle has no MARK")
	errEmpty   = errors.New("ptfile: pickle stack underflow")
	markObject = &struct{ x int }{}
)

// Unpickler reads a pickle. Find resolves globals other than the built-in
// ones (nil: reject); Persistent resolves BINPERSID ids; Reduce applies an
// allowed callable (nil: make an *Object).
type Unpickler struct {
	Find       func(g Global) (any, error)
	Persistent func(id any) (any, error)
	Reduce     func(fn any, args Tuple) (any, error)
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
}

func (r *reader) n(k int) ([]byte, error) {
	if k < 0 || r.pos+k > len(r.b) || r.pos+k < r.pos {
		return nil, errTrunc
	}
	s := r.b[r.pos : r.pos+k]
	r.pos += k
	return s, nil
}

func (r *reader) line() (string, error) {
	i := bytes.IndexByte(r.b[r.pos:], '\n')
	if i < 0 || i > 1024 {
		return "", errTrunc
	}
	s := string(r.b[r.pos : r.pos+i])
	r.pos += i + 1
	return s, nil
}

// Unpickle decodes data.
func (u *Unpickler) Unpickle(data []byte) (v any, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("ptfile: invalid pickle: %v", r)
		}
	}()
	r := &reader{b: data}
	var stack []any
	var marks []int
	memo := map[int]any{}
	pop := func() (any, error) {
		if len(stack) == 0 {
			return nil, errEmpty
		}
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		return x, nil
	}
	popMark := func() ([]any, error) {
		if len(marks) == 0 {
			return nil, errNoMark
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
		if len(stack) == 0 {
			return nil, errEmpty
		}
		return stack[len(stack)-1], nil
	}
	for {
		if len(stack) > MaxStack || len(memo) > MaxMemo {
			return nil, errors.New("ptfile: pickle too large")
		}
		ob, err := r.n(1)
		if err != nil {
			return nil, err
		}
		switch op := ob[0]; op {
		case opProto:
			if _, err := r.n(1); err != nil {
				return nil, err
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
			b, err := r.n(4)
			if err != nil {
				return nil, err
			}
			stack = append(stack, int64(int32(binary.LittleEndian.Uint32(b))))
		case opBinInt1:
			b, err := r.n(1)
			if err != nil {
				return nil, err
			}
			stack = append(stack, int64(b[0]))
		case opBinInt2:
			b, err := r.n(2)
			if err != nil {
				return nil, err
			}
			stack = append(stack, int64(binary.LittleEndian.Uint16(b)))
		case opLong1:
			b, err := r.n(1)
			if err != nil {
				return nil, err
			}
			d, err := r.n(int(b[0]))
			if err != nil {
				return nil, err
			}
			if len(d) > 8 {
				return nil, errors.New("ptfile: integer too large")
			}
			var x int64
			for i := len(d) - 1; i >= 0; i-- {
				x = x<<8 | int64(d[i])
			}
			if len(d) > 0 && len(d) < 8 && d[len(d)-1]&0x80 != 0 {
				x -= 1 << (8 * uint(len(d)))
			}
			stack = append(stack, x)
		case opBinFloat:
			b, err := r.n(8)
			if err != nil {
				return nil, err
			}
			stack = append(stack, math.Float64frombits(binary.BigEndian.Uint64(b)))
		case opBinUnicode, opBinString, opBinBytes:
			b, err := r.n(4)
			if err != nil {
				return nil, err
			}
			s, err := r.n(int(binary.LittleEndian.Uint32(b)))
			if err != nil {
				return nil, err
			}
			stack = append(stack, string(s))
		case opShortBinUni, opShortBinString, opShortBinBytes:
			b, err := r.n(1)
			if err != nil {
				return nil, err
			}
			s, err := r.n(int(b[0]))
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
			if k > uint64(len(data)) {
				return nil, errTrunc
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
			k := int(op - opTuple1 + 1)
			if len(stack) < k {
				return nil, errEmpty
			}
			t := append(Tuple{}, stack[len(stack)-k:]...)
			stack = append(stack[:len(stack)-k], t)
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
				return nil, fmt.Errorf("ptfile: APPEND to a %T", t)
			}
			l.Items = append(l.Items, items...)
		case opEmptyDict:
			stack = append(stack, &Dict{})
		case opDict, opSetItem, opSetItems:
			var items []any
			if op == opSetItem {
				if len(stack) < 2 {
					return nil, errEmpty
				}
				items = append([]any(nil), stack[len(stack)-2:]...)
				stack = stack[:len(stack)-2]
			} else if items, err = popMark(); err != nil {
				return nil, err
			}
			if len(items)%2 != 0 {
				return nil, errors.New("ptfile: odd number of dict items")
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
					return nil, fmt.Errorf("ptfile: SETITEM on a %T", t)
				}
			}
			for i := 0; i < len(items); i += 2 {
				d.Keys = append(d.Keys, items[i])
				d.Values = append(d.Values, items[i+1])
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
			if builtinGlobal(g) {
				stack = append(stack, g)
				break
			}
			if u.Find == nil {
				return nil, fmt.Errorf("ptfile: unsupported global %s.%s", mod, name)
			}
			v, err := u.Find(g)
			if err != nil {
				return nil, err
			}
			stack = append(stack, v)
		case opBinPut, opLongBinPut, opMemoize:
			var k int
			switch op {
			case opBinPut:
				b, err := r.n(1)
				if err != nil {
					return nil, err
				}
				k = int(b[0])
			case opLongBinPut:
				b, err := r.n(4)
				if err != nil {
					return nil, err
				}
				k = int(binary.LittleEndian.Uint32(b))
			default:
				k = len(memo)
			}
			t, err := top()
			if err != nil {
				return nil, err
			}
			memo[k] = t
		case opBinGet, opLongBinGet:
			var k int
			if op == opBinGet {
				b, err := r.n(1)
				if err != nil {
					return nil, err
				}
				k = int(b[0])
			} else {
				b, err := r.n(4)
				if err != nil {
					return nil, err
				}
				k = int(binary.LittleEndian.Uint32(b))
			}
			v, ok := memo[k]
			if !ok {
				return nil, fmt.Errorf("ptfile: memo key %d not found", k)
			}
			stack = append(stack, v)
		case opBinPersID:
			id, err := pop()
			if err != nil {
				return nil, err
			}
			if u.Persistent == nil {
				return nil, errors.New("ptfile: unexpected persistent id")
			}
			v, err := u.Persistent(id)
			if err != nil {
				return nil, err
			}
			stack = append(stack, v)
		case opReduce, opNewObj:
			a, err := pop()
			if err != nil {
				return nil, err
			}
			fn, err := pop()
			if err != nil {
				return nil, err
			}
			args, ok := a.(Tuple)
			if !ok {
				return nil, errors.New("ptfile: REDUCE arguments are not a tuple")
			}
			v, err := u.reduce(fn, args)
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
			default:
				return nil, fmt.Errorf("ptfile: BUILD on a %T", t)
			}
		default:
			return nil, fmt.Errorf("ptfile: unsupported pickle opcode 0x%02x at byte %d", op, r.pos-1)
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

func (u *Unpickler) reduce(fn any, args Tuple) (any, error) {
	if g, ok := fn.(Global); ok {
		switch g {
		case Global{"collections", "OrderedDict"}:
			return &Dict{Ordered: true}, nil
		case Global{"torch._utils", "_rebuild_tensor_v2"}:
			if len(args) < 4 {
				return nil, errors.New("ptfile: _rebuild_tensor_v2 needs 4 arguments")
			}
			st, ok := args[0].(*Storage)
			if !ok {
				return nil, fmt.Errorf("ptfile: _rebuild_tensor_v2 storage is a %T", args[0])
			}
			off, ok := args[1].(int64)
			if !ok || off < 0 {
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
		case Global{"torch._utils", "_rebuild_parameter"}:
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
	}
	if u.Reduce != nil {
		return u.Reduce(fn, args)
	}
	if g, ok := fn.(Global); ok {
		return &Object{Callable: g, Args: args}, nil
	}
	return nil, fmt.Errorf("ptfile: cannot call a %T", fn)
}
