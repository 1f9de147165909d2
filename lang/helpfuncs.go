package lang

import (
	"io"
	"strings"

	"torchr/lang/eval"
	"torchr/lang/help"
	"torchr/lang/syntax"
)

// The help builtins: help(topic), ?topic, ??word, help.search(pattern).
func init() {
	eval.RegisterAll(
		&eval.Builtin{Name: "help", Formals: []string{"topic", "package = NULL"}, Special: true, Invisible: true, Fn: builtinHelp},
		&eval.Builtin{Name: "?", Formals: []string{"e1", "e2"}, Special: true, Invisible: true, Fn: builtinQuestion},
		&eval.Builtin{Name: "help.search", Formals: []string{"pattern"}, Invisible: true, Fn: builtinHelpSearch},
		&eval.Builtin{Name: "example", Formals: []string{"topic", "echo = TRUE"}, Special: true, Invisible: true, Fn: builtinExample},
	)
}

// HelpText returns the help page for topic (R's text rendering) and
// whether there is one.
func HelpText(topic string) (string, bool) {
	if p := help.Lookup(topic); p != nil {
		return p.Render(), true
	}
	return "", false
}

func showHelp(c *eval.Frame, topic string) (eval.Value, error) {
	if t, ok := HelpText(topic); ok {
		if page, ok := c.In.Local[pagerKey{}].(func(string) error); !ok || page(t) != nil {
			io.WriteString(c.In.Stdout, t)
		}
	} else {
		io.WriteString(c.In.Stderr, help.NoPage(topic))
	}
	c.In.SetVisible(false)
	return eval.Null, nil
}

// topicOf names the topic written as an argument: a name, a string, or a
// call (whose function is the topic, as R's ?f(x)).
func topicOf(c *eval.Frame, v eval.Value) (string, error) {
	p, ok := v.(*eval.Promise)
	if !ok {
		return topicValue(v), nil
	}
	switch x := p.Expr.(type) {
	case *syntax.Ident:
		return x.Name, nil
	case *syntax.Str:
		return x.Value, nil
	case *syntax.Call:
		if id, ok := x.Fn.(*syntax.Ident); ok {
			return id.Name, nil
		}
	case *syntax.Namespace:
		return x.Name, nil
	}
	val, err := c.Force(v)
	if err != nil {
		return "", err
	}
	return topicValue(val), nil
}

func topicValue(v eval.Value) string {
	if s, ok := v.(*eval.Character); ok && len(s.V) > 0 {
		return s.V[0]
	}
	if l, ok := v.(*eval.Lang); ok {
		if id, ok := l.X.(*syntax.Ident); ok {
			return id.Name
		}
	}
	return ""
}

func builtinHelp(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	if a[0] == nil && a[1] != nil {
		// help(package = "utils"): the package's index
		pkg, err := topicOf(c, a[1])
		if err != nil {
			return nil, err
		}
		if pkg != "" {
			io.WriteString(c.In.Stdout, help.PackageIndex(pkg))
			c.In.SetVisible(false)
			return eval.Null, nil
		}
	}
	if a[0] == nil {
		return showHelp(c, "help")
	}
	t, err := topicOf(c, a[0])
	if err != nil {
		return nil, err
	}
	return showHelp(c, t)
}

func builtinQuestion(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	arg := a[0]
	if a[1] != nil { // type?topic: the topic is what matters here
		arg = a[1]
	}
	if arg == nil {
		return showHelp(c, "help")
	}
	// ??word parses as ?(?word)
	if p, ok := arg.(*eval.Promise); ok {
		if u, ok := p.Expr.(*syntax.Unary); ok && u.Op == syntax.QUESTION {
			w, err := topicOf(c, eval.NewForcedPromise(u.X, nil))
			if err != nil {
				return nil, err
			}
			io.WriteString(c.In.Stdout, help.SearchText(w))
			c.In.SetVisible(false)
			return eval.Null, nil
		}
	}
	t, err := topicOf(c, arg)
	if err != nil {
		return nil, err
	}
	return showHelp(c, t)
}

func builtinHelpSearch(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	s, ok := a[0].(*eval.Character)
	if !ok || len(s.V) != 1 {
		return nil, c.Errorf("'pattern' must be a single character string")
	}
	io.WriteString(c.In.Stdout, help.SearchText(s.V[0]))
	return eval.Null, nil
}

// builtinExample is example(topic): it runs the Example section of the
// topic's help page in the global environment, echoing the code as R does
// ("paste> paste0(1:3)").
func builtinExample(c *eval.Frame, a []eval.Value) (eval.Value, error) {
	if a[0] == nil {
		return nil, c.Errorf("argument \"topic\" is missing, with no default")
	}
	topic, err := topicOf(c, a[0])
	if err != nil {
		return nil, err
	}
	echo := true
	if v, err := c.Force(a[1]); err == nil {
		if l, ok := v.(*eval.Logical); ok && len(l.V) == 1 && l.V[0] == 0 {
			echo = false
		}
	}
	p := help.Lookup(topic)
	if p == nil {
		if err := c.In.Warning(c.Call, "no help found for "+"\u2018"+topic+"\u2019"); err != nil {
			return nil, err
		}
		return eval.Null, nil
	}
	src := p.Example
	f, err := syntax.ParseFile("example("+topic+")", src)
	if err != nil {
		return nil, c.Errorf("%v", err)
	}
	out := c.In.Stdout
	echoed := 0 // source up to here has been shown
	for _, te := range f.Exprs {
		if echo && te.End > echoed {
			end := te.End
			if i := strings.IndexByte(src[end:], '\n'); i >= 0 {
				end += i
			} else {
				end = len(src)
			}
			text := strings.Trim(src[echoed:end], "\n")
			echoed = end
			io.WriteString(out, "\n")
			exprLine := false
			for _, l := range strings.Split(text, "\n") {
				prompt := topic + "> "
				if exprLine {
					prompt = topic + "+ "
				}
				if t := strings.TrimSpace(l); t != "" && !strings.HasPrefix(t, "#") {
					exprLine = true
				}
				io.WriteString(out, prompt+l+"\n")
			}
		}
		v, err := c.Eval(te.X, c.In.Global)
		if err != nil {
			return nil, err
		}
		if c.In.Visible() {
			if err := c.In.PrintTop(v); err != nil {
				return nil, err
			}
		}
	}
	c.In.SetVisible(false)
	return eval.Null, nil
}
