//! The corpus stage: files in, clean, dated, de-duplicated documents out.
//!
//! `read` finds and decodes files, `layout` cleans lines into paragraphs,
//! `split` cuts a file into documents, `meta` dates and classifies them,
//! `dedup` finds copies. [`ingest`] runs them all and keeps the books:
//! for every file, the characters of its documents plus the characters
//! dropped (each with its reason) equal the characters read.

pub mod chars;
pub mod dates;
pub mod dedup;
pub mod layout;
pub mod load;
pub mod meta;
pub mod read;
pub mod select;
pub mod split;
pub mod structure;
mod tables;

pub use tables::{documents_frame, dropped_frame, paragraphs_frame};

use crate::error::{Error, Result};
use layout::Removal;
use meta::{date_document, genre_of, Dated, FileDates, Sidecar, SidecarRow};
use rayon::prelude::*;
use read::{InputFile, InputKind};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Options of the ingest stage (the `zhtext ingest` flags).
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    /// Column holding the text in CSV/JSONL input (guessed when `None`).
    pub text_col: Option<String>,
    /// Column holding the date in CSV/JSONL input (guessed when `None`).
    pub date_col: Option<String>,
    /// Column holding the title in CSV/JSONL input (guessed when `None`).
    pub title_col: Option<String>,
    /// Encoding label that overrides detection (`gb18030`, `utf-16le`, …).
    pub encoding: Option<String>,
    /// Make an unreadable file or a broken line an error instead of skipping it.
    pub strict: bool,
    /// Sidecar metadata files given with `--meta`.
    pub meta: Vec<PathBuf>,
    /// Do not read `metadata.csv` files found in input folders.
    pub no_sidecar: bool,
}

/// A clean document.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub doc_id: String,
    /// The file it came from (as given on the command line).
    pub source: String,
    pub title: String,
    /// ISO date (see [`meta`] for the forms); empty when unknown.
    pub date: String,
    /// Where the date came from (see [`meta`]).
    pub date_source: String,
    pub genre: String,
    /// The `doc_id` of the copy kept in its place, or empty.
    pub duplicate_of: String,
    pub paragraphs: Vec<String>,
    /// Other metadata (sidecar, CSV/JSONL columns), by column name.
    pub meta: BTreeMap<String, String>,
}

impl Document {
    /// Characters of its paragraphs (the newlines that `text` puts between
    /// paragraphs are not counted).
    pub fn n_chars(&self) -> usize {
        self.paragraphs.iter().map(|p| p.chars().count()).sum()
    }

    /// The paragraphs joined by newlines.
    pub fn text(&self) -> String {
        self.paragraphs.join("\n")
    }

    /// Is the date a full calendar date?
    pub fn has_full_date(&self) -> bool {
        self.date.len() == 10 && !self.date.starts_with("--")
    }
}

/// Something left out, with the reason. Rows with `what` = `duplicate`,
/// `undated` or `noyear` flag documents that are kept; their `n_chars` is 0.
#[derive(Debug, Clone, PartialEq)]
pub struct Dropped {
    pub source: String,
    pub doc_id: String,
    /// 1-based line in the source file, 0 when it does not apply.
    pub line: usize,
    pub what: String,
    pub reason: String,
    pub n_chars: usize,
    pub text: String,
}

/// What happened to one input file.
#[derive(Debug, Clone, PartialEq)]
pub struct FileReport {
    pub source: String,
    pub format: &'static str,
    pub encoding: String,
    /// Why the file was skipped; `None` when it was read.
    pub skipped: Option<String>,
    pub chars_read: usize,
    pub documents: usize,
}

/// The result of ingesting: documents, what was dropped, what each file gave.
#[derive(Debug, Default)]
pub struct Corpus {
    pub documents: Vec<Document>,
    pub dropped: Vec<Dropped>,
    pub files: Vec<FileReport>,
    /// Files in input folders that are not of a readable type.
    pub ignored: Vec<(String, String)>,
    pub warnings: Vec<String>,
}

