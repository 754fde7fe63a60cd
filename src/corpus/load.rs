//! Reading back the `documents` table written by `zhtext ingest`, so a large
//! corpus is cleaned once and analysed many times.

use super::Document;
use crate::error::{Error, Result};
use polars::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;

const REQUIRED: &[&str] = &["doc_id", "source", "title", "date", "date_source", "genre", "duplicate_of", "text"];
const DERIVED: &[&str] = &["n_chars", "n_paragraphs"];

/// Reads `documents.parquet` (or, failing that, `documents.csv`) from an
/// ingest output folder.
pub fn read_documents(dir: &Path) -> Result<Vec<Document>> {
    let shown = super::read::display_path(dir);
    let parquet = dir.join("documents.parquet");
    let df = if parquet.is_file() {
        let file = std::fs::File::open(&parquet).map_err(|e| unreadable(&shown, &e.to_string()))?;
        ParquetReader::new(file).finish().map_err(|e| unreadable(&shown, &e.to_string()))?
    } else {
        let csv = dir.join("documents.csv");
        CsvReadOptions::default()
            .with_infer_schema_length(Some(0))
            .try_into_reader_with_file_path(Some(csv))
            .and_then(|r| r.finish())
            .map_err(|e| unreadable(&shown, &e.to_string()))?
    };
    for name in REQUIRED {
        if df.column(name).is_err() {
            return Err(unreadable(&shown, &format!("the documents table has no `{name}` column")));
        }
    }
    let strings = |name: &str| -> Result<Vec<String>> {
        let col = df.column(name).map_err(|e| unreadable(&shown, &e.to_string()))?;
        let col = col.cast(&DataType::String).map_err(|e| unreadable(&shown, &e.to_string()))?;
        let ca = col.str().map_err(|e| unreadable(&shown, &e.to_string()))?;
        Ok(ca.iter().map(|v| v.unwrap_or("").to_string()).collect())
    };
    let extra: Vec<String> = df
        .get_column_names()
        .iter()
        .map(|n| n.to_string())
        .filter(|n| !REQUIRED.contains(&n.as_str()) && !DERIVED.contains(&n.as_str()))
        .collect();
    let mut meta_cols = Vec::new();
    for name in &extra {
        meta_cols.push((name.clone(), strings(name)?));
    }
    let (ids, sources, titles, dates, date_sources, genres, dups, texts) = (
        strings("doc_id")?,
        strings("source")?,
        strings("title")?,
        strings("date")?,
        strings("date_source")?,
        strings("genre")?,
        strings("duplicate_of")?,
        strings("text")?,
    );
    let mut docs = Vec::with_capacity(ids.len());
    for i in 0..ids.len() {
        let meta: BTreeMap<String, String> = meta_cols.iter().map(|(n, v)| (n.clone(), v[i].clone())).collect();
        docs.push(Document {
            doc_id: ids[i].clone(),
            source: sources[i].clone(),
            title: titles[i].clone(),
            date: dates[i].clone(),
            date_source: date_sources[i].clone(),
            genre: genres[i].clone(),
            duplicate_of: dups[i].clone(),
            paragraphs: texts[i].split('\n').map(str::to_string).collect(),
            meta,
        });
    }
    Ok(docs)
}

fn unreadable(shown: &str, reason: &str) -> Error {
    Error::Unreadable {
        path: shown.to_string(),
        reason: format!("cannot read its documents table ({reason})"),
        hint: "run `zhtext ingest` again to write the folder, or give the raw files instead".into(),
    }
}
