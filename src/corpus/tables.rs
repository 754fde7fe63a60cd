//! The corpus tables as polars DataFrames (columns as in DESIGN.md).

use super::{Corpus, Document};
use crate::error::{Error, Result};
use polars::prelude::*;
use std::collections::BTreeSet;

fn frame(table: &str, height: usize, columns: Vec<Column>) -> Result<DataFrame> {
    DataFrame::new(height, columns).map_err(|source| Error::Table { table: table.into(), source })
}

fn strings<'a>(name: &str, values: impl Iterator<Item = &'a str>) -> Column {
    Column::new(name.into(), values.collect::<Vec<&str>>())
}

/// `documents`: doc_id, source, title, date, date_source, genre,
/// duplicate_of, n_chars, n_paragraphs, text, then any metadata columns
/// (sorted by name), in the order the documents were read.
pub fn documents_frame(docs: &[Document]) -> Result<DataFrame> {
    let texts: Vec<String> = docs.iter().map(Document::text).collect();
    let mut columns = vec![
        strings("doc_id", docs.iter().map(|d| d.doc_id.as_str())),
        strings("source", docs.iter().map(|d| d.source.as_str())),
        strings("title", docs.iter().map(|d| d.title.as_str())),
        strings("date", docs.iter().map(|d| d.date.as_str())),
        strings("date_source", docs.iter().map(|d| d.date_source.as_str())),
        strings("genre", docs.iter().map(|d| d.genre.as_str())),
        strings("duplicate_of", docs.iter().map(|d| d.duplicate_of.as_str())),
        Column::new("n_chars".into(), docs.iter().map(|d| d.n_chars() as u64).collect::<Vec<u64>>()),
        Column::new("n_paragraphs".into(), docs.iter().map(|d| d.paragraphs.len() as u64).collect::<Vec<u64>>()),
        strings("text", texts.iter().map(String::as_str)),
    ];
    let keys: BTreeSet<&String> = docs.iter().flat_map(|d| d.meta.keys()).collect();
    for key in keys {
        columns.push(strings(key, docs.iter().map(|d| d.meta.get(key).map_or("", String::as_str))));
    }
    frame("documents", docs.len(), columns)
}

/// `paragraphs`: doc_id, para (1-based within the document), text.
pub fn paragraphs_frame(docs: &[Document]) -> Result<DataFrame> {
    let n: usize = docs.iter().map(|d| d.paragraphs.len()).sum();
    let mut ids = Vec::with_capacity(n);
    let mut paras = Vec::with_capacity(n);
    let mut texts = Vec::with_capacity(n);
    for d in docs {
        for (i, p) in d.paragraphs.iter().enumerate() {
            ids.push(d.doc_id.as_str());
            paras.push(i as u32 + 1);
            texts.push(p.as_str());
        }
    }
    frame(
        "paragraphs",
        n,
        vec![Column::new("doc_id".into(), ids), Column::new("para".into(), paras), Column::new("text".into(), texts)],
    )
}

/// `dropped`: source, doc_id, line, what, reason, n_chars, text — sorted by
/// source, line, what.
pub fn dropped_frame(corpus: &Corpus) -> Result<DataFrame> {
    let d = &corpus.dropped;
    frame(
        "dropped",
        d.len(),
        vec![
            strings("source", d.iter().map(|x| x.source.as_str())),
            strings("doc_id", d.iter().map(|x| x.doc_id.as_str())),
            Column::new("line".into(), d.iter().map(|x| x.line as u64).collect::<Vec<u64>>()),
            strings("what", d.iter().map(|x| x.what.as_str())),
            strings("reason", d.iter().map(|x| x.reason.as_str())),
            Column::new("n_chars".into(), d.iter().map(|x| x.n_chars as u64).collect::<Vec<u64>>()),
            strings("text", d.iter().map(|x| x.text.as_str())),
        ],
    )
}
