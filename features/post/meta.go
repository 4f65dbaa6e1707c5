package post

import (
	"slices"
	"strconv"
	"strings"
)

type metaForm uint8

const (
	formInline  metaForm = iota + 1 // value on the key's line
	formList                        // • items
	formKV                          // • k: v items
	formRecords                     // • k: v items, a repeated key starts a new record
)

// metaKeys are FORMAT.md's known meta keys.
var metaKeys = []struct {
	key  string
	form metaForm
}{
	{"topic", formInline}, {"summary", formInline}, {"ai outline", formKV},
	{"ai brief", formInline}, {"stack", formList}, {"tools", formList},
	{"code language", formInline}, {"difficulty", formInline},
	{"reading time", formInline}, {"view count", formInline}, {"score", formKV},
	{"revision", formKV}, {"reference", formInline}, {"hash", formInline},
	{"flags", formKV}, {"checklist", formList}, {"entities", formRecords},
	{"image sources", formRecords}, {"payload", formKV}, {"notes", formList},
}

// metaKeysByFirst lists metaKeys by their first byte, the longest first.
var metaKeysByFirst = func() (by [256][]int) {
	for i, k := range metaKeys {
		by[k.key[0]] = append(by[k.key[0]], i)
	}
	for _, ks := range by {
		slices.SortStableFunc(ks, func(a, b int) int { return len(metaKeys[b].key) - len(metaKeys[a].key) })
	}
	return by
}()

// splitMetaKey splits a column-0 meta line at the longest known key that is
// a prefix of it (the export lost the separator: "topicfoo" is topic = foo).
func splitMetaKey(l string) (key string, form metaForm, value string, ok bool) {
	for _, i := range metaKeysByFirst[l[0]] {
		if k := &metaKeys[i]; strings.HasPrefix(l, k.key) {
			return k.key, k.form, strings.TrimSpace(l[len(k.key):]), true
		}
	}
	return "", 0, "", false
}

// metaItem returns the text of an indented "• item" line.
func metaItem(l string) (string, bool) {
	t := trimBlanks(l)
	if len(t) == len(l) {
		return "", false
	}
	for _, m := range []string{"• ", "- ", "* ", "· "} {
		if strings.HasPrefix(t, m) {
			return strings.TrimSpace(t[len(m):]), true
		}
	}
	if t == "•" {
		return "", true
	}
	return "", false
}

// splitItem splits an item "k: v" at the first ": ".
func splitItem(item string) (k, v string, ok bool) {
	i := strings.Index(item, ": ")
	if i < 0 {
		if strings.HasSuffix(item, ":") {
			return strings.TrimSpace(item[:len(item)-1]), "", true
		}
		return "", "", false
	}
	return strings.TrimSpace(item[:i]), strings.TrimSpace(item[i+2:]), true
}

type metaParser struct {
	p      *Post
	m      *Meta
	seen   []string // keys seen (a meta block has a dozen)
	warned []string // warnings given once per post
	// the list being filled
	key   string
	form  metaForm
	inRec bool     // a record is being filled
	rec   []string // keys of the record being filled
}

func (mp *metaParser) warn(w string) { mp.p.Warnings = append(mp.p.Warnings, w) }

// warnOnce gives warning w unless the post has it already.
func (mp *metaParser) warnOnce(w string) {
	if slices.Contains(mp.warned, w) {
		return
	}
	mp.warned = append(mp.warned, w)
	mp.warn(w)
}

// bad warns that key's value raw does not parse.
func (mp *metaParser) bad(key, raw string) {
	mp.warn(WarnBadMetaValue + ": " + key + " = " + strconv.Quote(raw))
}

