// Package ptfile reads and writes PyTorch's serialization formats: the
// pickle (protocol 2) that torch.save and torch.jit.save write as data.pkl
// (and constants.pkl), and the zip archive around it (records aligned to 64
// bytes, as PyTorchFileWriter does). It knows nothing about torchr's
// tensors: tensors are *Tensor values (storage bytes, dtype name, offset,
// sizes, strides), which callers convert. torch_save/torch_load (Save,
// Load) and jit_save/jit_load (package trace: TorchScript's __torch__ class
// objects, constants.pkl, code records) share this code.
//
// Reading is restricted: the unpickler builds values and never calls
// anything. Only the globals a tensor archive needs (_rebuild_tensor_v2,
// _rebuild_parameter, OrderedDict, the storage types) and those the caller
// allows are accepted; REDUCE and NEWOBJ of an allowed global give an
// *Object for the caller to interpret. Sizes, the number of values, nesting
// and the memo are bounded (Limits), tensors are checked against their
// storages, and truncated, hostile or unknown-version input gives an error,
// never a panic.
package ptfile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strconv"
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

// Set appends a key and its value (insertion order is kept).
func (d *Dict) Set(k, v any) {
	d.Keys = append(d.Keys, k)
	d.Values = append(d.Values, v)
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

// Tensor is a tensor over a storage. The writer pickles it as
// torch._utils._rebuild_tensor_v2 with its storage as a persistent id.
type Tensor struct {
	Storage      *Storage
	Offset       int
	Size, Stride []int
	RequiresGrad bool
}

// Object is callable(*Args) (REDUCE), or with NewObj cls.__new__(cls,
// *Args) (NEWOBJ, as TorchScript writes its __torch__ class objects),
// followed by BUILD with State when State is not nil. The reader makes one
// for every REDUCE or NEWOBJ of an allowed global it does not interpret.
type Object struct {
	Callable Global
	Args     Tuple
	State    any
	NewObj   bool
}

// PersID is a persistent id (BINPERSID) naming an out-of-band record.
type PersID struct{ ID any }

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

var (
	rebuildTensor    = Global{"torch._utils", "_rebuild_tensor_v2"}
	rebuildParameter = Global{"torch._utils", "_rebuild_parameter"}
	orderedDict      = Global{"collections", "OrderedDict"}
)

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

// Pickler writes protocol-2 pickles of nil, bool, int, int64, float64,
// string, Global, Tuple, []int (as a tuple), *List, *Dict, *Object, PersID
// and *Tensor. Persistent, when set, is asked first for every value: a
// non-nil id is written as BINPERSID.
//
// A *Tensor is written as _rebuild_tensor_v2 over its storage, whose
// persistent id is ("storage", torch.<Type>, key, location, numel); each
// storage gets one key ("0", "1", ... in the order met), and Storages lists
// them, to be written as records <dir>/<key>.
type Pickler struct {
	buf        bytes.Buffer
	Persistent func(v any) any
	keys       map[*Storage]string
	storages   []*Storage
}

// Storages returns the storages of the pickled tensors as records named by
// their keys.
func (p *Pickler) Storages() []Record {
	out := make([]Record, len(p.storages))
	for i, st := range p.storages {
		out[i] = Record{Name: p.keys[st], Data: st.Data}
	}
	return out
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
	case 1, 2, 3:
		for _, x := range items {
			if err := p.value(x); err != nil {
				return err
			}
		}
		p.op(opTuple1 + byte(len(items)-1))
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

func (p *Pickler) tensor(t *Tensor) error {
	st := t.Storage
	if st == nil {
		return errors.New("ptfile: tensor without a storage")
	}
	key, ok := p.keys[st]
	if !ok {
		if ItemSize(st.Type) == 0 {
			return fmt.Errorf("ptfile: unknown storage type %s", st.Type)
		}
		if p.keys == nil {
			p.keys = map[*Storage]string{}
		}
		key = strconv.Itoa(len(p.storages))
		p.keys[st] = key
		p.storages = append(p.storages, st)
	}
	loc := st.Location
	if loc == "" {
		loc = "cpu"
	}
	return p.value(&Object{Callable: rebuildTensor, Args: Tuple{
		PersID{Tuple{"storage", Global{"torch", st.Type}, key, loc, st.Numel}},
		t.Offset, t.Size, t.Stride, t.RequiresGrad, &Dict{Ordered: true}}})
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
			p.global(orderedDict)
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
		if x.NewObj {
			p.op(opNewObj)
		} else {
			p.op(opReduce)
		}
		if x.State != nil {
			if err := p.value(x.State); err != nil {
				return err
			}
			p.op(opBuild)
		}
	case PersID:
		if err := p.value(x.ID); err != nil {
			return err
		}
		p.op(opBinPersID)
	case *Tensor:
		return p.tensor(x)
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

// Marshal returns the protocol-2 pickle of v (a Pickler without hooks;
// *Tensor values need a Pickler, whose Storages lists their storages).
func Marshal(v any) ([]byte, error) { return (&Pickler{}).Pickle(v) }