impl Corpus {
    pub fn chars_read(&self) -> usize {
        self.files.iter().map(|f| f.chars_read).sum()
    }

    pub fn chars_kept(&self) -> usize {
        self.documents.iter().map(Document::n_chars).sum()
    }

    /// Characters dropped, by `what`.
    pub fn dropped_chars(&self) -> BTreeMap<String, usize> {
        let mut by: BTreeMap<String, usize> = BTreeMap::new();
        for d in self.dropped.iter().filter(|d| d.n_chars > 0) {
            *by.entry(d.what.clone()).or_default() += d.n_chars;
        }
        by
    }

    /// Documents without `duplicate_of`: the ones later stages count.
    pub fn unique_documents(&self) -> impl Iterator<Item = &Document> {
        self.documents.iter().filter(|d| d.duplicate_of.is_empty())
    }
}

/// Names of the text, date and title columns tried, in order, when the user
/// names none.
const TEXT_COLUMNS: &[&str] = &["text", "content", "body", "fulltext", "full_text", "正文", "内容", "文本", "全文"];
const DATE_COLUMNS: &[&str] = &["date", "pub_date", "published", "time", "year", "日期", "时间", "发布日期", "年份"];
const TITLE_COLUMNS: &[&str] = &["title", "headline", "name", "标题", "题目", "篇名"];
const GENRE_COLUMNS: &[&str] = &["genre", "type", "类型", "体裁"];
/// Columns of the documents table; metadata columns with these names get a
/// `meta_` prefix.
const STANDARD_COLUMNS: &[&str] =
    &["doc_id", "source", "title", "date", "date_source", "genre", "duplicate_of", "n_chars", "n_paragraphs", "text"];

/// A metadata column's name in the documents table.
pub fn column_name(header: &str) -> String {
    let name: String = header
        .trim()
        .chars()
        .map(|c| if c.is_whitespace() || c == '-' { '_' } else { c.to_ascii_lowercase() })
        .collect();
    if STANDARD_COLUMNS.contains(&name.as_str()) {
        format!("meta_{name}")
    } else {
        name
    }
}

/// Reads, cleans, splits, dates and de-duplicates the documents under `paths`.
pub fn ingest(paths: &[PathBuf], opts: &IngestOptions) -> Result<Corpus> {
    ingest_with_progress(paths, opts, &|_| {}, &|_| {})
}

