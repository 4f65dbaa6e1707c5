// Package scoring recomputes a post's quality, freshness, depth and clarity
// from its measured features with a scoring model: data, not code (a TOML
// file of components, each a feature, a curve and a weight), versioned and
// identified by the hash of its canonical form. It does no text handling
// and no I/O beyond loading a model.
package scoring

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/alphanode/postscore/features"
	"github.com/alphanode/postscore/features/minhash"
	"github.com/alphanode/postscore/features/post"
)

//go:embed default.toml
var defaultTOML []byte

// DefaultModelTOML is the embedded default model, as `postscore model` prints it.
func DefaultModelTOML() []byte { return bytes.Clone(defaultTOML) }

// ScoreIndex is one of the four scores. Whatever lists the scores (rows,
// reports, compare, explain) lists them in index order, quality first, and
// whatever holds a value per score is an array indexed by it.
type ScoreIndex uint8

// The four scores, in the order they are shown.
const (
	Quality ScoreIndex = iota
	Freshness
	Depth
	Clarity

	// NumScores is how many scores there are: the length of an array
	// indexed by ScoreIndex (`for k := range NumScores` visits each score).
	NumScores
)

// scoreNames are the scores' names: their columns in scores.parquet and
// their tables in a model file.
var scoreNames = [NumScores]string{Quality: "quality", Freshness: "freshness", Depth: "depth", Clarity: "clarity"}

// String is the score's name, such as "quality".
func (k ScoreIndex) String() string {
	if k < NumScores {
		return scoreNames[k]
	}
	return fmt.Sprintf("ScoreIndex(%d)", uint8(k))
}

// Names lists the scores' names in index order.
func Names() []string { return slices.Clone(scoreNames[:]) }

// ScoreNamed returns the score called name; ok is false when no score is.
func ScoreNamed(name string) (k ScoreIndex, ok bool) {
	for k := range NumScores {
		if scoreNames[k] == name {
			return k, true
		}
	}
	return 0, false
}

// computeOrder lists the scores in the order Model.Score computes them (and
// validate checks them): quality, which may use the others, last; the
// others in index order.
var computeOrder = func() (order [NumScores]ScoreIndex) {
	i := 0
	for k := range NumScores {
		if k != Quality {
			order[i] = k
			i++
		}
	}
	order[i] = Quality
	return order
}()

// scoreFeaturePrefix is how a quality component names another score: "score.depth".
const scoreFeaturePrefix = "score."

// Component is one term of a score: a feature mapped through a curve,
// weighted, and what it counts when the feature is null.
type Component struct {
	Feature string  `toml:"feature" json:"feature"`
	Curve   Curve   `toml:"curve" json:"curve"`
	Weight  float64 `toml:"weight" json:"weight"`
	Missing Missing `toml:"missing" json:"missing"`
	Why     string  `toml:"why,omitempty" json:"-"` // a note for people; not part of the hash
}

// Model is a scoring model.
type Model struct {
	Name         string      `toml:"name" json:"name"`
	Version      string      `toml:"version" json:"version"`
	HalfLifeDays float64     `toml:"half_life_days" json:"half_life_days"`
	Quality      []Component `toml:"quality" json:"quality"`
	Freshness    []Component `toml:"freshness" json:"freshness"`
	Depth        []Component `toml:"depth" json:"depth"`
	Clarity      []Component `toml:"clarity" json:"clarity"`
	// Duplicates are the near-duplicate signature's and clusters' numbers
	// (the [duplicates] table; minhash.DefaultParams where it is absent).
	Duplicates minhash.Params `toml:"duplicates" json:"duplicates"`

	hash string
	file string
	// prep holds, for each component (by score, then in file order), what
	// scoring a post looks up, worked out once.
	prep [NumScores][]prepared
}

// prepare works out what scoring needs of c.
func prepare(c *Component) prepared {
	p := prepared{curve: &c.Curve, desc: c.Curve.String()}
	if other, isScore := strings.CutPrefix(c.Feature, scoreFeaturePrefix); isScore {
		p.score, p.ofScore = ScoreNamed(other) // not ofScore for an unknown name: no value
	} else {
		p.get, _ = features.NumericValue(c.Feature) // nil for an unknown name: no value
	}
	return p
}

