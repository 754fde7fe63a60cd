//! Argument groups shared by several commands.

use crate::corpus::{self, Document, IngestOptions};
use crate::dtm::filter::{FilterOptions, TermFilter};
use crate::dtm::{count_documents_owned, Dtm, Prune, Sequences};
use crate::error::{Error, Result};
use crate::segment::{SegmentOptions, Segmenter};
use crate::stats::periods::{assign_groups, GroupBy, Groups};
use clap::Args;
use std::path::PathBuf;

/// How raw files are read (every command that reads raw files takes these).
#[derive(Debug, Clone, Args)]
pub struct IngestArgs {
    /// Column with the text in CSV/TSV/JSONL input [default: guessed from
    /// text, content, body, 正文, 内容, 文本]
    #[arg(long, value_name = "NAME")]
    pub text_col: Option<String>,
    /// Column with the date [default: guessed from date, time, year, 日期, 时间, 年份]
    #[arg(long, value_name = "NAME")]
    pub date_col: Option<String>,
    /// Column with the title [default: guessed from title, headline, 标题, 题目]
    #[arg(long, value_name = "NAME")]
    pub title_col: Option<String>,
    /// Read every file in this encoding instead of detecting it (utf-8,
    /// gb18030, gbk, big5, utf-16le, utf-16be, …)
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
    /// Stop at an unreadable file or a broken line instead of skipping it
    #[arg(long)]
    pub strict: bool,
    /// Sidecar metadata CSV (a `file` column; any of title, date, source,
    /// genre); overrides what is inferred. Repeatable
    #[arg(long, value_name = "FILE")]
    pub meta: Vec<PathBuf>,
    /// Do not read the metadata.csv files found in input folders
    #[arg(long)]
    pub no_sidecar: bool,
}

impl IngestArgs {
    pub fn options(&self) -> IngestOptions {
        IngestOptions {
            text_col: self.text_col.clone(),
            date_col: self.date_col.clone(),
            title_col: self.title_col.clone(),
            encoding: self.encoding.clone(),
            strict: self.strict,
            meta: self.meta.clone(),
            no_sidecar: self.no_sidecar,
        }
    }
}

/// Where and how tables are written.
#[derive(Debug, Clone, Args)]
pub struct OutputArgs {
    /// Output folder
    #[arg(short, long, value_name = "DIR", default_value = "zhtext-out")]
    pub output: PathBuf,
    /// Write CSV files with a UTF-8 BOM, so that Excel shows Chinese
    #[arg(long)]
    pub excel: bool,
    /// Table formats to write, comma-separated: csv, parquet, md (Markdown),
    /// tex (LaTeX with booktabs)
    #[arg(long, value_enum, value_delimiter = ',', default_value = "csv,parquet")]
    pub format: Vec<crate::io::Format>,
}

impl OutputArgs {
    pub fn write_options(&self) -> crate::io::WriteOptions {
        let mut formats = self.format.clone();
        formats.sort();
        formats.dedup();
        crate::io::WriteOptions { excel: self.excel, formats }
    }
}

/// The documents a command analyses: raw files and folders (ingested on the
/// fly, with the ingest options), or one folder written by `zhtext ingest`.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// Raw files and folders, or a folder written by `zhtext ingest`
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Count the copies of duplicated documents too (by default only the
    /// kept copy counts)
    #[arg(long)]
    pub keep_duplicates: bool,
    #[command(flatten)]
    pub ingest: IngestArgs,
}

impl InputArgs {
    /// Loads every document (copies included; see [`InputArgs::selected`]).
    pub fn documents(&self) -> Result<Vec<Document>> {
        if let [dir] = self.inputs.as_slice() {
            if dir.is_dir() && corpus::is_ingest_output(dir) {
                return corpus::load::read_documents(dir);
            }
        }
        match corpus::ingest(&self.inputs, &self.ingest.options()) {
            Ok(c) => Ok(c.documents),
            Err(Error::NoInput(msg)) if self.inputs.len() == 1 && self.inputs[0].is_dir() => {
                Err(Error::NoInput(format!(
                    "{}: neither a folder written by `zhtext ingest` (no documents.parquet or documents.csv) nor a folder of text files ({msg})",
                    corpus::read::display_path(&self.inputs[0])
                )))
            }
            Err(e) => Err(e),
        }
    }

    /// The documents to count: without copies unless `--keep-duplicates`.
    pub fn selected<'a>(&self, docs: &'a [Document]) -> Vec<&'a Document> {
        docs.iter().filter(|d| self.keep_duplicates || d.duplicate_of.is_empty()).collect()
    }
}

