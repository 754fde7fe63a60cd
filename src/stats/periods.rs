//! Time bins for documents: day, ISO week, month, quarter, year.

use crate::corpus::Document;
use crate::error::{Error, Result};

/// A time bin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bin {
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

impl Bin {
    pub fn parse(s: &str) -> Option<Bin> {
        Some(match s {
            "day" => Bin::Day,
            "week" => Bin::Week,
            "month" => Bin::Month,
            "quarter" => Bin::Quarter,
            "year" => Bin::Year,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Bin::Day => "day",
            Bin::Week => "week",
            Bin::Month => "month",
            Bin::Quarter => "quarter",
            Bin::Year => "year",
        }
    }
}

/// Days since 1970-01-01 (proleptic Gregorian; Howard Hinnant's algorithm).
pub fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y } as i64;
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number.
pub fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = (yoe + era * 400 + if m <= 2 { 1 } else { 0 }) as i32;
    (y, m, d)
}

/// ISO 8601 week-numbering year and week of a date.
pub fn iso_week(y: i32, m: u32, d: u32) -> (i32, u32) {
    let days = days_from_civil(y, m, d);
    let weekday = (days + 3).rem_euclid(7); // Monday = 0
    let thursday = days - weekday + 3;
    let (ty, _, _) = civil_from_days(thursday);
    let week = (thursday - days_from_civil(ty, 1, 1)) / 7 + 1;
    (ty, week as u32)
}

/// A date split into its parts: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
fn parts(date: &str) -> Option<(i32, Option<u32>, Option<u32>)> {
    let mut it = date.split('-');
    let y: i32 = it.next()?.parse().ok()?;
    if date.starts_with('-') || !(1000..=9999).contains(&y) {
        return None;
    }
    let m = it.next().and_then(|m| m.parse().ok());
    let d = it.next().and_then(|d| d.parse().ok());
    Some((y, m, d))
}

/// Does `date` have a year (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`; not `--MM-DD`)?
pub fn has_year(date: &str) -> bool {
    parts(date).is_some()
}

/// A full date (`YYYY-MM-DD`) as days since 1970-01-01.
pub fn day_number(date: &str) -> Option<i64> {
    match parts(date)? {
        (y, Some(m), Some(d)) => Some(days_from_civil(y, m, d)),
        _ => None,
    }
}

/// The period of a document dated `date` (`None` when the date is missing,
/// lacks a year, or is coarser than the bin).
pub fn period(date: &str, bin: Bin) -> Option<String> {
    let (y, m, d) = parts(date)?;
    Some(match (bin, m, d) {
        (Bin::Year, _, _) => format!("{y}"),
        (Bin::Quarter, Some(m), _) => format!("{y}-Q{}", (m - 1) / 3 + 1),
        (Bin::Month, Some(m), _) => format!("{y}-{m:02}"),
        (Bin::Week, Some(m), Some(d)) => {
            let (wy, w) = iso_week(y, m, d);
            format!("{wy}-W{w:02}")
        }
        (Bin::Day, Some(m), Some(d)) => format!("{y}-{m:02}-{d:02}"),
        _ => return None,
    })
}

/// Every period from the one holding `first` to the one holding `last`
/// (both full dates or as coarse as the bin allows), in order.
pub fn periods_between(first: &str, last: &str, bin: Bin) -> Vec<String> {
    let start = |date: &str| -> Option<i64> {
        let (y, m, d) = parts(date)?;
        Some(days_from_civil(y, m.unwrap_or(1), d.unwrap_or(1)))
    };
    let (Some(a), Some(b)) = (start(first), start(last)) else { return Vec::new() };
    let mut out: Vec<String> = Vec::new();
    let mut day = a;
    while day <= b {
        let (y, m, d) = civil_from_days(day);
        let p = period(&format!("{y:04}-{m:02}-{d:02}"), bin).expect("a full date has every period");
        if out.last() != Some(&p) {
            out.push(p);
        }
        day += 1;
    }
    let last_period = period(last, bin);
    if let Some(p) = last_period {
        if out.last() != Some(&p) {
            out.push(p);
        }
    }
    out
}

/// How documents are grouped: `date:<bin>`, `genre`, `doc`, or a metadata
/// column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupBy {
    Date(Bin),
    Doc,
    Column(String),
}

impl GroupBy {
    /// Parses a `--by` key; `columns` are the documents' metadata columns.
    pub fn parse(key: &str, columns: &[String]) -> Result<GroupBy> {
        if let Some(bin) = key.strip_prefix("date:") {
            return Bin::parse(bin).map(GroupBy::Date).ok_or_else(|| {
                Error::BadOption(format!(
                    "--by {key}: unknown time bin; use date:day, date:week, date:month, date:quarter or date:year"
                ))
            });
        }
        match key {
            "doc" => Ok(GroupBy::Doc),
            "date" => Ok(GroupBy::Date(Bin::Day)),
            k if ["genre", "source", "title", "date_source"].contains(&k) || columns.iter().any(|c| c == k) => {
                Ok(GroupBy::Column(k.to_string()))
            }
            _ => Err(Error::BadOption(format!(
                "--by {key}: unknown key; use date:day|week|month|quarter|year, genre, doc, source, title{}",
                if columns.is_empty() {
                    String::new()
                } else {
                    format!(", or a metadata column: {}", columns.join(", "))
                }
            ))),
        }
    }