// parseMeta reads the meta block's lines (after the header, before the trailer).
func parseMeta(p *Post, lines []string) {
	var seen [24]string // a meta block has a dozen keys
	mp := &metaParser{p: p, m: &p.Meta, seen: seen[:0]}
	for _, l := range lines {
		if isBlank(l) {
			continue
		}
		if item, ok := metaItem(l); ok {
			mp.item(l, item)
			continue
		}
		if l[0] == ' ' || l[0] == '\t' {
			mp.unknown(l)
			continue
		}
		key, form, value, ok := splitMetaKey(l)
		if !ok {
			mp.unknown(l)
			continue
		}
		if slices.Contains(mp.seen, key) {
			mp.warn(WarnDuplicateMetaKey + ": " + key)
		} else {
			mp.seen = append(mp.seen, key)
		}
		mp.key, mp.form, mp.inRec, mp.rec = key, form, false, mp.rec[:0]
		if form == formInline {
			mp.inline(key, value)
			mp.key = ""
			continue
		}
		if value != "" {
			// A list key with a value on its line: keep the value as its first item.
			mp.warn(WarnListValueInline + ": " + key + " = " + strconv.Quote(value))
			mp.item(l, value)
		}
		if key == "image sources" {
			mp.m.HasImageSources = true
		}
	}
}

// unknown keeps a line with no known key, verbatim, with a warning.
func (mp *metaParser) unknown(l string) {
	mp.m.Unknown = append(mp.m.Unknown, strings.TrimSpace(l))
	mp.warnOnce(WarnUnknownMetaKey)
}

func strp(s string) *string { return &s }

// parseInt reads an integer; bits bounds it (a claimed count or score must
// fit in 32 bits, the Parquet INT32 it is stored in).
func (mp *metaParser) parseInt(key, sub, v string, bits int) *int64 {
	n, err := strconv.ParseInt(strings.ReplaceAll(v, ",", ""), 10, bits)
	if err != nil {
		mp.bad(metaName(key, sub), v)
		return nil
	}
	return &n
}

// metaName names a meta key, or one of its sub-keys ("score.quality"), in
// warnings; it is built only for one.
func metaName(key, sub string) string {
	if sub == "" {
		return key
	}
	return key + "." + sub
}

// inline sets the value v of an inline key.
func (mp *metaParser) inline(key, v string) {
	m := mp.m
	if v == "" {
		return
	}
	switch key {
	case "topic":
		m.Topic = strp(v)
	case "summary":
		m.Summary = strp(v)
	case "ai brief":
		m.AIBrief = strp(v)
	case "code language":
		m.CodeLanguage = strp(v)
	case "difficulty":
		m.Difficulty = strp(v)
	case "reference":
		m.Reference = strp(v)
	case "hash":
		m.Hash = strp(v)
	case "reading time":
		m.ReadingTime = mp.parseInt(key, "", v, 32)
	case "view count":
		m.ViewCount = mp.parseInt(key, "", v, 64)
	}
}

// item reads an item of the list being filled, from its line.
func (mp *metaParser) item(line, item string) {
	m := mp.m
	switch mp.form {
	case formList:
		switch mp.key {
		case "stack":
			m.Stack = append(m.Stack, item)
		case "tools":
			m.Tools = append(m.Tools, item)
		case "checklist":
			m.Checklist = append(m.Checklist, item)
		case "notes":
			m.Notes = append(m.Notes, item)
		}
	case formKV:
		k, v, ok := splitItem(item)
		if !ok {
			mp.bad(mp.key, item)
			return
		}
		mp.kv(k, v)
	case formRecords:
		k, v, ok := splitItem(item)
		if !ok {
			mp.bad(mp.key, item)
			return
		}
		mp.record(k, v)
	default:
		m.Unknown = append(m.Unknown, strings.TrimSpace(line))
		mp.warnOnce(WarnOrphanMetaItem)
	}
}

// isVersion reports whether v is a dotted version: 1, 1.4, 1.4.3, 1.10.0,
// with an optional leading v (the regexp ^v?[0-9]+(\.[0-9]+)*$).
func isVersion(v string) bool {
	v = strings.TrimPrefix(v, "v")
	digits := 0 // in the current part
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case '0' <= c && c <= '9':
			digits++
		case c == '.' && digits > 0:
			digits = 0
		default:
			return false
		}
	}
	return digits > 0
}

