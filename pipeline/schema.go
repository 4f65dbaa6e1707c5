package pipeline

import (
	"fmt"
	"reflect"
	"strings"
)

// ColumnDoc documents one output column.
type ColumnDoc struct {
	Name     string `json:"name"`
	Parquet  string `json:"parquet_type"`
	DuckDB   string `json:"duckdb_type"`
	Nullable bool   `json:"nullable"`
	Meaning  string `json:"meaning"`
}

// Schema documents the columns of scores.parquet (errors: false) or
// errors.parquet (errors: true), in file order.
func Schema(errors bool) []ColumnDoc {
	var t reflect.Type
	if errors {
		t = reflect.TypeFor[ErrorRow]()
	} else {
		t = reflect.TypeFor[Row]()
	}
	var out []ColumnDoc
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts := parseTag(f.Tag.Get("parquet"))
		pq, duck := columnTypes(f.Type, opts)
		out = append(out, ColumnDoc{
			Name: name, Parquet: pq, DuckDB: duck,
			Nullable: f.Type.Kind() == reflect.Pointer,
			Meaning:  columnMeaning[name],
		})
	}
	return out
}

func parseTag(tag string) (string, map[string]bool) {
	parts := strings.Split(tag, ",")
	opts := map[string]bool{}
	for _, p := range parts[1:] {
		opts[p] = true
	}
	return parts[0], opts
}

func columnTypes(t reflect.Type, opts map[string]bool) (parquet, duck string) {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Int32:
		if opts["date"] {
			return "INT32 (DATE)", "DATE"
		}
		return "INT32", "INTEGER"
	case reflect.Int64:
		return "INT64", "BIGINT"
	case reflect.Float64:
		return "DOUBLE", "DOUBLE"
	case reflect.Bool:
		return "BOOLEAN", "BOOLEAN"
	case reflect.String:
		return "BYTE_ARRAY (STRING)", "VARCHAR"
	case reflect.Slice:
		ep, ed := columnTypes(t.Elem(), nil)
		return "LIST<" + ep + ">", ed + "[]"
	case reflect.Struct:
		var ps, ds []string
		for i := range t.NumField() {
			f := t.Field(i)
			name, o := parseTag(f.Tag.Get("parquet"))
			p, d := columnTypes(f.Type, o)
			ps = append(ps, name+" "+p)
			ds = append(ds, name+" "+d)
		}
		return "STRUCT<" + strings.Join(ps, ", ") + ">", "STRUCT(" + strings.Join(ds, ", ") + ")"
	}
	panic(fmt.Sprintf("no Parquet type for %v", t))
}

