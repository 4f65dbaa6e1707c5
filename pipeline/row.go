package pipeline

import (
	"github.com/alphanode/postscore/features"
	"github.com/alphanode/postscore/features/post"
	"github.com/alphanode/postscore/scoring"
)

// Row is one post's row of scores.parquet. Nullable columns are pointers
// (parquet-go's `optional` on a plain field would turn 0 into NULL); lists
// carry the `list` tag (LIST logical type, not a legacy repeated field);
// dates are int32 days since 1970-01-01 with the `date` tag.
type Row struct {
	// Identity.
	PostID          string  `parquet:"post_id"`
	DocPath         string  `parquet:"doc_path"`
	ContentSHA256   string  `parquet:"content_sha256"`
	RevisionVersion *string `parquet:"revision_version,optional"`
	Title           string  `parquet:"title"`
	Site            *string `parquet:"site,optional,dict"`
	Format          string  `parquet:"format,dict"`
	Language        string  `parquet:"language,dict"`

	// Recomputed scores, and their unrounded values.
	Quality        *int32   `parquet:"quality,optional"`
	Freshness      *int32   `parquet:"freshness,optional"`
	Depth          *int32   `parquet:"depth,optional"`
	Clarity        *int32   `parquet:"clarity,optional"`
	QualityExact   *float64 `parquet:"quality_exact,optional"`
	FreshnessExact *float64 `parquet:"freshness_exact,optional"`
	DepthExact     *float64 `parquet:"depth_exact,optional"`
	ClarityExact   *float64 `parquet:"clarity_exact,optional"`

	// What the post's meta claims.
	ClaimedQuality     *int32 `parquet:"claimed_quality,optional"`
	ClaimedFreshness   *int32 `parquet:"claimed_freshness,optional"`
	ClaimedDepth       *int32 `parquet:"claimed_depth,optional"`
	ClaimedClarity     *int32 `parquet:"claimed_clarity,optional"`
	ClaimedParagraphs  *int32 `parquet:"claimed_paragraphs,optional"`
	ClaimedReadingTime *int32 `parquet:"claimed_reading_time,optional"`

	// Structure.
	ParagraphCount        int32    `parquet:"paragraph_count"`
	HeadingCount          int32    `parquet:"heading_count"`
	BulletCount           int32    `parquet:"bullet_count"`
	ImageCount            int32    `parquet:"image_count"`
	ImagesWithoutAlt      int32    `parquet:"images_without_alt"`
	WordCount             int32    `parquet:"word_count"`
	DistinctWordCount     int32    `parquet:"distinct_word_count"`
	ProseWordCount        int32    `parquet:"prose_word_count"`
	SentenceCount         int32    `parquet:"sentence_count"`
	SyllableCount         int32    `parquet:"syllable_count"`
	PolysyllableCount     int32    `parquet:"polysyllable_count"`
	AvgSentenceWords      *float64 `parquet:"avg_sentence_words,optional"`
	LongestParagraphWords int32    `parquet:"longest_paragraph_words"`
	LongestSectionWords   int32    `parquet:"longest_section_words"`
	ImageDensity          *float64 `parquet:"image_density,optional"`
	ReadingTimeMinutes    float64  `parquet:"reading_time_minutes"`
	CodeBlockCount        int32    `parquet:"code_block_count"`
	TableCount            int32    `parquet:"table_count"`
	LinkCount             int32    `parquet:"link_count"`

	// Repetition.
	RepetitionRatio       float64  `parquet:"repetition_ratio"`
	RepeatedSentenceCount int32    `parquet:"repeated_sentence_count"`
	RepeatedWords         int32    `parquet:"repeated_words"`
	DupParaFrac           *float64 `parquet:"dup_para_frac,optional"`
	DupParaCharFrac       *float64 `parquet:"dup_para_char_frac,optional"`
	DupLineFrac           *float64 `parquet:"dup_line_frac,optional"`
	DupLineCharFrac       *float64 `parquet:"dup_line_char_frac,optional"`
	Top2GramCharFrac      *float64 `parquet:"top_2_gram_char_frac,optional"`
	Top3GramCharFrac      *float64 `parquet:"top_3_gram_char_frac,optional"`
	Top4GramCharFrac      *float64 `parquet:"top_4_gram_char_frac,optional"`
	Dup5GramCharFrac      *float64 `parquet:"dup_5_gram_char_frac,optional"`
	Dup6GramCharFrac      *float64 `parquet:"dup_6_gram_char_frac,optional"`
	Dup7GramCharFrac      *float64 `parquet:"dup_7_gram_char_frac,optional"`
	Dup8GramCharFrac      *float64 `parquet:"dup_8_gram_char_frac,optional"`
	Dup9GramCharFrac      *float64 `parquet:"dup_9_gram_char_frac,optional"`
	Dup10GramCharFrac     *float64 `parquet:"dup_10_gram_char_frac,optional"`

	// The post measured as if each repeated sentence appeared once.
	DedupWordCount         int32    `parquet:"dedup_word_count"`
	DedupAvgSentenceWords  *float64 `parquet:"dedup_avg_sentence_words,optional"`
	DedupFleschReadingEase *float64 `parquet:"dedup_flesch_reading_ease,optional"`
	DedupImageDensity      *float64 `parquet:"dedup_image_density,optional"`
	DedupReadingTimeRatio  *float64 `parquet:"dedup_reading_time_ratio,optional"`

	// Readability of the prose text.
	FleschReadingEase         *float64 `parquet:"flesch_reading_ease,optional"`
	FleschKincaidGrade        *float64 `parquet:"flesch_kincaid_grade,optional"`
	SmogIndex                 *float64 `parquet:"smog_index,optional"`
	ColemanLiauIndex          *float64 `parquet:"coleman_liau_index,optional"`
	AutomatedReadabilityIndex *float64 `parquet:"automated_readability_index,optional"`
	GunningFog                *float64 `parquet:"gunning_fog,optional"`

	// Freshness.
	LastReviewed    *int32 `parquet:"last_reviewed,optional,date"`
	AsOf            int32  `parquet:"as_of,date"`
	DaysSinceReview *int32 `parquet:"days_since_review,optional"`

	// Does the meta tell the truth?
	ParagraphGap     *int32   `parquet:"paragraph_gap,optional"`
	ReadingTimeRatio *float64 `parquet:"reading_time_ratio,optional"`
	ImageSourceGap   *int32   `parquet:"image_source_gap,optional"`

	// The meta block, typed.
	Topic                    *string          `parquet:"topic,optional"`
	Summary                  *string          `parquet:"summary,optional"`
	AIBrief                  *string          `parquet:"ai_brief,optional"`
	OutlineContext           *string          `parquet:"outline_context,optional"`
	OutlineProblem           *string          `parquet:"outline_problem,optional"`
	OutlineStack             *string          `parquet:"outline_stack,optional"`
	OutlineRecommendedAction *string          `parquet:"outline_recommended_action,optional"`
	Difficulty               *string          `parquet:"difficulty,optional,dict"`
	CodeLanguage             *string          `parquet:"code_language,optional,dict"`
	ViewCount                *int64           `parquet:"view_count,optional"`
	Stack                    []string         `parquet:"stack,list"`
	Tools                    []string         `parquet:"tools,list"`
	Checklist                []string         `parquet:"checklist,list"`
	Notes                    []string         `parquet:"notes,list"`
	Entities                 []EntityRow      `parquet:"entities,list"`
	ImageSources             []ImageSourceRow `parquet:"image_sources,list"`
	FlagAIGeneratedStyle     *bool            `parquet:"flag_ai_generated_style,optional"`
	FlagHasImages            *bool            `parquet:"flag_has_images,optional"`
	FlagImageHeavy           *bool            `parquet:"flag_image_heavy,optional"`
	FlagNeedsHumanReview     *bool            `parquet:"flag_needs_human_review,optional"`
	RevisionStatus           *string          `parquet:"revision_status,optional,dict"`
	Reference                *string          `parquet:"reference,optional"`
	Hash                     *string          `parquet:"hash,optional"`
	PayloadGenerator         *string          `parquet:"payload_generator,optional,dict"`
	PayloadScenario          *string          `parquet:"payload_scenario,optional"`
	PayloadSeed              *int64           `parquet:"payload_seed,optional"`
	Tags                     []string         `parquet:"tags,list"`
	Authors                  []string         `parquet:"authors,list"`
	ReviewDateKey            *string          `parquet:"review_date_key,optional"`
	MetaUnknown              []string         `parquet:"meta_unknown,list"`
	SimilarPosts             []string         `parquet:"similar_posts,list"`
	Warnings                 []string         `parquet:"warnings,list"`

	// Each score's components, as explain prints them.
	QualityComponents   []ComponentRow `parquet:"quality_components,list"`
	FreshnessComponents []ComponentRow `parquet:"freshness_components,list"`
	DepthComponents     []ComponentRow `parquet:"depth_components,list"`
	ClarityComponents   []ComponentRow `parquet:"clarity_components,list"`

	// Provenance.
	ScorerVersion string `parquet:"scorer_version,dict"`
	ModelName     string `parquet:"model_name,dict"`
	ModelVersion  string `parquet:"model_version,dict"`
	ModelHash     string `parquet:"model_hash,dict"`
}

