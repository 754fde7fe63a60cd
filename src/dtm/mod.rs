//! The term-document matrix: counts of terms per document, held as a sparse
//! CSR matrix (rows = documents, columns = terms) for the numeric work of
//! later stages, and given out as polars tables in long form — `dtm`
//! (doc_id, term, n) and `vocabulary` (term, n, docs) — and as Matrix Market.
//!
//! Counting streams: documents are segmented in parallel in chunks and only
//! their counts are kept, so memory grows with the number of distinct (doc,
//! term) pairs, not with the number of tokens.

pub mod filter;

use crate::corpus::Document;
use crate::error::{Error, Result};
use crate::segment::Segmenter;
use filter::TermFilter;
use polars::prelude::*;
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

/// Documents segmented at once before their counts are merged.
const CHUNK: usize = 256;

/// A document-term matrix in CSR form. Terms are sorted (by Unicode code
/// point); rows are in document order; within a row, columns ascend.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dtm {
    pub doc_ids: Vec<String>,
    pub terms: Vec<String>,
    /// Row `d` holds `indices[indptr[d]..indptr[d + 1]]`.
    pub indptr: Vec<usize>,
    pub indices: Vec<u32>,
    pub counts: Vec<u32>,
}

/// The kept terms of each document in text order, as column indices of the
/// matrix (for measures that need word order: sliding-window coherence).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sequences {
    /// Document d holds `ids[start[d]..start[d + 1]]`.
    pub start: Vec<usize>,
    pub ids: Vec<u32>,
}

/// Collects per-document counts and builds a [`Dtm`].
#[derive(Debug, Default)]
pub struct DtmBuilder {
    vocab: HashMap<String, u32>,
    terms: Vec<String>,
    doc_ids: Vec<String>,
    indptr: Vec<usize>,
    indices: Vec<u32>,
    counts: Vec<u32>,
    order: Option<Sequences>,
}

impl DtmBuilder {
    pub fn new() -> DtmBuilder {
        DtmBuilder { indptr: vec![0], ..Default::default() }
    }

    /// A builder that also keeps each document's terms in order.
    pub fn keeping_order() -> DtmBuilder {
        DtmBuilder { indptr: vec![0], order: Some(Sequences { start: vec![0], ids: Vec::new() }), ..Default::default() }
    }

    /// Adds the terms of a document in text order (counts and, when kept,
    /// the sequence).
    pub fn add_sequence(&mut self, doc_id: &str, sequence: &[&str]) {
        let mut counts: HashMap<&str, u32> = HashMap::new();
        for t in sequence {
            *counts.entry(t).or_default() += 1;
        }
        self.add(doc_id, counts);
        if let Some(order) = &mut self.order {
            order.ids.extend(sequence.iter().map(|t| self.vocab[*t]));
            order.start.push(order.ids.len());
        }
    }

    /// Adds a document with its term counts (any order; terms unique).
    pub fn add<S: AsRef<str>>(&mut self, doc_id: &str, counts: impl IntoIterator<Item = (S, u32)>) {
        self.doc_ids.push(doc_id.to_string());
        for (term, n) in counts {
            let term = term.as_ref();
            let id = match self.vocab.get(term) {
                Some(&id) => id,
                None => {
                    let id = self.terms.len() as u32;
                    self.vocab.insert(term.to_string(), id);
                    self.terms.push(term.to_string());
                    id
                }
            };
            self.indices.push(id);
            self.counts.push(n);
        }
        self.indptr.push(self.indices.len());
    }

    /// Sorts terms and renumbers columns.
    pub fn finish(self) -> Dtm {
        self.finish_with_order().0
    }