/// How text is segmented.
#[derive(Debug, Clone, Args)]
pub struct SegmentArgs {
    /// Turn off jieba's HMM for words not in the dictionary
    #[arg(long)]
    pub no_hmm: bool,
    /// Do not load the bundled lexicon of political terms (data/lexicon.txt)
    #[arg(long)]
    pub no_lexicon: bool,
    /// A user dictionary (jieba format: word [frequency] [tag]). Repeatable
    #[arg(long, value_name = "FILE")]
    pub dict: Vec<PathBuf>,
    /// Threads for segmentation [default: one per core]
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

impl SegmentArgs {
    /// The segmenter, built once per process for each set of options (the
    /// stages of `zhtext report` share one: loading jieba's dictionary is
    /// most of a small run's time).
    pub fn segmenter(&self) -> Result<std::sync::Arc<Segmenter>> {
        static BUILT: std::sync::Mutex<Vec<(SegmentOptions, std::sync::Arc<Segmenter>)>> =
            std::sync::Mutex::new(Vec::new());
        let opts = self.options();
        let mut built = BUILT.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, s)) = built.iter().find(|(o, _)| *o == opts) {
            return Ok(s.clone());
        }
        let segmenter = std::sync::Arc::new(Segmenter::new(&opts)?);
        built.push((opts, segmenter.clone()));
        Ok(segmenter)
    }

    /// A segmenter of its own, to add words to.
    pub fn own_segmenter(&self) -> Result<Segmenter> {
        Segmenter::new(&self.options())
    }

    fn options(&self) -> SegmentOptions {
        SegmentOptions { hmm: !self.no_hmm, lexicon: !self.no_lexicon, dicts: self.dict.clone() }
    }

    /// Runs `work` on a pool of `--threads` threads.
    pub fn run<T: Send>(&self, work: impl FnOnce() -> Result<T> + Send) -> Result<T> {
        match self.threads {
            None => work(),
            Some(0) => Err(Error::BadOption("--threads 0: give at least 1".into())),
            Some(n) => rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .map_err(|e| Error::BadOption(format!("--threads {n}: {e}")))?
                .install(work),
        }
    }
}

/// Which tokens count as terms.
#[derive(Debug, Clone, Args)]
pub struct TokenFilterArgs {
    /// A stopword list to add to the bundled one (one word a line). Repeatable
    #[arg(long, value_name = "FILE")]
    pub stopwords: Vec<PathBuf>,
    /// Count every token, function words and punctuation included
    #[arg(long, conflicts_with = "stopwords")]
    pub no_stopwords: bool,
    /// Keep only these POS tags, comma-separated (n,vn,v; `n*` for every tag
    /// starting with n)
    #[arg(long, value_name = "TAGS", value_delimiter = ',')]
    pub pos: Option<Vec<String>>,
    /// Keep numbers (2023, 3.5%, 十四)
    #[arg(long)]
    pub keep_numbers: bool,
}

impl TokenFilterArgs {
    pub fn filter(&self) -> Result<TermFilter> {
        TermFilter::new(&FilterOptions {
            stopwords: !self.no_stopwords,
            extra_stopwords: self.stopwords.clone(),
            pos: self.pos.clone(),
            keep_numbers: self.keep_numbers,
        })
    }
}

/// Which tokens count as terms, and which terms stay in the matrix.
#[derive(Debug, Clone, Args)]
pub struct FilterArgs {
    #[command(flatten)]
    pub tokens: TokenFilterArgs,
    /// Keep terms counted at least N times in all
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub min_count: u64,
    /// Keep terms found in at least N documents
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub min_docs: u32,
    /// Drop terms found in more than this share of documents (0–1)
    #[arg(long, value_name = "SHARE")]
    pub max_doc_share: Option<f64>,
}

impl FilterArgs {
    pub fn filter(&self) -> Result<TermFilter> {
        self.tokens.filter()
    }

    pub fn prune(&self) -> Prune {
        Prune { min_count: self.min_count, min_docs: self.min_docs, max_doc_share: self.max_doc_share }
    }
}

/// Documents counted into a term-document matrix: what to read, how to
/// segment, which tokens count. Shared by every analysis command.
#[derive(Debug, Clone, Args)]
pub struct CountArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub segment: SegmentArgs,
    #[command(flatten)]
    pub filter: FilterArgs,
}

/// A counted corpus.
pub struct Counts {
    pub dtm: Dtm,
    /// Word tokens per document (rows of `dtm`).
    pub words: Vec<u64>,
    /// The counted documents' metadata (rows of `dtm`; paragraphs dropped).
    pub docs: Vec<Document>,
    /// Documents read, copies included.
    pub n_all: usize,
    /// Tokens segmented.
    pub tokens: u64,
    /// Tokens kept as terms (before pruning).
    pub kept: u64,
    /// Distinct terms before pruning.
    pub terms_before: usize,
    /// Each unit's kept terms in text order (when asked for).
    pub sequences: Option<Sequences>,
}

impl CountArgs {
    /// Reads, segments and counts on the `--threads` pool; documents' text is
    /// freed as it is counted.
    pub fn count(&self) -> Result<Counts> {
        Ok(self.count_units(false, false)?.0)
    }

