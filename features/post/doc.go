// Package post reads the bytes of a post into a Post: decoding (FORMAT.md,
// Encoding), the export format (spec/FORMAT.md), Markdown as rendered
// (spec/MARKDOWN.md) with its YAML or TOML front matter, plain text, and
// the typed meta block. It measures nothing: package features does, from
// the Post.
//
// Parse, ParseMarkdown and ParsePlainText each make a Post; SniffFormat
// guesses which one a document needs when its container does not say. An
// input that is not a post is a *ParseError; a deviation inside a post is
// one of its Warnings, and the post is still read.
package post