    /// [`DtmBuilder::finish`], with the sequences renumbered too.
    pub fn finish_with_order(self) -> (Dtm, Option<Sequences>) {
        let mut order: Vec<u32> = (0..self.terms.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| self.terms[a as usize].cmp(&self.terms[b as usize]));
        let mut new_id = vec![0u32; order.len()];
        for (new, &old) in order.iter().enumerate() {
            new_id[old as usize] = new as u32;
        }
        let mut terms = self.terms;
        let mut sorted_terms: Vec<String> = Vec::with_capacity(terms.len());
        for &old in &order {
            sorted_terms.push(std::mem::take(&mut terms[old as usize]));
        }
        let mut indices = self.indices;
        let mut counts = self.counts;
        for d in 0..self.doc_ids.len() {
            let (start, end) = (self.indptr[d], self.indptr[d + 1]);
            let mut row: Vec<(u32, u32)> =
                indices[start..end].iter().zip(&counts[start..end]).map(|(&i, &n)| (new_id[i as usize], n)).collect();
            row.sort_unstable();
            for (k, (i, n)) in row.into_iter().enumerate() {
                indices[start + k] = i;
                counts[start + k] = n;
            }
        }
        indices.shrink_to_fit();
        counts.shrink_to_fit();
        let order = self.order.map(|mut o| {
            o.ids.iter_mut().for_each(|i| *i = new_id[*i as usize]);
            o
        });
        (Dtm { doc_ids: self.doc_ids, terms: sorted_terms, indptr: self.indptr, indices, counts }, order)
    }
}

/// A matrix and how many tokens went into it.
#[derive(Debug, Clone, PartialEq)]
pub struct Counted {
    pub dtm: Dtm,
    /// Tokens the segmenter produced.
    pub tokens: u64,
    /// Word tokens of each document (tokens with a letter or digit, before
    /// stopwords and filters): the denominator of rates.
    pub words: Vec<u64>,
    /// The kept terms in text order, when asked for.
    pub sequences: Option<Sequences>,
}

/// Segments `docs` and counts the tokens that `filter` keeps. Documents are
/// segmented in parallel; the matrix is the same whatever the thread count.
pub fn count_documents(docs: &[&Document], segmenter: &Segmenter, filter: &TermFilter) -> Counted {
    let mut builder = DtmBuilder::new();
    let mut words = Vec::with_capacity(docs.len());
    let tokens = docs.chunks(CHUNK).map(|chunk| count_chunk(&mut builder, &mut words, chunk, segmenter, filter)).sum();
    Counted { dtm: builder.finish(), tokens, words, sequences: None }
}

/// [`count_documents`] for documents given by value: each chunk's text is
/// freed once counted, so memory peaks with the corpus text and then falls.
/// Returns the documents without their paragraphs (their metadata), and calls
/// `on_chunk` with the number of documents done.
/// With `keep_order`, the kept terms of each document are also returned in
/// text order ([`Counted::sequences`]).
pub fn count_documents_owned(
    docs: Vec<Document>,
    segmenter: &Segmenter,
    filter: &TermFilter,
    keep_order: bool,
    on_chunk: &dyn Fn(usize),
) -> (Counted, Vec<Document>) {
    let mut builder = if keep_order { DtmBuilder::keeping_order() } else { DtmBuilder::new() };
    let mut tokens = 0;
    let mut words = Vec::with_capacity(docs.len());
    let mut meta = Vec::with_capacity(docs.len());
    let mut rest = docs.into_iter();
    loop {
        let chunk: Vec<Document> = rest.by_ref().take(CHUNK).collect();
        if chunk.is_empty() {
            break;
        }
        let refs: Vec<&Document> = chunk.iter().collect();
        tokens += count_chunk(&mut builder, &mut words, &refs, segmenter, filter);
        on_chunk(chunk.len());
        meta.extend(chunk.into_iter().map(|d| Document { paragraphs: Vec::new(), ..d }));
    }
    let (dtm, sequences) = builder.finish_with_order();
    (Counted { dtm, tokens, words, sequences }, meta)
}