// prepared is what scoring needs of a component beyond its fields.
type prepared struct {
	curve   *Curve                                     // the component's curve: which component it was worked out for
	desc    string                                     // Curve.String(): every scored post reports it
	get     func(f *features.Features) (float64, bool) // the feature's value; nil for a score
	ofScore bool                                       // the feature is a score's exact value ("score.NAME")...
	score   ScoreIndex                                 // ... this score's
}

// value is the component's feature on f, or the score it names from done;
// ok is false when it is null (or the name is unknown).
func (p *prepared) value(f *features.Features, done *Scores) (v float64, ok bool) {
	switch {
	case p.get != nil:
		return p.get(f)
	case p.ofScore:
		if sc := done.At(p.score); sc != nil && sc.Exact != nil {
			return *sc.Exact, true
		}
	}
	return 0, false
}

// Components returns the components of score k.
func (m *Model) Components(k ScoreIndex) []Component {
	switch k {
	case Quality:
		return m.Quality
	case Freshness:
		return m.Freshness
	case Depth:
		return m.Depth
	case Clarity:
		return m.Clarity
	}
	return nil
}

// Hash is the sha256 of the model's canonical form (hex): its fields as
// compact JSON with components in file order; comments and "why" notes do
// not change it.
func (m *Model) Hash() string { return m.hash }

// File is where the model was loaded from ("(embedded default)" for the default).
func (m *Model) File() string { return m.file }

// The range of a model's numbers. Within it no sum, difference or quotient
// that Score works out can overflow, underflow to a subnormal or make NaN:
// a score sums at most a few thousand weights of at most MaxWeight, and a
// curve divides by differences of at most 2·MaxParam or by a scale of at
// least MinScale.
const (
	MinWeight = 1e-6 // a component's weight
	MaxWeight = 1e6
	MaxParam  = 1e12 // the absolute value of a curve parameter, and the largest half, half_life or half_life_days
	MinScale  = 1e-6 // the smallest half, half_life or half_life_days
)

// MaxModelBytes bounds a model file. The default model is 6 KB: a mebibyte
// is room for any model a person writes, and reading stops there.
const MaxModelBytes = 1 << 20

// ModelError is a mistake in a model file, with where it is.
type ModelError struct {
	File      string
	Score     string // "" for a model-level field
	Component int    // 1-based; 0 when not about one component
	Feature   string
	Problem   string
}

func (e *ModelError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Score != "" {
		fmt.Fprintf(&b, ": score %s", e.Score)
	}
	if e.Component > 0 {
		fmt.Fprintf(&b, ", component %d", e.Component)
		if e.Feature != "" {
			fmt.Fprintf(&b, " (%s)", e.Feature)
		}
	}
	b.WriteString(": ")
	b.WriteString(e.Problem)
	return b.String()
}

// DefaultModel returns the embedded default model.
func DefaultModel() *Model {
	m, err := ParseModel(defaultTOML, "(embedded default)")
	if err != nil {
		panic("the embedded default model is invalid: " + err.Error())
	}
	return m
}

func checkModelSize(file string, size int64) error {
	if size > MaxModelBytes {
		return &ModelError{File: file, Problem: fmt.Sprintf("is %d bytes, over the limit of %d bytes (1 MiB) for a model file", size, MaxModelBytes)}
	}
	return nil
}

// decodeModel parses a model that is within the limits; a test replaces it
// to see what reaches the parser.
var decodeModel = func(src string, m *Model) (toml.MetaData, error) { return toml.Decode(src, m) }

