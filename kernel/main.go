package kernel

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
)

// Main runs `torchr kernel ...`:
//
//	torchr kernel CONNECTION_FILE
//	torchr kernel install [--user | --prefix P | --sys-prefix] [--name N] [--display-name D]
func Main(args []string, version string, stdout, stderr io.Writer) int {
	if len(args) >= 1 && args[0] == "install" {
		dir, err := Install(args[1:])
		if err != nil {
			fmt.Fprintln(stderr, "torchr kernel install:", err)
			return 2
		}
		fmt.Fprintf(stdout, "Installed kernelspec in %s\n", dir)
		return 0
	}
	if len(args) != 1 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(stderr, "Usage: torchr kernel CONNECTION_FILE\n       torchr kernel install [--user | --prefix P | --sys-prefix] [--name N] [--display-name D]")
		return 2
	}
	ci, err := ReadConnectionFile(args[0])
	if err != nil {
		fmt.Fprintln(stderr, "torchr kernel:", err)
		return 2
	}
	k, err := Start(Config{Conn: ci, Version: version, Log: stderr, HistoryFile: HistoryPath()})
	if err != nil {
		fmt.Fprintln(stderr, "torchr kernel:", err)
		return 1
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	go func() {
		for {
			select {
			case <-sig:
				k.Interrupt()
			case <-k.Done():
				return
			}
		}
	}()
	k.Wait()
	signal.Stop(sig)
	return 0
}

// Kernelspec is kernel.json.
type Kernelspec struct {
	Argv          []string       `json:"argv"`
	DisplayName   string         `json:"display_name"`
	Language      string         `json:"language"`
	InterruptMode string         `json:"interrupt_mode"`
	Env           map[string]any `json:"env,omitempty"`
	Metadata      map[string]any `json:"metadata,omitempty"`
}

// Install writes the kernelspec (kernel.json and logos) and returns its
// directory. Flags: --user (the default), --prefix P, --sys-prefix,
// --name N (default "torchr"), --display-name D.
func Install(args []string) (string, error) {
	name, display := "torchr", "torchr"
	mode, prefix := "user", ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		val := func() (string, error) {
			if i+1 >= len(args) {
				return "", fmt.Errorf("%s needs a value", a)
			}
			i++
			return args[i], nil
		}
		var err error
		switch a {
		case "--user":
			mode = "user"
		case "--sys-prefix":
			mode = "sys"
		case "--prefix":
			mode = "prefix"
			prefix, err = val()
		case "--name":
			name, err = val()
		case "--display-name":
			display, err = val()
		default:
			return "", fmt.Errorf("unknown argument %q", a)
		}
		if err != nil {
			return "", err
		}
	}
	var base string
	switch mode {
	case "user":
		base = userDataDir()
	case "sys":
		base = filepath.Join(sysPrefix(), "share", "jupyter")
	case "prefix":
		base = filepath.Join(prefix, "share", "jupyter")
	}
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	if p, err := filepath.EvalSymlinks(exe); err == nil {
		exe = p
	}
	exe, _ = filepath.Abs(exe)
	dir := filepath.Join(base, "kernels", name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	spec := Kernelspec{Argv: []string{exe, "kernel", "{connection_file}"}, DisplayName: display, Language: "torchr", InterruptMode: "message"}
	b, _ := json.MarshalIndent(spec, "", "  ")
	if err := os.WriteFile(filepath.Join(dir, "kernel.json"), append(b, '\n'), 0o644); err != nil {
		return "", err
	}
	for _, size := range []int{32, 64} {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("logo-%dx%d.png", size, size)), logo(size), 0o644); err != nil {
			return "", err
		}
	}
	return dir, nil
}

func userDataDir() string {
	if d := os.Getenv("JUPYTER_DATA_DIR"); d != "" {
		return d
	}
	home, _ := os.UserHomeDir()
	switch runtime.GOOS {
	case "darwin":
		return filepath.Join(home, "Library", "Jupyter")
	case "windows":
		return filepath.Join(os.Getenv("APPDATA"), "jupyter")
	}
	if x := os.Getenv("XDG_DATA_HOME"); x != "" {
		return filepath.Join(x, "jupyter")
	}
	return filepath.Join(home, ".local", "share", "jupyter")
}

func sysPrefix() string {
	if v := os.Getenv("VIRTUAL_ENV"); v != "" {
		return v
	}
	if v := os.Getenv("CONDA_PREFIX"); v != "" {
		return v
	}
	return "/usr"
}

// logo draws the kernel's logo: a flame-orange disc with a white ring.
func logo(size int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	c := float64(size-1) / 2
	r := float64(size) / 2
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			dx, dy := float64(x)-c, float64(y)-c
			d2 := dx*dx + dy*dy
			switch {
			case d2 <= (r*0.42)*(r*0.42):
				img.Set(x, y, color.NRGBA{0xee, 0x4c, 0x2c, 0xff})
			case d2 <= (r*0.62)*(r*0.62):
				img.Set(x, y, color.NRGBA{0xff, 0xff, 0xff, 0xff})
			case d2 <= (r*0.98)*(r*0.98):
				img.Set(x, y, color.NRGBA{0xee, 0x4c, 0x2c, 0xff})
			}
		}
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	return buf.Bytes()
}