/// [`ingest`], calling `on_start` with the number of files found and
/// `on_file` after each file is read (for a progress bar).
pub fn ingest_with_progress(
    paths: &[PathBuf],
    opts: &IngestOptions,
    on_start: &dyn Fn(usize),
    on_file: &(dyn Fn(&str) + Sync),
) -> Result<Corpus> {
    if paths.is_empty() {
        return Err(Error::NoInput("no input given: name files or folders to read".into()));
    }
    let forced = opts.encoding.as_deref().map(read::encoding_for_label).transpose()?;
    let found = read::find_inputs(paths)?;
    let mut sidecar = Sidecar::default();
    if !opts.no_sidecar {
        for path in &found.sidecars {
            sidecar.load(path)?;
        }
    }
    for path in &opts.meta {
        if !path.exists() {
            return Err(Error::NotFound(path.clone()));
        }
        sidecar.load(path)?;
    }
    let mut corpus = Corpus { ignored: found.ignored, ..Default::default() };
    if found.files.is_empty() {
        let shown: Vec<String> = paths.iter().map(|p| read::display_path(p)).collect();
        return Err(Error::NoInput(format!(
            "{}: no readable files (zhtext reads .txt .md .csv .tsv .jsonl){}",
            shown.join(", "),
            if corpus.ignored.is_empty() {
                String::new()
            } else {
                format!("; {} other files ignored", corpus.ignored.len())
            }
        )));
    }
    on_start(found.files.len());
    let stems = unique_stems(&found.files);
    // Files are read in parallel, each into its own part; parts are merged
    // in file order, so the result does not depend on the thread count.
    let parts: Vec<Result<Corpus>> = found
        .files
        .par_iter()
        .zip(stems.par_iter())
        .map(|(file, stem)| {
            let mut part = Corpus::default();
            read_file(file, stem, sidecar.get(&file.path).cloned(), forced, opts, &mut part)?;
            on_file(&file.source);
            Ok(part)
        })
        .collect();
    for part in parts {
        let part = part?;
        corpus.documents.extend(part.documents);
        corpus.dropped.extend(part.dropped);
        corpus.files.extend(part.files);
        corpus.warnings.extend(part.warnings);
    }
    let named_inputs: BTreeSet<PathBuf> =
        found.files.iter().map(|f| std::fs::canonicalize(&f.path).unwrap_or_else(|_| f.path.clone())).collect();
    for (sidecar_file, named) in &sidecar.named {
        if !named_inputs.contains(named) {
            corpus.warnings.push(format!(
                "{sidecar_file}: names {}, which is not among the input files",
                read::display_path(named)
            ));
        }
    }
    if corpus.documents.is_empty() {
        let skipped: Vec<String> =
            corpus.files.iter().filter_map(|f| f.skipped.as_ref().map(|why| format!("{} ({why})", f.source))).collect();
        return Err(Error::NoInput(format!(
            "no documents found: every input file was empty or unreadable{}",
            if skipped.is_empty() { String::new() } else { format!(": {}", skipped.join("; ")) }
        )));
    }
    mark_duplicates(&mut corpus);
    flag_dates(&mut corpus);
    corpus.dropped.sort_by(|a, b| (&a.source, a.line, &a.what).cmp(&(&b.source, b.line, &b.what)));
    Ok(corpus)
}

/// The stem used in a file's doc_ids: its file name without extension, or
/// its whole path without extension where two inputs share a stem.
fn unique_stems(files: &[InputFile]) -> Vec<String> {
    let stem = |f: &InputFile| f.path.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for f in files {
        *count.entry(stem(f)).or_default() += 1;
    }
    files
        .iter()
        .map(|f| {
            let s = stem(f);
            if count[&s] > 1 {
                f.source.rsplit_once('.').map_or(f.source.clone(), |(p, _)| p.to_string())
            } else {
                s
            }
        })
        .collect()
}

fn format_name(kind: InputKind) -> &'static str {
    match kind {
        InputKind::Text => "text",
        InputKind::Markdown => "markdown",
        InputKind::Table { delimiter: b'\t' } => "tsv",
        InputKind::Table { .. } => "csv",
        InputKind::JsonLines => "jsonl",
    }
}

