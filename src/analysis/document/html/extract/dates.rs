//! Dates as pages write them, normalised to `YYYY-MM-DD`: ISO 8601 (`2024-03-12T08:00:00Z`,
//! `20240312`) in attributes and JSON-LD, and English or numeric dates in bylines
//! (`12 March 2024`, `March 12, 2024`, `Mar. 12, 2024`, `12.03.2024`). Only calendar dates
//! between 1990 and 2099 count; a numeric date with day and month interchangeable
//! (`03/04/2024`) is ambiguous and not read.

const MONTHS: &[(&str, u32)] = &[
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("may", 5),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (Howard Hinnant's civil-from-days inverse).
pub fn day_number(date: &str) -> Option<i64> {
    let mut parts = date.split('-').map(|p| p.parse::<i64>().ok());
    let (y, m, d) = (parts.next()??, parts.next()??, parts.next()??);
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The first date in `raw`, ISO first.
pub fn normalise(raw: &str) -> Option<String> {
    iso(raw).or_else(|| in_words(raw)).or_else(|| numeric(raw))
}

fn valid(year: u32, month: u32, day: u32) -> Option<String> {
    if !(1990..=2099).contains(&year) {
        return None;
    }
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&day).then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// Runs of ASCII digits with their byte positions.
fn numbers(raw: &str) -> Vec<(usize, usize, u32)> {
    let bytes = raw.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            if i - start <= 8 {
                if let Ok(value) = raw[start..i].parse() {
                    out.push((start, i, value));
                }
            }
        } else {
            i += 1;
        }
    }
    out
}

/// `YYYY-MM-DD` (or `/`), or `YYYYMMDD`, at the start of a run of digits.
fn iso(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let nums = numbers(raw);
    for (i, &(start, end, value)) in nums.iter().enumerate() {
        if end - start == 8 {
            if let Some(d) = valid(value / 10000, value / 100 % 100, value % 100) {
                return Some(d);
            }
        }
        if end - start != 4 {
            continue;
        }
        let (Some(&(ms, me, m)), Some(&(ds, de, d))) = (nums.get(i + 1), nums.get(i + 2)) else { continue };
        let sep = bytes[end];
        let joined = ms == end + 1 && ds == me + 1 && matches!(sep, b'-' | b'/' | b'.') && bytes[me] == sep;
        if joined && me - ms <= 2 && de - ds <= 2 {
            if let Some(date) = valid(value, m, d) {
                return Some(date);
            }
        }
    }
    None
}

fn month_of(word: &str) -> Option<u32> {
    let lower = word.trim_end_matches('.').to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    MONTHS.iter().find(|(prefix, _)| lower.starts_with(prefix)).map(|&(_, m)| m).filter(|_| {
        // `march`, `mar`, `sept`: a month name or its abbreviation, not `marching`.
        const FULL: &[&str] = &[
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "sept", "october",
            "november", "december",
        ];
        lower.len() == 3 || FULL.contains(&lower.as_str())
    })
}

/// `12 March 2024`, `March 12, 2024`, `March 12th 2024`.
fn in_words(raw: &str) -> Option<String> {
    let words: Vec<&str> = raw
        .split(|c: char| c.is_whitespace() || c == ',' || c == '|' || c == '·')
        .filter(|w| !w.is_empty())
        .collect();
    let number = |w: &str| -> Option<u32> {
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
        (!digits.is_empty() && digits.len() <= 4 && digits.bytes().all(|b| b.is_ascii_digit())).then(|| digits.parse().ok()).flatten()
    };
    for i in 0..words.len() {
        let Some(month) = month_of(words[i]) else { continue };
        if let (Some(day), Some(year)) = (words.get(i + 1).and_then(|w| number(w)), words.get(i + 2).and_then(|w| number(w))) {
            if let Some(date) = valid(year, month, day) {
                return Some(date);
            }
        }
        if i > 0 {
            if let (Some(day), Some(year)) = (number(words[i - 1]), words.get(i + 1).and_then(|w| number(w))) {
                if let Some(date) = valid(year, month, day) {
                    return Some(date);
                }
            }
        }
    }
    None
}

/// `DD.MM.YYYY` or `DD/MM/YYYY` when only one reading is a date (the day above 12).
fn numeric(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let nums = numbers(raw);
    for w in nums.windows(3) {
        let [(s1, e1, a), (s2, e2, b), (s3, e3, year)] = [w[0], w[1], w[2]];
        let joined = s2 == e1 + 1 && s3 == e2 + 1 && matches!(bytes[e1], b'.' | b'/') && bytes[e2] == bytes[e1];
        if !joined || e3 - s3 != 4 || e1 - s1 > 2 || e2 - s2 > 2 {
            continue;
        }
        match (a > 12, b > 12) {
            (true, false) => return valid(year, b, a),
            (false, true) => return valid(year, a, b),
            _ if bytes[e1] == b'.' => return valid(year, b, a),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn iso_dates_and_timestamps() {
        assert_eq!(normalise("2024-03-12T08:15:00+01:00").as_deref(), Some("2024-03-12"));
        assert_eq!(normalise("20240312").as_deref(), Some("2024-03-12"));
        assert_eq!(normalise("2024/3/9").as_deref(), Some("2024-03-09"));
        assert_eq!(normalise("2024-02-30"), None);
    }

    #[test]
    fn dates_in_words() {
        assert_eq!(normalise("Updated 12 March 2024, 10:04").as_deref(), Some("2024-03-12"));
        assert_eq!(normalise("Mar. 9, 2021 at 5:00 pm").as_deref(), Some("2021-03-09"));
        assert_eq!(normalise("September 30th 2019").as_deref(), Some("2019-09-30"));
        assert_eq!(normalise("marching 12 2024"), None);
    }

    #[test]
    fn day_numbers_count_calendar_days() {
        assert_eq!(super::day_number("1970-01-01"), Some(0));
        let a = super::day_number("2024-02-28").unwrap();
        assert_eq!(super::day_number("2024-03-01"), Some(a + 2));
    }

    #[test]
    fn numeric_dates_only_when_unambiguous() {
        assert_eq!(normalise("14.05.2023").as_deref(), Some("2023-05-14"));
        assert_eq!(normalise("05/14/2023").as_deref(), Some("2023-05-14"));
        assert_eq!(normalise("03/04/2023"), None);
    }
}
