package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// checksPost is a Markdown post of 10 sentences (the heading "Intro" has
// fewer than 3 words: no sentence), worked by hand:
//   - long (over 20 words): the 24-word sentences 6, 8 and 10, 3/10 = 30%:
//     ok (good ≤ 25%, ok ≤ 30%);
//   - passive: "was written", "were published", "is needed" (1, 5, 7),
//     3/10 = 30%: bad (ok ≤ 15%);
//   - transitions: "so" (6), "second" (7), "when" (10), 30%, but the prose
//     has 7+7+7 + 8+6+24 + 5+24+7+24 = 119 words, not over 200: not checked;
//   - same start: "We" begins 2, 3 and 4, across the end of the first
//     paragraph: a run of 3, bad ("The report" and "The results" begin
//     differently, the first word being an article);
//   - the longest paragraph is the third, 5+24+7+24 = 60 words, and the
//     section under "Intro" holds all 119: both good.
const checksPost = `---
title: Checks
---
# Intro

The report was written by the team. We checked every number in it twice. We shared the draft with our readers.

We asked them what they thought of it. The results were published on Monday. Our readers liked the charts more than anything else in the report, and many of them wrote to us to say so at length.

A second draft is needed. Three of the charts had labels that nobody could read on a phone, and the tables ran off the right edge of the page. Our editor will fix them this week. Readers who wrote to us about the charts will get an email from the editor when the new version of the report goes up.
`

var (
	longSentences = []string{
		"Our readers liked the charts more than anything else in the report, and many of them wrote to us to say so at length.",
		"Three of the charts had labels that nobody could read on a phone, and the tables ran off the right edge of the page.",
		"Readers who wrote to us about the charts will get an email from the editor when the new version of the report goes up.",
	}
	passiveSentences = []string{"The report was written by the team.", "The results were published on Monday.", "A second draft is needed."}
	runSentences     = []string{"We checked every number in it twice.", "We shared the draft with our readers.", "We asked them what they thought of it."}
)

// petsPost is worked by hand too: "We like cats. We like dogs." begin a
// run that the bullet "We like birds." ends (a bullet breaks a run), so
// "We like fish." begins another: the longest run is 2, good. The last
// paragraph is 30 sentences of 7 words with no transition, alternating
// "Cats …" and "Dogs …": 210 words, bad (ok ≤ 200), at line 12. The prose
// has 3+3+3+210 = 219 words, over 200, so transitions are checked: 0 of 34
// sentences, bad. The section under "Pets" is 219 + the bullet's 3 = 222
// words, good.
func petsPost() string {
	var s []string
	for i := 1; i <= 30; i++ {
		s = append(s, fmt.Sprintf("%s sat on mat number %d today.", map[bool]string{true: "Cats", false: "Dogs"}[i%2 == 1], i))
	}
	return "---\ntitle: Pets\n---\n# Pets\n\nWe like cats. We like dogs.\n\n- We like birds.\n\nWe like fish.\n\n" + strings.Join(s, " ") + "\n"
}

// frenchPost is a post in French: it has no readability checks.
const frenchPost = "---\ntitle: Le chat\n---\nLe chat est sur la table et il dort depuis le matin. Nous avons mangé une pomme dans le jardin avec les enfants de la voisine. Elle est partie pour la ville avec son frère et ils sont revenus le soir pour le dîner.\n"

