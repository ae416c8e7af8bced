//! Time budgets for analysers, checked cooperatively.
//!
//! [`Pipeline`](crate::Pipeline) can give every analyser a budget of time per document
//! ([`Pipeline::budget`](crate::Pipeline::budget)). Analysers call [`checkpoint`] in the loops whose
//! length grows with the document (per sentence, per mention, per candidate); past the
//! deadline, or once the run is stopped, the checkpoint unwinds to the pipeline, which already
//! guards every analyser call and reports an [`Exceeded`] unwind as that analyser's error on
//! that document. The other analysers' results stay; analysers requiring the stopped one report
//! the missing requirement, as for any failure.
//!
//! Why this shape: a thread cannot be stopped from outside, a thread (or process) per document
//! would cost more than most analyses, and a watchdog that gave up waiting would leave the work
//! running. A checkpoint is a thread-local read and, every few calls, a clock read: cheap
//! enough for per-sentence loops. Outside a budgeted pipeline call (an analyser called
//! directly, a test) a checkpoint does nothing. The budget reads the clock, so only a document
//! that hits it can be analysed differently from one run to the next; on ordinary input no
//! checkpoint fires and output stays byte-identical for any thread count.
//!
//! The unwind uses [`std::panic::resume_unwind`], which skips the panic hook: nothing is printed.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Checkpoints between two reads of the clock.
const TICKS_PER_CLOCK_READ: u32 = 16;

/// The payload of the unwind a [`checkpoint`] starts; the pipeline turns it into an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exceeded {
    /// The analyser used up its time on this document.
    Time(Duration),
    /// The run is stopping (an interrupt): the document's record will not be written.
    Stopped,
}

impl std::fmt::Display for Exceeded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Time(d) => write!(
                f,
                "stopped after its time budget of {} s for one document",
                d.as_secs_f64()
            ),
            Self::Stopped => f.write_str("stopped: the run was interrupted"),
        }
    }
}

struct Budget {
    deadline: Option<Instant>,
    allowed: Duration,
    stop: Option<Arc<AtomicBool>>,
    ticks: u32,
}

thread_local! {
    static CURRENT: RefCell<Option<Budget>> = const { RefCell::new(None) };
}

/// Unwinds to the pipeline when the current analyser is over its budget or the run is
/// stopping; does nothing otherwise (and outside a budgeted call).
#[inline]
pub fn checkpoint() {
    let hit = CURRENT.with(|c| {
        let mut c = c.borrow_mut();
        let b = c.as_mut()?;
        b.ticks += 1;
        if b.ticks < TICKS_PER_CLOCK_READ {
            return None;
        }
        b.ticks = 0;
        if b.stop.as_ref().is_some_and(|s| s.load(Ordering::Relaxed)) {
            return Some(Exceeded::Stopped);
        }
        b.deadline
            .is_some_and(|d| Instant::now() >= d)
            .then_some(Exceeded::Time(b.allowed))
    });
    if let Some(e) = hit {
        std::panic::resume_unwind(Box::new(e));
    }
}

/// Sets the budget of the calling thread until the guard is dropped.
pub(crate) fn enter(allowed: Option<Duration>, stop: Option<Arc<AtomicBool>>) -> Guard {
    let budget = Budget {
        deadline: allowed.and_then(|a| Instant::now().checked_add(a)),
        allowed: allowed.unwrap_or_default(),
        stop,
        ticks: 0,
    };
    let previous = CURRENT.with(|c| c.replace(Some(budget)));
    Guard { previous }
}

/// Restores the previous budget (none, outside nested pipelines) when dropped.
pub(crate) struct Guard {
    previous: Option<Budget>,
}

impl Drop for Guard {
    fn drop(&mut self) {
        let previous = self.previous.take();
        CURRENT.with(|c| *c.borrow_mut() = previous);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_checkpoint_fires_only_inside_an_expired_budget() {
        // outside any budget: nothing happens
        for _ in 0..100 {
            checkpoint();
        }
        let caught = std::panic::catch_unwind(|| {
            let _g = enter(Some(Duration::ZERO), None);
            for _ in 0..100 {
                checkpoint();
            }
        });
        let payload = caught.expect_err("an expired budget unwinds");
        assert_eq!(
            payload.downcast_ref::<Exceeded>(),
            Some(&Exceeded::Time(Duration::ZERO))
        );
        // the guard was dropped by the unwind: no budget any more
        for _ in 0..100 {
            checkpoint();
        }
        let stop = Arc::new(AtomicBool::new(true));
        let caught = std::panic::catch_unwind(|| {
            let _g = enter(Some(Duration::from_secs(3600)), Some(stop));
            for _ in 0..100 {
                checkpoint();
            }
        });
        assert_eq!(
            caught.unwrap_err().downcast_ref::<Exceeded>(),
            Some(&Exceeded::Stopped)
        );
        let _g = enter(Some(Duration::from_secs(3600)), None);
        for _ in 0..1000 {
            checkpoint();
        }
    }
}