// ParseModel decodes and validates a model; file names it in errors.
func ParseModel(data []byte, file string) (*Model, error) {
	if err := checkModelSize(file, int64(len(data))); err != nil {
		return nil, err
	}
	if err := post.CheckTOMLNesting(string(data), post.MaxNestingDepth); err != nil {
		return nil, &ModelError{File: file, Problem: err.Error()}
	}
	m := Model{Duplicates: minhash.DefaultParams}
	md, err := decodeModel(string(data), &m)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &ModelError{File: file, Problem: fmt.Sprintf("line %d: %s", pe.Position.Line, pe.Message)}
		}
		return nil, &ModelError{File: file, Problem: err.Error()}
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, &ModelError{File: file, Problem: fmt.Sprintf("unknown key(s) %s (a model has name, version, half_life_days, and [[quality]], [[freshness]], [[depth]], [[clarity]] components of feature, curve, weight, missing, why, and a [duplicates] table of shingle_words, bins, bands, rows, threshold)", listKeys(und))}
	}
	m.file = file
	if err := m.validate(); err != nil {
		return nil, err
	}
	for k := range NumScores {
		comps := m.Components(k)
		m.prep[k] = make([]prepared, len(comps))
		for i := range comps {
			m.prep[k][i] = prepare(&comps[i])
		}
	}
	canon, err := json.Marshal(&m)
	if err != nil {
		return nil, fmt.Errorf("model %s: %w", file, err)
	}
	sum := sha256.Sum256(canon)
	m.hash = hex.EncodeToString(sum[:])
	return &m, nil
}

func (m *Model) validate() error {
	bad := func(score string, i int, feature, format string, args ...any) error {
		return &ModelError{File: m.file, Score: score, Component: i, Feature: feature, Problem: fmt.Sprintf(format, args...)}
	}
	if strings.TrimSpace(m.Name) == "" {
		return bad("", 0, "", "the model needs a name")
	}
	if strings.TrimSpace(m.Version) == "" {
		return bad("", 0, "", "the model needs a version")
	}
	if !inRange(m.HalfLifeDays, MinScale, MaxParam) {
		return bad("", 0, "", "half_life_days must be a number of days from %g to %g (got %g)", MinScale, MaxParam, m.HalfLifeDays)
	}
	if err := m.Duplicates.Validate(); err != nil {
		return bad("", 0, "", "[duplicates]: %v", err)
	}
	for _, k := range computeOrder {
		score, comps := k.String(), m.Components(k)
		if len(comps) == 0 {
			return bad(score, 0, "", "the score has no components (add at least one [[%s]] table)", score)
		}
		for i, c := range comps {
			n := i + 1
			if c.Feature == "" {
				return bad(score, n, "", "component has no feature")
			}
			if strings.HasPrefix(c.Feature, scoreFeaturePrefix) {
				other, known := ScoreNamed(strings.TrimPrefix(c.Feature, scoreFeaturePrefix))
				if k != Quality || !known || other == Quality {
					return bad(score, n, c.Feature, "only quality may use another score, and only score.freshness, score.depth or score.clarity")
				}
			} else if !features.IsNumeric(c.Feature) {
				return bad(score, n, c.Feature, "unknown feature %q (postscore schema lists them; for example %s)", c.Feature, nearest(c.Feature))
			}
			if !inRange(c.Weight, MinWeight, MaxWeight) {
				return bad(score, n, c.Feature, "weight must be from %g to %g (got %g)", MinWeight, MaxWeight, c.Weight)
			}
			if err := c.Curve.validate(); err != nil {
				return bad(score, n, c.Feature, "%v", err)
			}
			if err := c.Missing.validate(); err != nil {
				return bad(score, n, c.Feature, "%v", err)
			}
		}
	}
	return nil
}

// maxKeysListed bounds the unknown keys an error lists: a file may hold
// thousands.
const maxKeysListed = 5

// listKeys lists the first maxKeysListed keys, and how many more there are.
func listKeys(keys []toml.Key) string {
	names := make([]string, 0, maxKeysListed)
	for _, k := range keys[:min(len(keys), maxKeysListed)] {
		names = append(names, k.String())
	}
	list := strings.Join(names, ", ")
	if more := len(keys) - len(names); more > 0 {
		list += fmt.Sprintf(" and %d more", more)
	}
	return list
}

// inRange reports whether lo <= v <= hi (false for NaN).
func inRange(v, lo, hi float64) bool { return lo <= v && v <= hi }

// nearest suggests known features sharing the longest prefix with name.
func nearest(name string) string {
	names := features.NumericNames()
	best, bestLen := []string{}, -1
	for _, n := range names {
		l := 0
		for l < len(n) && l < len(name) && n[l] == name[l] {
			l++
		}
		switch {
		case l > bestLen:
			best, bestLen = []string{n}, l
		case l == bestLen:
			best = append(best, n)
		}
	}
	sort.Strings(best)
	if len(best) > 3 {
		best = best[:3]
	}
	return strings.Join(best, ", ")
}
