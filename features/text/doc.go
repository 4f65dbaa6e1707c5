// Package text holds the textstat 0.7.11 rules that postscore counts by
// (METRICS.md sections 2 and 5): what a word, a sentence and a syllable are,
// the character classes they rest on, and the six readability formulas; and
// the stop-word guess of a text's language, which decides whether the
// English formulas apply. It knows nothing of posts or their formats.
//
// The rules are ported without regular expressions: Go's \w, \s and \b are
// ASCII-only, textstat's are Unicode. Each rule has one function that reads
// a string (CountWords, CountSentences, CountChars, ...); ForEachWord and
// ForEachFragment give the pieces themselves, for callers that count more
// than one thing in a pass.
package text
