// Package features measures posts: Measure turns a post.Post into its
// Features, the measured columns of METRICS.md sections 3 to 7 (structure
// and words, repetition and the Gopher set, readability, freshness, and
// what the meta claims against what the post holds). It composes package
// text's rules and package repetition's analysis of the words; the column
// registry names each numeric feature for the scoring models. It reads no
// files and knows nothing of Parquet or scores.
package features
