package checks

import "strings"

// Transition reports whether the sentence (its tokens' Words in order)
// holds a transition word (the TransitionWord flag) or a multi-word transition
// phrase: consecutive Words whose Phrase numbers spell one of
// transitionPhrases, with no ClauseEnd inside the phrase ("for, example" is
// none; "For example," is one).
func Transition(ws []Word) bool {
	for i, w := range ws {
		if w.Flags&TransitionWord != 0 {
			return true
		}
		// The common case, a phrase word that begins no phrase with the
		// word after it, is decided here by one load of pairGroup.
		if w.Phrase == 0 || w.Flags&ClauseEnd != 0 || i+1 == len(ws) {
			continue
		}
		if g := pairGroup[w.Phrase][ws[i+1].Phrase]; g != 0 && groupAt(ws[i:], groups[g-1]) {
			return true
		}
	}
	return false
}

// maxPhraseWords is the length of the longest transition phrase.
const maxPhraseWords = 4

// phrase is a transition phrase as the Phrase numbers of its words.
type phrase struct {
	n     uint8
	words [maxPhraseWords]uint8
}

// groupAt reports whether one of the phrases of group (which all begin
// with the words ws[0] and ws[1]) starts at ws[0].
func groupAt(ws []Word, group []phrase) bool {
	for _, p := range group {
		if spells(ws, p) {
			return true
		}
	}
	return false
}

// spells reports whether ws begins with phrase p (its first two words
// already match), no clause ending before its last word.
func spells(ws []Word, p phrase) bool {
	n := int(p.n)
	if len(ws) < n {
		return false
	}
	for k := 2; k < n; k++ {
		if ws[k].Phrase != p.words[k] || ws[k-1].Flags&ClauseEnd != 0 {
			return false
		}
	}
	return true
}

// The phrase tables: each distinct word of transitionPhrases gets a number
// from 1 (phraseNumber); the phrases that begin with the same two words
// form a group, and pairGroup[a][b] is 1 + the index in groups of the group
// that begins with words a then b (0: no phrase begins so). Most phrase
// words ("the", "in", "to") begin no phrase with the word after them.
var (
	phraseNumber = map[string]uint8{}
	pairGroup    [256][256]uint8
	groups       [][]phrase
)

func init() {
	for _, category := range transitionPhrases {
		for _, s := range category {
			addPhrase(strings.Fields(s))
		}
	}
}

// addPhrase numbers the words of phrase ws and files it. It panics on a
// list that breaks the tables' limits: that is a mistake in this file.
func addPhrase(ws []string) {
	if len(ws) < 2 || len(ws) > maxPhraseWords {
		panic("checks: a transition phrase has 2 to 4 words: " + strings.Join(ws, " "))
	}
	p := phrase{n: uint8(len(ws))}
	for k, w := range ws {
		n, ok := phraseNumber[w]
		if !ok {
			if len(phraseNumber) == 255 {
				panic("checks: more than 255 transition phrase words")
			}
			n = uint8(len(phraseNumber) + 1)
			phraseNumber[w] = n
		}
		p.words[k] = n
	}
	g := &pairGroup[p.words[0]][p.words[1]]
	if *g == 0 {
		if len(groups) == 255 {
			panic("checks: more than 255 transition phrase beginnings")
		}
		groups = append(groups, nil)
		*g = uint8(len(groups))
	}
	groups[*g-1] = append(groups[*g-1], p)
}

// transitionWords are the single-word transitions, by category. The
// everyday connectives (but, so, because, when, then, if, while) are in:
// they are the transitions that posts use most.
var transitionWords = [][]string{
	additionWords, contrastWords, causeWords, sequenceWords, exampleWords,
	emphasisWords, conclusionWords, conditionWords, comparisonWords,
}

// additionWords add a point to the one before.
var additionWords = []string{
	"also", "moreover", "furthermore", "additionally", "besides",
}

