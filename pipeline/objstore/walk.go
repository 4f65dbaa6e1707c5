package objstore

import (
	"context"
	"io"
	"slices"
	"strings"
	"time"

	"gocloud.dev/blob"
)

// levelEntry is an object or a "directory" of one listing level, by its
// name in the level.
type levelEntry struct {
	name    string
	dir     bool
	size    int64
	modTime time.Time
}

// Walk calls fn with every object under the prefix in the same order as
// postscore's local directory walker (see the package doc): depth first,
// each level sorted by name in byte order, a directory compared by its name
// without the trailing "/". Entries whose name starts with "." are skipped
// and counted in hidden. Listing is streamed level by level (delimiter
// "/"): memory holds the listings of the current level and its ancestors,
// never the whole bucket. An error from fn ends the walk and is returned.
func (s *Store) Walk(ctx context.Context, fn func(Entry) error) (hidden int64, err error) {
	err = s.walkLevel(ctx, "", fn, &hidden)
	return hidden, err
}

func (s *Store) walkLevel(ctx context.Context, rel string, fn func(Entry) error, hidden *int64) error {
	entries, err := s.listLevel(ctx, rel, hidden)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.dir {
			if err := s.walkLevel(ctx, rel+e.name+"/", fn, hidden); err != nil {
				return err
			}
			continue
		}
		if err := fn(Entry{Key: rel + e.name, Size: e.size, ModTime: e.modTime}); err != nil {
			return err
		}
	}
	return nil
}

// listLevel lists the level rel ("" or ending in "/") with delimiter "/",
// sorted, without hidden entries (counted in hidden) and directory markers.
func (s *Store) listLevel(ctx context.Context, rel string, hidden *int64) ([]levelEntry, error) {
	at := s.prefix + rel
	it := s.b.List(&blob.ListOptions{Prefix: at, Delimiter: "/"})
	var entries []levelEntry
	for {
		obj, err := it.Next(ctx)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, s.wrap("listing", rel, err)
		}
		e := levelEntry{name: strings.TrimPrefix(obj.Key, at), dir: obj.IsDir, size: obj.Size, modTime: obj.ModTime}
		if e.dir {
			e.name = strings.TrimSuffix(e.name, "/")
		} else if e.name == "" {
			continue // a directory marker: the key of the level itself
		}
		if strings.HasPrefix(e.name, ".") {
			*hidden++
			continue
		}
		entries = append(entries, e)
	}
	sortLevel(entries)
	return entries, nil
}

// sortLevel sorts a level by name in byte order (as os.ReadDir does), an
// object before a directory of the same name. The listing comes sorted by
// key, in which a directory's "/" sorts after "." and "-": "a.txt" < "a/";
// only those places move.
func sortLevel(entries []levelEntry) {
	slices.SortStableFunc(entries, func(a, b levelEntry) int {
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		return boolInt(a.dir) - boolInt(b.dir)
	})
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
