package features

import "sort"

// numeric maps each numeric feature column to its value in Features; ok is
// false where the column is null. Scoring models name features by these
// column names.
var numeric = map[string]func(f *Features) (float64, bool){
	"paragraph_count":             intv(func(f *Features) int { return f.ParagraphCount }),
	"heading_count":               intv(func(f *Features) int { return f.HeadingCount }),
	"bullet_count":                intv(func(f *Features) int { return f.BulletCount }),
	"image_count":                 intv(func(f *Features) int { return f.ImageCount }),
	"images_without_alt":          intv(func(f *Features) int { return f.ImagesWithoutAlt }),
	"word_count":                  intv(func(f *Features) int { return f.WordCount }),
	"distinct_word_count":         intv(func(f *Features) int { return f.DistinctWordCount }),
	"prose_word_count":            intv(func(f *Features) int { return f.ProseWordCount }),
	"sentence_count":              intv(func(f *Features) int { return f.SentenceCount }),
	"syllable_count":              intv(func(f *Features) int { return f.SyllableCount }),
	"polysyllable_count":          intv(func(f *Features) int { return f.PolysyllableCount }),
	"avg_sentence_words":          ptrv(func(f *Features) *float64 { return f.AvgSentenceWords }),
	"longest_paragraph_words":     intv(func(f *Features) int { return f.LongestParagraphWords }),
	"longest_section_words":       intv(func(f *Features) int { return f.LongestSectionWords }),
	"image_density":               ptrv(func(f *Features) *float64 { return f.ImageDensity }),
	"reading_time_minutes":        func(f *Features) (float64, bool) { return f.ReadingTimeMinutes, true },
	"repetition_ratio":            func(f *Features) (float64, bool) { return f.RepetitionRatio, true },
	"repeated_sentence_count":     intv(func(f *Features) int { return f.RepeatedSentenceCount }),
	"code_block_count":            intv(func(f *Features) int { return f.CodeBlockCount }),
	"table_count":                 intv(func(f *Features) int { return f.TableCount }),
	"link_count":                  intv(func(f *Features) int { return f.LinkCount }),
	"repeated_words":              intv(func(f *Features) int { return f.RepeatedWords }),
	"dedup_word_count":            intv(func(f *Features) int { return f.DedupWordCount }),
	"dedup_avg_sentence_words":    ptrv(func(f *Features) *float64 { return f.DedupAvgSentenceWords }),
	"dedup_flesch_reading_ease":   ptrv(func(f *Features) *float64 { return f.DedupFleschReadingEase }),
	"dedup_image_density":         ptrv(func(f *Features) *float64 { return f.DedupImageDensity }),
	"dedup_reading_time_ratio":    ptrv(func(f *Features) *float64 { return f.DedupReadingTimeRatio }),
	"dup_para_frac":               ptrv(func(f *Features) *float64 { return f.Gopher.DupParaFrac }),
	"dup_para_char_frac":          ptrv(func(f *Features) *float64 { return f.Gopher.DupParaCharFrac }),
	"dup_line_frac":               ptrv(func(f *Features) *float64 { return f.Gopher.DupLineFrac }),
	"dup_line_char_frac":          ptrv(func(f *Features) *float64 { return f.Gopher.DupLineCharFrac }),
	"top_2_gram_char_frac":        ptrv(func(f *Features) *float64 { return f.Gopher.TopNGramCharFrac[0] }),
	"top_3_gram_char_frac":        ptrv(func(f *Features) *float64 { return f.Gopher.TopNGramCharFrac[1] }),
	"top_4_gram_char_frac":        ptrv(func(f *Features) *float64 { return f.Gopher.TopNGramCharFrac[2] }),
	"dup_5_gram_char_frac":        ptrv(func(f *Features) *float64 { return f.Gopher.DupNGramCharFrac[0] }),
	"dup_6_gram_char_frac":        ptrv(func(f *Features) *float64 { return f.Gopher.DupNGramCharFrac[1] }),
	"dup_7_gram_char_frac":        ptrv(func(f *Features) *float64 { return f.Gopher.DupNGramCharFrac[2] }),
	"dup_8_gram_char_frac":        ptrv(func(f *Features) *float64 { return f.Gopher.DupNGramCharFrac[3] }),
	"dup_9_gram_char_frac":        ptrv(func(f *Features) *float64 { return f.Gopher.DupNGramCharFrac[4] }),
	"dup_10_gram_char_frac":       ptrv(func(f *Features) *float64 { return f.Gopher.DupNGramCharFrac[5] }),
	"flesch_reading_ease":         ptrv(func(f *Features) *float64 { return f.FleschReadingEase }),
	"flesch_kincaid_grade":        ptrv(func(f *Features) *float64 { return f.FleschKincaidGrade }),
	"smog_index":                  ptrv(func(f *Features) *float64 { return f.SmogIndex }),
	"coleman_liau_index":          ptrv(func(f *Features) *float64 { return f.ColemanLiauIndex }),
	"automated_readability_index": ptrv(func(f *Features) *float64 { return f.AutomatedReadability }),
	"gunning_fog":                 ptrv(func(f *Features) *float64 { return f.GunningFog }),
	"days_since_review":           i64v(func(f *Features) *int64 { return f.DaysSinceReview }),
	"claimed_quality":             i64v(func(f *Features) *int64 { return f.ClaimedQuality }),
	"claimed_freshness":           i64v(func(f *Features) *int64 { return f.ClaimedFreshness }),
	"claimed_depth":               i64v(func(f *Features) *int64 { return f.ClaimedDepth }),
	"claimed_clarity":             i64v(func(f *Features) *int64 { return f.ClaimedClarity }),
	"claimed_paragraphs":          i64v(func(f *Features) *int64 { return f.ClaimedParagraphs }),
	"claimed_reading_time":        i64v(func(f *Features) *int64 { return f.ClaimedReadingTime }),
	"paragraph_gap":               i64v(func(f *Features) *int64 { return f.ParagraphGap }),
	"reading_time_ratio":          ptrv(func(f *Features) *float64 { return f.ReadingTimeRatio }),
	"image_source_gap":            i64v(func(f *Features) *int64 { return f.ImageSourceGap }),
}

func intv(get func(*Features) int) func(*Features) (float64, bool) {
	return func(f *Features) (float64, bool) { return float64(get(f)), true }
}

func ptrv(get func(*Features) *float64) func(*Features) (float64, bool) {
	return func(f *Features) (float64, bool) {
		if p := get(f); p != nil {
			return *p, true
		}
		return 0, false
	}
}

func i64v(get func(*Features) *int64) func(*Features) (float64, bool) {
	return func(f *Features) (float64, bool) {
		if p := get(f); p != nil {
			return float64(*p), true
		}
		return 0, false
	}
}

// Value returns the numeric feature called name; ok is false where it is null
// or name is not a numeric feature (see IsNumeric).
func (f *Features) Value(name string) (v float64, ok bool) {
	get, known := NumericValue(name)
	if !known {
		return 0, false
	}
	return get(f)
}

// NumericValue returns the function Value calls for the numeric feature
// called name, for a caller that reads it from many posts; ok is false when
// name is not a numeric feature.
func NumericValue(name string) (get func(f *Features) (float64, bool), ok bool) {
	get, ok = numeric[name]
	return get, ok
}

// IsNumeric reports whether name is a numeric feature column.
func IsNumeric(name string) bool {
	_, ok := numeric[name]
	return ok
}

// NumericNames lists the numeric feature columns, sorted.
func NumericNames() []string {
	names := make([]string, 0, len(numeric))
	for n := range numeric {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