/// Counts one chunk of documents in parallel and adds them in order; returns
/// the number of tokens segmented.
fn count_chunk(
    builder: &mut DtmBuilder,
    words: &mut Vec<u64>,
    chunk: &[&Document],
    segmenter: &Segmenter,
    filter: &TermFilter,
) -> u64 {
    let keep_order = builder.order.is_some();
    let counted: Vec<DocCounts> = chunk
        .par_iter()
        .map(|doc| {
            let mut counts: HashMap<&str, u32> = HashMap::new();
            let mut sequence = Vec::new();
            let (mut seen, mut word_tokens) = (0u64, 0u64);
            for para in &doc.paragraphs {
                for (term, tag) in segmenter.tag(para) {
                    seen += 1;
                    word_tokens += !filter::is_punctuation_or_space(term) as u64;
                    if filter.keep(term, tag) {
                        if keep_order {
                            sequence.push(term);
                        } else {
                            *counts.entry(term).or_default() += 1;
                        }
                    }
                }
            }
            DocCounts { counts: counts.into_iter().collect(), sequence, tokens: seen, words: word_tokens }
        })
        .collect();
    let mut tokens = 0;
    for (doc, c) in chunk.iter().zip(counted) {
        if keep_order {
            builder.add_sequence(&doc.doc_id, &c.sequence);
        } else {
            builder.add(&doc.doc_id, c.counts);
        }
        words.push(c.words);
        tokens += c.tokens;
    }
    tokens
}

/// What a token does to the run it is met in (see [`token_runs`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunStep {
    /// The token joins the run.
    Keep,
    /// The token is passed over; the run goes on.
    Skip,
    /// The token ends the run.
    Break,
}

/// Each document's runs of tokens: `step` decides for every token (term, POS
/// tag) whether it joins the current run, is passed over, or ends it; a run
/// also ends at a paragraph's end. Documents are segmented in parallel; the
/// result is in `docs` order whatever the thread count.
pub fn token_runs(
    docs: &[&Document],
    segmenter: &Segmenter,
    step: &(dyn Fn(&str, &str) -> RunStep + Sync),
) -> Vec<Vec<Vec<String>>> {
    docs.par_iter()
        .map(|doc| {
            let mut runs = Vec::new();
            for para in &doc.paragraphs {
                let mut run: Vec<String> = Vec::new();
                for (term, tag) in segmenter.tag(para) {
                    match step(term, tag) {
                        RunStep::Keep => run.push(term.to_string()),
                        RunStep::Skip => {}
                        RunStep::Break if !run.is_empty() => runs.push(std::mem::take(&mut run)),
                        RunStep::Break => {}
                    }
                }
                if !run.is_empty() {
                    runs.push(run);
                }
            }
            runs
        })
        .collect()
}

/// Runs of kept terms, for n-gram statistics: a run ends at every token that
/// is not kept — punctuation (so every sentence end), whitespace, stopwords
/// and whatever `filter` drops — so no n-gram taken inside a run crosses one
/// of them.
pub fn kept_runs(docs: &[&Document], segmenter: &Segmenter, filter: &TermFilter) -> Vec<Vec<Vec<String>>> {
    token_runs(docs, segmenter, &|term, tag| {
        if filter.keep(term, tag) && !filter::is_punctuation_or_space(term) {
            RunStep::Keep
        } else {
            RunStep::Break
        }
    })
}

/// Sentences of kept terms, for window statistics: tokens `filter` drops are
/// passed over, and a sentence ends at 。！？；… (and their ASCII forms) and at
/// a paragraph's end.
pub fn kept_sentences(docs: &[&Document], segmenter: &Segmenter, filter: &TermFilter) -> Vec<Vec<Vec<String>>> {
    token_runs(docs, segmenter, &|term, tag| {
        if crate::segment::ends_sentence(term) {
            RunStep::Break
        } else if filter.keep(term, tag) && !filter::is_punctuation_or_space(term) {
            RunStep::Keep
        } else {
            RunStep::Skip
        }
    })
}

