// Package repetition splits a post's body into white-space words and
// measures what repeats in it: the normalised sentences met more than once
// (repetition_ratio, and the counts the dedup measures subtract), and the
// Gopher repetition set of datatrove's GopherRepetitionFilter (duplicate
// paragraphs and lines, top 2- to 4-grams, duplicate 5- to 10-grams). On
// the way it counts each block's words, syllables and characters, and
// returns the prose's sentence count, for readability (package text holds
// the rules; this package applies them to the words it has split). It
// knows nothing of readability formulas or scores.
//
// An Analyzer does the work for one worker, post after post. Everything
// rests on one layout of the body's words, made once a post by
// words.split. For the body "the cat sat on the mat" (22 bytes):
//
//	word               the   cat   sat   on    the   mat
//	types              0     1     2     3     0     4      each word's type: its id in the lexicon
//	at                 0     4     8     12    15    19     its byte offset in the body
//	cat                "thecatsatonthemat"                  the words concatenated, with no separator
//	catStarts          0     3     6     9     11    14  17 where each starts in cat; then len(cat)
//	catRunes           0     3     6     9     11    14  17 the same in runes
//	prefixHash         0     h(the) h(thecat) … h(thecatsatonthemat)
//	                                                          hash of cat[:catStarts[k]]
//
// h is a polynomial hash mod 2^61−1 with base B = rollBase, over the bytes
// plus one: h("the") = ('t'+1)·B² + ('h'+1)·B + ('e'+1). The hash of any
// run of words i..j-1 follows from two prefixes (spanHash):
// prefixHash[j] − prefixHash[i]·B^(catStarts[j]−catStarts[i]), so the
// 2-grams "thecat" at word 0 and "themat" at word 4 are told apart in
// constant time, whatever their length, and checked byte for byte only
// when their hashes match.
//
// The lexicon keeps, per type and across posts, what a word counts for:
// type 0, "the", has 3 bytes and 3 runes, its hash h(the), its METRICS.md
// word "the" (1 syllable), and its sentence token "the". A post's words are
// worked out once a type, not once a word: "the" is worked out at word 0
// and only read at word 4.
//
// The n-grams are numbered in classes (topNGrams): the 2-grams of the
// example are (0,1) (1,2) (2,3) (3,0) (0,4), five classes of one each, the
// first of which, "the cat", is the most frequent (7 runes × 1, over 22);
// 3-grams refine the 2-grams' classes with the next word's type, and so on.
// The duplicate 5- to 10-grams are looked up by spanHash in an ngramTable,
// among the candidates whose 16-byte windows of cat occur more than once
// (dupNGrams.findCandidates).
package repetition
