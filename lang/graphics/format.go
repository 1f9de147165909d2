package graphics

import (
	"fmt"
	"regexp"
)

var pageFormat = regexp.MustCompile(`%0?\d*d`)

func containsFormat(file string) bool { return pageFormat.MatchString(file) }

// sprintfPage fills the page number into a file name like "Rplot%03d.png".
func sprintfPage(file string, page int) string {
	return pageFormat.ReplaceAllStringFunc(file, func(f string) string { return fmt.Sprintf(f, page) })
}
