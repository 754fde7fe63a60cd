//! Dates as Chinese political texts write them: `2023年11月30日`,
//! `11月16日` in a wire dateline (`新华社北京11月16日电`), ranges
//! (`12月27日至28日`: the first day counts), and the 《求是》 issue number
//! (`《求是》2023年第22期`).
//!
//! Patterns run on cleaned text (spaces between CJK characters and digits
//! already removed, full-width digits folded).

use regex::Regex;
use std::sync::LazyLock;

/// A calendar date whose year may be unknown (a dateline gives month and day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: Option<i32>,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub fn full(year: i32, month: u32, day: u32) -> Option<Date> {
        valid(Some(year), month, day).then_some(Date { year: Some(year), month, day })
    }

    pub fn month_day(month: u32, day: u32) -> Option<Date> {
        valid(None, month, day).then_some(Date { year: None, month, day })
    }

    /// ISO 8601: `2023-11-30`, or `--11-30` when the year is unknown (the
    /// ISO form for a month and day without a year).
    pub fn iso(&self) -> String {
        match self.year {
            Some(y) => format!("{y:04}-{:02}-{:02}", self.month, self.day),
            None => format!("--{:02}-{:02}", self.month, self.day),
        }
    }

    /// Parses `YYYY-MM-DD` (also `YYYY/MM/DD`, `YYYY.MM.DD`, `YYYY年M月D日`,
    /// `YYYYMMDD`, with an optional time after the day), as found in a
    /// metadata column. A year or year-month alone is not a day: see
    /// [`reduced_iso`].
    pub fn parse_loose(s: &str) -> Option<Date> {
        let s = s.trim();
        if let Some(d) = first_full_date(s) {
            return Some(d);
        }
        let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
        let num = |p: &str| p.trim().parse::<u32>().ok();
        match parts.as_slice() {
            [y] if y.len() == 8 && y.chars().all(|c| c.is_ascii_digit()) => {
                Date::full(y[..4].parse().ok()?, y[4..6].parse().ok()?, y[6..].parse().ok()?)
            }
            [y, m, d] if y.len() == 4 => Date::full(num(y)? as i32, num(m)?, num(d.split(['T', ' ']).next()?)?),
            _ => None,
        }
    }

    /// Completes a month-day date with the year that puts it on or before
    /// `reference` and nearest to it (a page dated 2024-01-02 reporting
    /// `12月31日` means 2023-12-31).
    pub fn with_year_before(&self, reference: Date) -> Option<Date> {
        let ry = reference.year?;
        let same = Date::full(ry, self.month, self.day)?;
        if (same.month, same.day) <= (reference.month, reference.day) {
            Some(same)
        } else {
            Date::full(ry - 1, self.month, self.day)
        }
    }
}

/// A year (`2023`) or a year and month (`2023-05`, `2023年5月`) in ISO 8601's
/// reduced precision, for metadata that gives no day. Kept as written, never
/// padded to a made-up day.
pub fn reduced_iso(s: &str) -> Option<String> {
    let s = s.trim().trim_end_matches(['年', '月']);
    let parts: Vec<&str> = s.split(['-', '/', '.', '年']).collect();
    let num = |p: &str| p.trim().parse::<u32>().ok();
    match parts.as_slice() {
        [y] if y.len() == 4 && (1800..=2200).contains(&num(y)?) => Some(y.to_string()),
        [y, m] if y.len() == 4 && (1800..=2200).contains(&num(y)?) && (1..=12).contains(&num(m)?) => {
            Some(format!("{y}-{:02}", num(m)?))
        }
        _ => None,
    }
}

fn valid(year: Option<i32>, month: u32, day: u32) -> bool {
    if !(1..=12).contains(&month) || day == 0 {
        return false;
    }
    let leap = year.is_none_or(|y| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0);
    let max = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    day <= max && year.is_none_or(|y| (1800..=2200).contains(&y))
}