fn read_file(
    file: &InputFile,
    stem: &str,
    sidecar: Option<SidecarRow>,
    forced: Option<&'static encoding_rs::Encoding>,
    opts: &IngestOptions,
    corpus: &mut Corpus,
) -> Result<()> {
    let mut report = FileReport {
        source: file.source.clone(),
        format: format_name(file.kind),
        encoding: String::new(),
        skipped: None,
        chars_read: 0,
        documents: 0,
    };
    let skip = |report: &mut FileReport, corpus: &mut Corpus, reason: String, hint: &str| -> Result<()> {
        if opts.strict {
            return Err(Error::Unreadable { path: file.source.clone(), reason, hint: hint.into() });
        }
        corpus.dropped.push(Dropped {
            source: file.source.clone(),
            doc_id: String::new(),
            line: 0,
            what: "file".into(),
            reason: reason.clone(),
            n_chars: 0,
            text: String::new(),
        });
        report.skipped = Some(reason);
        corpus.files.push(report.clone());
        Ok(())
    };
    let bytes = match std::fs::read(&file.path) {
        Ok(b) => b,
        Err(e) => return skip(&mut report, corpus, format!("cannot read ({e})"), "check the file's permissions"),
    };
    let (text, encoding) = match read::decode(&bytes, forced) {
        Ok(t) => t,
        Err(reason) => {
            let hint = if reason.starts_with("binary") {
                "remove it from the input, or convert it to text"
            } else {
                "name its encoding with --encoding (e.g. --encoding gb18030), or convert it to UTF-8"
            };
            return skip(&mut report, corpus, reason, hint);
        }
    };
    report.encoding = encoding.to_string();
    if text.trim().is_empty() {
        return skip(&mut report, corpus, "empty file (no text)".into(), "remove it from the input, or add its text");
    }
    let first_doc = corpus.documents.len();
    let result = match file.kind {
        InputKind::Text | InputKind::Markdown => {
            report.chars_read = text.chars().count();
            read_text(file, stem, &text, sidecar.as_ref(), corpus);
            Ok(())
        }
        InputKind::Table { delimiter } => read_table(file, stem, &text, delimiter, opts, &mut report, corpus),
        InputKind::JsonLines => read_jsonl(file, stem, &text, opts, &mut report, corpus),
    };
    if let Err(e) = result {
        if opts.strict {
            return Err(e);
        }
        corpus.documents.truncate(first_doc);
        return skip(&mut report, corpus, e.to_string(), "");
    }
    report.documents = corpus.documents.len() - first_doc;
    corpus.files.push(report);
    Ok(())
}

fn push_removal(corpus: &mut Corpus, source: &str, r: Removal) {
    corpus.dropped.push(Dropped {
        source: source.into(),
        doc_id: String::new(),
        line: r.line,
        n_chars: r.text.chars().count(),
        what: r.what.into(),
        reason: r.reason,
        text: r.text,
    });
}

fn push_removed_chars(corpus: &mut Corpus, source: &str, doc_id: &str, removed: chars::Removed) {
    for (what, n, reason) in [
        ("whitespace", removed.whitespace, "line breaks, blank lines, indentation, and spaces between CJK characters"),
        ("markup", removed.markup, "markdown heading (#) and bold (**) marks"),
    ] {
        if n > 0 {
            corpus.dropped.push(Dropped {
                source: source.into(),
                doc_id: doc_id.into(),
                line: 0,
                what: what.into(),
                reason: reason.into(),
                n_chars: n,
                text: String::new(),
            });
        }
    }
}