// writePost writes src to name in a temporary directory and returns its
// path.
func writePost(t *testing.T, name, src string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// explainBoth runs explain on path, as text and as --json, and returns the
// text's readability checks section and the decoded JSON.
func explainBoth(t *testing.T, path string) (string, Explanation) {
	t.Helper()
	text, js := explainOutputs(t, path)
	var e Explanation
	if err := json.Unmarshal([]byte(js), &e); err != nil {
		t.Fatal(err)
	}
	start, end := strings.Index(text, "\nreadability checks"), strings.Index(text, "warnings:")
	if start < 0 || end < start {
		t.Fatalf("no readability checks section before the warnings:\n%s", text)
	}
	return text[start+1 : end], e
}

// explainOutputs runs explain on path at as-of 2026-11-27, in text and in
// JSON.
func explainOutputs(t *testing.T, path string) (text, js string) {
	t.Helper()
	text, errs, code := run(t, "explain", path, "--as-of", "2026-11-27")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	js, errs, code = run(t, "explain", path, "--as-of", "2026-11-27", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	return text, js
}

// checkLine is a check as the tests compare it: its JSON fields in short.
func checkLine(c checkJSON) string {
	light, value := "null", "null"
	if c.Light != nil {
		light = string(*c.Light)
	}
	if c.Value != nil {
		value = fmt.Sprintf("%g", *c.Value)
	}
	return fmt.Sprintf("%s %s %s [%s] %s see=%s note=%s | %s", light, c.Check, value, c.Thresholds, c.NotChecked, c.See, c.Note, strings.Join(c.Sentences, " | "))
}

func compareChecks(t *testing.T, got []checkJSON, want []string) {
	t.Helper()
	var lines []string
	for _, c := range got {
		lines = append(lines, checkLine(c))
	}
	if g, w := strings.Join(lines, "\n"), strings.Join(want, "\n"); g != w {
		t.Errorf("--json readability_checks:\n%s\nwant:\n%s", g, w)
	}
}

// TestExplainChecksSentences: explain shows each check's value, light and
// thresholds, and lists the long, passive and same-start sentences of the
// checks that are not good, in --json and in text.
func TestExplainChecksSentences(t *testing.T) {
	text, e := explainBoth(t, writePost(t, "checks.md", checksPost))
	compareChecks(t, e.ReadabilityChecks, []string{
		"ok long_sentence_share 0.3 [good ≤ 0.25, ok ≤ 0.3]  see= note= | " + strings.Join(longSentences, " | "),
		"bad passive_sentence_share 0.3 [good ≤ 0.1, ok ≤ 0.15]  see= note= | " + strings.Join(passiveSentences, " | "),
		"null transition_sentence_share 0.3 [good ≥ 0.3, ok ≥ 0.2] not checked: the post has 200 words or fewer see= note= | ",
		"bad max_same_start_run 3 [good ≤ 2, bad > 2]  see= note= | " + strings.Join(runSentences, " | "),
		"good longest_paragraph_words 60 [good ≤ 150, ok ≤ 200]  see= note= | ",
		"good longest_section_words 119 [good ≤ 300, ok ≤ 350]  see= note= | ",
	})
	if e.NoChecks != "" || e.ReadabilityChecks[1].Source != "Yoast: at most 10% of sentences in the passive voice is good, up to 15% ok" {
		t.Errorf("none %q, passive's source %q", e.NoChecks, e.ReadabilityChecks[1].Source)
	}
	quoted := func(ss []string) string { return `        "` + strings.Join(ss, "\"\n        \"") + "\"\n" }
	want := "readability checks:\n" +
		"  ok    long_sentence_share = 30.0% (good ≤ 25%, ok ≤ 30%)\n" + quoted(longSentences) +
		"  bad   passive_sentence_share = 30.0% (good ≤ 10%, ok ≤ 15%)\n" + quoted(passiveSentences) +
		"  –     transition_sentence_share = 30.0% (good ≥ 30%, ok ≥ 20%) — not checked: the post has 200 words or fewer\n" +
		"  bad   max_same_start_run = 3 (good ≤ 2, bad > 2)\n" + quoted(runSentences) +
		"  good  longest_paragraph_words = 60 (good ≤ 150, ok ≤ 200)\n" +
		"  good  longest_section_words = 119 (good ≤ 300, ok ≤ 350)\n"
	if text != want {
		t.Errorf("text:\n%s\nwant:\n%s", text, want)
	}
}

// TestExplainChecksBlocks: a paragraph that fails points at the longest
// paragraph, a post short of transitions says it has no sentence to list,
// and a bullet breaks a run of sentences that begin alike.
func TestExplainChecksBlocks(t *testing.T) {
	text, e := explainBoth(t, writePost(t, "pets.md", petsPost()))
	const note = "too few sentences hold a transition word: no sentence to point at"
	compareChecks(t, e.ReadabilityChecks, []string{
		"good long_sentence_share 0 [good ≤ 0.25, ok ≤ 0.3]  see= note= | ",
		"good passive_sentence_share 0 [good ≤ 0.1, ok ≤ 0.15]  see= note= | ",
		"bad transition_sentence_share 0 [good ≥ 0.3, ok ≥ 0.2]  see= note=" + note + " | ",
		"good max_same_start_run 2 [good ≤ 2, bad > 2]  see= note= | ",
		"bad longest_paragraph_words 210 [good ≤ 150, ok ≤ 200]  see=longest_paragraph note= | ",
		"good longest_section_words 222 [good ≤ 300, ok ≤ 350]  see= note= | ",
	})
	if e.LongestPara.Words != 210 || e.LongestPara.Line != 12 {
		t.Errorf("longest paragraph: %+v, want 210 words at line 12", e.LongestPara)
	}
	want := "readability checks:\n" +
		"  good  long_sentence_share = 0.0% (good ≤ 25%, ok ≤ 30%)\n" +
		"  good  passive_sentence_share = 0.0% (good ≤ 10%, ok ≤ 15%)\n" +
		"  bad   transition_sentence_share = 0.0% (good ≥ 30%, ok ≥ 20%)\n" +
		"        " + note + "\n" +
		"  good  max_same_start_run = 2 (good ≤ 2, bad > 2)\n" +
		"  bad   longest_paragraph_words = 210 (good ≤ 150, ok ≤ 200)\n" +
		"        the longest paragraph above (line 12)\n" +
		"  good  longest_section_words = 222 (good ≤ 300, ok ≤ 350)\n"
	if text != want {
		t.Errorf("text:\n%s\nwant:\n%s", text, want)
	}
}

// TestExplainChecksNotEnglish: a post in French has no checks, and explain
// says why.
func TestExplainChecksNotEnglish(t *testing.T) {
	text, e := explainBoth(t, writePost(t, "fr.md", frenchPost))
	const why = "not English: the language is fr, warning readability_not_english"
	if len(e.ReadabilityChecks) != 0 || e.NoChecks != why {
		t.Errorf("--json: %d checks, none %q; want 0 and %q", len(e.ReadabilityChecks), e.NoChecks, why)
	}
	if want := "readability checks: none (" + why + ")\n"; text != want {
		t.Errorf("text: %q, want %q", text, want)
	}
}

// TestExplainChecksCapAndEscape: the text lists at most 10 sentences of a
// check, then how many more, and shows a control character as an escape.
func TestExplainChecksCapAndEscape(t *testing.T) {
	c := checkJSON{Check: "long_sentence_share"}
	for i := 1; i <= 12; i++ {
		c.Sentences = append(c.Sentences, fmt.Sprintf("Sentence %d", i))
	}
	c.Sentences[0] = "Clear \x1b[2J the screen"
	var out strings.Builder
	printFailing(&out, &Explanation{}, &c)
	want := `        "Clear \x1b[2J the screen"` + "\n"
	for i := 2; i <= 10; i++ {
		want += fmt.Sprintf("        \"Sentence %d\"\n", i)
	}
	want += "        … and 2 more\n"
	if out.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", out.String(), want)
	}
}