static FULL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\d{4})年(\d{1,2})月(\d{1,2})日").unwrap());
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:^|[^\d年])(\d{1,2})月(\d{1,2})日").unwrap());
static QIUSHI: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"《求是》(?:杂志)?(\d{4})年第(\d{1,2})期").unwrap());

/// The first full date (`2023年11月30日`) in `text`.
pub fn first_full_date(text: &str) -> Option<Date> {
    all_full_dates(text).next()
}

/// Every full date in `text`, in order.
pub fn all_full_dates(text: &str) -> impl Iterator<Item = Date> + '_ {
    FULL.captures_iter(text).filter_map(|c| Date::full(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?))
}

/// The first date in `text`, full or month-day (`中央外事工作会议12月27日至28日`
/// → 12-27), with its byte offset.
pub fn first_date(text: &str) -> Option<Date> {
    let full = FULL.captures(text).and_then(|c| {
        let d = Date::full(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)?;
        Some((c.get(0)?.start(), d))
    });
    let md = MONTH_DAY.captures_iter(text).find_map(|c| {
        let d = Date::month_day(c[1].parse().ok()?, c[2].parse().ok()?)?;
        Some((c.get(1)?.start(), d))
    });
    match (full, md) {
        (Some((a, f)), Some((b, m))) => Some(if a <= b { f } else { m }),
        (Some((_, f)), None) => Some(f),
        (None, Some((_, m))) => Some(m),
        (None, None) => None,
    }
}

/// The publication date of a 《求是》 issue: Qiushi appears on the 1st and
/// 16th of each month, so issue n falls in month ⌈n/2⌉, on day 1 for odd n
/// and day 16 for even n (`《求是》2023年第22期` → 2023-11-16).
pub fn qiushi_date(text: &str) -> Option<Date> {
    let c = QIUSHI.captures(text)?;
    let year: i32 = c[1].parse().ok()?;
    let issue: u32 = c[2].parse().ok()?;
    if !(1..=24).contains(&issue) {
        return None;
    }
    Date::full(year, issue.div_ceil(2), if issue % 2 == 1 { 1 } else { 16 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qiushi_issue_dates() {
        assert_eq!(qiushi_date("（《求是》2023年第22期）").unwrap().iso(), "2023-11-16");
        assert_eq!(qiushi_date("(《求是》2023年第23期)").unwrap().iso(), "2023-12-01");
        assert_eq!(qiushi_date("《求是》2024年第1期").unwrap().iso(), "2024-01-01");
        assert!(qiushi_date("《求是》2024年第25期").is_none());
    }

    #[test]
    fn first_date_takes_range_start_and_month_day() {
        let d = first_date("中央外事工作会议12月27日至28日在北京举行").unwrap();
        assert_eq!(d.iso(), "--12-27");
        assert_eq!(d.with_year_before(Date::full(2023, 12, 29).unwrap()).unwrap().iso(), "2023-12-27");
        assert_eq!(d.with_year_before(Date::full(2024, 1, 2).unwrap()).unwrap().iso(), "2023-12-27");
        assert_eq!(first_date("于2023年11月30日在上海").unwrap().iso(), "2023-11-30");
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(Date::full(2023, 2, 29).is_none());
        assert!(Date::full(2024, 2, 29).is_some());
        assert!(first_date("13月40日").is_none());
    }

    #[test]
    fn loose_metadata_dates() {
        assert_eq!(Date::parse_loose("2023-12-29").unwrap().iso(), "2023-12-29");
        assert_eq!(Date::parse_loose("2023/1/5").unwrap().iso(), "2023-01-05");
        assert_eq!(Date::parse_loose("20231229").unwrap().iso(), "2023-12-29");
        assert!(Date::parse_loose("2023").is_none());
        assert_eq!(reduced_iso("2023").unwrap(), "2023");
        assert_eq!(reduced_iso("2023/5").unwrap(), "2023-05");
        assert!(Date::parse_loose("soon").is_none());
    }
}
