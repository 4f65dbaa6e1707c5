package text

// Language detection from small stop-word profiles: each language's most
// frequent function words that the others use rarely. A text's language is
// the profile whose words make up the largest share of its words, when that
// share is large enough and clearly ahead of the next; otherwise "und".

// A Language is a language DetectLanguage tells apart: its code and its
// stop words, lower-cased.
type Language struct {
	Code  string
	Words []string
}

// Languages are the profiles, in the order LanguageOf reads its hits.
var Languages = [...]Language{
	{"en", []string{"the", "and", "of", "to", "is", "in", "that", "it", "for", "with", "this", "are", "be", "on", "was", "you", "not", "have", "but", "we", "can", "or", "as", "an", "they", "which", "from", "by", "at", "i"}},
	{"es", []string{"el", "los", "las", "del", "por", "una", "con", "para", "es", "y", "se", "lo", "más", "pero", "como", "su", "al", "este", "está", "son", "muy", "también", "sus", "fue", "hay", "cuando", "donde", "nuestro", "esta", "puede"}},
	{"pt", []string{"os", "das", "dos", "uma", "não", "com", "em", "no", "na", "é", "do", "da", "ao", "também", "mais", "são", "pelo", "seu", "sua", "você", "isso", "mas", "nos", "como", "foi", "muito", "pode", "nosso", "essa", "está"}},
	{"fr", []string{"le", "les", "des", "est", "et", "une", "dans", "pour", "pas", "qui", "sur", "au", "du", "avec", "ce", "sont", "mais", "nous", "vous", "il", "elle", "ou", "cette", "aux", "ces", "être", "été", "fait", "très", "leur"}},
	{"de", []string{"der", "die", "das", "und", "ist", "nicht", "mit", "ein", "eine", "den", "zu", "von", "auf", "für", "sich", "auch", "dem", "wir", "sie", "es", "im", "werden", "wird", "oder", "aber", "noch", "wie", "bei", "nach", "kann"}},
	{"it", []string{"il", "di", "che", "è", "la", "per", "un", "non", "del", "della", "sono", "gli", "nel", "anche", "questo", "come", "più", "ma", "alla", "dei", "delle", "nella", "con", "si", "ha", "essere", "suo", "loro", "questa", "molto"}},
}

// Undetermined is the code of a text whose language is not guessed.
const Undetermined = "und"

// Thresholds of the language guess.
const (
	minLanguageWords = 20   // fewer words than this: und
	minLanguageShare = 0.08 // the winner's stop words must be 8% of the words
	minLanguageLead  = 1.3  // and 1.3 times the runner-up's share
)

// StopWordHits are the occurrences of each profile's stop words in a text,
// in the order of Languages.
type StopWordHits [len(Languages)]int

// LanguageOf guesses the language of a text of total words (METRICS.md
// words) from its stop-word hits: a code of Languages, or und.
func LanguageOf(hits *StopWordHits, total int) string {
	if total < minLanguageWords {
		return Undetermined
	}
	best, second := 0.0, 0.0
	code := Undetermined
	for k, p := range Languages {
		share := float64(hits[k]) / float64(total)
		switch {
		case share > best:
			best, second, code = share, best, p.Code
		case share > second:
			second = share
		}
	}
	if best < minLanguageShare || best < minLanguageLead*second {
		return Undetermined
	}
	return code
}

// DetectLanguage guesses the language of a text: en, es, fr, de, pt, it or
// und.
func DetectLanguage(t string) string {
	counts := map[string]int{}
	total := 0
	var lower []byte
	ForEachWord(t, nil, func(w []byte) {
		lower = Lower(lower, w)
		counts[string(lower)]++
		total++
	})
	var hits StopWordHits
	for k, p := range Languages {
		for _, w := range p.Words {
			hits[k] += counts[w]
		}
	}
	return LanguageOf(&hits, total)
}
