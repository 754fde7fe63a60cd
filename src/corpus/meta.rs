//! Document metadata: dates (with where each came from), genres, and the
//! sidecar metadata file.
//!
//! `date_source` is one of `sidecar`, `toc`, `qiushi`, `heading`,
//! `dateline`, `chronology`, `text`, `none`. When the month and day came from
//! a dateline or the text but the year did not, a suffix says where the year
//! came from: `+sidecar` (the file's own date in the sidecar, e.g. a newspaper
//! page's publication date), `+file` (the nearest full date in the same file),
//! or `+noyear` (no year anywhere: the date is written `--MM-DD`, ISO 8601's
//! form for a month and day, and the document is listed as lacking a year).
//! CSV/JSONL dates are `column`. A kept copy of a duplicated text that has no
//! date of its own, or a weaker one, takes its copy's: `copy:<doc_id>`.

use super::dates::{all_full_dates, first_date, first_full_date, qiushi_date, reduced_iso, Date};
use super::layout::Para;
use super::split::RawDoc;
use super::structure::{is_date_line, is_dateline_end, is_dateline_start};
use crate::error::{Error, Result};
use regex::Regex;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// A document's date and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dated {
    /// ISO `YYYY-MM-DD`, `--MM-DD` without a year, a reduced `YYYY` or
    /// `YYYY-MM` from metadata, or empty.
    pub date: String,
    pub source: String,
}

impl Dated {
    fn none() -> Dated {
        Dated { date: String::new(), source: "none".into() }
    }
    fn of(date: Date, source: &str) -> Dated {
        Dated { date: date.iso(), source: source.into() }
    }
}

/// What a file says about the dates of its documents.
#[derive(Debug, Clone, Default)]
pub struct FileDates {
    /// The file's own date from the sidecar (for a newspaper page, its
    /// publication date).
    pub sidecar: Option<Date>,
    /// Every full date in the file, with its line.
    pub full_dates: Vec<(usize, Date)>,
}

impl FileDates {
    pub fn from_paras(paras: &[Para], sidecar: Option<Date>) -> FileDates {
        let full_dates = paras.iter().flat_map(|p| all_full_dates(&p.text).map(move |d| (p.line, d))).collect();
        FileDates { sidecar, full_dates }
    }

    /// Completes a month-day date; the suffix says where the year came from.
    fn complete(&self, date: Date, source: &str, line: usize) -> Dated {
        if date.year.is_some() {
            return Dated::of(date, source);
        }
        if let Some(d) = self.sidecar.and_then(|page| date.with_year_before(page)) {
            return Dated::of(d, &format!("{source}+sidecar"));
        }
        let nearest = self.full_dates.iter().min_by_key(|(l, _)| (l.abs_diff(line), *l));
        if let Some(d) = nearest.and_then(|(_, d)| Date::full(d.year?, date.month, date.day)) {
            return Dated::of(d, &format!("{source}+file"));
        }
        Dated::of(date, &format!("{source}+noyear"))
    }
}

static DATELINE_DATE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\d{1,2})月(\d{1,2})日(?:电|讯)").unwrap());