/// A text or markdown file: layout, split, dates, genres.
fn read_text(file: &InputFile, stem: &str, text: &str, sidecar: Option<&SidecarRow>, corpus: &mut Corpus) {
    let layout = layout::paragraphs(text);
    let file_dates = FileDates::from_paras(&layout.paras, sidecar.and_then(SidecarRow::full_date));
    push_removed_chars(corpus, &file.source, "", layout.removed);
    let split = split::split(layout.paras);
    let width = split.docs.len().to_string().len().max(2);
    let doc_id = |n: usize| format!("{stem}#{:0width$}", n + 1);
    // Text removed from inside a document (a credit, a repeat, a marker) is
    // logged with that document: the one holding the nearest paragraph above.
    let mut lines: Vec<(usize, usize)> =
        split.docs.iter().enumerate().flat_map(|(n, d)| d.paras.iter().map(move |p| (p.line, n))).collect();
    lines.sort_unstable();
    for r in layout.removals.into_iter().chain(split.removals) {
        let inside = matches!(r.what, "credit" | "caption" | "paragraph" | "marker");
        let at = lines.partition_point(|&(l, _)| l <= r.line);
        let owner = if inside && at > 0 { doc_id(lines[at - 1].1) } else { String::new() };
        push_removal(corpus, &file.source, r);
        if let Some(d) = corpus.dropped.last_mut() {
            d.doc_id = owner;
        }
    }
    corpus.warnings.extend(split.warnings.into_iter().map(|w| format!("{}: {w}", file.source)));
    let single = split.docs.len() == 1;
    for (n, raw) in split.docs.iter().enumerate() {
        let mut dated = date_document(raw, &file_dates);
        let mut title = raw.title.clone();
        let qiushi = raw.toc.as_ref().is_some_and(|t| t.qiushi.is_some()) || dated.source == "qiushi";
        let mut genre = genre_of(&title, qiushi).to_string();
        let mut meta = BTreeMap::new();
        if let Some(row) = sidecar {
            if single {
                if let Some(t) = &row.title {
                    title = t.clone();
                }
                if let Some(d) = row.iso_date() {
                    dated = Dated { date: d, source: "sidecar".into() };
                }
            } else {
                if let Some(t) = &row.title {
                    meta.insert("file_title".to_string(), t.clone());
                }
                if dated.date.is_empty() {
                    if let Some(d) = row.iso_date() {
                        dated = Dated { date: d, source: "sidecar".into() };
                    }
                }
            }
            if let Some(g) = &row.genre {
                genre = g.clone();
            }
            meta.extend(row.extra.clone());
        }
        if title.is_empty() && single {
            title = stem.to_string();
        }
        corpus.documents.push(Document {
            doc_id: doc_id(n),
            source: file.source.clone(),
            title,
            date: dated.date,
            date_source: dated.source,
            genre,
            duplicate_of: String::new(),
            paragraphs: raw.paras.iter().map(|p| p.text.clone()).collect(),
            meta,
        });
    }
}

/// Which column of `headers` to use: the one named by the user (an error if
/// absent), or the first of `guesses` present (case-insensitive).
fn pick_column(
    headers: &[String],
    named: Option<&str>,
    guesses: &[&str],
    what: &str,
    source: &str,
) -> Result<Option<usize>> {
    if let Some(name) = named {
        return headers.iter().position(|h| h == name || h.eq_ignore_ascii_case(name)).map(Some).ok_or_else(|| {
            Error::BadLine {
                path: source.into(),
                line: 1,
                reason: format!("no column `{name}` (columns: {})", headers.join(", ")),
                hint: format!("name the {what} column with --{what}-col"),
            }
        });
    }
    Ok(guesses.iter().find_map(|g| headers.iter().position(|h| h.trim().eq_ignore_ascii_case(g))))
}

/// Column roles of a table or JSONL input.
struct Columns {
    text: usize,
    date: Option<usize>,
    title: Option<usize>,
    genre: Option<usize>,
}

fn columns(headers: &[String], opts: &IngestOptions, source: &str) -> Result<Columns> {
    let text = pick_column(headers, opts.text_col.as_deref(), TEXT_COLUMNS, "text", source)?.ok_or_else(|| {
        Error::BadLine {
            path: source.into(),
            line: 1,
            reason: format!("no text column (columns: {})", headers.join(", ")),
            hint: "name it with --text-col (zhtext looks for text, content, body, 正文, 内容, 文本)".into(),
        }
    })?;
    Ok(Columns {
        text,
        date: pick_column(headers, opts.date_col.as_deref(), DATE_COLUMNS, "date", source)?,
        title: pick_column(headers, opts.title_col.as_deref(), TITLE_COLUMNS, "title", source)?,
        genre: pick_column(headers, None, GENRE_COLUMNS, "genre", source)?,
    })
}

/// Turns the records of a table or JSONL file into documents.
struct Records<'a> {
    file: &'a InputFile,
    stem: &'a str,
    headers: Vec<String>,
    cols: Columns,
}

