package pipeline

import (
	"fmt"
	"time"

	"github.com/alphanode/postscore/features/post"
)

// partWriter is the write stage: it writes the scored inputs, in input
// order, into checkpointed parts of opts.CheckpointInputs inputs each
// (checkpoint.go), commits each part once it is full and copies it into the
// final files, keeps the run's counts, and stops the run at --max-errors.
type partWriter struct {
	run          *prepared
	st           Stats // the run's counts, the kept parts' included
	cur, prev    *part // the part being written, the last one committed
	err          error // what stopped the writing: the run fails on it
	lastProgress time.Time
}

func newPartWriter(r *prepared) *partWriter {
	return &partWriter{run: r, st: r.kept, lastProgress: time.Now()}
}

// write writes one scored input into the current part, and commits the
// part when it is full.
func (w *partWriter) write(res scoredInput) error {
	opts := &w.run.opts
	err := w.add(&res)
	if err == nil && opts.MaxErrors >= 0 && w.st.Errors > opts.MaxErrors {
		err = fmt.Errorf("%w: %d error rows, over --max-errors %d (see the reasons with --max-errors -1, or fix the inputs)", ErrTooManyErrors, w.st.Errors, opts.MaxErrors)
	}
	if err == nil && w.cur.info.Inputs == opts.CheckpointInputs {
		err = w.commitPart(false)
	}
	if err != nil {
		w.err = err
		return err
	}
	w.progress(false)
	return nil
}

// add writes res into the current part (starting one when none is open),
// and tells opts.OnRow or opts.OnError.
func (w *partWriter) add(res *scoredInput) error {
	if w.cur == nil {
		p, err := newPart(w.run.work, len(w.run.state.Parts), w.run.opts.RowGroupRows, w.prev)
		if err != nil {
			return err
		}
		w.cur = p
	}
	if err := collect(res, w.cur, &w.st, w.run.man); err != nil {
		return err
	}
	switch opts := &w.run.opts; {
	case res.row != nil && opts.OnRow != nil:
		opts.OnRow(res.row)
	case res.err != nil && opts.OnError != nil:
		opts.OnError(res.err)
	}
	return nil
}

// collect adds one input's result to the part and the counts.
func collect(r *scoredInput, p *part, st *Stats, man *Manifest) error {
	p.hashPath(r.docPath)
	p.listInput(r.docPath, r.src)
	p.info.LastDocPath = r.docPath
	p.info.Inputs++
	p.info.Bytes += r.bytes
	st.Inputs++
	st.Bytes += r.bytes
	if r.row != nil {
		st.Rows++
		p.info.Rows++
		if len(r.row.Warnings) > 0 {
			man.PostsWithWarning++
			p.info.PostsWithWarning++
		}
		for _, w := range r.row.Warnings {
			k := post.WarningKind(w)
			man.WarningsByKind[k]++
			p.info.WarningsByKind[k]++
			st.Warnings++
			p.info.Warnings++
		}
		return p.scores.Write(*r.row)
	}
	st.Errors++
	p.info.Errors++
	man.ErrorsByKind[r.err.Kind]++
	p.info.ErrorsByKind[r.err.Kind]++
	return p.errs.Write(*r.err)
}

// commitPart commits the current part as a checkpoint: synced, in the
// state, copied into the final files. The last part is not checkpointed:
// the final files are assembled and synced right after it, and a run
// killed before they are in place resumes from the part before it.
func (w *partWriter) commitPart(last bool) error {
	r := w.run
	if err := w.cur.commit(!last); err != nil {
		return err
	}
	r.state.Parts = append(r.state.Parts, w.cur.info)
	w.cur, w.prev = nil, w.cur
	if last {
		return nil
	}
	if err := r.state.write(r.work); err != nil {
		return err
	}
	return r.final.add(r.work, r.state.Parts)
}

// encodeLast encodes the last part's pages on every core: the workers are
// done, and the reports have not yet taken one.
func (w *partWriter) encodeLast() error {
	if w.cur != nil && w.cur.info.Inputs > 0 {
		w.err = w.cur.scores.flushColumns(w.run.opts.Workers)
	}
	return w.err
}

// commitLast commits the last part, if any (commitPart).
func (w *partWriter) commitLast() error {
	if w.cur != nil && w.cur.info.Inputs > 0 {
		w.err = w.commitPart(true)
	}
	return w.err
}

// stop drops the part being written, if any (the run failed or was
// interrupted before it could be committed), and shows the final counts.
func (w *partWriter) stop() {
	if w.cur != nil {
		w.cur.abort()
	}
	w.progress(true)
}

// progress shows the counts, every 200 ms at most unless final.
func (w *partWriter) progress(final bool) {
	p := w.run.opts.Progress
	if p == nil || !final && time.Since(w.lastProgress) < 200*time.Millisecond {
		return
	}
	w.lastProgress = time.Now()
	w.st.Total, w.st.Elapsed = w.run.total.Load(), time.Since(w.run.begin)
	p.Update(w.st)
}
