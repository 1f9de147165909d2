// Package help is the one place torchr's help text lives: a registry of
// pages keyed by function name, used by ?name, help(name) and ??word in
// the console and by the notebook kernel's inspect.
//
// Pages are text files embedded from pages/*.md. A file holds one or more
// pages; each starts with a line "# name1 name2 ..." listing the topics it
// documents (its aliases) and optionally its package as "{utils}" (base
// when absent), followed by the title line, the description, and optional
// sections:
//
//	# paste paste0
//	Concatenate Strings
//
//	Concatenate vectors after converting to character.
//
//	## Arguments
//	...: one or more R objects, converted to character vectors.
//	sep: a character string to separate the terms.
//	  (indented lines continue the previous argument)
//
//	## Details
//	## Value
//	## Usage          (only for operators and non-builtins)
//	## Example
//	paste("a", 1:3, sep = "_")
//	## comments in examples start with "## " (a line "# ..." starts a page)
//
// The usage lines of builtins are derived from their registered formals,
// so a signature shown in help never drifts from the code. Packages add
// pages for their own functions with Register or by adding a file under
// pages/.
package help

import (
	"embed"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strings"
	"sync"

	"torchr/lang/eval"
)

//go:embed pages/*.md
var pageFS embed.FS

// Arg documents one argument.
type Arg struct {
	Name, Text string
}

// Page is one help page.
type Page struct {
	// Topics are the names the page documents; the first is its name.
	Topics      []string
	Title       string
	Description string
	// Usage lines given explicitly (operators, non-builtins); builtins'
	// usage is derived from their formals.
	Usage   []string
	Args    []Arg
	Details string
	Value   string
	Example string
	// Package is the R package the topic belongs to ("base" when empty),
	// shown in the page's header; a page file sets it with "{utils}" in
	// the heading line.
	Package string
	// File is the source file of the page.
	File string
}

// Name is the page's primary topic.
func (p *Page) Name() string { return p.Topics[0] }

var (
	once   sync.Once
	mu     sync.RWMutex
	byName map[string]*Page
	pages  []*Page
	loadEr error
)

func load() {
	byName = map[string]*Page{}
	files, _ := fs.Glob(pageFS, "pages/*.md")
	for _, f := range files {
		b, err := pageFS.ReadFile(f)
		if err != nil {
			loadEr = err
			continue
		}
		ps, err := Parse(f, string(b))
		if err != nil && loadEr == nil {
			loadEr = err
		}
		for _, p := range ps {
			add(p)
		}
	}
}

func add(p *Page) {
	pages = append(pages, p)
	for _, t := range p.Topics {
		if _, dup := byName[t]; !dup {
			byName[t] = p
		}
	}
}

// Register adds pages (for packages that keep their text elsewhere).
func Register(ps ...*Page) {
	once.Do(load)
	mu.Lock()
	defer mu.Unlock()
	for _, p := range ps {
		add(p)
	}
}

// LoadError reports a malformed page file (tests check it is nil).
func LoadError() error {
	once.Do(load)
	return loadEr
}

// Lookup returns the page documenting topic, or nil.
func Lookup(topic string) *Page {
	once.Do(load)
	mu.RLock()
	defer mu.RUnlock()
	return byName[topic]
}

