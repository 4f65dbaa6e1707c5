// Package checks holds the sentence rules of postscore's readability checks
// (METRICS.md section 5b, English only): whether a sentence holds a passive
// construction and whether it holds a transition word or phrase. The rules
// and their word lists were written for postscore; docs/READABILITY.md
// states them.
//
// The rules run over a corpus's every sentence, so the package is built for
// a caller that classifies each distinct white-space token once (WordOf),
// keeps the Word, and then evaluates sentences as slices of Words (Passive,
// Transition): neither of those reads text or allocates.
package checks
