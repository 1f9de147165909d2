// Package archive reads and writes the containers of PyTorch files: pickle
// protocol 2 (as torch.save and torch.jit.save write data.pkl) and zip
// archives with 64-byte-aligned records. The reader is restricted: it
// builds values, never calls anything, accepts only the globals it is
// given, and bounds sizes and nesting.
package archive

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// Pickle values: nil, bool, int64, float64, string, Tuple, List, *Dict,
// Global, *Reduce (a global applied to arguments), *Object (NEWOBJ of a
// class with BUILD state), PersID (a persistent id, for storages).
type (
	Tuple  []any
	List   []any
	Global struct{ Module, Name string }
	Dict   struct {
		Keys   []any
		Values []any
	}
	// Reduce is callable(args...) as written by REDUCE.
	Reduce struct {
		Fn   any
		Args Tuple
	}
	// Object is cls.__new__(cls, *args) followed by BUILD state.
	Object struct {
		Class Global
		Args  Tuple
		State any
	}
	// PersID is a persistent id (BINPERSID) naming an out-of-band record.
	PersID struct{ ID any }
)

// Get returns the value of a string key.
func (d *Dict) Get(k string) (any, bool) {
	for i, kk := range d.Keys {
		if s, ok := kk.(string); ok && s == k {
			return d.Values[i], true
		}
	}
	return nil, false
}

// Set appends a key (the writer keeps insertion order).
func (d *Dict) Set(k, v any) {
	d.Keys = append(d.Keys, k)
	d.Values = append(d.Values, v)
}

const (
	opMark            = '('
	opStop            = '.'
	opBinInt          = 'J'
	opBinInt1         = 'K'
	opBinInt2         = 'M'
	opNone            = 'N'
	opBinPersID       = 'Q'
	opReduce          = 'R'
	opBinUnicode      = 'X'
	opBinFloat        = 'G'
	opAppend          = 'a'
	opBuild           = 'b'
	opGlobal          = 'c'
	opDict            = 'd'
	opEmptyDict       = '}'
	opAppends         = 'e'
	opBinGet          = 'h'
	opLongBinGet      = 'j'
	opList            = 'l'
	opEmptyList       = ']'
	opBinPut          = 'q'
	opLongBinPut      = 'r'
	opSetItem         = 's'
	opTuple           = 't'
	opEmptyTuple      = ')'
	opSetItems        = 'u'
	opProto           = '\x80'
	opNewObj          = '\x81'
	opTuple1          = '\x85'
	opTuple2          = '\x86'
	opTuple3          = '\x87'
	opNewTrue         = '\x88'
	opNewFalse        = '\x89'
	opLong1           = '\x8a'
	opShortBinStr     = 'U'
	opBinBytes        = 'B'
	opShortBinBytes   = 'C'
	opShortBinUnicode = '\x8c'
	opMemoize         = '\x94'
	opFrame           = '\x95'
)

// Marshal writes v as a protocol-2 pickle.
func Marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("\x80\x02")
	if err := write(&b, v); err != nil {
		return nil, err
	}
	b.WriteByte(opStop)
	return b.Bytes(), nil
}