// columnMeaning says what each column holds; a test checks every column has one.
var columnMeaning = map[string]string{
	"post_id":          "the post's identity across runs: a JSONL/Parquet corpus's id field, else the payload source id, else reference, else doc_path",
	"doc_path":         "the input's path relative to its CORPUS argument, with :N for line or row N of a JSONL or Parquet corpus (invalid UTF-8 bytes written as \\xNN)",
	"content_sha256":   "sha256 of the input's bytes: tells a changed post from a changed scorer",
	"revision_version": "the meta revision version (dotted, compare numerically: 1.10.0 > 1.9.2)",
	"title":            "the post's title line",
	"site":             "the site named in the meta header (\"alphanode\" in \"alphanode post meta\")",
	"format":           "how the document was read: post, markdown or text",
	"language":         "the text's language from stop-word profiles: en, es, fr, de, pt, it, or und (too short or unclear); readability is null for a language other than en",
	"stage":            "where the input failed: read, parse, measure or score",
	"kind":             "a stable token for the failure: empty, not_text, only_preamble, too_large, permission_denied, ...",
	"reason":           "the failure in words",

	"quality":         "recomputed overall quality, 0-100 (null: no component had a value)",
	"freshness":       "recomputed freshness, 0-100: 100·0.5^(days_since_review/half_life); null without a review date",
	"depth":           "recomputed depth, 0-100: substance that is not repeated",
	"clarity":         "recomputed clarity, 0-100: readable sentences, paragraphs and sections",
	"quality_exact":   "quality before rounding",
	"freshness_exact": "freshness before rounding",
	"depth_exact":     "depth before rounding",
	"clarity_exact":   "clarity before rounding",

	"claimed_quality":      "the meta's own quality score (kept as written, even out of 0-100)",
	"claimed_freshness":    "the meta's own freshness score",
	"claimed_depth":        "the meta's own depth score",
	"claimed_clarity":      "the meta's own clarity score",
	"claimed_paragraphs":   "the payload's paragraph count",
	"claimed_reading_time": "the meta's reading time in minutes",

	"paragraph_count":         "prose paragraphs in the body",
	"heading_count":           "headings in the body",
	"bullet_count":            "bullet items in the body",
	"image_count":             "images in the body (alt line + caption line, or a caption line alone)",
	"images_without_alt":      "images whose caption line has no alt line before it",
	"word_count":              "words of the body text (textstat rules)",
	"distinct_word_count":     "distinct lower-cased words of the body text",
	"prose_word_count":        "words of the prose text (paragraphs only)",
	"sentence_count":          "sentences of the prose text (textstat: fragments of 3+ words, at least 1)",
	"syllable_count":          "syllables of the prose words (CMU table, else postscore's fallback)",
	"polysyllable_count":      "prose words of 3 or more syllables",
	"avg_sentence_words":      "prose_word_count / sentence_count",
	"longest_paragraph_words": "the most words in one paragraph (Yoast: good up to 150)",
	"longest_section_words":   "the most words between two headings, or before the first (Yoast: good up to 300)",
	"image_density":           "images per 1,000 words: 1000·image_count/word_count",
	"reading_time_minutes":    "word_count / 238 (Brysbaert 2019)",
	"code_block_count":        "fenced code blocks (Markdown); kept out of the text",
	"table_count":             "tables (Markdown); kept out of the text",
	"link_count":              "links (Markdown), reduced to their text",

	"repetition_ratio":        "share of sentence text (runes) that repeats a sentence seen earlier in the post",
	"repeated_sentence_count": "distinct sentences that occur more than once",
	"repeated_words":          "words in the 2nd, 3rd, ... occurrences of repeated sentences",
	"dup_para_frac":           "Gopher: duplicate paragraphs / paragraphs of the body text",
	"dup_para_char_frac":      "Gopher: characters in duplicate paragraphs / characters",
	"dup_line_frac":           "Gopher: duplicate lines / lines",
	"dup_line_char_frac":      "Gopher: characters in duplicate lines / characters",
	"top_2_gram_char_frac":    "Gopher: length × count of the most frequent word 2-gram / characters",
	"top_3_gram_char_frac":    "Gopher: the same for 3-grams",
	"top_4_gram_char_frac":    "Gopher: the same for 4-grams",
	"dup_5_gram_char_frac":    "Gopher: characters in repeated word 5-grams / characters",
	"dup_6_gram_char_frac":    "Gopher: the same for 6-grams",
	"dup_7_gram_char_frac":    "Gopher: the same for 7-grams",
	"dup_8_gram_char_frac":    "Gopher: the same for 8-grams",
	"dup_9_gram_char_frac":    "Gopher: the same for 9-grams",
	"dup_10_gram_char_frac":   "Gopher: the same for 10-grams",

	"dedup_word_count":          "word_count − repeated_words: the words a repeat does not inflate",
	"dedup_avg_sentence_words":  "avg_sentence_words counting each repeated prose sentence once",
	"dedup_flesch_reading_ease": "flesch_reading_ease counting each repeated prose sentence once",
	"dedup_image_density":       "images per 1,000 dedup words",
	"dedup_reading_time_ratio":  "claimed_reading_time over the reading time of the dedup words",

	"flesch_reading_ease":         "206.835 − 1.015·W/S − 84.6·Y/W on the prose (textstat 0.7.11)",
	"flesch_kincaid_grade":        "0.39·W/S + 11.8·Y/W − 15.59",
	"smog_index":                  "1.043·√(30·P/S) + 3.1291",
	"coleman_liau_index":          "0.058·(100·Lt/W) − 0.296·(100·S/W) − 15.8",
	"automated_readability_index": "4.71·C/Wt + 0.5·W/S − 21.43",
	"gunning_fog":                 "0.4·(W/S + 100·P/W), without textstat's familiar-word list",

	"last_reviewed":     "the meta revision's last-reviewed date",
	"as_of":             "the run's as-of date (--as-of, default today in UTC)",
	"days_since_review": "as_of − last_reviewed in days (negative: a date in the future, warned)",

	"paragraph_gap":      "paragraph_count − claimed_paragraphs",
	"reading_time_ratio": "claimed_reading_time / reading_time_minutes",
	"image_source_gap":   "entries in the meta's image sources − image_count",

	"topic":                      "meta topic (\"problem / stack\")",
	"summary":                    "meta summary",
	"ai_brief":                   "meta ai brief",
	"outline_context":            "meta ai outline: context",
	"outline_problem":            "meta ai outline: problem",
	"outline_stack":              "meta ai outline: stack",
	"outline_recommended_action": "meta ai outline: recommended action",
	"difficulty":                 "meta difficulty (beginner, intermediate, advanced, ...)",
	"code_language":              "meta code language",
	"view_count":                 "meta view count",
	"stack":                      "meta stack list",
	"tools":                      "meta tools list",
	"checklist":                  "meta checklist (the body's checklist is counted in bullet_count)",
	"notes":                      "meta notes",
	"entities":                   "meta entities: name and type",
	"image_sources":              "meta image sources: source host, url, caption",
	"flag_ai_generated_style":    "meta flag: ai generated style",
	"flag_has_images":            "meta flag: has images",
	"flag_image_heavy":           "meta flag: image heavy",
	"flag_needs_human_review":    "meta flag: needs human review",
	"revision_status":            "meta revision status",
	"reference":                  "meta reference",
	"hash":                       "meta hash (the export's, not postscore's)",
	"payload_generator":          "payload generator",
	"payload_scenario":           "payload scenario",
	"payload_seed":               "payload seed",
	"meta_unknown":               "meta lines with no known key, verbatim",
	"tags":                       "front matter tags (Markdown)",
	"authors":                    "front matter author or authors (Markdown)",
	"review_date_key":            "which front matter key gave last_reviewed: last_reviewed, lastmod, updated or date (Markdown)",
	"similar_posts":              "titles after the Similar Posts trailer",
	"warnings":                   "what did not parse cleanly: invalid_utf8, bad_meta_value: <key> = \"<raw>\", ...",

	"quality_components":   "quality's components: feature, its value, the curve's value, weight, points added, points lost",
	"freshness_components": "freshness's components, as quality_components",
	"depth_components":     "depth's components, as quality_components",
	"clarity_components":   "clarity's components, as quality_components",

	"scorer_version": "postscore's version",
	"model_name":     "the scoring model's name",
	"model_version":  "the scoring model's version",
	"model_hash":     "sha256 of the model's canonical form",
}