/// Works out a document's date from what it and its file say, in this order:
/// the table of contents, a 《求是》 issue, a date line in the title block, a
/// wire dateline, a chronology (a list of dated entries is dated by its
/// latest), the first date of the first paragraph of text.
pub fn date_document(doc: &RawDoc, file: &FileDates) -> Dated {
    if let Some(entry) = &doc.toc {
        if let Some(d) = entry.date {
            return Dated::of(d, "toc");
        }
        if let Some(d) = entry.qiushi {
            return Dated::of(d, "qiushi");
        }
    }
    let (head, body) = doc.paras.split_at(doc.title_len.min(doc.paras.len()));
    let first_paras = head.iter().chain(body.iter().take(2));
    if let Some(d) = first_paras.clone().find_map(|p| qiushi_date(&p.text)) {
        return Dated::of(d, "qiushi");
    }
    let date_lines = head.iter().chain(body.iter().take(2)).filter(|p| is_date_line(&p.text));
    if let Some(d) = date_lines.clone().find_map(|p| first_full_date(&p.text)) {
        return Dated::of(d, "heading");
    }
    let dateline = body
        .iter()
        .take(2)
        .find(|p| is_dateline_start(&p.text))
        .or_else(|| body.iter().rev().find(|p| is_dateline_end(&p.text)));
    if let Some(p) = dateline {
        if let Some(c) = DATELINE_DATE.captures(&p.text) {
            if let Some(d) = Date::month_day(c[1].parse().unwrap_or(0), c[2].parse().unwrap_or(0)) {
                return file.complete(d, "dateline", p.line);
            }
        }
    }
    let dated_entries: Vec<Date> = body.iter().filter_map(|p| leading_full_date(&p.text)).collect();
    if dated_entries.len() >= 3 && dated_entries.len() * 2 >= body.len() {
        let latest = *dated_entries.iter().max().expect("non-empty");
        return Dated::of(latest, "chronology");
    }
    if let Some(p) = body.first() {
        if let Some(d) = first_date(&p.text) {
            return file.complete(d, "text", p.line);
        }
    }
    Dated::none()
}

/// A full date at the very start of a paragraph (`2023年1月31日，中共中央政治局…`).
fn leading_full_date(text: &str) -> Option<Date> {
    let head: String = text.chars().take(12).collect();
    let d = first_full_date(&head)?;
    head.starts_with(&d.year?.to_string()).then_some(d)
}

/// Genre from the title, first rule that matches: speech (讲话, 演讲, 致辞),
/// letter (贺信, 贺电, 致信, 复信, 唁电), instruction (指示, 批示), meeting
/// (会议, 座谈会, 集体学习), article (《求是》, 署名文章), inspection (考察,
/// 视察), other. A 《求是》 issue anywhere in the document's head makes it an
/// article.
pub fn genre_of(title: &str, qiushi: bool) -> &'static str {
    const RULES: &[(&str, &[&str])] = &[
        ("speech", &["讲话", "演讲", "致辞"]),
        ("letter", &["贺信", "贺电", "致信", "复信", "唁电"]),
        ("instruction", &["指示", "批示"]),
        ("meeting", &["会议", "座谈会", "集体学习"]),
        ("article", &["《求是》", "署名文章"]),
        ("inspection", &["考察", "视察"]),
    ];
    if qiushi {
        return "article";
    }
    RULES.iter().find(|(_, words)| words.iter().any(|w| title.contains(w))).map_or("other", |(g, _)| g)
}

/// One row of a sidecar metadata file.
#[derive(Debug, Clone, Default)]
pub struct SidecarRow {
    pub title: Option<String>,
    pub date: Option<String>,
    pub genre: Option<String>,
    /// Every other column (the sidecar's `source`, the publication, is kept
    /// as `publication`, since a document's `source` is its file).
    pub extra: BTreeMap<String, String>,
}

impl SidecarRow {
    /// The sidecar date as a full date, for completing years.
    pub fn full_date(&self) -> Option<Date> {
        self.date.as_deref().and_then(Date::parse_loose)
    }

    /// The sidecar date as written in ISO form (full or reduced).
    pub fn iso_date(&self) -> Option<String> {
        let d = self.date.as_deref()?;
        Date::parse_loose(d).map(|d| d.iso()).or_else(|| reduced_iso(d))
    }
}

/// Sidecar metadata, by file.
#[derive(Debug, Default)]
pub struct Sidecar {
    /// Keyed by the path relative to the sidecar's folder, with `/`.
    rows: BTreeMap<PathBuf, SidecarRow>,
    /// Files named by a sidecar, for the warning about names that match nothing.
    pub named: Vec<(String, PathBuf)>,
}

