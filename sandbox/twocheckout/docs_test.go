package twocheckout_test

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/flashcart/flashcart/fixtures"
	"github.com/flashcart/flashcart/sandbox"
	tc "github.com/flashcart/flashcart/sandbox/twocheckout"
)

// docPath is the vendor's page of the manual.
const docPath = "../../docs/twocheckout.md"

// readDoc reads the page; write rewrites it when the run is -update.
func readDoc(t *testing.T) string {
	t.Helper()
	raw, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

// TestDocGeneratedSections: the page's error table, method reference,
// InLine cart errors and default world section are the ones the code
// generates; go test
// ./sandbox/twocheckout -run TestDoc -update rewrites them.
func TestDocGeneratedSections(t *testing.T) {
	doc := readDoc(t)
	sections := map[string]string{
		"error table":   tc.ErrorTableMarkdown(),
		"inline errors": tc.InlineErrorTableMarkdown(),
		"methods":       tc.MethodsMarkdown(),
		"world":         "```yaml\n" + fixtures.DefaultSection("twocheckout") + "```\n",
	}
	for name, want := range sections {
		begin := "<!-- BEGIN " + name + ": generated; go test ./sandbox/twocheckout -run TestDoc -update -->\n"
		end := "<!-- END " + name + " -->"
		i, j := strings.Index(doc, begin), strings.Index(doc, end)
		if i < 0 || j < i {
			t.Fatalf("%s lacks the markers of the %s", docPath, name)
		}
		if got := doc[i+len(begin) : j]; got != want {
			if tc.Updating() {
				doc = doc[:i+len(begin)] + want + doc[j:]
				continue
			}
			t.Errorf("the %s of %s differs from the code; run go test ./sandbox/twocheckout -run TestDoc -update", name, docPath)
		}
	}
	if tc.Updating() {
		if err := os.WriteFile(docPath, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// block is one fenced code block of the page, with its info string.
type block struct {
	info, text string
	// at and end are the byte offsets of the block's text in the page.
	at, end int
}

var fenceRE = regexp.MustCompile("(?ms)^```([a-z0-9 -]*)\n(.*?)^```\n")

func blocks(doc string) []block {
	var out []block
	for _, m := range fenceRE.FindAllStringSubmatchIndex(doc, -1) {
		out = append(out, block{info: doc[m[2]:m[3]], text: doc[m[4]:m[5]], at: m[4], end: m[5]})
	}
	return out
}

// TestDocExamples replays the page's examples, in order, on one sandbox
// (seed 1, the clock frozen at 2026-03-02 10:00:00 GMT, the default
// world): each "json rpc" block is POSTed to /rpc/6.0/ and each "http
// control" block ("METHOD PATH", then its body) sent as it is; the "json
// answer" block after one is its whole answer. A "text ipn" block is an
// IPN form (a field per line) the sandbox sent; a "text receipt" block is
// a valid read receipt of the IPN before it; a "text hmac" block holds the
// login hashes of its source line. -update rewrites the answers and IPNs.
func TestDocExamples(t *testing.T) {
	seed := uint64(1)
	e := newEngine(t, func(o *sandbox.Options) {
		o.Seed, o.Clock = &seed, sandbox.FrozenClock(time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC))
	})
	doc := readDoc(t)
	var edits []block // answers to rewrite, text replaced
	last, form, examples := "", "", 0
	for _, b := range blocks(doc) {
		switch b.info {
		case "json rpc":
			r := e.do(http.MethodPost, "", tc.PathRPC, b.text)
			last, examples = r.body, examples+1
		case "http control":
			line, body, _ := strings.Cut(b.text, "\n")
			method, path, _ := strings.Cut(line, " ")
			r := e.do(method, "", path, body)
			last, examples = r.body, examples+1
		case "json answer":
			var want, got bytes.Buffer
			if err := json.Compact(&want, []byte(b.text)); err != nil {
				t.Fatalf("an answer of %s is not JSON: %v\n%s", docPath, err, b.text)
			}
			_ = json.Compact(&got, []byte(last))
			if want.String() != got.String() {
				var pretty bytes.Buffer
				_ = json.Indent(&pretty, []byte(last), "", "  ")
				if tc.Updating() {
					b.text = pretty.String() + "\n"
					edits = append(edits, b)
					continue
				}
				t.Errorf("%s: the example answer\n%s\nis now\n%s", docPath, b.text, pretty.String())
			}
		case "text ipn":
			form = strings.Join(strings.Fields(b.text), "&")
			sent := ipnBodies(e)
			if !slices.Contains(sent, form) {
				if tc.Updating() && len(sent) > 0 {
					b.text = strings.ReplaceAll(sent[len(sent)-1], "&", "\n") + "\n"
					edits = append(edits, b)
					form = sent[len(sent)-1]
					continue
				}
				t.Errorf("%s: the example IPN is none the sandbox sent:\n%s\nsent:\n%s", docPath, form, strings.Join(sent, "\n"))
			}
		case "text receipt":
			if err := tc.CheckReceipt("SECRET_KEY", true, form, []byte(b.text)); err != nil {
				t.Errorf("%s: the example receipt %s: %v", docPath, b.text, err)
			}
		case "text hmac":
			checkHMACExample(t, b.text)
		}
	}
	if examples < 8 {
		t.Errorf("%s holds %d examples, fewer than its sections need", docPath, examples)
	}
	if len(edits) > 0 {
		for i := len(edits) - 1; i >= 0; i-- {
			doc = doc[:edits[i].at] + edits[i].text + doc[edits[i].end:]
		}
		if err := os.WriteFile(docPath, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// ipnBodies are the forms of the 2Checkout deliveries, oldest first.
func ipnBodies(e *engine) []string {
	var out []string
	for _, d := range e.deliveries("vendor=twocheckout") {
		out = append(out, d.Body)
	}
	return out
}

// checkHMACExample checks a block of "source: …" and "<algo>: <hex>" lines.
func checkHMACExample(t *testing.T, text string) {
	t.Helper()
	var code, date, secret string
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		key, value, _ := strings.Cut(line, ":")
		key, value = strings.TrimSpace(key), strings.TrimSpace(value)
		switch key {
		case "merchantCode":
			code = value
		case "date":
			date = value
		case "key":
			secret = value
		case "source":
			if want := fmt.Sprintf("%d%s%d%s", len(code), code, len(date), date); value != want {
				t.Errorf("%s: the source of %q %q is %s, the page says %s", docPath, code, date, want, value)
			}
		default:
			got, err := tc.LoginHash(key, secret, code, date)
			if err != nil || got != value {
				t.Errorf("%s: HMAC-%s of %q %q is %s, the page says %s (%v)", docPath, key, code, date, got, value, err)
			}
		}
	}
}

// TestDocInlineSignature: the source string the page gives for its
// signature example is the one whose HMAC-SHA256 the example answers,
// computed here without the package's code.
func TestDocInlineSignature(t *testing.T) {
	doc := readDoc(t)
	_, after, ok := strings.Cut(doc, "\nHere the source is ")
	if !ok {
		t.Fatalf("%s lacks the source of its signature example", docPath)
	}
	line, _, _ := strings.Cut(after, ". ")
	source := strings.ReplaceAll(strings.ReplaceAll(line, "` `", ""), "`", "")
	mac := hmac.New(sha256.New, []byte("SECRET_KEY"))
	mac.Write([]byte(source))
	want := `"signature": "` + hex.EncodeToString(mac.Sum(nil)) + `"`
	_, example, _ := strings.Cut(doc, "POST "+tc.InlineSignaturePath+"\n")
	if answer, _, _ := strings.Cut(example, "\n```\n\nHere"); !strings.Contains(answer, want) {
		t.Errorf("%s: the signature of %q is %s; the example answers %s", docPath, source, want, answer)
	}
}
