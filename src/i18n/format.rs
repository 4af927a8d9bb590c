//! Dates and numbers in a language. fluent-rs does not implement Fluent's `DATETIME` and
//! `NUMBER`, so each catalogue carries its formats as messages: `format-date` (with `$day`,
//! `$month`, `$year`), `format-datetime` (`$date`, `$hour`, `$minute`), the month names
//! `format-month-1` … `format-month-12`, and the separators `format-number-group` and
//! `format-number-decimal`. Times are UTC, as the pages say.

use fluent_bundle::{FluentArgs, FluentValue};

use super::Catalogues;

fn datetime(ms: i64) -> Option<time::OffsetDateTime> {
    time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000)).ok()
}

/// `21 Nov 2026` in English; empty for a time out of range.
pub fn date(cats: &Catalogues, locale: &str, ms: i64) -> String {
    datetime(ms).map_or_else(String::new, |t| date_of(cats, locale, &t))
}

fn date_of(cats: &Catalogues, locale: &str, t: &time::OffsetDateTime) -> String {
    let month = cats.text(locale, &format!("format-month-{}", u8::from(t.month())));
    let mut args = FluentArgs::new();
    args.set("day", FluentValue::from(t.day().to_string()));
    args.set("month", FluentValue::from(month));
    args.set("year", FluentValue::from(t.year().to_string()));
    cats.message(locale, "format-date", Some(&args))
}

/// `21 Nov 2026, 07:00 UTC` in English; empty for a time out of range.
pub fn moment(cats: &Catalogues, locale: &str, ms: i64) -> String {
    datetime(ms).map_or_else(String::new, |t| {
        let mut args = FluentArgs::new();
        args.set("date", FluentValue::from(date_of(cats, locale, &t)));
        args.set("hour", FluentValue::from(format!("{:02}", t.hour())));
        args.set("minute", FluentValue::from(format!("{:02}", t.minute())));
        cats.message(locale, "format-datetime", Some(&args))
    })
}

/// A whole number with the language's thousands separator: `12,345` in English.
pub fn number(cats: &Catalogues, locale: &str, n: i64) -> String {
    let group = cats.text(locale, "format-number-group");
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(&group);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_dates_and_numbers() {
        let cats = &*Catalogues::shipped();
        assert_eq!(moment(cats, "en", 1_795_244_400_123), "21 Nov 2026, 07:00 UTC");
        assert_eq!(date(cats, "en", 1_795_244_400_123), "21 Nov 2026");
        assert_eq!(number(cats, "en", 1_234_567), "1,234,567");
        assert_eq!(number(cats, "en", -999), "-999");
        assert_eq!(number(cats, "en", 0), "0");
    }
}
