//! The limiter's pure core: which calls may leave now, given when earlier calls were
//! answered. No clock and no waiting here; `RateLimiter` supplies both.
//!
//! A call takes a place when it leaves and keeps it while it is in flight and for
//! one `span` after its answer. Anchoring the span at the answer rather than at the
//! send is what makes the bound hold at the server: the server counted the call at
//! some moment before its answer came back, so a place freed `span` after the answer
//! is freed at least `span` after the server's count, whatever the network delays.

use std::collections::VecDeque;
use std::time::Duration;

use tokio::time::Instant;

/// The longest a window ever asks to wait: the span at the lowest rate (0.1 per
/// second, one call in 10 s).
pub(super) const MAX_WAIT: Duration = Duration::from_secs(10);

/// The most places one window has: keeps the record of answers small at huge rates
/// (above it the span just gets shorter than a second).
pub(super) const MAX_PLACES: usize = 1000;

/// What a call must do before it may leave.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Wait {
    /// Until a place frees after this long.
    For(Duration),
    /// Until a call in flight is answered (every place is held by one).
    ForAnAnswer,
}

/// At most `places` calls in flight or answered within the last `span`.
#[derive(Debug)]
pub(super) struct Window {
    rate: f64,
    places: usize,
    span: Duration,
    in_flight: usize,
    /// When recent calls were answered, oldest first; those older than `span` are
    /// dropped as they are seen.
    answered: VecDeque<Instant>,
}

/// The shape for a rate: `places` = ⌊rate⌋ (at least 1, at most [`MAX_PLACES`]) per
/// `places / rate` seconds, so the long-run rate is `rate` and a whole-number rate
/// gets exactly "`rate` calls per second".
fn shape(rate: f64) -> (usize, Duration) {
    // Callers give a rate in 0.1..=1e6, so the cast and the division are finite; the
    // fallback only keeps a future change from turning into a panic.
    let places = (rate.floor() as usize).clamp(1, MAX_PLACES);
    let span = Duration::try_from_secs_f64(places as f64 / rate).unwrap_or(MAX_WAIT);
    (places, span.min(MAX_WAIT))
}

impl Window {
    pub(super) fn new(rate: f64) -> Self {
        let (places, span) = shape(rate);
        Window {
            rate,
            places,
            span,
            in_flight: 0,
            answered: VecDeque::new(),
        }
    }

    pub(super) fn rate(&self) -> f64 {
        self.rate
    }

    /// Changes the shape; calls in flight and recent answers keep their places.
    pub(super) fn set_rate(&mut self, rate: f64) {
        let (places, span) = shape(rate);
        self.rate = rate;
        self.places = places;
        self.span = span;
    }

    /// Takes a place for a call leaving at `now`, or says what to wait for.
    pub(super) fn try_take(&mut self, now: Instant) -> Result<(), Wait> {
        while let Some(&first) = self.answered.front() {
            if first + self.span <= now {
                self.answered.pop_front();
            } else {
                break;
            }
        }
        if self.in_flight + self.answered.len() < self.places {
            self.in_flight += 1;
            return Ok(());
        }
        match self.answered.front() {
            Some(&first) => Err(Wait::For((first + self.span - now).min(MAX_WAIT))),
            None => Err(Wait::ForAnAnswer),
        }
    }

    /// The call that took a place was answered (or given up) at `now`.
    pub(super) fn answered(&mut self, now: Instant) {
        self.in_flight = self.in_flight.saturating_sub(1);
        self.answered.push_back(now);
        // More answers than places can never matter: only the latest `places` may
        // still hold a place (and after a rate change, fewer).
        while self.answered.len() > MAX_PLACES {
            self.answered.pop_front();
        }
    }

    #[cfg(test)]
    pub(super) fn held(&self) -> (usize, usize) {
        (self.in_flight, self.answered.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn shapes_of_whole_fractional_slow_and_huge_rates() {
        assert_eq!(shape(20.0), (20, Duration::from_secs(1)));
        assert_eq!(shape(2.5), (2, ms(800)));
        assert_eq!(shape(1.0), (1, Duration::from_secs(1)));
        assert_eq!(shape(0.5), (1, Duration::from_secs(2)));
        assert_eq!(shape(0.1), (1, Duration::from_secs(10)));
        assert_eq!(shape(1e6), (MAX_PLACES, ms(1)));
    }

    #[test]
    fn a_place_is_held_in_flight_and_for_a_span_after_the_answer() {
        let t0 = Instant::now();
        let mut w = Window::new(2.0);
        assert_eq!(w.try_take(t0), Ok(()));
        assert_eq!(w.try_take(t0), Ok(()));
        assert_eq!(w.try_take(t0), Err(Wait::ForAnAnswer));
        w.answered(t0 + ms(300));
        // Answered at 300 ms: its place frees at 1300 ms, not 1000 ms after the send.
        assert_eq!(w.try_take(t0 + ms(1000)), Err(Wait::For(ms(300))));
        assert_eq!(w.try_take(t0 + ms(1299)), Err(Wait::For(ms(1))));
        assert_eq!(w.try_take(t0 + ms(1300)), Ok(()));
        assert_eq!(w.held(), (2, 0));
    }

    #[test]
    fn the_oldest_answer_frees_first() {
        let t0 = Instant::now();
        let mut w = Window::new(2.0);
        w.try_take(t0).expect("place");
        w.try_take(t0).expect("place");
        w.answered(t0 + ms(10));
        w.answered(t0 + ms(40));
        assert_eq!(w.try_take(t0 + ms(500)), Err(Wait::For(ms(510))));
        assert_eq!(w.try_take(t0 + ms(1010)), Ok(()));
        assert_eq!(w.try_take(t0 + ms(1010)), Err(Wait::For(ms(30))));
        assert_eq!(w.held(), (1, 1));
    }

    #[test]
    fn a_lower_rate_counts_the_places_already_held() {
        let t0 = Instant::now();
        let mut w = Window::new(10.0);
        for _ in 0..3 {
            w.try_take(t0).expect("place");
            w.answered(t0);
        }
        w.set_rate(2.0);
        assert_eq!(w.rate(), 2.0);
        assert_eq!(w.try_take(t0 + ms(999)), Err(Wait::For(ms(1))));
        assert_eq!(w.try_take(t0 + ms(1000)), Ok(()));
    }

    #[test]
    fn the_record_of_answers_stays_bounded() {
        let t0 = Instant::now();
        let mut w = Window::new(1.0);
        for _ in 0..(3 * MAX_PLACES) {
            w.answered(t0);
        }
        assert_eq!(w.held(), (0, MAX_PLACES));
    }
}