/// One document's term counts (or terms in order), tokens and word tokens.
struct DocCounts<'a> {
    counts: Vec<(&'a str, u32)>,
    sequence: Vec<&'a str>,
    tokens: u64,
    words: u64,
}

/// Counts a tokens table (doc_id, term, tag) with `filter`; documents come
/// in the order of their first token.
pub fn from_tokens(tokens: &DataFrame, filter: &TermFilter) -> Result<Dtm> {
    let col = |name: &str| -> Result<&StringChunked> {
        tokens
            .column(name)
            .and_then(|c| c.str())
            .map_err(|source| Error::Table { table: format!("tokens (column {name})"), source })
    };
    let (docs, terms, tags) = (col("doc_id")?, col("term")?, col("tag")?);
    let mut builder = DtmBuilder::new();
    let mut current: Option<&str> = None;
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for ((doc, term), tag) in docs.iter().zip(terms.iter()).zip(tags.iter()) {
        let (doc, term, tag) = (doc.unwrap_or(""), term.unwrap_or(""), tag.unwrap_or(""));
        if current != Some(doc) {
            if let Some(prev) = current {
                builder.add(prev, counts.drain());
            }
            current = Some(doc);
        }
        if filter.keep(term, tag) {
            *counts.entry(term).or_default() += 1;
        }
    }
    if let Some(prev) = current {
        builder.add(prev, counts.drain());
    }
    Ok(builder.finish())
}

/// Thresholds for pruning the vocabulary.
#[derive(Debug, Clone, Copy, Default)]
pub struct Prune {
    /// Keep terms counted at least this often in all.
    pub min_count: u64,
    /// Keep terms in at least this many documents.
    pub min_docs: u32,
    /// Keep terms in at most this share of documents (0–1).
    pub max_doc_share: Option<f64>,
}

impl Dtm {
    pub fn n_docs(&self) -> usize {
        self.doc_ids.len()
    }

    pub fn n_terms(&self) -> usize {
        self.terms.len()
    }

    pub fn nnz(&self) -> usize {
        self.indices.len()
    }

    /// Sum of all counts.
    pub fn total(&self) -> u64 {
        self.counts.iter().map(|&n| n as u64).sum()
    }