impl Records<'_> {
    /// Record `number` (1-based), found at `line`, becomes one document.
    fn push(&self, number: usize, line: usize, values: &[String], report: &mut FileReport, corpus: &mut Corpus) {
        let (file, cols) = (self.file, &self.cols);
        let text = values.get(cols.text).map(String::as_str).unwrap_or("");
        report.chars_read += text.chars().count();
        let doc_id = format!("{}#{number}", self.stem);
        if text.trim().is_empty() {
            corpus.dropped.push(Dropped {
                source: file.source.clone(),
                doc_id: String::new(),
                line,
                what: "row".into(),
                reason: "empty text".into(),
                n_chars: text.chars().count(),
                text: text.into(),
            });
            return;
        }
        let layout = layout::paragraphs(text);
        for mut r in layout.removals {
            r.line = line;
            push_removal(corpus, &file.source, r);
        }
        push_removed_chars(corpus, &file.source, &doc_id, layout.removed);
        let get = |i: Option<usize>| i.and_then(|i| values.get(i)).map(|v| v.trim().to_string()).unwrap_or_default();
        let raw_date = get(cols.date);
        let (date, date_source) = if raw_date.is_empty() {
            (String::new(), "none".to_string())
        } else if let Some(d) = dates::Date::parse_loose(&raw_date) {
            (d.iso(), "column".into())
        } else if let Some(d) = dates::reduced_iso(&raw_date) {
            (d, "column".into())
        } else {
            corpus
                .warnings
                .push(format!("{}:{line}: date `{raw_date}` is not a date; the document is undated", file.source));
            (String::new(), "none".into())
        };
        let title = get(cols.title);
        let genre = match get(cols.genre) {
            g if !g.is_empty() => g,
            _ => genre_of(&title, false).to_string(),
        };
        let used = [Some(cols.text), cols.date, cols.title, cols.genre];
        let meta = self
            .headers
            .iter()
            .enumerate()
            .filter(|(i, _)| !used.contains(&Some(*i)))
            .map(|(i, h)| (column_name(h), values.get(i).cloned().unwrap_or_default()))
            .collect();
        corpus.documents.push(Document {
            doc_id,
            source: file.source.clone(),
            title,
            date,
            date_source,
            genre,
            duplicate_of: String::new(),
            paragraphs: layout.paras.into_iter().map(|p| p.text).collect(),
            meta,
        });
    }
}

fn read_table(
    file: &InputFile,
    stem: &str,
    text: &str,
    delimiter: u8,
    opts: &IngestOptions,
    report: &mut FileReport,
    corpus: &mut Corpus,
) -> Result<()> {
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| Error::BadLine {
            path: file.source.clone(),
            line: 1,
            reason: format!("cannot read the header row ({e})"),
            hint: "the first row must name the columns".into(),
        })?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let cols = columns(&headers, opts, &file.source)?;
    let records = Records { file, stem, headers, cols };
    for (n, record) in reader.records().enumerate() {
        let record = record.map_err(|e| Error::BadLine {
            path: file.source.clone(),
            line: e.position().map_or(n + 2, |p| p.line() as usize),
            reason: format!("malformed row ({e})"),
            hint: "fix the quoting of that row".into(),
        })?;
        let line = record.position().map_or(n + 2, |p| p.line() as usize);
        let values: Vec<String> = record.iter().map(str::to_string).collect();
        records.push(n + 1, line, &values, report, corpus);
    }
    Ok(())
}

