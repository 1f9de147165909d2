package base

// More file-system helpers: dir.create, list.files (dir), file.size,
// file.copy, file.rename, file.append-free basics.

import (
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"torchr/lang/eval"
)

func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "dir.create", Invisible: true, Formals: []string{"path", "showWarnings = TRUE", "recursive = FALSE", `mode = "0777"`}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			p, err := argStr(c, a[0], "path")
			if err != nil {
				return nil, c.Errorf("invalid '%s' argument", "path")
			}
			show, _ := argBool(c, a[1], "showWarnings")
			rec, _ := argBool(c, a[2], "recursive")
			p = expandPath(p)
			if st, err := os.Stat(p); err == nil && st.IsDir() {
				if show {
					if werr := c.Warningf("'%s' already exists", p); werr != nil {
						return nil, werr
					}
				}
				return eval.False, nil
			}
			if rec {
				err = os.MkdirAll(p, 0o777)
			} else {
				err = os.Mkdir(p, 0o777)
			}
			if err != nil {
				if show {
					reason := "No such file or directory"
					if os.IsPermission(err) {
						reason = "Permission denied"
					}
					if werr := c.Warningf("cannot create dir '%s', reason '%s'", p, reason); werr != nil {
						return nil, werr
					}
				}
				return eval.False, nil
			}
			return eval.True, nil
		}},
		listFilesBuiltin("list.files"),
		listFilesBuiltin("dir"),
		&eval.Builtin{Name: "file.size", Formals: []string{"..."}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			var r []float64
			for _, v := range a[0].(*eval.List).V {
				s, _ := coStrings(v)
				for _, p := range s {
					st, err := os.Stat(expandPath(p))
					if err != nil {
						r = append(r, eval.NAReal)
					} else {
						r = append(r, float64(st.Size()))
					}
				}
			}
			return eval.NewDouble(r), nil
		}},
		&eval.Builtin{Name: "file.copy", Formals: []string{"from", "to", "overwrite = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			from, err := charArg(c, a[0], "from")
			if err != nil {
				return nil, err
			}
			to, err := charArg(c, a[1], "to")
			if err != nil {
				return nil, err
			}
			over, _ := argBool(c, a[2], "overwrite")
			r := make([]int32, len(from))
			for i, f := range from {
				if len(to) == 0 {
					break
				}
				dst := expandPath(to[i%len(to)])
				if st, err := os.Stat(dst); err == nil && st.IsDir() {
					dst = filepath.Join(dst, filepath.Base(f))
				}
				if _, err := os.Stat(dst); err == nil && !over {
					continue
				}
				in, err := os.Open(expandPath(f))
				if err != nil {
					continue
				}
				out, err := os.Create(dst)
				if err != nil {
					in.Close()
					continue
				}
				_, err = io.Copy(out, in)
				in.Close()
				if cerr := out.Close(); err == nil && cerr == nil {
					r[i] = 1
				}
			}
			return eval.NewLgl(r), nil
		}},
		&eval.Builtin{Name: "file.rename", Formals: []string{"from", "to"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
			from, err := charArg(c, a[0], "from")
			if err != nil {
				return nil, err
			}
			to, err := charArg(c, a[1], "to")
			if err != nil {
				return nil, err
			}
			if len(from) != len(to) {
				return nil, c.Errorf("'from' and 'to' are of different lengths")
			}
			r := make([]int32, len(from))
			for i := range from {
				if err := os.Rename(expandPath(from[i]), expandPath(to[i])); err == nil {
					r[i] = 1
				} else if werr := c.Warningf("cannot rename file '%s' to '%s', reason 'No such file or directory'", from[i], to[i]); werr != nil {
					return nil, werr
				}
			}
			return eval.NewLgl(r), nil
		}},
	)
}

func listFilesBuiltin(name string) *eval.Builtin {
	return &eval.Builtin{Name: name, Formals: []string{`path = "."`, "pattern = NULL", "all.files = FALSE", "full.names = FALSE", "recursive = FALSE", "ignore.case = FALSE", "include.dirs = FALSE", "no.. = FALSE"}, Fn: func(c *eval.Frame, a []eval.Value) (eval.Value, error) {
		paths, err := charArg(c, a[0], "path")
		if err != nil {
			return nil, err
		}
		var pat *rxPattern
		if !isNull(a[1]) {
			ps, _ := argStr(c, a[1], "pattern")
			icase, _ := argBool(c, a[5], "ignore.case")
			if pat, err = rxCompile(ps, rxOpts{icase: icase}); err != nil {
				return nil, c.Errorf("%s", err.Error())
			}
		}
		all, _ := argBool(c, a[2], "all.files")
		full, _ := argBool(c, a[3], "full.names")
		rec, _ := argBool(c, a[4], "recursive")
		var out []string
		for _, root := range paths {
			base := expandPath(root)
			var walk func(dir, rel string)
			walk = func(dir, rel string) {
				ents, err := os.ReadDir(dir)
				if err != nil {
					return
				}
				for _, e := range ents {
					n := e.Name()
					if !all && strings.HasPrefix(n, ".") {
						continue
					}
					r := n
					if rel != "" {
						r = rel + "/" + n
					}
					if e.IsDir() && rec {
						walk(filepath.Join(dir, n), r)
						continue
					}
					if pat != nil && !pat.match(n) {
						continue
					}
					if full {
						out = append(out, root+"/"+r)
					} else {
						out = append(out, r)
					}
				}
			}
			walk(base, "")
		}
		sort.SliceStable(out, func(i, j int) bool { return collate(out[i], out[j]) < 0 })
		if out == nil {
			out = []string{}
		}
		return eval.NewStr(out), nil
	}}
}