// Topics returns every documented topic, sorted.
func Topics() []string {
	once.Do(load)
	mu.RLock()
	defer mu.RUnlock()
	out := make([]string, 0, len(byName))
	for t := range byName {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// Pages returns all pages in load order.
func Pages() []*Page {
	once.Do(load)
	mu.RLock()
	defer mu.RUnlock()
	return append([]*Page(nil), pages...)
}

// Search returns the pages whose topics, title or description contain
// word (case-insensitively), topic matches first.
func Search(word string) []*Page {
	w := strings.ToLower(word)
	var first, rest []*Page
	for _, p := range Pages() {
		hit := false
		for _, t := range p.Topics {
			if strings.Contains(strings.ToLower(t), w) {
				hit = true
			}
		}
		if hit {
			first = append(first, p)
		} else if strings.Contains(strings.ToLower(p.Title), w) || strings.Contains(strings.ToLower(p.Description), w) {
			rest = append(rest, p)
		}
	}
	return append(first, rest...)
}

// Parse reads the pages of one file.
func Parse(file, text string) ([]*Page, error) {
	var out []*Page
	var p *Page
	section := ""
	var buf []string
	flush := func() error {
		if p == nil {
			return nil
		}
		body := strings.Trim(strings.Join(buf, "\n"), "\n")
		buf = nil
		switch section {
		case "":
			// title line, then description
			lines := strings.SplitN(body, "\n", 2)
			p.Title = strings.TrimSpace(lines[0])
			if len(lines) > 1 {
				p.Description = strings.Trim(lines[1], "\n")
			}
		case "arguments":
			for _, l := range strings.Split(body, "\n") {
				if strings.TrimSpace(l) == "" {
					continue
				}
				if (l[0] == ' ' || l[0] == '\t') && len(p.Args) > 0 {
					a := &p.Args[len(p.Args)-1]
					a.Text += " " + strings.TrimSpace(l)
					continue
				}
				name, txt, ok := strings.Cut(l, ": ")
				if !ok {
					return fmt.Errorf("%s: page %s: argument line without \"name: text\": %q", file, p.Name(), l)
				}
				p.Args = append(p.Args, Arg{Name: strings.Trim(strings.TrimSpace(name), "`"), Text: strings.TrimSpace(txt)})
			}
		case "usage":
			for _, l := range strings.Split(body, "\n") {
				if strings.TrimSpace(l) != "" {
					p.Usage = append(p.Usage, strings.TrimSpace(l))
				}
			}
		case "details":
			p.Details = body
		case "value":
			p.Value = body
		case "example", "examples":
			p.Example = body
		default:
			return fmt.Errorf("%s: page %s: unknown section %q", file, p.Name(), section)
		}
		return nil
	}
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimRight(l, " \r")
		switch {
		case strings.HasPrefix(l, "# "):
			if err := flush(); err != nil {
				return out, err
			}
			p = &Page{File: file}
			for _, t := range strings.Fields(l[2:]) {
				if strings.HasPrefix(t, "{") && strings.HasSuffix(t, "}") {
					p.Package = t[1 : len(t)-1]
					continue
				}
				p.Topics = append(p.Topics, strings.Trim(t, "`"))
			}
			out = append(out, p)
			section = ""
		case strings.HasPrefix(l, "## ") && p != nil && knownSection[strings.ToLower(strings.TrimSpace(l[3:]))]:
			if err := flush(); err != nil {
				return out, err
			}
			section = strings.ToLower(strings.TrimSpace(l[3:]))
		default:
			buf = append(buf, l)
		}
	}
	if err := flush(); err != nil {
		return out, err
	}
	for _, p := range out {
		if len(p.Topics) == 0 || p.Title == "" {
			return out, fmt.Errorf("%s: a page without topics or title", file)
		}
	}
	return out, nil
}

var knownSection = map[string]bool{"arguments": true, "usage": true, "details": true, "value": true, "example": true, "examples": true}

// UsageLines returns the page's usage: the explicit lines, or for each
// topic that is a registered builtin its call with the builtin's formals.
func (p *Page) UsageLines() []string {
	if len(p.Usage) > 0 {
		return p.Usage
	}
	var out []string
	for _, t := range p.Topics {
		if u := UsageOf(t); u != "" {
			out = append(out, u)
		}
	}
	return out
}

// notMethod lists dotted names of R functions that are not S3 methods
// although their prefix is a generic.
var notMethod = map[string]bool{"seq.int": true, "rep.int": true, "sample.int": true, "sort.int": true,
	"sort.list": true, "format.info": true, "print.gap": true, "t.test": true, "all.equal": true,
	"as.vector": true}

// UsageOf returns how a call to the builtin name is written, from its
// formals: "paste(..., sep = \" \")", "e1 + e2", "names(x) <- value",
// "x[[..., exact = TRUE]]"; "" if name is not a builtin.
func UsageOf(name string) string {
	b := eval.LookupBuiltin(name)
	if b == nil {
		return ""
	}
	f := b.Formals
	join := func(fs []string) string { return strings.Join(fs, ", ") }
	switch name {
	case "[", "[[":
		if len(f) > 0 {
			closeB := map[string]string{"[": "]", "[[": "]]"}[name]
			return f[0] + name + join(f[1:]) + closeB
		}
	case "$", "@":
		if len(f) == 2 {
			return f[0] + name + f[1]
		}
	case "[<-", "[[<-", "$<-":
		if len(f) >= 2 {
			op := strings.TrimSuffix(name, "<-")
			inner := join(f[1 : len(f)-1])
			switch op {
			case "[":
				return f[0] + "[" + inner + "] <- " + f[len(f)-1]
			case "[[":
				return f[0] + "[[" + inner + "]] <- " + f[len(f)-1]
			default:
				return f[0] + "$" + inner + " <- " + f[len(f)-1]
			}
		}
	}
	// S3 methods of builtin generics: "## S3 method for class 'cls'"
	for i := len(name) - 1; i > 0; i-- {
		if name[i] != '.' {
			continue
		}
		gen, cls := name[:i], name[i+1:]
		g := eval.LookupBuiltin(gen)
		if g == nil || cls == "" || (!g.Generic && isSyntactic(gen)) || notMethod[name] {
			continue
		}
		head := "## S3 method for class '" + cls + "'\n"
		if cls == "default" {
			head = "## Default S3 method:\n"
		}
		switch {
		case (gen == "[" || gen == "[[") && len(f) > 0:
			closeB := map[string]string{"[": "]", "[[": "]]"}[gen]
			return head + f[0] + gen + join(f[1:]) + closeB
		case !isSyntactic(gen) && len(f) == 2:
			return head + f[0] + " " + gen + " " + f[1]
		}
		return head + quoteFn(gen) + "(" + join(f) + ")"
	}
	if strings.HasSuffix(name, "<-") && len(name) > 2 && len(f) >= 2 {
		base := strings.TrimSuffix(name, "<-")
		return quoteFn(base) + "(" + join(f[:len(f)-1]) + ") <- " + f[len(f)-1]
	}
	if !isSyntactic(name) {
		switch len(f) {
		case 1:
			return name + f[0]
		case 2:
			return f[0] + " " + name + " " + f[1]
		}
	}
	return quoteFn(name) + "(" + join(f) + ")"
}

// Signature returns "name(formals)" for a registered builtin, "" otherwise.
func Signature(name string) string {
	b := eval.LookupBuiltin(name)
	if b == nil {
		return ""
	}
	return quoteFn(name) + "(" + strings.Join(b.Formals, ", ") + ")"
}

func quoteFn(name string) string {
	if isSyntactic(name) {
		return name
	}
	return "`" + name + "`"
}

func isSyntactic(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r == '.' || r == '_' && i > 0:
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		case r >= '0' && r <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}

// Render formats the page as R's text help does.
func (p *Page) Render() string {
	var b strings.Builder
	// R's header: name, package centred, "R Documentation", 70 wide
	name := p.Name()
	pkg := "package:" + p.Package
	if p.Package == "" {
		pkg = "package:base"
	}
	right := "R Documentation"
	pad := 70 - len([]rune(name)) - len(pkg) - len(right)
	if pad < 2 {
		pad = 2
	}
	b.WriteString(name + strings.Repeat(" ", pad/2) + pkg + strings.Repeat(" ", pad-pad/2) + right + "\n\n")
	b.WriteString(p.Title + "\n\n")
	section := func(title, body string) {
		if strings.TrimSpace(body) == "" {
			return
		}
		b.WriteString(title + ":\n\n")
		b.WriteString(fill(prose(body), "     ", 77))
		b.WriteString("\n")
	}
	section("Description", p.Description)
	if u := p.UsageLines(); len(u) > 0 {
		b.WriteString("Usage:\n\n")
		prevMethod := false
		for i, l := range u {
			method := strings.HasPrefix(l, "## ")
			if i > 0 && (method || prevMethod) {
				b.WriteString("\n")
			}
			prevMethod = method
			for _, part := range strings.Split(l, "\n") {
				b.WriteString(wrapUsage(part))
			}
		}
		b.WriteString("\n")
	}
	if len(p.Args) > 0 {
		b.WriteString("Arguments:\n\n")
		w := 0
		for _, a := range p.Args {
			if n := len([]rune(a.Name)); n > w {
				w = n
			}
		}
		if w > 14 {
			w = 14
		}
		for _, a := range p.Args {
			lead := strings.Repeat(" ", 5)
			label := a.Name + ":"
			indent := strings.Repeat(" ", 5+w+2)
			n := len([]rune(a.Name))
			if n < w {
				label = strings.Repeat(" ", w-n) + label
			}
			if n > w {
				// a long label gets a line of its own
				b.WriteString(lead + label + "\n" + fill(prose(a.Text), indent, 77) + "\n")
				continue
			}
			text := strings.TrimLeft(fill(prose(a.Text), indent, 77), " ")
			b.WriteString(lead + label + " " + text + "\n")
		}
	}
	section("Details", p.Details)
	section("Value", p.Value)
	if strings.TrimSpace(p.Example) != "" {
		b.WriteString("Examples:\n\n")
		for _, l := range strings.Split(p.Example, "\n") {
			if l == "" {
				b.WriteString("\n")
			} else {
				b.WriteString("     " + l + "\n")
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

func wrapUsage(l string) string {
	const ind = "     "
	if len(l)+len(ind) <= 78 {
		return ind + l + "\n"
	}
	// break after commas, continuation aligned after the "("
	open := strings.IndexByte(l, '(')
	cont := strings.Repeat(" ", len(ind)+open+1)
	var b strings.Builder
	line := ind
	for i, part := range strings.SplitAfter(l, ", ") {
		if i > 0 && len(line)+len(strings.TrimRight(part, " ")) > 78 {
			b.WriteString(strings.TrimRight(line, " ") + "\n")
			line = cont
		}
		line += part
	}
	b.WriteString(line + "\n")
	return b.String()
}

var codeSpan = regexp.MustCompile("`([^`]+)`")

// prose renders markdown code spans as R's text help shows code: ‘x’.
func prose(s string) string { return codeSpan.ReplaceAllString(s, "‘$1’") }

// fill word-wraps paragraphs (blank-line separated) with the given indent
// to lines of at most width runes.
// Lines starting with spaces (code) are kept as they are.
func fill(text, indent string, width int) string {
	var b strings.Builder
	paras := strings.Split(strings.Trim(text, "\n"), "\n\n")
	for i, para := range paras {
		if i > 0 {
			b.WriteString("\n")
		}
		lines := strings.Split(para, "\n")
		if len(lines) > 0 && strings.HasPrefix(lines[0], "    ") {
			for _, l := range lines {
				b.WriteString(indent + l + "\n")
			}
			continue
		}
		line := indent
		empty := true
		for _, w := range strings.Fields(para) {
			if !empty && len([]rune(line))+1+len([]rune(w)) > width {
				b.WriteString(line + "\n")
				line = indent
				empty = true
			}
			if !empty {
				line += " "
			}
			line += w
			empty = false
		}
		if !empty {
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}

// NoPage returns R's text for a topic without a page.
func NoPage(topic string) string {
	return fmt.Sprintf("No documentation for ‘%s’ in specified packages and libraries:\nyou could try ‘??%s’\n", topic, topic)
}

// SearchText renders ??word results.
func SearchText(word string) string {
	ps := Search(word)
	if len(ps) == 0 {
		return fmt.Sprintf("No help files found with alias or title matching ‘%s’.\n", word)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Help files with alias or title matching ‘%s’:\n\n", word)
	w := 0
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = strings.Join(p.Topics, ", ")
		if len(names[i]) > 40 {
			names[i] = names[i][:37] + "..."
		}
		if len(names[i]) > w {
			w = len(names[i])
		}
	}
	for i, p := range ps {
		fmt.Fprintf(&b, "  %-*s  %s\n", w, names[i], p.Title)
	}
	b.WriteString("\nType '?name' to see the page.\n")
	return b.String()
}

// PackageIndex lists the pages of an R package (help(package = "utils")),
// base when pages name no package.
func PackageIndex(pkg string) string {
	var ps []*Page
	for _, p := range Pages() {
		pp := p.Package
		if pp == "" {
			pp = "base"
		}
		if pp == pkg {
			ps = append(ps, p)
		}
	}
	if len(ps) == 0 {
		return fmt.Sprintf("No documentation for package ‘%s’.\n", pkg)
	}
	sort.Slice(ps, func(i, j int) bool { return strings.ToLower(ps[i].Name()) < strings.ToLower(ps[j].Name()) })
	var b strings.Builder
	fmt.Fprintf(&b, "\t\tInformation on package ‘%s’\n\nIndex:\n\n", pkg)
	for _, p := range ps {
		fmt.Fprintf(&b, "%-24s%s\n", p.Name(), p.Title)
	}
	return b.String()
}
