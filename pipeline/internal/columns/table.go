package columns

// Scores are the columns of scores.parquet, in file order: a row a post.
// To add a column, add its entry here (and, for a new measurement, the
// features.Features field that holds it) and run `go generate ./pipeline`.
var Scores = []Group{
	{Heading: "Identity.", Columns: []Column{
		{Name: "post_id", Type: String, Read: "postID(doc, p)", Meaning: "the post's identity across runs: a JSONL/Parquet corpus's id field, else the payload source id, else reference, else doc_path"},
		{Name: "doc_path", Type: String, Read: "doc.DocPath", Meaning: docPathMeaning},
		{Name: "content_sha256", Type: String, Read: "doc.SHA256", Meaning: "sha256 of the input's bytes: tells a changed post from a changed scorer"},
		{Name: "body_sha256", Type: String, Read: "f.BodySHA256", OlderRunsLack: true, Meaning: bodySHA256Meaning},
		{Name: "revision_version", Type: String, Nullable: true, Read: "optString(p.RevisionVersion)", Meaning: "the meta revision version (dotted, compare numerically: 1.10.0 > 1.9.2)"},
		{Name: "title", Type: String, Read: "p.Title", Meaning: "the post's title line"},
		{Name: "site", Type: String, Nullable: true, Dict: true, Read: "site(m)", Meaning: "the site named in the meta header (\"alphanode\" in \"alphanode post meta\")"},
		{Name: "format", Type: String, Dict: true, Read: "p.Format", Meaning: "how the document was read: post, markdown or text"},
		{Name: "language", Type: String, Dict: true, Read: "f.Language", Meaning: "the text's language from stop-word profiles: en, es, fr, de, pt, it, or und (too short or unclear); readability is null for a language other than en"},
	}},
	{Heading: "Recomputed scores, and their unrounded values.", Columns: []Column{
		{Name: "quality", Type: Int32, Nullable: true, Read: "s.Quality.Value", Meaning: "recomputed overall quality, 0-100 (null: every component was skipped, its feature null and its missing value \"skip\")"},
		{Name: "freshness", Type: Int32, Nullable: true, Read: "s.Freshness.Value", Meaning: "recomputed freshness, 0-100: 100·0.5^(days_since_review/half_life); null without a review date"},
		{Name: "depth", Type: Int32, Nullable: true, Read: "s.Depth.Value", Meaning: "recomputed depth, 0-100: substance that is not repeated"},
		{Name: "clarity", Type: Int32, Nullable: true, Read: "s.Clarity.Value", Meaning: "recomputed clarity, 0-100: readable sentences, paragraphs and sections"},
		{Name: "quality_exact", Type: Double, Nullable: true, Read: "s.Quality.Exact", Meaning: "quality before rounding"},
		{Name: "freshness_exact", Type: Double, Nullable: true, Read: "s.Freshness.Exact", Meaning: "freshness before rounding"},
		{Name: "depth_exact", Type: Double, Nullable: true, Read: "s.Depth.Exact", Meaning: "depth before rounding"},
		{Name: "clarity_exact", Type: Double, Nullable: true, Read: "s.Clarity.Exact", Meaning: "clarity before rounding"},
	}},
	{Heading: "What the post's meta claims.", Columns: []Column{
		{Name: "claimed_quality", Type: Int32, Nullable: true, Feature: "ClaimedQuality", Meaning: "the meta's own quality score (kept as written, even out of 0-100)"},
		{Name: "claimed_freshness", Type: Int32, Nullable: true, Feature: "ClaimedFreshness", Meaning: "the meta's own freshness score"},
		{Name: "claimed_depth", Type: Int32, Nullable: true, Feature: "ClaimedDepth", Meaning: "the meta's own depth score"},
		{Name: "claimed_clarity", Type: Int32, Nullable: true, Feature: "ClaimedClarity", Meaning: "the meta's own clarity score"},
		{Name: "claimed_paragraphs", Type: Int32, Nullable: true, Feature: "ClaimedParagraphs", Meaning: "the payload's paragraph count"},
		{Name: "claimed_reading_time", Type: Int32, Nullable: true, Feature: "ClaimedReadingTime", Meaning: "the meta's reading time in minutes"},
	}},
	{Heading: "Structure.", Columns: []Column{
		{Name: "paragraph_count", Type: Int32, Feature: "ParagraphCount", Meaning: "prose paragraphs in the body (Markdown: the page's <p> outside lists, and each run of loose text; MARKDOWN.md section 2)"},
		{Name: "heading_count", Type: Int32, Feature: "HeadingCount", Meaning: "headings in the body (Markdown: <h1>-<h6>, empty ones too)"},
		{Name: "bullet_count", Type: Int32, Feature: "BulletCount", Meaning: "bullet items in the body (Markdown: every <li>, nested, ordered and footnotes included)"},
		{Name: "image_count", Type: Int32, Feature: "ImageCount", Meaning: "images in the body (export: alt line + caption line, or a caption line alone; Markdown: <img> and image shortcodes, in code and tables too)"},
		{Name: "images_without_alt", Type: Int32, Feature: "ImagesWithoutAlt", Meaning: "images whose caption line has no alt line before it"},
		{Name: "word_count", Type: Int32, Feature: "WordCount", Meaning: "words of the body text (textstat rules)"},
		{Name: "distinct_word_count", Type: Int32, Feature: "DistinctWordCount", Meaning: "distinct lower-cased words of the body text"},
		{Name: "prose_word_count", Type: Int32, Feature: "ProseWordCount", Meaning: "words of the prose text (paragraphs only)"},
		{Name: "sentence_count", Type: Int32, Feature: "SentenceCount", Meaning: "sentences of the prose text (textstat: fragments of 3+ words, at least 1)"},
		{Name: "syllable_count", Type: Int32, Feature: "SyllableCount", Meaning: "syllables of the prose words (CMU table, else postscore's fallback)"},
		{Name: "polysyllable_count", Type: Int32, Feature: "PolysyllableCount", Meaning: "prose words of 3 or more syllables"},
		{Name: "avg_sentence_words", Type: Double, Nullable: true, Feature: "AvgSentenceWords", Meaning: "prose_word_count / sentence_count"},
		{Name: "longest_paragraph_words", Type: Int32, Feature: "LongestParagraphWords", Meaning: "the most words in one paragraph (Yoast: good up to 150)"},
		{Name: "longest_section_words", Type: Int32, Feature: "LongestSectionWords", Meaning: "the most words between two headings, or before the first (Yoast: good up to 300)"},
		{Name: "image_density", Type: Double, Nullable: true, Feature: "ImageDensity", Meaning: "images per 1,000 words: 1000·image_count/word_count"},
		{Name: "reading_time_minutes", Type: Double, Feature: "ReadingTimeMinutes", Meaning: "word_count / 238 (Brysbaert 2019)"},
		{Name: "code_block_count", Type: Int32, Feature: "CodeBlockCount", Meaning: "code blocks (Markdown: <pre>, fenced, indented or raw HTML); their text is in neither text"},
		{Name: "table_count", Type: Int32, Feature: "TableCount", Meaning: "tables (Markdown: <table>, GFM or raw HTML); their text is in neither text"},
		{Name: "link_count", Type: Int32, Feature: "LinkCount", Meaning: "links (Markdown: <a href>: inline, reference, autolinks and bare URLs, not footnote anchors); their text is text"},
	}},
	{Heading: "Repetition.", Columns: []Column{
		{Name: "repetition_ratio", Type: Double, Feature: "RepetitionRatio", Meaning: "share of sentence text (runes) that repeats a sentence seen earlier in the post"},
		{Name: "repeated_sentence_count", Type: Int32, Feature: "RepeatedSentenceCount", Meaning: "distinct sentences that occur more than once"},
		{Name: "repeated_words", Type: Int32, Feature: "RepeatedWords", Meaning: "words in the 2nd, 3rd, ... occurrences of repeated sentences"},
		{Name: "dup_para_frac", Type: Double, Nullable: true, Feature: "Gopher.DupParaFrac", Meaning: "Gopher: duplicate paragraphs / paragraphs of the body text"},
		{Name: "dup_para_char_frac", Type: Double, Nullable: true, Feature: "Gopher.DupParaCharFrac", Meaning: "Gopher: characters in duplicate paragraphs / characters"},
		{Name: "dup_line_frac", Type: Double, Nullable: true, Feature: "Gopher.DupLineFrac", Meaning: "Gopher: duplicate lines / lines"},
		{Name: "dup_line_char_frac", Type: Double, Nullable: true, Feature: "Gopher.DupLineCharFrac", Meaning: "Gopher: characters in duplicate lines / characters"},
		{Name: "top_2_gram_char_frac", Type: Double, Nullable: true, Feature: "Gopher.TopNGramCharFrac[0]", Meaning: "Gopher: length × count of the most frequent word 2-gram / characters"},
		{Name: "top_3_gram_char_frac", Type: Double, Nullable: true, Feature: "Gopher.TopNGramCharFrac[1]", Meaning: "Gopher: the same for 3-grams"},
		{Name: "top_4_gram_char_frac", Type: Double, Nullable: true, Feature: "Gopher.TopNGramCharFrac[2]", Meaning: "Gopher: the same for 4-grams"},
		{Name: "dup_5_gram_char_frac", Type: Double, Nullable: true, Feature: "Gopher.DupNGramCharFrac[0]", Meaning: "Gopher: characters in repeated word 5-grams / characters"},
		{Name: "dup_6_gram_char_frac", Type: Double, Nullable: true, Feature: "Gopher.DupNGramCharFrac[1]", Meaning: "Gopher: the same for 6-grams"},
		{Name: "dup_7_gram_char_frac", Type: Double, Nullable: true, Feature: "Gopher.DupNGramCharFrac[2]", Meaning: "Gopher: the same for 7-grams"},
		{Name: "dup_8_gram_char_frac", Type: Double, Nullable: true, Feature: "Gopher.DupNGramCharFrac[3]", Meaning: "Gopher: the same for 8-grams"},
		{Name: "dup_9_gram_char_frac", Type: Double, Nullable: true, Feature: "Gopher.DupNGramCharFrac[4]", Meaning: "Gopher: the same for 9-grams"},
		{Name: "dup_10_gram_char_frac", Type: Double, Nullable: true, Feature: "Gopher.DupNGramCharFrac[5]", Meaning: "Gopher: the same for 10-grams"},
	}},
	{Heading: "The post measured as if each repeated sentence appeared once.", Columns: []Column{
		{Name: "dedup_word_count", Type: Int32, Feature: "DedupWordCount", Meaning: "word_count − repeated_words: the words a repeat does not inflate"},
		{Name: "dedup_avg_sentence_words", Type: Double, Nullable: true, Feature: "DedupAvgSentenceWords", Meaning: "avg_sentence_words counting each repeated prose sentence once"},
		{Name: "dedup_flesch_reading_ease", Type: Double, Nullable: true, Feature: "DedupFleschReadingEase", Meaning: "flesch_reading_ease counting each repeated prose sentence once"},
		{Name: "dedup_image_density", Type: Double, Nullable: true, Feature: "DedupImageDensity", Meaning: "images per 1,000 dedup words"},
		{Name: "dedup_reading_time_ratio", Type: Double, Nullable: true, Feature: "DedupReadingTimeRatio", Meaning: "claimed_reading_time over the reading time of the dedup words"},
	}},
	{Heading: "Readability of the prose text.", Columns: []Column{
		{Name: "flesch_reading_ease", Type: Double, Nullable: true, Feature: "FleschReadingEase", Meaning: "206.835 − 1.015·W/S − 84.6·Y/W on the prose (textstat 0.7.11)"},
		{Name: "flesch_kincaid_grade", Type: Double, Nullable: true, Feature: "FleschKincaidGrade", Meaning: "0.39·W/S + 11.8·Y/W − 15.59"},
		{Name: "smog_index", Type: Double, Nullable: true, Feature: "SmogIndex", Meaning: "1.043·√(30·P/S) + 3.1291"},
		{Name: "coleman_liau_index", Type: Double, Nullable: true, Feature: "ColemanLiauIndex", Meaning: "0.058·(100·Lt/W) − 0.296·(100·S/W) − 15.8"},
		{Name: "automated_readability_index", Type: Double, Nullable: true, Feature: "AutomatedReadability", Meaning: "4.71·C/Wt + 0.5·W/S − 21.43"},
		{Name: "gunning_fog", Type: Double, Nullable: true, Feature: "GunningFog", Meaning: "0.4·(W/S + 100·P/W), without textstat's familiar-word list"},
	}},
	{Heading: "Readability checks: Yoast's, for a whole corpus (METRICS.md section 5b, docs/READABILITY.md); null for a post not in English.", Columns: []Column{
		{Name: "long_sentence_share", Type: Double, Nullable: true, Feature: "LongSentenceShare", OlderRunsLack: true, Meaning: "share of the body's sentences (paragraphs, list items, headings; a repeated one once) with more than 20 words; null without a sentence"},
		{Name: "passive_sentence_share", Type: Double, Nullable: true, Feature: "PassiveSentenceShare", OlderRunsLack: true, Meaning: "share of the body's sentences with a passive construction: a form of be or get, then a past participle in the same clause (docs/READABILITY.md)"},
		{Name: "transition_sentence_share", Type: Double, Nullable: true, Feature: "TransitionSentenceShare", OlderRunsLack: true, Meaning: "share of the body's sentences holding a transition word or phrase (however, as a result, ...: docs/READABILITY.md)"},
		{Name: "max_same_start_run", Type: Int32, Nullable: true, Feature: "MaxSameStartRun", OlderRunsLack: true, Meaning: "the longest run of consecutive paragraph sentences that begin with the same word (the same two words after an article, demonstrative or possessive); a heading or list item between paragraphs ends a run"},
		{Name: "readability_check_penalty", Type: Double, Nullable: true, Feature: "ReadabilityCheckPenalty", OlderRunsLack: true, Meaning: "1 for each check with a bad light, ½ for each with an ok one: 0 when every check is good (the default model's clarity reads it)"},
		{Name: "readability_checks", Type: Checks, Read: "checkRows(f.ReadabilityChecks)", OlderRunsLack: true, Meaning: "each check: check (the column it reads), value, light (good, ok or bad by Yoast's thresholds; null where the check does not apply: transitions in a post of 200 words or fewer); empty for a post not in English"},
	}},
	{Heading: "Freshness.", Columns: []Column{
		{Name: "last_reviewed", Type: Date, Nullable: true, Read: "optDate(f.LastReviewed)", Meaning: "the meta revision's last-reviewed date"},
		{Name: "as_of", Type: Date, Read: "int32(f.AsOf)", Meaning: "the run's as-of date (--as-of, default today in UTC)"},
		{Name: "days_since_review", Type: Int32, Nullable: true, Feature: "DaysSinceReview", Meaning: "as_of − last_reviewed in days (negative: a date in the future, warned)"},
	}},
	{Heading: "Does the meta tell the truth?", Columns: []Column{
		{Name: "paragraph_gap", Type: Int32, Nullable: true, Feature: "ParagraphGap", Meaning: "paragraph_count − claimed_paragraphs"},
		{Name: "reading_time_ratio", Type: Double, Nullable: true, Feature: "ReadingTimeRatio", Meaning: "claimed_reading_time / reading_time_minutes"},
		{Name: "image_source_gap", Type: Int32, Nullable: true, Feature: "ImageSourceGap", Meaning: "entries in the meta's image sources − image_count"},
	}},
	{Heading: "The meta block, typed.", Columns: []Column{
		{Name: "topic", Type: String, Nullable: true, Read: "m.Topic", Meaning: "meta topic (\"problem / stack\")"},
		{Name: "summary", Type: String, Nullable: true, Read: "m.Summary", Meaning: "meta summary"},
		{Name: "ai_brief", Type: String, Nullable: true, Read: "m.AIBrief", Meaning: "meta ai brief"},
		{Name: "outline_context", Type: String, Nullable: true, Read: "m.OutlineContext", Meaning: "meta ai outline: context"},
		{Name: "outline_problem", Type: String, Nullable: true, Read: "m.OutlineProblem", Meaning: "meta ai outline: problem"},
		{Name: "outline_stack", Type: String, Nullable: true, Read: "m.OutlineStack", Meaning: "meta ai outline: stack"},
		{Name: "outline_recommended_action", Type: String, Nullable: true, Read: "m.OutlineAction", Meaning: "meta ai outline: recommended action"},
		{Name: "difficulty", Type: String, Nullable: true, Dict: true, Read: "m.Difficulty", Meaning: "meta difficulty (beginner, intermediate, advanced, ...)"},
		{Name: "code_language", Type: String, Nullable: true, Dict: true, Read: "m.CodeLanguage", Meaning: "meta code language"},
		{Name: "view_count", Type: Int64, Nullable: true, Read: "m.ViewCount", Meaning: "meta view count"},
		{Name: "stack", Type: Strings, Read: "m.Stack", Meaning: "meta stack list"},
		{Name: "tools", Type: Strings, Read: "m.Tools", Meaning: "meta tools list"},
		{Name: "checklist", Type: Strings, Read: "m.Checklist", Meaning: "meta checklist (the body's checklist is counted in bullet_count)"},
		{Name: "notes", Type: Strings, Read: "m.Notes", Meaning: "meta notes"},
		{Name: "entities", Type: Entities, Read: "entityRows(m.Entities)", Meaning: "meta entities: name and type"},
		{Name: "image_sources", Type: ImageSources, Read: "imageSourceRows(m.ImageSources)", Meaning: "meta image sources: source host, url, caption"},
		{Name: "flag_ai_generated_style", Type: Bool, Nullable: true, Read: "m.FlagAIGeneratedStyle", Meaning: "meta flag: ai generated style"},
		{Name: "flag_has_images", Type: Bool, Nullable: true, Read: "m.FlagHasImages", Meaning: "meta flag: has images"},
		{Name: "flag_image_heavy", Type: Bool, Nullable: true, Read: "m.FlagImageHeavy", Meaning: "meta flag: image heavy"},
		{Name: "flag_needs_human_review", Type: Bool, Nullable: true, Read: "m.FlagNeedsHumanReview", Meaning: "meta flag: needs human review"},
		{Name: "revision_status", Type: String, Nullable: true, Dict: true, Read: "m.RevisionStatus", Meaning: "meta revision status"},
		{Name: "reference", Type: String, Nullable: true, Read: "m.Reference", Meaning: "meta reference"},
		{Name: "hash", Type: String, Nullable: true, Read: "m.Hash", Meaning: "meta hash (the export's, not postscore's)"},
		{Name: "payload_generator", Type: String, Nullable: true, Dict: true, Read: "m.PayloadGenerator", Meaning: "payload generator"},
		{Name: "payload_scenario", Type: String, Nullable: true, Read: "m.PayloadScenario", Meaning: "payload scenario"},
		{Name: "payload_seed", Type: Int64, Nullable: true, Read: "m.PayloadSeed", Meaning: "payload seed"},
		{Name: "tags", Type: Strings, Read: "m.Tags", Meaning: "front matter tags (Markdown)"},
		{Name: "authors", Type: Strings, Read: "m.Authors", Meaning: "front matter author or authors (Markdown)"},
		{Name: "review_date_key", Type: String, Nullable: true, Read: "optString(m.ReviewDateKey)", Meaning: "which front matter key gave last_reviewed: last_reviewed, lastmod, updated or date (Markdown)"},
		{Name: "meta_unknown", Type: Strings, Read: "m.Unknown", Meaning: "meta lines with no known key, verbatim"},
		{Name: "similar_posts", Type: Strings, Read: "p.SimilarPosts", Meaning: "titles after the Similar Posts trailer"},
		{Name: "warnings", Type: Strings, Read: "f.Warnings", Meaning: "what did not parse cleanly: invalid_utf8, bad_meta_value: <key> = \"<raw>\", ..."},
	}},
	{Heading: "Each score's components, as explain prints them.", Columns: []Column{
		{Name: "quality_components", Type: Components, Read: "comps[scoring.Quality]", Meaning: "quality's components: feature, its value (null when the feature is null), the curve's value (the model's missing value when used_missing; null when the component was skipped), weight, points added, points lost, used_missing"},
		{Name: "freshness_components", Type: Components, Read: "comps[scoring.Freshness]", Meaning: "freshness's components, as quality_components"},
		{Name: "depth_components", Type: Components, Read: "comps[scoring.Depth]", Meaning: "depth's components, as quality_components"},
		{Name: "clarity_components", Type: Components, Read: "comps[scoring.Clarity]", Meaning: "clarity's components, as quality_components"},
	}},
	{Heading: "The near-duplicate signature (docs/DUPLICATES.md).", Columns: []Column{
		{Name: "text_hash", Type: String, Nullable: true, Read: "textHash(f)", OlderRunsLack: true, Meaning: "xxHash64 (16 hex digits) of the body text normalised as datatrove's simplify_text does (lower case, no punctuation or diacritics, each run of digits 0, words joined by single spaces): equal for exact duplicates; null for a body without words"},
		{Name: "minhash", Type: Bytes, Read: "f.Signature.Bins", OlderRunsLack: true, Meaning: "the body's MinHash signature: one byte a bin (the model's duplicates.bins, 512 by default), one-permutation MinHash of its word shingles; empty for a body without words"},
	}},
	{Heading: "Provenance.", Columns: []Column{
		{Name: "scorer_version", Type: String, Dict: true, Read: "prov.ScorerVersion", Meaning: "postscore's version"},
		{Name: "model_name", Type: String, Dict: true, Read: "prov.ModelName", Meaning: "the scoring model's name"},
		{Name: "model_version", Type: String, Dict: true, Read: "prov.ModelVersion", Meaning: "the scoring model's version"},
		{Name: "model_hash", Type: String, Dict: true, Read: "prov.ModelHash", Meaning: "sha256 of the model's canonical form"},
	}},
}