// EntityRow is one element of the entities list.
type EntityRow struct {
	Name string `parquet:"name"`
	Type string `parquet:"type"`
}

// ImageSourceRow is one element of the image_sources list.
type ImageSourceRow struct {
	Source  string `parquet:"source"`
	URL     string `parquet:"url"`
	Caption string `parquet:"caption"`
}

// ComponentRow is one scoring component evaluated on the post.
type ComponentRow struct {
	Feature    string   `parquet:"feature,dict"`
	Value      *float64 `parquet:"value,optional"`
	CurveValue *float64 `parquet:"curve_value,optional"`
	Weight     float64  `parquet:"weight,dict"`
	Points     float64  `parquet:"points"`
	Lost       float64  `parquet:"lost"`
}

// ErrorRow is one input that has no row in scores.parquet, and why.
type ErrorRow struct {
	DocPath string `parquet:"doc_path"`
	Stage   string `parquet:"stage"` // read, parse, measure, score
	Kind    string `parquet:"kind"`  // a stable token: not_text, empty, too_large, ...
	Reason  string `parquet:"reason"`
}

// Stages at which an input can fail.
const (
	StageRead    = "read"
	StageParse   = "parse"
	StageMeasure = "measure"
	StageScore   = "score"
)

func i32(v int) int32 { return int32(min(max(v, -1<<31), 1<<31-1)) }

