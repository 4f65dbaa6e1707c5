package features

// For the tests of package features_test, which may import scoring.
var (
	LoadYoastPairs = loadYoastPairs
	Spearman       = spearman
)