// Errors are the columns of errors.parquet, in file order: a row an input
// that has no row in scores.parquet.
var Errors = []Group{
	{Heading: "The input, and why it has no row in scores.parquet.", Columns: []Column{
		{Name: "doc_path", Type: String, Meaning: docPathMeaning},
		{Name: "stage", Type: String, Meaning: "where the input failed: read, parse, measure or score"},
		{Name: "kind", Type: String, Meaning: "a stable token for the failure: empty, not_text, only_preamble, too_large, permission_denied, ..."},
		{Name: "reason", Type: String, Meaning: "the failure in words"},
	}},
}

// Duplicates are the columns of duplicates.parquet, in file order: a row a
// post that is in a near-duplicate cluster, clusters in order of their
// first post, each cluster's posts in input order.
var Duplicates = []Group{
	{Heading: "The cluster.", Columns: []Column{
		{Name: "cluster_id", Type: Int32, Meaning: "the cluster's number, 1, 2, ... in the input order of each cluster's first post: the same for any --workers or number of shards"},
		{Name: "cluster_size", Type: Int32, Meaning: "how many posts the cluster holds (at least 2)"},
	}},
	{Heading: "The post.", Columns: []Column{
		{Name: "doc_path", Type: String, Meaning: docPathMeaning},
		{Name: "post_id", Type: String, Meaning: "the post's post_id in scores.parquet"},
		{Name: "match", Type: String, Dict: true, Meaning: "canonical (the cluster's canonical post), exact (its normalised text is the canonical post's: text_hash equal) or near"},
		{Name: "similarity", Type: Double, Meaning: "the Jaccard similarity of the post's word shingles and the canonical post's, estimated from their minhash signatures (1 for the canonical post and its exact copies); a post joined to the cluster through another may be under the threshold"},
	}},
	{Heading: "The cluster's canonical post: the one the others copy.", Columns: []Column{
		{Name: "canonical_doc_path", Type: String, Meaning: "the canonical post's doc_path"},
		{Name: "canonical_post_id", Type: String, Meaning: "the canonical post's post_id"},
		{Name: "canonical_rule", Type: String, Dict: true, Meaning: "how it was chosen: earliest_date (the earliest last_reviewed of the cluster, the first in input order among equals) or input_order (no post of the cluster has a date: the first in input order)"},
	}},
	{Heading: "What differs, for the least similar near post of each of the 10 largest clusters (pipeline.SentenceClusters; null on the other rows, and when the posts could not be read again as they were scored).", Columns: []Column{
		{Name: "sentence", Type: String, Nullable: true, Meaning: "a sentence of this post that the canonical post does not have"},
		{Name: "canonical_sentence", Type: String, Nullable: true, Meaning: "the canonical post's sentence most like it (null when it has none alike)"},
	}},
}

// bodySHA256Meaning is body_sha256's meaning: what it hashes, and so what
// compare calls a body change rather than a metadata-only one.
const bodySHA256Meaning = "sha256 of the text a reader sees: the title line (export format) and the body as its blocks render to text, " +
	"with each image's alt text, caption and source and the counts of code blocks, tables and links; not the front matter, meta block or Similar Posts trailer. " +
	"compare: content_sha256 changed but body_sha256 did not is a metadata-only change (a Markdown title is front matter: metadata)"

// docPathMeaning is doc_path's meaning in both files.
const docPathMeaning = "the input's path relative to its CORPUS argument, with :N for line or row N of a JSONL or Parquet corpus (invalid UTF-8 bytes written as \\xNN)"