    /// Row `d` as (term index, count) pairs.
    pub fn row(&self, d: usize) -> impl Iterator<Item = (u32, u32)> + '_ {
        let (s, e) = (self.indptr[d], self.indptr[d + 1]);
        self.indices[s..e].iter().copied().zip(self.counts[s..e].iter().copied())
    }

    /// Total count of each term.
    pub fn term_totals(&self) -> Vec<u64> {
        let mut totals = vec![0u64; self.terms.len()];
        for (&i, &n) in self.indices.iter().zip(&self.counts) {
            totals[i as usize] += n as u64;
        }
        totals
    }

    /// Number of documents containing each term.
    pub fn doc_freqs(&self) -> Vec<u32> {
        let mut df = vec![0u32; self.terms.len()];
        for &i in &self.indices {
            df[i as usize] += 1;
        }
        df
    }

    /// Keeps the terms that pass `prune`; documents stay (possibly empty).
    pub fn prune(self, prune: Prune) -> Result<Dtm> {
        Ok(self.prune_mapped(prune)?.0)
    }

    /// [`Dtm::prune`], also returning the new column of each old column
    /// (`u32::MAX` for dropped terms), or `None` when nothing was dropped.
    pub fn prune_mapped(self, prune: Prune) -> Result<(Dtm, Option<Vec<u32>>)> {
        if prune.min_docs as usize > self.n_docs() {
            return Err(Error::BadOption(format!(
                "--min-docs {}: larger than the corpus ({} documents); choose at most {}",
                prune.min_docs,
                self.n_docs(),
                self.n_docs()
            )));
        }
        if let Some(share) = prune.max_doc_share {
            if !(share > 0.0 && share <= 1.0) {
                return Err(Error::BadOption(format!(
                    "--max-doc-share {share}: give a share between 0 and 1, e.g. 0.9"
                )));
            }
        }
        let totals = self.term_totals();
        let df = self.doc_freqs();
        let n_docs = self.n_docs() as f64;
        let keep: Vec<bool> = (0..self.terms.len())
            .map(|t| {
                totals[t] >= prune.min_count
                    && df[t] >= prune.min_docs
                    && prune.max_doc_share.is_none_or(|s| df[t] as f64 <= s * n_docs)
            })
            .collect();
        if keep.iter().all(|&k| k) {
            return Ok((self, None));
        }
        // Compact in place: no second copy of the matrix.
        let mut m = self;
        let mut new_id = vec![u32::MAX; m.terms.len()];
        let mut kept_terms = 0u32;
        for (t, &k) in keep.iter().enumerate() {
            if k {
                new_id[t] = kept_terms;
                kept_terms += 1;
            }
        }
        let mut t = 0;
        m.terms.retain(|_| {
            t += 1;
            keep[t - 1]
        });
        let mut write = 0;
        let mut start = 0;
        for d in 0..m.doc_ids.len() {
            let end = m.indptr[d + 1];
            for k in start..end {
                let id = new_id[m.indices[k] as usize];
                if id != u32::MAX {
                    m.indices[write] = id;
                    m.counts[write] = m.counts[k];
                    write += 1;
                }
            }
            start = end;
            m.indptr[d + 1] = write;
        }
        m.indices.truncate(write);
        m.counts.truncate(write);
        m.indices.shrink_to_fit();
        m.counts.shrink_to_fit();
        Ok((m, Some(new_id)))
    }

    /// The `dtm` table: doc_id, term, n — by document order, then term.
    pub fn frame(&self) -> Result<DataFrame> {
        self.frame_of_docs(0..self.n_docs())
    }

    /// The `dtm` table in batches of whole documents, about `rows` rows
    /// each (at least one batch), for writing without building it whole.
    pub fn frames(&self, rows: usize) -> impl Iterator<Item = Result<DataFrame>> + '_ {
        let mut starts = vec![0];
        for d in 0..self.n_docs() {
            if self.indptr[d + 1] - self.indptr[*starts.last().expect("non-empty")] >= rows {
                starts.push(d + 1);
            }
        }
        if *starts.last().expect("non-empty") != self.n_docs() || starts.len() == 1 {
            starts.push(self.n_docs());
        }
        (1..starts.len()).map(move |k| self.frame_of_docs(starts[k - 1]..starts[k]))
    }

    fn frame_of_docs(&self, docs: std::ops::Range<usize>) -> Result<DataFrame> {
        let (start, end) = (self.indptr[docs.start], self.indptr[docs.end]);
        let doc = docs
            .clone()
            .flat_map(|d| std::iter::repeat_n(self.doc_ids[d].as_str(), self.indptr[d + 1] - self.indptr[d]));
        let term = self.indices[start..end].iter().map(|&i| self.terms[i as usize].as_str());
        DataFrame::new(
            end - start,
            vec![
                StringChunked::from_iter_values("doc_id".into(), doc).into_column(),
                StringChunked::from_iter_values("term".into(), term).into_column(),
                Column::new("n".into(), self.counts[start..end].to_vec()),
            ],
        )
        .map_err(|source| Error::Table { table: "dtm".into(), source })
    }

    /// The `vocabulary` table: term, n, docs — by count (highest first), then
    /// term.
    pub fn vocabulary_frame(&self) -> Result<DataFrame> {
        let totals = self.term_totals();
        let df = self.doc_freqs();
        let mut order: Vec<usize> = (0..self.n_terms()).collect();
        order.sort_by(|&a, &b| totals[b].cmp(&totals[a]).then(self.terms[a].cmp(&self.terms[b])));
        DataFrame::new(
            order.len(),
            vec![
                Column::new("term".into(), order.iter().map(|&t| self.terms[t].as_str()).collect::<Vec<_>>()),
                Column::new("n".into(), order.iter().map(|&t| totals[t]).collect::<Vec<_>>()),
                Column::new("docs".into(), order.iter().map(|&t| df[t]).collect::<Vec<_>>()),
            ],
        )
        .map_err(|source| Error::Table { table: "vocabulary".into(), source })
    }

    /// Writes `dtm.mtx` (Matrix Market, coordinate integer general; rows are
    /// documents, columns terms, both 1-based), `docs.csv` (row names, with
    /// the documents' metadata) and `terms.csv` (column names with n, docs).
    pub fn write_matrix_market(&self, dir: &Path, docs: &[&Document]) -> Result<()> {
        crate::io::write_atomic(&dir.join("dtm.mtx"), |out| {
            writeln!(out, "%%MatrixMarket matrix coordinate integer general")?;
            writeln!(out, "% zhtext term-document matrix: rows = docs.csv, columns = terms.csv")?;
            writeln!(out, "{} {} {}", self.n_docs(), self.n_terms(), self.nnz())?;
            for d in 0..self.n_docs() {
                for (t, n) in self.row(d) {
                    writeln!(out, "{} {} {}", d + 1, t + 1, n)?;
                }
            }
            Ok(())
        })?;
        let by_id: HashMap<&str, &Document> = docs.iter().map(|d| (d.doc_id.as_str(), *d)).collect();
        crate::io::write_atomic(&dir.join("docs.csv"), |out| {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(["row", "doc_id", "title", "date", "genre"])?;
            for (i, id) in self.doc_ids.iter().enumerate() {
                let d = by_id.get(id.as_str());
                let field = |f: fn(&Document) -> &str| d.map_or("", |d| f(d));
                w.write_record([
                    &(i + 1).to_string(),
                    id,
                    field(|d| &d.title),
                    field(|d| &d.date),
                    field(|d| &d.genre),
                ])?;
            }
            w.flush()
        })?;
        let totals = self.term_totals();
        let df = self.doc_freqs();
        crate::io::write_atomic(&dir.join("terms.csv"), |out| {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(["column", "term", "n", "docs"])?;
            for (t, term) in self.terms.iter().enumerate() {
                w.write_record([&(t + 1).to_string(), term, &totals[t].to_string(), &df[t].to_string()])?;
            }
            w.flush()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Dtm {
        let mut b = DtmBuilder::new();
        b.add("a", [("发展", 3u32), ("安全", 1)]);
        b.add("b", [("合作", 2u32), ("发展", 1)]);
        b.add("c", Vec::<(&str, u32)>::new());
        b.finish()
    }

    #[test]
    fn builds_sorted_csr() {
        let m = small();
        assert_eq!(m.terms, ["发展", "合作", "安全"]);
        assert_eq!(m.indptr, [0, 2, 4, 4]);
        assert_eq!(m.row(0).collect::<Vec<_>>(), [(0, 3), (2, 1)]);
        assert_eq!(m.term_totals(), [4, 2, 1]);
        assert_eq!(m.doc_freqs(), [2, 1, 1]);
        assert_eq!(m.total(), 7);
    }

    #[test]
    fn prunes() {
        let m = small().prune(Prune { min_docs: 2, ..Default::default() }).unwrap();
        assert_eq!(m.terms, ["发展"]);
        assert_eq!(m.total(), 4);
        let m = small().prune(Prune { max_doc_share: Some(0.5), ..Default::default() }).unwrap();
        assert_eq!(m.terms, ["合作", "安全"]);
        let e = small().prune(Prune { min_docs: 4, ..Default::default() }).unwrap_err();
        assert!(e.to_string().contains("larger than the corpus (3 documents)"));
    }
}
