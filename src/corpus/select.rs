//! Selecting documents by their metadata, for keyness groups:
//!
//! * `genre=speech,letter` — a column equal to one of the values (any
//!   column: genre, source, date_source, doc (the doc_id), or a metadata
//!   column);
//! * `date=2023-11-01..2023-11-30` — a date range, inclusive, either end open
//!   (`..2023-11-15`, `2023-11-16..`); undated documents never match;
//! * `title~APEC|金砖` — a regular expression on a column.
//!
//! Several selectors (repeated options) must all match.

use super::Document;
use crate::error::{Error, Result};
use regex::Regex;

/// One parsed selector.
#[derive(Debug, Clone)]
pub enum Selector {
    Equals { column: String, values: Vec<String> },
    DateRange { from: Option<String>, to: Option<String> },
    Matches { column: String, pattern: Regex },
}

fn field<'a>(doc: &'a Document, column: &str) -> Option<&'a str> {
    Some(match column {
        "doc" | "doc_id" => &doc.doc_id,
        "genre" => &doc.genre,
        "title" => &doc.title,
        "source" => &doc.source,
        "date" => &doc.date,
        "date_source" => &doc.date_source,
        _ => doc.meta.get(column)?.as_str(),
    })
}

impl Selector {
    /// Parses `column=v1,v2`, `date=FROM..TO` or `column~regex`; `columns`
    /// are the metadata columns present, for the error message.
    pub fn parse(text: &str, flag: &str, docs: &[Document]) -> Result<Selector> {
        let known = |c: &str| {
            ["doc", "doc_id", "genre", "title", "source", "date", "date_source"].contains(&c)
                || docs.iter().any(|d| d.meta.contains_key(c))
        };
        let bad = |why: String| Error::BadOption(format!("{flag} {text}: {why}"));
        let (column, op, value) = match (text.find('='), text.find('~')) {
            (Some(i), Some(j)) if j < i => (&text[..j], '~', &text[j + 1..]),
            (Some(i), _) => (&text[..i], '=', &text[i + 1..]),
            (None, Some(j)) => (&text[..j], '~', &text[j + 1..]),
            (None, None) => {
                return Err(
                    bad("write column=value[,value…], date=FROM..TO or column~regex (e.g. genre=speech)".into()),
                )
            }
        };
        let column = column.trim();
        if !known(column) {
            let mut cols: Vec<String> = docs.iter().flat_map(|d| d.meta.keys().cloned()).collect();
            cols.sort();
            cols.dedup();
            return Err(bad(format!(
                "unknown column `{column}`; use doc, genre, title, source, date, date_source{}",
                if cols.is_empty() { String::new() } else { format!(" or {}", cols.join(", ")) }
            )));
        }
        if op == '~' {
            let pattern = Regex::new(value).map_err(|e| bad(format!("not a regular expression ({e})")))?;
            return Ok(Selector::Matches { column: column.into(), pattern });
        }
        if column == "date" && value.contains("..") {
            let (from, to) = value.split_once("..").expect("contains ..");
            let end = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
            return Ok(Selector::DateRange { from: end(from), to: end(to) });
        }
        let values: Vec<String> = value.split(',').map(|v| v.trim().to_string()).filter(|v| !v.is_empty()).collect();
        if values.is_empty() {
            return Err(bad("no value to select".into()));
        }
        Ok(Selector::Equals { column: column.into(), values })
    }

    pub fn matches(&self, doc: &Document) -> bool {
        match self {
            Selector::Equals { column, values } => field(doc, column).is_some_and(|v| values.iter().any(|x| x == v)),
            Selector::Matches { column, pattern } => field(doc, column).is_some_and(|v| pattern.is_match(v)),
            Selector::DateRange { from, to } => {
                let d = doc.date.as_str();
                // ISO dates compare as strings; a date without a year never matches.
                !d.is_empty()
                    && !d.starts_with("--")
                    && from.as_deref().is_none_or(|f| d >= f)
                    && to.as_deref().is_none_or(|t| d[..t.len().min(d.len())] <= *t)
            }
        }
    }
}

/// Which documents all `selectors` match; an error when none does.
pub fn select(docs: &[Document], selectors: &[String], flag: &str) -> Result<Vec<bool>> {
    let parsed: Vec<Selector> = selectors.iter().map(|s| Selector::parse(s, flag, docs)).collect::<Result<_>>()?;
    let chosen: Vec<bool> = docs.iter().map(|d| parsed.iter().all(|s| s.matches(d))).collect();
    if !chosen.iter().any(|&c| c) {
        return Err(Error::BadOption(format!(
            "{flag} {}: matched no documents (of {}); check the values with `zhtext ingest` (documents.csv)",
            selectors.join(" "),
            docs.len()
        )));
    }
    Ok(chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, genre: &str, date: &str, title: &str) -> Document {
        Document {
            doc_id: id.into(),
            source: "s".into(),
            title: title.into(),
            date: date.into(),
            date_source: "toc".into(),
            genre: genre.into(),
            duplicate_of: String::new(),
            paragraphs: vec![],
            meta: [("speaker".to_string(), "习近平".to_string())].into(),
        }
    }

    #[test]
    fn selectors() {
        let docs = vec![
            doc("a", "speech", "2023-11-15", "在亚太经合组织会议上的讲话"),
            doc("b", "letter", "2023-11-30", "贺信"),
            doc("c", "speech", "", "讲话"),
        ];
        let sel = |s: &[&str]| select(&docs, &s.iter().map(|x| x.to_string()).collect::<Vec<_>>(), "--target");
        assert_eq!(sel(&["genre=speech"]).unwrap(), [true, false, true]);
        assert_eq!(sel(&["genre=speech,letter", "date=2023-11-01..2023-11-20"]).unwrap(), [true, false, false]);
        assert_eq!(sel(&["date=2023-11-16.."]).unwrap(), [false, true, false]);
        assert_eq!(sel(&["date=..2023-11"]).unwrap(), [true, true, false]);
        assert_eq!(sel(&["title~亚太|贺"]).unwrap(), [true, true, false]);
        assert_eq!(sel(&["doc=b,c"]).unwrap(), [false, true, true]);
        assert_eq!(sel(&["speaker=习近平"]).unwrap(), [true, true, true]);
        let e = sel(&["genre=poem"]).unwrap_err().to_string();
        assert!(e.contains("matched no documents"), "{e}");
        let e = sel(&["colour=red"]).unwrap_err().to_string();
        assert!(e.contains("unknown column `colour`") && e.contains("speaker"), "{e}");
        assert!(sel(&["title~("]).unwrap_err().to_string().contains("not a regular expression"));
        assert!(sel(&["speech"]).unwrap_err().to_string().contains("column=value"));
    }
}