    pub fn name(&self) -> String {
        match self {
            GroupBy::Date(bin) => bin.name().to_string(),
            GroupBy::Doc => "doc_id".into(),
            GroupBy::Column(c) => c.clone(),
        }
    }
}

/// Documents assigned to groups: labels in order, and each document's group.
pub struct Groups {
    /// Name of the grouping column (`week`, `genre`, …).
    pub name: String,
    /// Group labels in order (every period from the first to the last).
    pub labels: Vec<String>,
    /// Each document's group (`None`: left out, e.g. undated).
    pub of_doc: Vec<Option<usize>>,
    /// Documents left out.
    pub left_out: usize,
    /// Groups are time periods.
    pub by_date: bool,
}

impl Groups {
    /// The name of the axis the groups are drawn along: 时间（week） for
    /// periods, the column's name otherwise.
    pub fn axis_name(&self) -> String {
        if self.by_date {
            format!("时间（{}）", self.name)
        } else {
            self.name.clone()
        }
    }
}

/// Assigns documents to the groups of `by`.
pub fn assign_groups<D: std::borrow::Borrow<Document>>(by: &GroupBy, docs: &[D]) -> Groups {
    let docs: Vec<&Document> = docs.iter().map(|d| d.borrow()).collect();
    let name = by.name();
    match by {
        GroupBy::Date(bin) => {
            let periods: Vec<Option<String>> = docs.iter().map(|d| period(&d.date, *bin)).collect();
            let dated: Vec<&str> =
                docs.iter().zip(&periods).filter(|(_, p)| p.is_some()).map(|(d, _)| d.date.as_str()).collect();
            let labels = match (dated.iter().min(), dated.iter().max()) {
                (Some(a), Some(b)) => periods_between(a, b, *bin),
                _ => Vec::new(),
            };
            let of_doc: Vec<Option<usize>> =
                periods.iter().map(|p| p.as_ref().and_then(|p| labels.iter().position(|l| l == p))).collect();
            let left_out = of_doc.iter().filter(|g| g.is_none()).count();
            Groups { name, labels, of_doc, left_out, by_date: true }
        }
        GroupBy::Doc => Groups {
            name,
            labels: docs.iter().map(|d| d.doc_id.clone()).collect(),
            of_doc: (0..docs.len()).map(Some).collect(),
            left_out: 0,
            by_date: false,
        },
        GroupBy::Column(c) => {
            let value = |d: &Document| -> String {
                let v = match c.as_str() {
                    "genre" => d.genre.clone(),
                    "source" => d.source.clone(),
                    "title" => d.title.clone(),
                    "date_source" => d.date_source.clone(),
                    _ => d.meta.get(c).cloned().unwrap_or_default(),
                };
                if v.is_empty() {
                    "(none)".into()
                } else {
                    v
                }
            };
            let mut labels: Vec<String> = docs.iter().map(|d| value(d)).collect();
            labels.sort();
            labels.dedup();
            let of_doc = docs.iter().map(|d| labels.iter().position(|l| *l == value(d))).collect();
            Groups { name, labels, of_doc, left_out: 0, by_date: false }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_of_dates() {
        assert_eq!(period("2023-11-15", Bin::Week).unwrap(), "2023-W46");
        assert_eq!(period("2023-01-01", Bin::Week).unwrap(), "2022-W52");
        assert_eq!(period("2024-12-30", Bin::Week).unwrap(), "2025-W01");
        assert_eq!(period("2023-11-15", Bin::Quarter).unwrap(), "2023-Q4");
        assert_eq!(period("2023-11-15", Bin::Month).unwrap(), "2023-11");
        assert_eq!(period("2023", Bin::Year).unwrap(), "2023");
        assert!(period("2023", Bin::Month).is_none());
        assert!(period("--12-27", Bin::Year).is_none());
        assert!(period("", Bin::Year).is_none());
    }

    #[test]
    fn period_ranges_have_no_holes() {
        assert_eq!(
            periods_between("2023-11-03", "2023-12-01", Bin::Week),
            ["2023-W44", "2023-W45", "2023-W46", "2023-W47", "2023-W48"]
        );
        assert_eq!(
            periods_between("2023-11-03", "2024-02-01", Bin::Month),
            ["2023-11", "2023-12", "2024-01", "2024-02"]
        );
        assert_eq!(civil_from_days(days_from_civil(2024, 2, 29)), (2024, 2, 29));
    }
}
