package features

// Language detection from small stop-word profiles: each language's most
// frequent function words that the others use rarely. A post's language is
// the profile whose words make up the largest share of its words, when that
// share is large enough and clearly ahead of the next; otherwise "und".

// languageProfiles are the stop words of each language postscore tells apart.
var languageProfiles = [...]struct {
	code  string
	words []string
}{
	{"en", []string{"the", "and", "of", "to", "is", "in", "that", "it", "for", "with", "this", "are", "be", "on", "was", "you", "not", "have", "but", "we", "can", "or", "as", "an", "they", "which", "from", "by", "at", "i"}},
	{"es", []string{"el", "los", "las", "del", "por", "una", "con", "para", "es", "y", "se", "lo", "más", "pero", "como", "su", "al", "este", "está", "son", "muy", "también", "sus", "fue", "hay", "cuando", "donde", "nuestro", "esta", "puede"}},
	{"pt", []string{"os", "das", "dos", "uma", "não", "com", "em", "no", "na", "é", "do", "da", "ao", "também", "mais", "são", "pelo", "seu", "sua", "você", "isso", "mas", "nos", "como", "foi", "muito", "pode", "nosso", "essa", "está"}},
	{"fr", []string{"le", "les", "des", "est", "et", "une", "dans", "pour", "pas", "qui", "sur", "au", "du", "avec", "ce", "sont", "mais", "nous", "vous", "il", "elle", "ou", "cette", "aux", "ces", "être", "été", "fait", "très", "leur"}},
	{"de", []string{"der", "die", "das", "und", "ist", "nicht", "mit", "ein", "eine", "den", "zu", "von", "auf", "für", "sich", "auch", "dem", "wir", "sie", "es", "im", "werden", "wird", "oder", "aber", "noch", "wie", "bei", "nach", "kann"}},
	{"it", []string{"il", "di", "che", "è", "la", "per", "un", "non", "del", "della", "sono", "gli", "nel", "anche", "questo", "come", "più", "ma", "alla", "dei", "delle", "nella", "con", "si", "ha", "essere", "suo", "loro", "questa", "molto"}},
}

// Thresholds of the language guess.
const (
	minLanguageWords = 20   // fewer words than this: und
	minLanguageShare = 0.08 // the winner's stop words must be 8% of the words
	minLanguageLead  = 1.3  // and 1.3 times the runner-up's share
)

// detectLanguage guesses the language from word counts (lower-cased word →
// occurrences) over total words.
func detectLanguage(count func(w string) int, total int) string {
	var hits [len(languageProfiles)]int
	for k, p := range languageProfiles {
		for _, w := range p.words {
			hits[k] += count(w)
		}
	}
	return languageOf(&hits, total)
}

// languageOf guesses the language from the occurrences of each profile's
// stop words (hits, in languageProfiles' order) over total words.
func languageOf(hits *[len(languageProfiles)]int, total int) string {
	if total < minLanguageWords {
		return "und"
	}
	best, second := 0.0, 0.0
	code := "und"
	for k, p := range languageProfiles {
		share := float64(hits[k]) / float64(total)
		switch {
		case share > best:
			best, second, code = share, best, p.code
		case share > second:
			second = share
		}
	}
	if best < minLanguageShare || best < minLanguageLead*second {
		return "und"
	}
	return code
}

// DetectLanguage guesses the language of a text: en, es, fr, de, pt, it or und.
func DetectLanguage(text string) string {
	counts := map[string]int{}
	total := 0
	var lb []byte
	forEachWord(text, nil, func(w []byte) {
		lb = lowerInto(lb, w)
		counts[string(lb)]++
		total++
	})
	return detectLanguage(func(w string) int { return counts[w] }, total)
}
