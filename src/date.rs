//! Calendar dates as writers write them, `YYYY-MM-DD`: the shape is checked here, whether the day
//! exists (month 13, February 30, leap years) is the `time` crate's; today's date for
//! `stackguide new`; and the one day a build judges reviews and support windows against.

use std::path::Path;

use time::{Date, Month, OffsetDateTime};

use crate::diagnostics::Diagnostic;

/// `text` as a date, when it is `YYYY-MM-DD` and that day exists; `None` otherwise.
pub(crate) fn parse(text: &str) -> Option<Date> {
    let shape = text.len() == 10
        && text.char_indices().all(|(i, c)| if i == 4 || i == 7 { c == '-' } else { c.is_ascii_digit() });
    if !shape {
        return None;
    }
    let number = |range: std::ops::Range<usize>| text.get(range)?.parse::<u16>().ok();
    let month = Month::try_from(u8::try_from(number(5..7)?).ok()?).ok()?;
    let day = u8::try_from(number(8..10)?).ok()?;
    Date::from_calendar_date(i32::from(number(0..4)?), month, day).ok()
}

/// `key: text` in `file` is not a `YYYY-MM-DD` date (the caller places it): the one message for
/// every date a writer gets wrong.
pub(crate) fn not_a_date(file: &Path, key: &str, text: &str) -> Diagnostic {
    Diagnostic::error(file, format!("`{key}: {text}` is not a date"))
        .with_help("write the date as YYYY-MM-DD, e.g. 2026-11-01")
}

/// `date` as `YYYY-MM-DD`.
pub(crate) fn format(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

/// Today (UTC), from the system clock, as `YYYY-MM-DD`.
pub(crate) fn today() -> String {
    format(OffsetDateTime::now_utc().date())
}

/// The environment variable that pins the build day, so CI runs and tests do not depend on the
/// clock.
pub(crate) const TODAY_VAR: &str = "STACKGUIDE_TODAY";

/// The day a build judges reviews and support windows against: `given` (from `BuildOptions`),
/// else [`TODAY_VAR`] when set, else the system clock (UTC). `Err` names where the text that is
/// not a date came from, and the text.
pub(crate) fn build_day(given: Option<&str>) -> Result<Date, (&'static str, String)> {
    let (from, text) = match given {
        Some(t) => ("BuildOptions::today", t.to_string()),
        None => match std::env::var(TODAY_VAR) {
            Ok(t) => (TODAY_VAR, t),
            Err(_) => return Ok(OffsetDateTime::now_utc().date()),
        },
    };
    parse(text.trim()).ok_or((from, text))
}

/// Whole days from `earlier` to `later` (negative when `later` comes first).
pub(crate) fn days_between(earlier: Date, later: Date) -> i64 {
    (later - earlier).whole_days()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_days_that_exist_are_dates() {
        for good in ["2026-11-01", "2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31"] {
            assert_eq!(parse(good).map(format).as_deref(), Some(good));
        }
        for bad in
            ["2026-13-45", "2026-02-30", "2025-02-29", "1900-02-29", "2026-00-10", "2026-04-31", "2026-01-00"]
        {
            assert_eq!(parse(bad), None, "{bad}");
        }
        for bad in
            ["1 Nov 2026", "2026-1-01", "2026/01/01", "+026-01-01", "2026-01-01T00:00", "２０２６-01-01"]
        {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_build_day_is_the_given_one_when_there_is_one() {
        let day = |t| build_day(Some(t)).map(format);
        assert_eq!(day("2026-12-01"), Ok("2026-12-01".to_string()));
        assert_eq!(day(" 2026-12-01\n"), Ok("2026-12-01".to_string()));
        assert_eq!(day("yesterday"), Err(("BuildOptions::today", "yesterday".to_string())));
    }

    #[test]
    fn days_between_counts_leap_days_and_signs() {
        let d = |t| parse(t).unwrap();
        assert_eq!(days_between(d("2024-02-28"), d("2024-03-01")), 2);
        assert_eq!(days_between(d("2025-12-01"), d("2026-12-01")), 365);
        assert_eq!(days_between(d("2026-12-01"), d("2026-11-30")), -1);
    }

    #[test]
    fn today_is_a_date() {
        let today = today();
        assert_eq!(parse(&today).map(format), Some(today.clone()));
        assert!(today.starts_with("20"), "{today}");
    }
}
