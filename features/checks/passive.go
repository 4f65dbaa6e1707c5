package checks

import "strings"

// Passive reports whether the sentence (its tokens' Words in order) holds a
// passive construction: a Be or Get word followed, after nothing but Adverb
// words, by a Participle, all in one clause (no ClauseEnd on the auxiliary
// or on the words between). An AdjectiveParticiple ("tired", "married")
// counts only when "by" follows it later in the same clause.
func Passive(ws []Word) bool {
	for i, w := range ws {
		if w.Flags&(Be|Get) != 0 && w.Flags&ClauseEnd == 0 && participleFollows(ws[i+1:]) {
			return true
		}
	}
	return false
}

// participleFollows reports whether rest, the words after an auxiliary,
// begins with Adverbs and then a participle that makes a passive.
func participleFollows(rest []Word) bool {
	for j, w := range rest {
		if w.Flags&Participle != 0 {
			if w.Flags&AdjectiveParticiple == 0 {
				return true
			}
			return w.Flags&ClauseEnd == 0 && byFollows(rest[j+1:])
		}
		if w.Flags&Adverb == 0 || w.Flags&ClauseEnd != 0 {
			return false
		}
	}
	return false
}

// byFollows reports whether "by" comes in rest before the clause ends.
func byFollows(rest []Word) bool {
	for _, w := range rest {
		if w.Flags&By != 0 {
			return true
		}
		if w.Flags&ClauseEnd != 0 {
			return false
		}
	}
	return false
}

// beForms are the forms of "be" that head a passive. "been" and "being"
// are also interveningAdverbs, so that "has been written" and "is being
// tested" reach their participle.
var beForms = []string{
	"am", "is", "are", "was", "were", "be", "been", "being",
	"isn't", "aren't", "wasn't", "weren't", "'s", "'re",
}

// beContractions are pronoun (and wh-word) contractions with "is", "are" or
// "am", as METRICS.md words: "I'm" is "im" there, because the rule keeps an
// apostrophe only before t, s, d, ve, ll or re. A "'s" that stands for
// "has" ("it's taken years") is read as "is": the rule cannot tell them
// apart, and "is" is far the more common.
var beContractions = []string{
	"it's", "that's", "there's", "here's", "he's", "she's", "what's",
	"who's", "where's", "how's", "when's", "why's",
	"they're", "we're", "you're", "who're", "what're", "there're",
	"im",
}

// getForms are the forms of "get"; "gotten" is also an irregular
// participle ("has gotten", "was gotten").
var getForms = []string{"get", "gets", "got", "gotten", "getting"}

// interveningAdverbs may stand between the auxiliary and its participle
// ("was quickly published", "is not needed", "was first released", "is no
// longer maintained"); any word ending in -ly is one too (lyAdverb). "very"
// is left out: "very" plus a participle is nearly always an adjective.
var interveningAdverbs = []string{
	"not", "n't", "never", "also", "just", "already", "still", "often",
	"always", "sometimes", "seldom", "now", "then", "once", "again", "ever",
	"even", "first", "last", "later", "soon", "thus", "therefore", "hence",
	"further", "all", "both", "no", "longer", "well", "quite", "almost",
	"being", "been",
	// degree and comparison ("is most easily installed", "is only used")
	"most", "more", "less", "least", "best", "better", "only", "too", "much",
	"far", "yet",
}

// lyMinLetters is the shortest -ly adverb ("only"): "fly" and "sly" are not.
const lyMinLetters = 4

// lyAdverb reports whether w ends in -ly and is long enough to be an
// adverb ("quickly", "only"; -ly adjectives such as "friendly" pass too,
// which does no harm: no participle follows them).
func lyAdverb(w string) bool {
	return len(w) >= lyMinLetters && strings.HasSuffix(w, "ly")
}

// edMinLetters is the shortest regular participle ("used", "owed"): "bed"
// and "red" are not.
const edMinLetters = 4

// regularParticiple reports whether w is a regular past participle: it
// ends in -ed, has at least edMinLetters letters, and is not a word whose
// -ed is no verb ending (notParticiples, or an -eed base form).
func regularParticiple(w string) bool {
	if len(w) < edMinLetters || !strings.HasSuffix(w, "ed") {
		return false
	}
	if notParticiples[w] {
		return false
	}
	return !eedBaseForm(w)
}

// eedBaseForm reports whether w ends in -eed as a base form or a noun does
// ("need", "speed", "proceed", "indeed", "seaweed"), which is every -eed
// word but the participles of verbs ending in -ee (eedParticiples).
func eedBaseForm(w string) bool {
	return strings.HasSuffix(w, "eed") && !eedParticiples[w]
}

// eedParticiples are the -eed words that are participles: verbs ending in
// -ee with -d added.
var eedParticiples = set(
	"agreed", "disagreed", "freed", "decreed", "guaranteed", "refereed",
	"pedigreed", "emceed",
)

