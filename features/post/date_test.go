package post

import (
	"testing"
	"time"
)

// farZone is a machine zone far from every offset these tests write, so
// that a date read in the machine's zone shows: at 2019-05-13T23:30:00-05:00
// it is already 2019-05-14 18:30 there (UTC+14).
var farZone = time.FixedZone("UTC+14", 14*3600)

// inFarZone runs the test with farZone as the machine's zone.
func inFarZone(t *testing.T) {
	t.Helper()
	local := time.Local
	time.Local = farZone
	t.Cleanup(func() { time.Local = local })
}

// The timestamps of these tests, each with its calendar day as written
// and, worked out by hand, its day in UTC, which differs for the first and
// the last.
var writtenDays = []struct{ stamp, day, utcDay string }{
	{"2019-05-13T23:30:00-05:00", "2019-05-13", "2019-05-14"}, // late evening west of UTC: 04:30 next day in UTC
	{"2019-05-13T23:30:00Z", "2019-05-13", "2019-05-13"},
	{"2019-05-13T23:30:00+09:00", "2019-05-13", "2019-05-13"}, // late evening east of UTC: 14:30 the same day in UTC
	{"2019-05-14T00:30:00+09:00", "2019-05-14", "2019-05-13"}, // early morning east of UTC: 15:30 the day before in UTC
}

// TestCalendarDate: a time's date is its calendar day in its own offset,
// whatever the machine's zone; DateOf stays the UTC day.
func TestCalendarDate(t *testing.T) {
	inFarZone(t)
	for _, c := range writtenDays {
		tm, err := time.Parse(time.RFC3339, c.stamp)
		if err != nil {
			t.Fatal(err)
		}
		if got := CalendarDate(tm).String(); got != c.day {
			t.Errorf("CalendarDate(%s) = %s, want %s", c.stamp, got, c.day)
		}
		if got := DateOf(tm).String(); got != c.utcDay {
			t.Errorf("DateOf(%s) = %s, want the UTC day %s", c.stamp, got, c.utcDay)
		}
	}
}

// TestFrontMatterDateKeepsItsDay (MARKDOWN.md section 1, "Dates"): a
// front-matter date keeps the calendar day it was written on, in YAML
// (decoded to a time), TOML (an offset date-time) and JSON (a string).
func TestFrontMatterDateKeepsItsDay(t *testing.T) {
	inFarZone(t)
	for _, c := range writtenDays {
		for _, fm := range []struct{ delim, src string }{
			{yamlDelim, "date: " + c.stamp},
			{tomlDelim, "date = " + c.stamp},
			{jsonDelim, `{"date": "` + c.stamp + `"}`},
		} {
			p := &Post{}
			read := readFrontMatter(fm.delim, fm.src)
			applyFrontMatter(p, read)
			got := "none"
			if p.Meta.LastReviewed != nil {
				got = p.Meta.LastReviewed.String()
			}
			if got != c.day || p.Meta.ReviewDateKey != "date" || len(read.warnings)+len(p.Warnings) != 0 {
				t.Errorf("%s %q: date %s from %q, warnings %q %q; want %s from date", frontMatterLanguage[fm.delim], fm.src, got, p.Meta.ReviewDateKey, read.warnings, p.Warnings, c.day)
			}
		}
	}
}

// TestFrontMatterDateDecodesToATime: the YAML and TOML readers give the
// timestamps of TestFrontMatterDateKeepsItsDay as times, not as text, so
// that test goes through CalendarDate for them.
func TestFrontMatterDateDecodesToATime(t *testing.T) {
	for _, fm := range []struct{ delim, src string }{
		{yamlDelim, "date: 2019-05-13T23:30:00-05:00"},
		{tomlDelim, "date = 2019-05-13T23:30:00-05:00"},
	} {
		v := readFrontMatter(fm.delim, fm.src).values["date"]
		if _, ok := v.(time.Time); !ok {
			t.Errorf("%s: date is a %T, not a time.Time", frontMatterLanguage[fm.delim], v)
		}
	}
}