// kv sets sub-key k of the key being filled (ai outline, score,
// revision, flags, payload) to v.
func (mp *metaParser) kv(k, v string) {
	m := mp.m
	// mp.key + "." + k, without building it.
	full := len(mp.key) + 1 + len(k)
	at := func(name string) bool {
		return len(name) == full && name[len(mp.key)] == '.' && name[:len(mp.key)] == mp.key && name[len(mp.key)+1:] == k
	}
	switch {
	case at("ai outline.context"):
		m.OutlineContext = strp(v)
	case at("ai outline.problem"):
		m.OutlineProblem = strp(v)
	case at("ai outline.stack"):
		m.OutlineStack = strp(v)
	case at("ai outline.recommended action"):
		m.OutlineAction = strp(v)
	case at("score.quality"):
		m.ClaimedQuality = mp.score(mp.key, k, v)
	case at("score.freshness"):
		m.ClaimedFreshness = mp.score(mp.key, k, v)
	case at("score.depth"):
		m.ClaimedDepth = mp.score(mp.key, k, v)
	case at("score.clarity"):
		m.ClaimedClarity = mp.score(mp.key, k, v)
	case at("revision.status"):
		m.RevisionStatus = strp(v)
	case at("revision.version"):
		if !isVersion(v) {
			mp.bad(metaName(mp.key, k), v)
			return
		}
		m.RevisionVersion = strp(strings.TrimPrefix(v, "v"))
	case at("revision.last reviewed"):
		d, err := ParseDate(v)
		if err != nil {
			mp.bad(metaName(mp.key, k), v)
			return
		}
		m.LastReviewed = &d
	case at("flags.ai generated style"):
		m.FlagAIGeneratedStyle = mp.flag(mp.key, k, v)
	case at("flags.has images"):
		m.FlagHasImages = mp.flag(mp.key, k, v)
	case at("flags.image heavy"):
		m.FlagImageHeavy = mp.flag(mp.key, k, v)
	case at("flags.needs human review"):
		m.FlagNeedsHumanReview = mp.flag(mp.key, k, v)
	case at("payload.source id"):
		m.PayloadSourceID = strp(v)
	case at("payload.generator"):
		m.PayloadGenerator = strp(v)
	case at("payload.scenario"):
		m.PayloadScenario = strp(v)
	case at("payload.paragraphs"):
		m.PayloadParagraphs = mp.parseInt(mp.key, k, v, 32)
	case at("payload.seed"):
		m.PayloadSeed = mp.parseInt(mp.key, k, v, 64)
	default:
		m.Unknown = append(m.Unknown, metaName(mp.key, k)+": "+v)
		mp.warnOnce(WarnUnknownMetaSubkey)
	}
}

// score reads a claimed score, warning when it is outside 0..100.
func (mp *metaParser) score(key, sub, v string) *int64 {
	n := mp.parseInt(key, sub, v, 32)
	if n != nil && (*n < 0 || *n > 100) {
		mp.warn(WarnScoreOutOfRange + ": " + metaName(key, sub) + " = " + strconv.FormatInt(*n, 10))
	}
	return n
}

// flag reads a flag: 0 or 1.
func (mp *metaParser) flag(key, sub, v string) *bool {
	switch v {
	case "0":
		b := false
		return &b
	case "1":
		b := true
		return &b
	}
	mp.bad(metaName(key, sub), v)
	return nil
}

// record sets field k of the record being filled to v; a field the
// record has already starts a new record.
func (mp *metaParser) record(k, v string) {
	m := mp.m
	if !mp.inRec || slices.Contains(mp.rec, k) {
		mp.inRec, mp.rec = true, mp.rec[:0]
		switch mp.key {
		case "entities":
			m.Entities = append(m.Entities, Entity{})
		case "image sources":
			m.ImageSources = append(m.ImageSources, ImageSource{})
		}
	}
	mp.rec = append(mp.rec, k)
	known := false
	switch mp.key {
	case "entities":
		known = m.Entities[len(m.Entities)-1].set(k, v)
	case "image sources":
		known = m.ImageSources[len(m.ImageSources)-1].set(k, v)
	}
	if !known {
		m.Unknown = append(m.Unknown, mp.key+"."+k+": "+v)
		mp.warnOnce(WarnUnknownMetaSubkey)
	}
}

// set sets the entity's field k to v, and reports whether it has one.
func (e *Entity) set(k, v string) bool {
	switch k {
	case "name":
		e.Name = v
	case "type":
		e.Type = v
	default:
		return false
	}
	return true
}

// set sets the image source's field k to v, and reports whether it has one.
func (s *ImageSource) set(k, v string) bool {
	switch k {
	case "source":
		s.Source = v
	case "url":
		s.URL = v
	case "caption":
		s.Caption = v
	default:
		return false
	}
	return true
}