// notParticiples are words of edMinLetters or more that end in -ed without
// it being a verb ending: nouns, adjectives, base forms and names.
var notParticiples = set(
	// nouns
	"shed", "sled", "bobsled", "hundred", "hatred", "kindred", "biped",
	"moped", "infrared", "testbed", "seabed", "hotbed", "flatbed",
	"riverbed", "sickbed", "deathbed", "sunbed", "watershed", "bloodshed",
	"woodshed", "toolshed",
	// adjectives that are no verb's participle
	"naked", "wicked", "rugged", "ragged", "jagged", "sacred", "beloved",
	"crooked", "wretched", "unwed",
	// base forms ending in -ed
	"embed", "imbed", "shred",
	// names
	"fred", "alfred", "manfred", "jared", "ahmed", "mohammed", "muhammed",
)

// unAdjective reports whether w, a regular participle, is an un-...-ed
// adjective: "unexpected", "unrelated" and "unlimited" name a state, there
// is no verb "to unexpect". The un- verbs (unVerbParticiples) and the
// words where "un" is no prefix ("under...", "united") are not.
func unAdjective(w string) bool {
	if !strings.HasPrefix(w, "un") || strings.HasPrefix(w, "under") {
		return false
	}
	return !unVerbParticiples[w]
}

// unVerbParticiples are participles of verbs that begin with un- ("was
// unveiled", "is uninstalled"), and words whose "un" is no prefix.
var unVerbParticiples = set(
	"united", "unified", "unionised", "unionized",
	"unlocked", "unpacked", "uninstalled", "unzipped", "unloaded",
	"unplugged", "unsubscribed", "unblocked", "unmounted", "unlinked",
	"unfollowed", "unfriended", "unmuted", "unveiled", "unleashed",
	"unearthed", "unravelled", "unraveled", "unfolded", "uncovered",
	"unwrapped", "unbundled", "untangled", "unboxed", "unsealed",
	"unhooked", "unpinned", "unpublished",
)

// adjectiveParticiples are participles that after "be" or "get" usually
// describe a state rather than an action done to someone ("she is tired",
// "the docs are outdated"): feelings, states of a person, qualities of a
// thing, and "supposed (to)". A later "by" still makes them passive ("was
// surprised by the result"). Participles that name an action as often as
// a state ("based", "involved", "related", "limited") are not listed.
var adjectiveParticiples = []string{
	// feelings
	"tired", "interested", "bored", "worried", "confused", "exhausted",
	"scared", "excited", "delighted", "thrilled", "pleased", "surprised",
	"amazed", "disappointed", "ashamed",
	// states and qualities of a person
	"married", "engaged", "divorced", "retired", "dressed", "drunk",
	"talented", "gifted", "skilled", "experienced", "qualified",
	"accustomed",
	// qualities of a thing
	"outdated", "complicated", "sophisticated", "crowded", "detailed",
	"advanced", "biased",
	// idiom
	"supposed",
}

// irregularParticiples are common English past participles that do not end
// in -ed. A word ending in -en is a participle only if listed here ("open",
// "even", "often", "token" and "garden" are not).
var irregularParticiples = []string{
	// -en and -n forms
	"written", "taken", "given", "seen", "known", "shown", "chosen",
	"driven", "eaten", "fallen", "forgotten", "frozen", "gotten", "hidden",
	"broken", "drawn", "grown", "thrown", "blown", "withdrawn", "undertaken",
	"forgiven", "born", "borne", "beaten", "bitten", "flown", "forbidden",
	"foreseen", "forsaken", "mistaken", "overseen", "overtaken",
	"overthrown", "overwritten", "rewritten", "overridden", "proven",
	"ridden", "sewn", "shaken", "slain", "sown", "spoken", "stolen",
	"sworn", "swollen", "torn", "woken", "worn", "woven", "retaken",
	"strewn", "stricken", "shorn", "hewn", "mown", "forgone", "outgrown",
	"outdone", "overdone", "done", "redone", "undone",
	// -t forms
	"built", "kept", "left", "lost", "meant", "felt", "dealt", "spent",
	"sent", "lent", "bent", "burnt", "learnt", "dreamt", "spelt", "spilt",
	"spoilt", "leapt", "swept", "lit", "rebuilt", "misspelt",
	// -ought and -aught forms
	"thought", "brought", "bought", "caught", "taught", "fought", "sought",
	"rethought",
	// vowel-change forms
	"begun", "hung", "struck", "stuck", "won", "spun", "sung", "rung",
	"sunk", "shrunk", "sprung", "stung", "swung", "flung", "slung",
	"wrung", "dug", "found", "bound", "ground", "wound", "unwound",
	"held", "upheld", "withheld", "withstood", "understood",
	"misunderstood", "overcome", "shot",
	// -d forms of verbs in -d, -ee and -ay
	"fed", "led", "misled", "bred", "fled", "sped", "bled", "met",
	"heard", "overheard", "made", "remade", "paid", "overpaid",
	"underpaid", "laid", "mislaid", "inlaid", "said", "sold", "oversold",
	"told", "retold",
	// same as the base form
	"put", "set", "reset", "hit", "cut", "hurt", "let", "shut", "split",
	"spread", "cast", "broadcast", "forecast", "cost", "bet", "bid",
	"burst", "quit", "thrust", "run", "rerun", "overrun", "read",
	"reread", "misread",
}

// set makes a lookup set of words.
func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