func write(b *bytes.Buffer, v any) error {
	switch x := v.(type) {
	case nil:
		b.WriteByte(opNone)
	case bool:
		if x {
			b.WriteByte(opNewTrue)
		} else {
			b.WriteByte(opNewFalse)
		}
	case int:
		return write(b, int64(x))
	case int64:
		switch {
		case x >= 0 && x < 256:
			b.WriteByte(opBinInt1)
			b.WriteByte(byte(x))
		case x >= 0 && x < 65536:
			b.WriteByte(opBinInt2)
			binary.Write(b, binary.LittleEndian, uint16(x))
		case x >= math.MinInt32 && x <= math.MaxInt32:
			b.WriteByte(opBinInt)
			binary.Write(b, binary.LittleEndian, int32(x))
		default:
			b.WriteByte(opLong1)
			b.WriteByte(8)
			binary.Write(b, binary.LittleEndian, x)
		}
	case float64:
		b.WriteByte(opBinFloat)
		binary.Write(b, binary.BigEndian, math.Float64bits(x))
	case string:
		b.WriteByte(opBinUnicode)
		binary.Write(b, binary.LittleEndian, uint32(len(x)))
		b.WriteString(x)
	case Global:
		fmt.Fprintf(b, "%c%s\n%s\n", opGlobal, x.Module, x.Name)
	case Tuple:
		switch len(x) {
		case 0:
			b.WriteByte(opEmptyTuple)
			return nil
		case 1, 2, 3:
			for _, e := range x {
				if err := write(b, e); err != nil {
					return err
				}
			}
			b.WriteByte([]byte{opTuple1, opTuple2, opTuple3}[len(x)-1])
			return nil
		}
		b.WriteByte(opMark)
		for _, e := range x {
			if err := write(b, e); err != nil {
				return err
			}
		}
		b.WriteByte(opTuple)
	case *List:
		return write(b, *x)
	case List:
		b.WriteByte(opEmptyList)
		if len(x) > 0 {
			b.WriteByte(opMark)
			for _, e := range x {
				if err := write(b, e); err != nil {
					return err
				}
			}
			b.WriteByte(opAppends)
		}
	case *Dict:
		b.WriteByte(opEmptyDict)
		if len(x.Keys) > 0 {
			b.WriteByte(opMark)
			for i, k := range x.Keys {
				if err := write(b, k); err != nil {
					return err
				}
				if err := write(b, x.Values[i]); err != nil {
					return err
				}
			}
			b.WriteByte(opSetItems)
		}
	case *Reduce:
		if err := write(b, x.Fn); err != nil {
			return err
		}
		if err := write(b, x.Args); err != nil {
			return err
		}
		b.WriteByte(opReduce)
	case *Object:
		if err := write(b, x.Class); err != nil {
			return err
		}
		if err := write(b, x.Args); err != nil {
			return err
		}
		b.WriteByte(opNewObj)
		if x.State != nil {
			if err := write(b, x.State); err != nil {
				return err
			}
			b.WriteByte(opBuild)
		}
	case PersID:
		if err := write(b, x.ID); err != nil {
			return err
		}
		b.WriteByte(opBinPersID)
	default:
		return fmt.Errorf("pickle: cannot write %T", v)
	}
	return nil
}

// Limits bound what Unmarshal accepts.
type Limits struct {
	MaxBytes int // longest string or bytes value
	MaxItems int // values created in total
	MaxDepth int // stack and mark depth
	MaxMemo  int
}

// DefaultLimits are generous for model files.
var DefaultLimits = Limits{MaxBytes: 1 << 26, MaxItems: 1 << 22, MaxDepth: 1 << 12, MaxMemo: 1 << 20}

