package text

import "math"

// ReadabilityCounts are the counts of a text that the readability formulas
// read: its words, sentences, syllables, polysyllables (words of three
// syllables or more), and its Tally.
type ReadabilityCounts struct {
	Words, Sentences, Syllables, Polysyllables, Chars, Letters, Tokens int
}

// ReadabilityScores are the six formulas of METRICS.md section 5; nil where a
// denominator is 0.
type ReadabilityScores struct {
	FleschReadingEase, FleschKincaidGrade, SmogIndex, ColemanLiauIndex, AutomatedReadability, GunningFog *float64
}

// Readability evaluates textstat 0.7.11's formulas left to right in float64.
func Readability(c ReadabilityCounts) ReadabilityScores {
	var r ReadabilityScores
	words, sentences, syllables := float64(c.Words), float64(c.Sentences), float64(c.Syllables)
	polysyllables, chars, letters, tokens := float64(c.Polysyllables), float64(c.Chars), float64(c.Letters), float64(c.Tokens)
	if c.Words > 0 && c.Sentences > 0 {
		r.FleschReadingEase = ptr(FleschReadingEase(words, sentences, syllables))
		r.FleschKincaidGrade = ptr(fleschKincaidGrade(words, sentences, syllables))
		r.GunningFog = ptr(gunningFog(words, sentences, polysyllables))
		r.ColemanLiauIndex = ptr(colemanLiau(words, sentences, letters))
	}
	if c.Sentences > 0 {
		r.SmogIndex = ptr(smog(sentences, polysyllables))
	}
	if c.Words > 0 && c.Sentences > 0 && c.Tokens > 0 {
		r.AutomatedReadability = ptr(automatedReadability(words, sentences, chars, tokens))
	}
	return r
}

func ptr(v float64) *float64 { return &v }

// The formulas, in the letters of their papers: W words, S sentences,
// Y syllables, P polysyllables, C characters, Lt letters, Wt tokens.

// FleschReadingEase is Flesch 1948: 206.835 − 1.015·(W/S) − 84.6·(Y/W).
func FleschReadingEase(W, S, Y float64) float64 { return 206.835 - 1.015*(W/S) - 84.6*(Y/W) }

// Kincaid et al. 1975: 0.39·(W/S) + 11.8·(Y/W) − 15.59.
func fleschKincaidGrade(W, S, Y float64) float64 { return 0.39*(W/S) + 11.8*(Y/W) - 15.59 }

// McLaughlin 1969 (textstat form): 1.043·√(30·P/S) + 3.1291.
func smog(S, P float64) float64 { return 1.043*math.Sqrt(30*(P/S)) + 3.1291 }

// Coleman & Liau 1975: 0.058·(100·Lt/W) − 0.296·(100·S/W) − 15.8.
func colemanLiau(W, S, Lt float64) float64 {
	return 0.058*(Lt/W*100) - 0.296*(S/W*100) - 15.8
}

// Smith & Senter 1967 (textstat form): 4.71·(C/Wt) + 0.5·(W/S) − 21.43.
func automatedReadability(W, S, C, Wt float64) float64 { return 4.71*(C/Wt) + 0.5*(W/S) - 21.43 }

// Gunning 1952: 0.4·(W/S + 100·P/W), without textstat's familiar-word list.
func gunningFog(W, S, P float64) float64 { return 0.4 * (W/S + 100*(P/W)) }
