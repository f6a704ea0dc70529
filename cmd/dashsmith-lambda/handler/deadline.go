package handler

import (
	"context"
	"fmt"
	"time"
)

// DefaultMargin is how long before the function's deadline the handler
// stops working on files, to log what it did not finish and return a
// retryable error while Lambda still listens: a function killed by its
// timeout logs nothing of its own.
const DefaultMargin = 5 * time.Second

// beforeDeadline returns the context the files are worked on under: it
// ends the margin before ctx's deadline (a quarter of the time left when
// that is less, so that a short timeout still leaves time to work), with
// errDeadline as its cause. Without a deadline (outside Lambda) it sets
// none.
func (h *Handler) beforeDeadline(ctx context.Context) (context.Context, context.CancelFunc) {
	end, ok := ctx.Deadline()
	if !ok {
		return context.WithCancel(ctx)
	}
	margin := min(h.c.Margin, time.Until(end)/4)
	return context.WithDeadlineCause(ctx, end.Add(-margin), &deadlineError{margin: margin})
}

// deadlineError is the cause of the work context's end.
type deadlineError struct{ margin time.Duration }

func (e *deadlineError) Error() string {
	return fmt.Sprintf("stopped %s before the function's timeout: Lambda tries the event again, then sends it to the failure destination; raise the function's timeout (and memory, for more CPU) if files keep taking this long",
		e.margin.Round(time.Millisecond))
}

func (e *deadlineError) Unwrap() error { return context.DeadlineExceeded }
