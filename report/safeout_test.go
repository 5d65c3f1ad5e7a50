package report

import (
	"strings"
	"testing"
)

func TestCommandSafe(t *testing.T) {
	cases := map[string]string{
		"plain\nlines\n":                        "plain\nlines\n",
		"x\n::error::boom\n":                    "x\n\\::error::boom\n",
		"x\r::add-mask::secret\n":               "x\r\\::add-mask::secret\n",
		"  ::set-output name=a::b\n":            "  \\::set-output name=a::b\n",
		"::warning file=a::b":                   "\\::warning file=a::b",
		"a :: b\n: not a command\n:\n":          "a :: b\n: not a command\n:\n",
		"\t\t\n\n":                              "\t\t\n\n",
		"route x\n::stop-commands::t\n::error:": "route x\n\\::stop-commands::t\n\\::error:",
	}
	for in, want := range cases {
		for _, chunk := range []int{1, 2, 3, len(in) + 1} {
			var b strings.Builder
			w := CommandSafe(&b)
			for i := 0; i < len(in); i += chunk {
				if _, err := w.Write([]byte(in[i:min(i+chunk, len(in))])); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
			if b.String() != want {
				t.Errorf("%q in chunks of %d: wrote %q, want %q", in, chunk, b.String(), want)
			}
		}
	}
}
