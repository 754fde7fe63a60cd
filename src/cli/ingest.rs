//! `zhtext ingest`: files in, the documents, paragraphs and dropped tables
//! out, and a one-screen summary on stderr.

use super::args::{IngestArgs, OutputArgs};
use crate::corpus::{self, Corpus};
use crate::error::Result;
use crate::io;
use clap::Args;
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct IngestCmd {
    /// Files and folders to read (folders recursively: .txt .md .csv .tsv .jsonl)
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    ingest: IngestArgs,
    #[command(flatten)]
    output: OutputArgs,
}

impl IngestCmd {
    pub fn run(&self) -> Result<()> {
        let bar = super::progress_bar("reading", "files");
        let corpus =
            corpus::ingest_with_progress(&self.paths, &self.ingest.options(), &|n| bar.set_length(n as u64), &|_| {
                bar.inc(1)
            })?;
        bar.finish_and_clear();
        let dir = &self.output.output;
        let mut documents = corpus::documents_frame(&corpus.documents)?;
        let mut paragraphs = corpus::paragraphs_frame(&corpus.documents)?;
        let mut dropped = corpus::dropped_frame(&corpus)?;
        io::create_dir(dir)?;
        let opts = self.output.write_options();
        io::write_table(dir, "documents", &mut documents, &opts)?;
        io::write_table(dir, "paragraphs", &mut paragraphs, &opts)?;
        io::write_table(dir, "dropped", &mut dropped, &opts)?;
        if !super::quiet() {
            eprint!("{}", summary(&corpus));
        }
        say!("tables: {0}/documents.csv, {0}/paragraphs.csv, {0}/dropped.csv (and .parquet)", dir.display());
        Ok(())
    }
}

/// The one-screen summary of an ingest run.
pub fn summary(corpus: &Corpus) -> String {
    let mut s = String::new();
    let read = corpus.files.iter().filter(|f| f.skipped.is_none()).count();
    let _ =
        writeln!(s, "files: {} read, {} skipped, {} ignored", read, corpus.files.len() - read, corpus.ignored.len());
    for f in corpus.files.iter().filter(|f| f.skipped.is_some()) {
        let _ = writeln!(s, "  skipped {}: {}", f.source, f.skipped.as_deref().unwrap_or(""));
    }
    for (source, reason) in corpus.ignored.iter().take(5) {
        let _ = writeln!(s, "  ignored {source}: {reason}");
    }
    if corpus.ignored.len() > 5 {
        let _ = writeln!(s, "  … and {} more ignored", corpus.ignored.len() - 5);
    }
    let chars_read = corpus.chars_read();
    let kept = corpus.chars_kept();
    let dropped = corpus.dropped_chars();
    let dropped_total: usize = dropped.values().sum();
    let _ = writeln!(
        s,
        "characters: {chars_read} read = {kept} kept + {dropped_total} dropped{}",
        if kept + dropped_total == chars_read { "" } else { "  (MISMATCH: please report this)" }
    );
    for (what, n) in &dropped {
        let _ = writeln!(s, "  dropped {what:<11} {n:>8}");
    }
    let docs = &corpus.documents;
    let full = docs.iter().filter(|d| d.has_full_date()).count();
    let noyear = docs.iter().filter(|d| d.date.starts_with("--")).count();
    let undated = docs.iter().filter(|d| d.date.is_empty()).count();
    let dups = docs.iter().filter(|d| !d.duplicate_of.is_empty()).count();
    let _ = writeln!(
        s,
        "documents: {} found, {} dated, {} without a year, {} undated, {} duplicates ({} unique)",
        docs.len(),
        full,
        noyear,
        undated,
        dups,
        docs.len() - dups
    );
    let mut by_source: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for d in docs {
        let source = d.date_source.split(':').next().unwrap_or_default();
        *by_source.entry(source).or_default() += 1;
    }
    let sources: Vec<String> = by_source.iter().map(|(k, v)| format!("{k} {v}")).collect();
    let _ = writeln!(s, "  date sources: {}", sources.join(", "));
    let mut genres: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for d in docs {
        *genres.entry(d.genre.as_str()).or_default() += 1;
    }
    let genres: Vec<String> = genres.iter().map(|(k, v)| format!("{k} {v}")).collect();
    let _ = writeln!(s, "  genres: {}", genres.join(", "));
    for d in docs.iter().filter(|d| !d.has_full_date()) {
        let what = if d.date.is_empty() { "undated".to_string() } else { format!("no year ({})", d.date) };
        let _ = writeln!(s, "  {what}: {} {}", d.doc_id, d.title);
    }
    for d in docs.iter().filter(|d| !d.duplicate_of.is_empty()) {
        let _ = writeln!(s, "  duplicate: {} is a copy of {}", d.doc_id, d.duplicate_of);
    }
    for w in &corpus.warnings {
        let _ = writeln!(s, "warning: {w}");
    }
    s
}
