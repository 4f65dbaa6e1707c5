package reports

import (
	"bufio"
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// requireBrowserEnv, set by .ci/run, turns the missing-browser skip into a failure.
const requireBrowserEnv = "POSTSCORE_REQUIRE_BROWSER"

func findBrowser(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "no headless browser found: install Debian's chromium (apt-get install chromium) to render report.html in this test"
	if os.Getenv(requireBrowserEnv) != "" {
		t.Fatal(msg + " (" + requireBrowserEnv + " is set: the browser test must run)")
	}
	t.Skip(msg)
	return ""
}

// browserServiceHosts are the hosts Chromium itself calls (updates, accounts,
// network time) even for an empty page; a page's own request to any other
// host fails the test.
var browserServiceHosts = map[string]bool{
	"update.googleapis.com": true, "accounts.google.com": true, "clients2.google.com": true,
	"clientservices.googleapis.com": true, "redirector.gvt1.com": true, "edgedl.me.gvt1.com": true,
	"optimizationguide-pa.googleapis.com": true, "safebrowsing.googleapis.com": true,
	"content-autofill.googleapis.com": true, "android.clients.google.com": true,
}

// countingProxy accepts proxy connections and records the host each one asks for.
type countingProxy struct {
	ln    net.Listener
	mu    sync.Mutex
	hosts []string
	conns sync.WaitGroup // connections accepted and not yet read
}

func startProxy(t *testing.T) *countingProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &countingProxy{ln: ln}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			// Each connection on its own: Chromium may open one ahead of
			// need (a preconnect) that sends nothing, which is no request
			// of the page's and must not hold up the next.
			p.conns.Go(func() {
				c.SetReadDeadline(time.Now().Add(2 * time.Second))
				line, _ := bufio.NewReader(c).ReadString('\n')
				c.Close()
				if strings.TrimSpace(line) == "" {
					return
				}
				p.mu.Lock()
				p.hosts = append(p.hosts, requestHost(line))
				p.mu.Unlock()
			})
		}
	}()
	return p
}

// requestHost is the host of "CONNECT host:443 HTTP/1.1" or "GET http://host/path HTTP/1.1".
func requestHost(line string) string {
	f := strings.Fields(line)
	if len(f) < 2 {
		return "?" + line
	}
	target := strings.TrimPrefix(strings.TrimPrefix(f[1], "http://"), "https://")
	if i := strings.IndexAny(target, "/"); i >= 0 {
		target = target[:i]
	}
	if h, _, err := net.SplitHostPort(target); err == nil {
		return h
	}
	return target
}

// pageHosts are the hosts requested other than Chromium's own services.
func (p *countingProxy) pageHosts() []string {
	p.conns.Wait()
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	for _, h := range p.hosts {
		if !browserServiceHosts[h] {
			out = append(out, h)
		}
	}
	return out
}

// renderDOM loads a file in headless Chromium through the proxy and returns
// the DOM after load.
func renderDOM(t *testing.T, browser, page string, proxy *countingProxy) string {
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser,
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
		"--disable-component-update", "--disable-sync", "--disable-default-apps", "--user-data-dir="+t.TempDir(),
		"--proxy-server=http://"+proxy.ln.Addr().String(), "--proxy-bypass-list=<-loopback>",
		"--virtual-time-budget=3000", "--dump-dom", "file://"+page)
	dom, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v", browser, err)
	}
	return string(dom)
}

// TestReportInBrowser renders report.html in headless Chromium: the page
// must load with no network request of its own (every request goes to a
// proxy that records its host), show its charts and its clusters, and show
// a post titled <script>alert(1)</script> and a cluster's sentence
// <script>alert(2)</script> as text.
func TestReportInBrowser(t *testing.T) {
	browser := findBrowser(t)

	// Control: a page that does fetch something is caught, so the check below can fail.
	control := filepath.Join(t.TempDir(), "control.html")
	os.WriteFile(control, []byte(`<html><body><img src="http://postscore-control.test/x.png"></body></html>`), 0o644)
	cp := startProxy(t)
	renderDOM(t, browser, control, cp)
	if hs := cp.pageHosts(); len(hs) != 1 || hs[0] != "postscore-control.test" {
		t.Fatalf("the proxy did not see the control page's request: %v", hs)
	}

	out := scoreRun(t, testCorpus, nil)
	writeDuplicates(t, out, testClusters...)
	if _, err := WriteReports(out, []string{"html"}); err != nil {
		t.Fatal(err)
	}
	page, _ := filepath.Abs(filepath.Join(out, "report.html"))
	proxy := startProxy(t)
	d := renderDOM(t, browser, page, proxy)
	if !strings.Contains(d, "postscore report") {
		t.Fatalf("the page did not render:\n%.500s", d)
	}
	if hs := proxy.pageHosts(); len(hs) != 0 {
		t.Errorf("loading report.html made network requests to %v", hs)
	}
	if n := strings.Count(d, `class="chart histogram"`); n < 8 {
		t.Errorf("%d histograms in the rendered page, want 8 (4 scores, 4 features)", n)
	}
	if n := strings.Count(d, `class="chart scatter"`); n != 4 {
		t.Errorf("%d scatter plots, want 4", n)
	}
	if strings.Count(d, "<rect") < 20 || !strings.Contains(d, "<circle") {
		t.Error("the charts have no bars or points")
	}
	// The title is text in a table cell: serialised escaped, never as an element.
	if !strings.Contains(d, `<td class="title">&lt;script&gt;alert(1)&lt;/script&gt;</td>`) {
		t.Error("the post titled <script>alert(1)</script> is not shown as text in the weakest-posts table")
	}
	if n := strings.Count(d, `<tr class="cluster">`); n != 3 {
		t.Errorf("%d clusters in the duplicates table, want 3", n)
	}
	if !strings.Contains(d, `<q>&lt;script&gt;alert(2)&lt;/script&gt; is a sentence | with [a link](javascript:x).</q>`) {
		t.Error("the cluster's sentence <script>alert(2)</script> is not shown as text in the duplicates table")
	}
	if strings.Contains(d, "<script") {
		t.Error("the rendered page holds a script element")
	}
}
