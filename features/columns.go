package features

// GopherColumns names the Gopher repetition values by their column names.
func GopherColumns(g *Gopher) map[string]*float64 {
	m := map[string]*float64{
		"dup_para_frac":      g.DupParaFrac,
		"dup_para_char_frac": g.DupParaCharFrac,
		"dup_line_frac":      g.DupLineFrac,
		"dup_line_char_frac": g.DupLineCharFrac,
	}
	for i, name := range [...]string{"top_2_gram_char_frac", "top_3_gram_char_frac", "top_4_gram_char_frac"} {
		m[name] = g.TopNGramCharFrac[i]
	}
	for i, name := range [...]string{"dup_5_gram_char_frac", "dup_6_gram_char_frac", "dup_7_gram_char_frac", "dup_8_gram_char_frac", "dup_9_gram_char_frac", "dup_10_gram_char_frac"} {
		m[name] = g.DupNGramCharFrac[i]
	}
	return m
}