    /// [`CountArgs::count`] with paragraphs as the units (rows) when
    /// `paragraphs` is set: unit ids are `<doc_id>¶<para>`, and the second
    /// value gives each unit's document index in the first value's `docs`
    /// order; for document units it is the identity.
    /// With `keep_order`, [`Counts::sequences`] holds each unit's kept terms
    /// in text order (pruned terms removed).
    pub fn count_units(&self, paragraphs: bool, keep_order: bool) -> Result<(Counts, Vec<usize>, Vec<Document>)> {
        let filter = self.filter.filter()?;
        let segmenter = self.segment.segmenter()?;
        let (counted, docs, n_all, parent, parents) = self.segment.run(|| {
            let mut docs = self.input.documents()?;
            let n_all = docs.len();
            if !self.input.keep_duplicates {
                docs.retain(|d| d.duplicate_of.is_empty());
            }
            let parents: Vec<Document> =
                docs.iter().map(|d| Document { paragraphs: Vec::new(), ..d.clone() }).collect();
            let mut parent: Vec<usize> = (0..docs.len()).collect();
            if paragraphs {
                let mut units = Vec::new();
                parent.clear();
                for (i, d) in docs.into_iter().enumerate() {
                    for (p, text) in d.paragraphs.iter().enumerate() {
                        units.push(Document {
                            doc_id: format!("{}¶{}", d.doc_id, p + 1),
                            paragraphs: vec![text.clone()],
                            ..Document { paragraphs: Vec::new(), ..d.clone() }
                        });
                        parent.push(i);
                    }
                }
                docs = units;
            }
            let bar = super::progress_bar("segmenting", if paragraphs { "paragraphs" } else { "documents" });
            bar.set_length(docs.len() as u64);
            let (counted, meta) = count_documents_owned(docs, &segmenter, &filter, keep_order, &|n| bar.inc(n as u64));
            bar.finish_and_clear();
            Ok((counted, meta, n_all, parent, parents))
        })?;
        let kept = counted.dtm.total();
        let terms_before = counted.dtm.n_terms();
        let (dtm, mapping) = counted.dtm.prune_mapped(self.filter.prune())?;
        let sequences = match (counted.sequences, mapping) {
            (Some(seq), Some(map)) => {
                let mut out = Sequences { start: vec![0], ids: Vec::with_capacity(seq.ids.len()) };
                for w in seq.start.windows(2) {
                    out.ids.extend(seq.ids[w[0]..w[1]].iter().map(|&i| map[i as usize]).filter(|&i| i != u32::MAX));
                    out.start.push(out.ids.len());
                }
                Some(out)
            }
            (seq, _) => seq,
        };
        let counts =
            Counts { dtm, words: counted.words, docs, n_all, tokens: counted.tokens, kept, terms_before, sequences };
        Ok((counts, parent, parents))
    }
}

/// Groups documents by a `--by` key, checked against their metadata columns;
/// warns about documents left out (those without a usable date when grouping
/// by time).
pub fn group_documents<D: std::borrow::Borrow<Document>>(key: &str, docs: &[D]) -> Result<Groups> {
    let mut columns: Vec<String> = docs.iter().flat_map(|d| d.borrow().meta.keys().cloned()).collect();
    columns.sort();
    columns.dedup();
    let groups = assign_groups(&GroupBy::parse(key, &columns)?, docs);
    if groups.left_out > 0 {
        eprintln!(
            "warning: {} documents without a usable date are left out of the {} groups",
            groups.left_out, groups.name
        );
    }
    Ok(groups)
}

/// Parses a length range `MIN-MAX` (or one number) for `flag`, each end
/// within `allowed`.
pub fn length_range(text: &str, flag: &str, allowed: std::ops::RangeInclusive<usize>) -> Result<(usize, usize)> {
    let bad = |why: &str| {
        Error::BadOption(format!(
            "{flag} {text}: {why}; give MIN-MAX with {} ≤ MIN ≤ MAX ≤ {}",
            allowed.start(),
            allowed.end()
        ))
    };
    let number = |s: &str| s.trim().parse::<usize>().map_err(|_| bad("not a length range"));
    let (min, max) = match text.split_once(['-', '–']) {
        Some((a, b)) => (number(a)?, number(b)?),
        None => (number(text)?, number(text)?),
    };
    if min > max {
        return Err(bad("an empty range"));
    }
    if !allowed.contains(&min) || !allowed.contains(&max) {
        return Err(bad("out of range"));
    }
    Ok((min, max))
}

/// Chart size.
#[derive(Debug, Clone, Args)]
pub struct ChartArgs {
    /// Chart width in pixels
    #[arg(long, default_value_t = 960)]
    pub width: u32,
    /// Chart height in pixels
    #[arg(long, default_value_t = 600)]
    pub height: u32,
}

impl ChartArgs {
    pub fn size(&self) -> crate::chart::Size {
        crate::chart::Size { width: self.width.max(200), height: self.height.max(150) }
    }
}

/// A short label for a document in charts: its title cut to `max`
/// characters, and its date.
pub fn short_label(doc: &Document, max: usize) -> String {
    let title: String = doc.title.chars().take(max).collect();
    let title = if doc.title.chars().count() > max { format!("{title}…") } else { title };
    if doc.date.is_empty() {
        title
    } else {
        format!("{title} {}", doc.date)
    }
}

/// Writes an SVG chart atomically.
pub fn write_chart(dir: &std::path::Path, name: &str, svg: &str) -> Result<()> {
    crate::io::write_atomic(&dir.join(format!("{name}.svg")), |out| std::io::Write::write_all(out, svg.as_bytes()))
}
