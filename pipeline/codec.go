package pipeline

import (
	"fmt"
	"runtime"
	"sync"

	kzstd "github.com/klauspost/compress/zstd"
	"github.com/parquet-go/parquet-go/compress/zstd"
)

// zstdCodec is parquet-go's zstd codec (same level and options, so the same
// bytes) with its encoders kept for the life of the process. parquet-go's
// own keeps its encoders in a pool that every garbage collection empties,
// and a new encoder allocates its history again: 150 MB of garbage on 20,000
// rows. The encoder holds one state a core, so that the columns of a row
// group can be compressed in parallel (flushColumns); each call's output
// does not depend on which state it gets.
type zstdCodec struct {
	zstd.Codec // Decode, String, CompressionCodec
	once       sync.Once
	enc        *kzstd.Encoder
	err        error
}

// sharedZstd is the codec of every Parquet file postscore writes.
var sharedZstd = &zstdCodec{Codec: zstd.Codec{Level: zstd.SpeedFastest}}

// Encode compresses src into dst[:0]. It is safe for concurrent use.
func (c *zstdCodec) Encode(dst, src []byte) ([]byte, error) {
	c.once.Do(func() {
		c.enc, c.err = kzstd.NewWriter(nil,
			kzstd.WithEncoderConcurrency(runtime.GOMAXPROCS(0)),
			kzstd.WithEncoderLevel(c.Level),
			kzstd.WithZeroFrames(true),
			kzstd.WithEncoderCRC(false),
		)
		if c.err != nil {
			c.err = fmt.Errorf("zstd encoder: %w", c.err)
		}
	})
	if c.err != nil {
		return nil, c.err
	}
	return c.enc.EncodeAll(src, dst[:0]), nil
}