fn read_jsonl(
    file: &InputFile,
    stem: &str,
    text: &str,
    opts: &IngestOptions,
    report: &mut FileReport,
    corpus: &mut Corpus,
) -> Result<()> {
    let mut records: Vec<(usize, serde_json::Map<String, serde_json::Value>)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<serde_json::Value>(line) {
            Ok(serde_json::Value::Object(map)) => records.push((i + 1, map)),
            Ok(_) | Err(_) => {
                let reason = match serde_json::from_str::<serde_json::Value>(line) {
                    Err(e) => format!("invalid JSON ({e})"),
                    Ok(_) => "not a JSON object".to_string(),
                };
                if opts.strict {
                    return Err(Error::BadLine {
                        path: file.source.clone(),
                        line: i + 1,
                        reason,
                        hint: "fix or remove that line (without --strict it is skipped and logged)".into(),
                    });
                }
                corpus.warnings.push(format!("{}:{}: {reason}; the line is skipped", file.source, i + 1));
                report.chars_read += line.chars().count();
                corpus.dropped.push(Dropped {
                    source: file.source.clone(),
                    doc_id: String::new(),
                    line: i + 1,
                    what: "line".into(),
                    reason,
                    n_chars: line.chars().count(),
                    text: line.into(),
                });
            }
        }
    }
    let mut headers: Vec<String> = Vec::new();
    for (_, map) in &records {
        for k in map.keys() {
            if !headers.contains(k) {
                headers.push(k.clone());
            }
        }
    }
    if records.is_empty() {
        return Ok(());
    }
    let cols = columns(&headers, opts, &file.source)?;
    let reader = Records { file, stem, headers, cols };
    for (n, (line, map)) in records.iter().enumerate() {
        let values: Vec<String> = reader
            .headers
            .iter()
            .map(|h| match map.get(h) {
                None | Some(serde_json::Value::Null) => String::new(),
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(v) => v.to_string(),
            })
            .collect();
        reader.push(n + 1, *line, &values, report, corpus);
    }
    Ok(())
}

fn mark_duplicates(corpus: &mut Corpus) {
    let paras: Vec<&[String]> = corpus.documents.iter().map(|d| d.paragraphs.as_slice()).collect();
    let dups = dedup::duplicates_of(&paras);
    // A kept copy without a full date takes the best date of its copies
    // (they are the same text): a table of contents beats a dateline.
    let rank = |s: &str| {
        ["toc", "sidecar", "qiushi", "heading", "column", "dateline", "chronology", "text"]
            .iter()
            .position(|r| s.starts_with(r))
    };
    for (d, kept) in dups.iter().enumerate() {
        let Some(k) = *kept else { continue };
        let (copy, kept_doc) = (&corpus.documents[d], &corpus.documents[k]);
        let better = copy.has_full_date()
            && (!kept_doc.has_full_date() || rank(&copy.date_source) < rank(&kept_doc.date_source));
        if better {
            let (date, from) = (copy.date.clone(), format!("copy:{}", copy.doc_id));
            corpus.documents[k].date = date;
            corpus.documents[k].date_source = from;
        }
    }
    for (d, kept) in dups.into_iter().enumerate() {
        let Some(k) = kept else { continue };
        let kept_id = corpus.documents[k].doc_id.clone();
        let doc = &mut corpus.documents[d];
        doc.duplicate_of = kept_id.clone();
        corpus.dropped.push(Dropped {
            source: doc.source.clone(),
            doc_id: doc.doc_id.clone(),
            line: 0,
            what: "duplicate".into(),
            reason: format!(
                "near-duplicate of {kept_id}; kept in documents, left out of counts unless --keep-duplicates"
            ),
            n_chars: 0,
            text: doc.title.clone(),
        });
    }
}

fn flag_dates(corpus: &mut Corpus) {
    for doc in &corpus.documents {
        let (what, reason) = if doc.date.is_empty() {
            ("undated", "no date found in the text, its file or the metadata".to_string())
        } else if doc.date.starts_with("--") {
            (
                "noyear",
                format!("month and day {} found, but no year (add the file's date to a metadata.csv)", &doc.date[2..]),
            )
        } else {
            continue;
        };
        corpus.dropped.push(Dropped {
            source: doc.source.clone(),
            doc_id: doc.doc_id.clone(),
            line: 0,
            what: what.into(),
            reason,
            n_chars: 0,
            text: doc.title.clone(),
        });
    }
}

/// Is `dir` an output folder of `zhtext ingest`?
pub fn is_ingest_output(dir: &Path) -> bool {
    dir.join("documents.parquet").is_file() || dir.join("documents.csv").is_file()
}