// contrastWords set a point against the one before.
var contrastWords = []string{
	"however", "but", "although", "though", "nevertheless", "nonetheless",
	"yet", "whereas", "instead", "conversely", "still", "despite",
	"unlike", "alternatively", "notwithstanding", "regardless", "albeit",
}

// causeWords link a cause and its effect.
var causeWords = []string{
	"because", "therefore", "thus", "hence", "consequently", "so",
	"accordingly", "since", "thereby",
}

// sequenceWords order events or steps in time.
var sequenceWords = []string{
	"first", "firstly", "second", "secondly", "third", "thirdly", "then",
	"next", "finally", "lastly", "afterwards", "afterward", "meanwhile",
	"subsequently", "eventually", "later", "before", "after", "when",
	"whenever", "while", "whilst", "until", "till", "once", "previously",
	"initially", "simultaneously", "beforehand",
}

// exampleWords introduce an example or a clarification; "eg" and "ie" are
// the METRICS.md words of "e.g." and "i.e.".
var exampleWords = []string{
	"namely", "specifically", "eg", "ie",
}

// emphasisWords stress a point.
var emphasisWords = []string{
	"indeed", "especially", "particularly", "notably", "importantly",
	"certainly", "undoubtedly",
}

// conclusionWords sum up.
var conclusionWords = []string{
	"overall", "ultimately",
}

// conditionWords make a point depend on another.
var conditionWords = []string{
	"if", "unless", "otherwise",
}

// comparisonWords liken a point to another.
var comparisonWords = []string{
	"likewise", "similarly", "equally", "correspondingly",
}

// transitionPhrases are the multi-word transitions (2 to 4 words), by
// category. A phrase may hold a single-word transition ("first of all",
// "even though"): it is listed for its category all the same.
var transitionPhrases = [][]string{
	additionPhrases, contrastPhrases, causePhrases, sequencePhrases,
	examplePhrases, emphasisPhrases, conclusionPhrases, conditionPhrases,
	comparisonPhrases, clarificationPhrases,
}

var additionPhrases = []string{
	"in addition", "as well", "not only", "what is more", "on top of that",
	"apart from", "not to mention", "along with", "equally important",
}

var contrastPhrases = []string{
	"on the other hand", "in contrast", "by contrast", "even though",
	"even so", "rather than", "in spite of", "on the contrary",
	"all the same", "then again", "that said", "having said that",
	"after all", "at the same time",
}

var causePhrases = []string{
	"as a result", "because of", "due to", "for this reason",
	"for that reason", "as a consequence", "so that", "in order to",
	"owing to", "thanks to", "that is why", "this is why", "this means",
}

var sequencePhrases = []string{
	"first of all", "to begin with", "to start with", "in the meantime",
	"at first", "at last", "after that", "in the end", "from now on",
	"as soon as", "in the first place", "later on", "until now",
	"up to now", "by the time",
}

var examplePhrases = []string{
	"for example", "for instance", "such as", "in particular",
	"to illustrate", "as an illustration", "in this case",
}

var emphasisPhrases = []string{
	"in fact", "of course", "above all", "without a doubt", "no doubt",
	"most importantly", "more importantly", "to be sure", "in any case",
	"in any event",
}

var conclusionPhrases = []string{
	"in conclusion", "in summary", "in short", "to sum up", "in brief",
	"all in all", "on the whole", "to conclude", "to summarise",
	"to summarize", "in a nutshell", "by and large", "all things considered",
}

var conditionPhrases = []string{
	"as long as", "provided that", "in case", "even if", "in that case",
	"if not", "on condition that",
}

var comparisonPhrases = []string{
	"in the same way", "by the same token", "in comparison", "compared to",
	"compared with", "just as", "in a similar way", "similar to",
}

var clarificationPhrases = []string{
	"in other words", "that is to say", "put another way",
	"to put it simply", "in simple terms", "to be clear",
}