// Unmarshal reads one pickle. allowed reports whether a GLOBAL may be
// referenced; anything else is an error, and nothing is ever called:
// REDUCE and NEWOBJ produce *Reduce and *Object values for the caller to
// interpret.
func Unmarshal(data []byte, allowed func(Global) bool, lim Limits) (any, error) {
	r := bufio.NewReader(bytes.NewReader(data))
	var stack []any
	var marks []int
	memo := map[uint32]any{}
	items := 0
	pop := func() (any, error) {
		if len(stack) == 0 || (len(marks) > 0 && len(stack) <= marks[len(marks)-1]) {
			return nil, errors.New("pickle: stack underflow")
		}
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		return v, nil
	}
	popMark := func() ([]any, error) {
		if len(marks) == 0 {
			return nil, errors.New("pickle: no mark")
		}
		m := marks[len(marks)-1]
		marks = marks[:len(marks)-1]
		vs := append([]any(nil), stack[m:]...)
		stack = stack[:m]
		return vs, nil
	}
	readN := func(n int) ([]byte, error) {
		if n < 0 || n > lim.MaxBytes {
			return nil, fmt.Errorf("pickle: value of %d bytes exceeds the limit", n)
		}
		b := make([]byte, n)
		if _, err := io.ReadFull(r, b); err != nil {
			return nil, errors.New("pickle: truncated data")
		}
		return b, nil
	}
	readLine := func() (string, error) {
		s, err := r.ReadString('\n')
		if err != nil {
			return "", errors.New("pickle: truncated data")
		}
		if len(s) > 1024 {
			return "", errors.New("pickle: line too long")
		}
		return s[:len(s)-1], nil
	}
	u32 := func() (uint32, error) {
		b, err := readN(4)
		if err != nil {
			return 0, err
		}
		return binary.LittleEndian.Uint32(b), nil
	}
	for {
		op, err := r.ReadByte()
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
			v, err := r.ReadByte()
			if err != nil {
				return nil, errors.New("pickle: truncated data")
			}
			if v > 5 {
				return nil, fmt.Errorf("pickle: unsupported protocol %d", v)
			}
		case opFrame:
			if _, err := readN(8); err != nil {
				return nil, err
			}
		case opStop:
			v, err := pop()
			if err != nil {
				return nil, err
			}
			return v, nil
		case opMark:
			marks = append(marks, len(stack))
		case opNone:
			stack = append(stack, nil)
		case opNewTrue:
			stack = append(stack, true)
		case opNewFalse:
			stack = append(stack, false)
		case opBinInt:
			v, err := u32()
			if err != nil {
				return nil, err
			}
			stack = append(stack, int64(int32(v)))
		case opBinInt1:
			v, err := r.ReadByte()
			if err != nil {
				return nil, errors.New("pickle: truncated data")
			}
			stack = append(stack, int64(v))
		case opBinInt2:
			b, err := readN(2)
			if err != nil {
				return nil, err
			}
			stack = append(stack, int64(binary.LittleEndian.Uint16(b)))
		case opLong1:
			n, err := r.ReadByte()
			if err != nil {
				return nil, errors.New("pickle: truncated data")
			}
			b, err := readN(int(n))
			if err != nil {
				return nil, err
			}
			if n > 8 {
				return nil, errors.New("pickle: integer too large")
			}
			var v int64
			for i := len(b) - 1; i >= 0; i-- {
				v = v<<8 | int64(b[i])
			}
			if n > 0 && n < 8 && b[n-1]&0x80 != 0 {
				v -= 1 << (8 * uint(n))
			}
			stack = append(stack, v)
		case opBinFloat:
			b, err := readN(8)
			if err != nil {
				return nil, err
			}
			stack = append(stack, math.Float64frombits(binary.BigEndian.Uint64(b)))
		case opBinUnicode, opShortBinUnicode, opShortBinStr, opBinBytes, opShortBinBytes:
			var n int
			if op == opBinUnicode || op == opBinBytes {
				v, err := u32()
				if err != nil {
					return nil, err
				}
				n = int(v)
			} else {
				v, err := r.ReadByte()
				if err != nil {
					return nil, errors.New("pickle: truncated data")
				}
				n = int(v)
			}
			b, err := readN(n)
			if err != nil {
				return nil, err
			}
			stack = append(stack, string(b))
		case opGlobal:
			mod, err := readLine()
			if err != nil {
				return nil, err
			}
			name, err := readLine()
			if err != nil {
				return nil, err
			}
			g := Global{mod, name}
			if !allowed(g) {
				return nil, fmt.Errorf("pickle: global %s.%s is not allowed", mod, name)
			}
			stack = append(stack, g)
		case opEmptyTuple:
			stack = append(stack, Tuple{})
		case opTuple1, opTuple2, opTuple3:
			n := int(op-opTuple1) + 1
			t := make(Tuple, n)
			for i := n - 1; i >= 0; i-- {
				if t[i], err = pop(); err != nil {
					return nil, err
				}
			}
			stack = append(stack, t)
		case opTuple:
			vs, err := popMark()
			if err != nil {
				return nil, err
			}
			stack = append(stack, Tuple(vs))
		case opEmptyList:
			stack = append(stack, &List{})
		case opList:
			vs, err := popMark()
			if err != nil {
				return nil, err
			}
			l := List(vs)
			stack = append(stack, &l)
		case opAppend, opAppends:
			var vs []any
			if op == opAppend {
				v, err := pop()
				if err != nil {
					return nil, err
				}
				vs = []any{v}
			} else if vs, err = popMark(); err != nil {
				return nil, err
			}
			if len(stack) == 0 {
				return nil, errors.New("pickle: APPEND without a list")
			}
			l, ok := stack[len(stack)-1].(*List)
			if !ok {
				return nil, errors.New("pickle: APPEND to a non-list")
			}
			*l = append(*l, vs...)
		case opEmptyDict:
			stack = append(stack, &Dict{})
		case opDict:
			vs, err := popMark()
			if err != nil {
				return nil, err
			}
			if len(vs)%2 != 0 {
				return nil, errors.New("pickle: odd DICT")
			}
			d := &Dict{}
			for i := 0; i < len(vs); i += 2 {
				d.Set(vs[i], vs[i+1])
			}
			stack = append(stack, d)
		case opSetItem, opSetItems:
			var vs []any
			if op == opSetItem {
				v, err1 := pop()
				k, err2 := pop()
				if err1 != nil || err2 != nil {
					return nil, errors.New("pickle: stack underflow")
				}
				vs = []any{k, v}
			} else if vs, err = popMark(); err != nil {
				return nil, err
			}
			if len(vs)%2 != 0 || len(stack) == 0 {
				return nil, errors.New("pickle: bad SETITEMS")
			}
			d, ok := stack[len(stack)-1].(*Dict)
			if !ok {
				return nil, errors.New("pickle: SETITEMS on a non-dict")
			}
			for i := 0; i < len(vs); i += 2 {
				d.Set(vs[i], vs[i+1])
			}
		case opBinPersID:
			v, err := pop()
			if err != nil {
				return nil, err
			}
			stack = append(stack, PersID{v})
		case opReduce:
			args, err1 := pop()
			fn, err2 := pop()
			if err1 != nil || err2 != nil {
				return nil, errors.New("pickle: stack underflow")
			}
			t, ok := args.(Tuple)
			if !ok {
				return nil, errors.New("pickle: REDUCE arguments are not a tuple")
			}
			if _, ok := fn.(Global); !ok {
				return nil, errors.New("pickle: REDUCE of a non-global")
			}
			stack = append(stack, &Reduce{Fn: fn, Args: t})
		case opNewObj:
			args, err1 := pop()
			cls, err2 := pop()
			if err1 != nil || err2 != nil {
				return nil, errors.New("pickle: stack underflow")
			}
			g, ok := cls.(Global)
			t, ok2 := args.(Tuple)
			if !ok || !ok2 {
				return nil, errors.New("pickle: bad NEWOBJ")
			}
			stack = append(stack, &Object{Class: g, Args: t})
		case opBuild:
			st, err := pop()
			if err != nil {
				return nil, err
			}
			if len(stack) == 0 {
				return nil, errors.New("pickle: BUILD without an object")
			}
			switch o := stack[len(stack)-1].(type) {
			case *Object:
				o.State = st
			case *Reduce:
				// torch's _rebuild_tensor_v2 results may be BUILt with state; keep none
			default:
				return nil, errors.New("pickle: BUILD of a non-object")
			}
		case opBinPut, opLongBinPut, opMemoize:
			if len(stack) == 0 {
				return nil, errors.New("pickle: PUT on an empty stack")
			}
			var k uint32
			switch op {
			case opBinPut:
				b, err := r.ReadByte()
				if err != nil {
					return nil, errors.New("pickle: truncated data")
				}
				k = uint32(b)
			case opLongBinPut:
				if k, err = u32(); err != nil {
					return nil, err
				}
			default:
				k = uint32(len(memo))
			}
			if len(memo) >= lim.MaxMemo {
				return nil, errors.New("pickle: memo too large")
			}
			memo[k] = stack[len(stack)-1]
		case opBinGet, opLongBinGet:
			var k uint32
			if op == opBinGet {
				b, err := r.ReadByte()
				if err != nil {
					return nil, errors.New("pickle: truncated data")
				}
				k = uint32(b)
			} else if k, err = u32(); err != nil {
				return nil, err
			}
			v, ok := memo[k]
			if !ok {
				return nil, fmt.Errorf("pickle: memo key %d not found", k)
			}
			stack = append(stack, v)
		default:
			return nil, fmt.Errorf("pickle: unsupported opcode 0x%02x", op)
		}
	}
}