func i32p(p *int64) *int32 {
	if p == nil {
		return nil
	}
	v := int32(min(max(*p, -1<<31), 1<<31-1))
	return &v
}

// components fills the first rows of into with s's components and returns
// them, and the rest of into.
func components(s *scoring.Score, into []ComponentRow) (rows, rest []ComponentRow) {
	n := len(s.Components)
	out := into[:n:n]
	for i, c := range s.Components {
		out[i] = ComponentRow{Feature: c.Feature, Value: c.Value, CurveValue: c.CurveValue, Weight: c.Weight, Points: c.Points, Lost: c.Lost}
	}
	return out, into[n:]
}

// Provenance is what every row and output file says about how it was made.
type Provenance struct {
	ScorerVersion string
	ModelName     string
	ModelVersion  string
	ModelHash     string
}

// BuildRow assembles the row of one scored post.
func BuildRow(doc *DocInfo, p *post.Post, f *features.Features, s *scoring.Scores, prov *Provenance) Row {
	m := &p.Meta
	r := Row{
		PostID:        p.PostID,
		DocPath:       doc.DocPath,
		ContentSHA256: doc.SHA256,
		Title:         p.Title,
		Format:        doc.Format,
		Language:      doc.Language,

		ClaimedQuality: i32p(f.ClaimedQuality), ClaimedFreshness: i32p(f.ClaimedFreshness),
		ClaimedDepth: i32p(f.ClaimedDepth), ClaimedClarity: i32p(f.ClaimedClarity),
		ClaimedParagraphs: i32p(f.ClaimedParagraphs), ClaimedReadingTime: i32p(f.ClaimedReadingTime),

		ParagraphCount: i32(f.ParagraphCount), HeadingCount: i32(f.HeadingCount), BulletCount: i32(f.BulletCount),
		ImageCount: i32(f.ImageCount), ImagesWithoutAlt: i32(f.ImagesWithoutAlt), WordCount: i32(f.WordCount),
		DistinctWordCount: i32(f.DistinctWordCount), ProseWordCount: i32(f.ProseWordCount),
		SentenceCount: i32(f.SentenceCount), SyllableCount: i32(f.SyllableCount), PolysyllableCount: i32(f.PolysyllableCount),
		AvgSentenceWords: f.AvgSentenceWords, LongestParagraphWords: i32(f.LongestParagraphWords),
		LongestSectionWords: i32(f.LongestSectionWords), ImageDensity: f.ImageDensity, ReadingTimeMinutes: f.ReadingTimeMinutes,
		CodeBlockCount: i32(f.CodeBlockCount), TableCount: i32(f.TableCount), LinkCount: i32(f.LinkCount),

		RepetitionRatio: f.RepetitionRatio, RepeatedSentenceCount: i32(f.RepeatedSentenceCount), RepeatedWords: i32(f.RepeatedWords),
		DupParaFrac: f.Gopher.DupParaFrac, DupParaCharFrac: f.Gopher.DupParaCharFrac,
		DupLineFrac: f.Gopher.DupLineFrac, DupLineCharFrac: f.Gopher.DupLineCharFrac,
		Top2GramCharFrac: f.Gopher.TopNGramCharFrac[0], Top3GramCharFrac: f.Gopher.TopNGramCharFrac[1], Top4GramCharFrac: f.Gopher.TopNGramCharFrac[2],
		Dup5GramCharFrac: f.Gopher.DupNGramCharFrac[0], Dup6GramCharFrac: f.Gopher.DupNGramCharFrac[1], Dup7GramCharFrac: f.Gopher.DupNGramCharFrac[2],
		Dup8GramCharFrac: f.Gopher.DupNGramCharFrac[3], Dup9GramCharFrac: f.Gopher.DupNGramCharFrac[4], Dup10GramCharFrac: f.Gopher.DupNGramCharFrac[5],

		DedupWordCount: i32(f.DedupWordCount), DedupAvgSentenceWords: f.DedupAvgSentenceWords,
		DedupFleschReadingEase: f.DedupFleschReadingEase, DedupImageDensity: f.DedupImageDensity, DedupReadingTimeRatio: f.DedupReadingTimeRatio,

		FleschReadingEase: f.FleschReadingEase, FleschKincaidGrade: f.FleschKincaidGrade, SmogIndex: f.SmogIndex,
		ColemanLiauIndex: f.ColemanLiauIndex, AutomatedReadabilityIndex: f.AutomatedReadability, GunningFog: f.GunningFog,

		AsOf: int32(f.AsOf), DaysSinceReview: i32p(f.DaysSinceReview),
		ParagraphGap: i32p(f.ParagraphGap), ReadingTimeRatio: f.ReadingTimeRatio, ImageSourceGap: i32p(f.ImageSourceGap),

		Topic: m.Topic, Summary: m.Summary, AIBrief: m.AIBrief,
		OutlineContext: m.OutlineContext, OutlineProblem: m.OutlineProblem, OutlineStack: m.OutlineStack, OutlineRecommendedAction: m.OutlineAction,
		Difficulty: m.Difficulty, CodeLanguage: m.CodeLanguage, ViewCount: m.ViewCount,
		Stack: m.Stack, Tools: m.Tools, Checklist: m.Checklist, Notes: m.Notes,
		FlagAIGeneratedStyle: m.FlagAIGeneratedStyle, FlagHasImages: m.FlagHasImages, FlagImageHeavy: m.FlagImageHeavy, FlagNeedsHumanReview: m.FlagNeedsHumanReview,
		RevisionStatus: m.RevisionStatus, Reference: m.Reference, Hash: m.Hash,
		PayloadGenerator: m.PayloadGenerator, PayloadScenario: m.PayloadScenario, PayloadSeed: m.PayloadSeed,
		Tags: m.Tags, Authors: m.Authors,
		MetaUnknown: m.Unknown, SimilarPosts: p.SimilarPosts, Warnings: f.Warnings,

		ScorerVersion: prov.ScorerVersion, ModelName: prov.ModelName, ModelVersion: prov.ModelVersion, ModelHash: prov.ModelHash,
	}
	if r.PostID == "" {
		r.PostID = doc.DocPath
	}
	if p.RevisionVersion != "" {
		v := p.RevisionVersion
		r.RevisionVersion = &v
	}
	if m.ReviewDateKey != "" {
		k := m.ReviewDateKey
		r.ReviewDateKey = &k
	}
	if m.Present && m.Site != "" {
		site := m.Site
		r.Site = &site
	}
	if f.LastReviewed != nil {
		d := int32(*f.LastReviewed)
		r.LastReviewed = &d
	}
	for _, e := range m.Entities {
		r.Entities = append(r.Entities, EntityRow(e))
	}
	for _, s := range m.ImageSources {
		r.ImageSources = append(r.ImageSources, ImageSourceRow(s))
	}
	// The four scores' component rows, in one allocation.
	rows := make([]ComponentRow, len(s.Quality.Components)+len(s.Freshness.Components)+len(s.Depth.Components)+len(s.Clarity.Components))
	r.Quality, r.QualityExact = s.Quality.Value, s.Quality.Exact
	r.QualityComponents, rows = components(&s.Quality, rows)
	r.Freshness, r.FreshnessExact = s.Freshness.Value, s.Freshness.Exact
	r.FreshnessComponents, rows = components(&s.Freshness, rows)
	r.Depth, r.DepthExact = s.Depth.Value, s.Depth.Exact
	r.DepthComponents, rows = components(&s.Depth, rows)
	r.Clarity, r.ClarityExact = s.Clarity.Value, s.Clarity.Exact
	r.ClarityComponents, _ = components(&s.Clarity, rows)
	return r
}