impl Sidecar {
    /// Reads a sidecar CSV (`file` column required; any of `title`, `date`,
    /// `source`, `genre`, and other columns). Relative `file` values are taken
    /// from the sidecar's folder.
    pub fn load(&mut self, path: &Path) -> Result<()> {
        let shown = super::read::display_path(path);
        let bytes = std::fs::read(path).map_err(|e| Error::Unreadable {
            path: shown.clone(),
            reason: format!("cannot read ({e})"),
            hint: "check the path given with --meta".into(),
        })?;
        let (text, _) = super::read::decode(&bytes, None).map_err(|reason| Error::Unreadable {
            path: shown.clone(),
            reason,
            hint: "save the metadata file as UTF-8".into(),
        })?;
        let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| bad_line(&shown, 1, &e.to_string()))?
            .iter()
            .map(|h| h.trim().to_string())
            .collect();
        let file_col = headers.iter().position(|h| h.eq_ignore_ascii_case("file") || h == "文件").ok_or_else(|| {
            Error::BadLine {
                path: shown.clone(),
                line: 1,
                reason: format!("no `file` column (columns: {})", headers.join(", ")),
                hint: "a metadata file needs a `file` column naming each input file, and any of title, date, source, genre".into(),
            }
        })?;
        let base = path.parent().unwrap_or(Path::new(""));
        for (i, record) in reader.records().enumerate() {
            let record = record.map_err(|e| bad_line(&shown, i + 2, &e.to_string()))?;
            let mut row = SidecarRow::default();
            let mut file = String::new();
            for (k, value) in record.iter().enumerate() {
                let value = value.trim();
                let name = headers[k].to_lowercase();
                match name.as_str() {
                    _ if k == file_col => file = value.to_string(),
                    _ if value.is_empty() => {}
                    "title" | "标题" => row.title = Some(value.into()),
                    "date" | "日期" => {
                        if Date::parse_loose(value).is_none() && reduced_iso(value).is_none() {
                            return Err(bad_line(&shown, i + 2, &format!("date `{value}` is not a date"))
                                .with_hint("write dates as YYYY-MM-DD (or YYYY-MM, YYYY)"));
                        }
                        row.date = Some(value.into());
                    }
                    "genre" | "类型" => row.genre = Some(value.into()),
                    "source" | "来源" => {
                        row.extra.insert("publication".into(), value.into());
                    }
                    _ => {
                        row.extra.insert(super::column_name(&headers[k]), value.into());
                    }
                }
            }
            if file.is_empty() {
                return Err(bad_line(&shown, i + 2, "empty `file` value"));
            }
            let key = normalize(&base.join(&file));
            self.named.push((shown.clone(), key.clone()));
            self.rows.insert(key, row);
        }
        Ok(())
    }

    /// The row for an input file, if a sidecar names it.
    pub fn get(&self, path: &Path) -> Option<&SidecarRow> {
        self.rows.get(&normalize(path))
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

fn normalize(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

fn bad_line(path: &str, line: usize, reason: &str) -> Error {
    Error::BadLine {
        path: path.to_string(),
        line,
        reason: reason.to_string(),
        hint: "fix that line of the metadata file".into(),
    }
}

trait WithHint {
    fn with_hint(self, hint: &str) -> Self;
}

impl WithHint for Error {
    fn with_hint(self, new: &str) -> Self {
        match self {
            Error::BadLine { path, line, reason, .. } => Error::BadLine { path, line, reason, hint: new.into() },
            other => other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn genres_follow_the_rule_order() {
        assert_eq!(genre_of("习近平在亚太经合组织第三十次领导人非正式会议上的讲话", false), "speech");
        assert_eq!(genre_of("习近平同俄罗斯总统普京分别向中俄执政党对话机制第十次会议致贺信", false), "letter");
        assert_eq!(genre_of("习近平对山西吕梁市永聚煤矿一办公楼火灾事故作出重要指示", false), "instruction");
        assert_eq!(genre_of("中央外事工作会议在北京举行", false), "meeting");
        assert_eq!(genre_of("习近平在北京河北考察灾后恢复重建工作时强调", false), "inspection");
        assert_eq!(genre_of("习近平：推进生态文明建设需要处理好几个重大关系", true), "article");
        assert_eq!(genre_of("二十届中共中央政治局集体学习情况统计", false), "meeting");
        assert_eq!(genre_of("“您认识这位年轻人吗？”", false), "other");
    }
}
