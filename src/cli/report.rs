//! `zhtext report`: every stage on one corpus — ingest, tokens, dtm, freq,
//! tfidf, keyness (each genre against the rest), similar, topics, colloc,
//! formulas — with defaults that a TOML file can override, each stage's
//! tables and charts in a folder of its own, `index.html` (the page, with a
//! methods appendix written from the options used) and `manifest.json`.
//!
//! The stages are the commands themselves, run in this process with the
//! arguments shown in the methods appendix (so each can be re-run by hand);
//! the segmenter is built once and shared.

use super::{accepts, effective_options, parse_args, run_args, QUIET};
use crate::corpus::read::{display_path, find_inputs};
use crate::error::{Error, Result};
use crate::io;
use crate::report::{self, Page, Section, TablePreview};
use crate::stats::periods::day_number;
use clap::Args;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The stages, in the order they run.
const STAGES: &[&str] =
    &["ingest", "tokens", "dtm", "freq", "tfidf", "keyness", "similar", "topics", "colloc", "formulas"];

/// The theme dictionary used when the configuration names none.
const THEMES: &str = include_str!("../../data/themes.toml");

/// Rows shown of each table on the page.
const PREVIEW_ROWS: usize = 10;

#[derive(Debug, Args)]
pub struct ReportCmd {
    /// Raw files and folders to analyse
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Output folder
    #[arg(short, long, value_name = "DIR", default_value = "reports/report")]
    output: PathBuf,
    /// Stage options (TOML): a table per stage — [ingest], [tokens], [dtm],
    /// [freq], [tfidf], [keyness], [similar], [topics], [colloc], [formulas]
    /// — whose keys are that command's options: `k = 8`, `terms = ["发展",
    /// "安全"]`, `no-hmm = true`; [all] for options given to every stage
    /// that has them (`dict = "my-terms.txt"`)
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Threads for every stage [default: one per core]
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
}

/// One stage's options, in order; setting a flag again replaces it.
#[derive(Debug, Clone, Default, PartialEq)]
struct Options(Vec<(String, Option<String>)>);

impl Options {
    fn set(&mut self, flag: &str, value: Option<String>) {
        match self.0.iter_mut().find(|(f, _)| f == flag) {
            Some(entry) => entry.1 = value,
            None => self.0.push((flag.to_string(), value)),
        }
    }

    fn remove(&mut self, flag: &str) {
        self.0.retain(|(f, _)| f != flag);
    }
}

/// Each configured stage's options, as (flag, value) in the file's order.
type Config = BTreeMap<String, Vec<(String, Option<String>)>>;

/// Parses the configuration: for each stage, its options as flags.
fn parse_config(text: &str, shown: &str) -> Result<Config> {
    let bad = |what: String| {
        Error::BadOption(format!("{shown}: {what}; write a table per stage ([freq], [topics] …) of its options"))
    };
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| bad(e.message().to_string()))?;
    let mut out = BTreeMap::new();
    for (stage, options) in table {
        if stage != "all" && !STAGES.contains(&stage.as_str()) {
            return Err(bad(format!("[{stage}] is not a stage (stages: {}, or all)", STAGES.join(", "))));
        }
        let toml::Value::Table(options) = options else {
            return Err(bad(format!("`{stage}` must be a table, [{stage}]")));
        };
        let mut flags = Vec::new();
        for (key, value) in options {
            let flag = format!("--{}", key.replace('_', "-"));
            let scalar = |v: &toml::Value| match v {
                toml::Value::String(s) => Ok(s.clone()),
                toml::Value::Integer(i) => Ok(i.to_string()),
                toml::Value::Float(f) => Ok(f.to_string()),
                other => Err(bad(format!("[{stage}] {key}: {} is not a value for an option", other.type_str()))),
            };
            let value = match &value {
                toml::Value::Boolean(true) => None,
                toml::Value::Boolean(false) => Some("false".to_string()),
                toml::Value::Array(items) => Some(items.iter().map(scalar).collect::<Result<Vec<_>>>()?.join(",")),
                v => Some(scalar(v)?),
            };
            flags.push((flag, value));
        }
        out.insert(stage, flags);
    }
    Ok(out)
}

/// A stage that ran: its name, folder (relative to the report), arguments
/// as shown (paths relative to the report folder) and time.
struct Ran {
    stage: &'static str,
    folder: String,
    shown_args: Vec<String>,
    /// Every option as it ran, defaults included (flag, value).
    options: Vec<(String, String)>,
    seconds: f64,
}

impl ReportCmd {
    pub fn run(&self) -> Result<()> {
        if self.threads == Some(0) {
            return Err(Error::BadOption("--threads 0: give at least 1".into()));
        }
        let config = match &self.config {
            Some(path) => {
                let (text, shown) = crate::corpus::read::read_user_file(path, "the configuration", "--config")?;
                parse_config(&text, &shown)?
            }
            None => BTreeMap::new(),
        };
        // Every stage's options are checked before anything runs.
        for (flag, _) in config.get("all").into_iter().flatten() {
            if !STAGES.iter().any(|stage| accepts(stage, flag)) {
                return Err(Error::BadOption(format!("report configuration [all]: no stage has the option {flag}")));
            }
        }
        for stage in STAGES {
            let flags = stage_flags(&config, stage);
            if flags.is_empty() {
                continue;
            }
            let mut args = vec![stage.to_string(), "INPUT".to_string()];
            if *stage == "keyness" && !flags.iter().any(|(f, _)| f == "--target") {
                args.extend(["--target".to_string(), "genre=any".to_string()]);
            }
            for (flag, value) in &flags {
                args.push(flag.clone());
                args.extend(value.clone().filter(|v| v != "false"));
            }
            let shown = self.config.as_deref().map(display_path).unwrap_or_default();
            parse_args(&args, &format!("{shown} [{stage}]"))?;
        }
        let found = find_inputs(&self.inputs)?;
        let out = &self.output;
        io::create_dir(out)?;
        io::create_dir(&out.join("config"))?;
        io::write_atomic(&out.join("config/themes.toml"), |w| std::io::Write::write_all(w, THEMES.as_bytes()))?;

        QUIET.store(true, std::sync::atomic::Ordering::Relaxed);
        let result = self.run_stages(&config);
        QUIET.store(false, std::sync::atomic::Ordering::Relaxed);
        let (ran, docs) = result?;

        let page = self.page(&ran, &docs)?;
        io::write_atomic(&out.join("index.html"), |w| std::io::Write::write_all(w, report::html(&page).as_bytes()))?;
        let manifest = self.manifest(
            &ran,
            &found.files.iter().map(|f| f.path.clone()).chain(found.sidecars.clone()).collect::<Vec<_>>(),
        )?;
        io::write_atomic(&out.join("manifest.json"), |w| std::io::Write::write_all(w, manifest.as_bytes()))?;
        let total: f64 = ran.iter().map(|r| r.seconds).sum();
        eprintln!("report written in {:.1} s: {}", total, out.join("index.html").display());
        Ok(())
    }

    /// Runs every stage; one line on stderr per stage. Returns the stages
    /// and the documents ingested.
    fn run_stages(&self, config: &Config) -> Result<(Vec<Ran>, Vec<crate::corpus::Document>)> {
        let out = &self.output;
        let corpus = "ingest".to_string();
        let mut ran: Vec<Ran> = Vec::new();
        let mut run = |stage: &'static str, folder: String, inputs: Vec<String>, mut options: Options| -> Result<()> {
            for (flag, value) in &stage_flags(config, stage) {
                match value.as_deref() {
                    Some("false") => options.remove(flag),
                    _ => options.set(flag, value.clone()),
                }
            }
            if let Some(n) = self.threads {
                if stage != "ingest" {
                    options.set("--threads", Some(n.to_string()));
                }
            }
            let to_report =
                |s: &str| if s == corpus { out.join(s).to_string_lossy().to_string() } else { s.to_string() };
            let mut args = vec![stage.to_string()];
            args.extend(inputs.iter().map(|i| to_report(i)));
            args.extend(["-o".to_string(), out.join(&folder).to_string_lossy().to_string()]);
            let mut shown_args = vec![stage.to_string()];
            shown_args.extend(inputs.iter().cloned());
            shown_args.extend(["-o".to_string(), folder.clone()]);
            for (flag, value) in &options.0 {
                args.push(flag.clone());
                shown_args.push(flag.clone());
                if let Some(v) = value {
                    let in_report = v.starts_with("config/");
                    args.push(if in_report { out.join(v).to_string_lossy().to_string() } else { v.clone() });
                    shown_args.push(v.clone());
                }
            }
            let options = effective_options(&args)
                .into_iter()
                .filter(|(flag, _)| flag != "--threads")
                .map(|(flag, value)| {
                    let value = value.strip_prefix(&format!("{}/", out.display())).map(str::to_string).unwrap_or(value);
                    (flag, value)
                })
                .collect();
            let start = Instant::now();
            run_args(&args, &format!("report stage {folder}"))?;
            let seconds = start.elapsed().as_secs_f64();
            eprintln!("[{:>2}] {folder:<18} {seconds:>6.2} s", ran.len() + 1);
            ran.push(Ran { stage, folder, shown_args, options, seconds });
            Ok(())
        };

        let raw: Vec<String> = self.inputs.iter().map(|p| display_path(p)).collect();
        run("ingest", "ingest".into(), raw, Options::default())?;
        let docs = crate::corpus::load::read_documents(&out.join("ingest"))?;
        let unique: Vec<&crate::corpus::Document> = docs.iter().filter(|d| d.duplicate_of.is_empty()).collect();
        let bin = time_bin(&unique);
        let one = || vec![corpus.clone()];
        run("tokens", "tokens".into(), one(), Options::default())?;
        run("dtm", "dtm".into(), one(), Options::default())?;
        let terms = top_terms(&out.join("dtm/vocabulary.csv"), 5)?;
        let mut freq = Options::default();
        freq.set("--by", Some(format!("date:{bin}")));
        if !terms.is_empty() {
            freq.set("--terms", Some(terms.join(",")));
        }
        freq.set("--themes", Some("config/themes.toml".into()));
        run("freq", "freq".into(), one(), freq)?;
        let mut tfidf = Options::default();
        tfidf.set("--top", Some("10".into()));
        run("tfidf", "tfidf".into(), one(), tfidf)?;
        for genre in genres_to_compare(&unique) {
            let mut keyness = Options::default();
            keyness.set("--target", Some(format!("genre={genre}")));
            let folder = format!("keyness/{}", genre.replace(['/', '\\', ' '], "_"));
            run("keyness", folder, one(), keyness)?;
        }
        run("similar", "similar".into(), one(), Options::default())?;
        let mut topics = Options::default();
        topics.set("--by", Some(format!("date:{bin}")));
        run("topics", "topics".into(), one(), topics)?;
        run("colloc", "colloc".into(), one(), Options::default())?;
        let mut formulas = Options::default();
        formulas.set("--by", Some(format!("date:{bin}")));
        run("formulas", "formulas".into(), one(), formulas)?;
        Ok((ran, docs))
    }

    /// The page: corpus summary, each stage's charts and top rows, methods.
    fn page(&self, ran: &[Ran], docs: &[crate::corpus::Document]) -> Result<Page> {
        let out = &self.output;
        let unique: Vec<&crate::corpus::Document> = docs.iter().filter(|d| d.duplicate_of.is_empty()).collect();
        let mut dates: Vec<&str> = unique.iter().map(|d| d.date.as_str()).filter(|d| !d.is_empty()).collect();
        dates.sort();
        let mut genres: BTreeMap<String, usize> = BTreeMap::new();
        for d in &unique {
            *genres.entry(if d.genre.is_empty() { "(none)".into() } else { d.genre.clone() }).or_default() += 1;
        }
        let mut dropped: BTreeMap<String, (u64, u64)> = BTreeMap::new();
        for row in read_rows(&out.join("ingest/dropped.csv"))?.1 {
            if row.get(3).map(String::as_str) == Some("duplicate") {
                continue;
            }
            let entry = dropped.entry(row.get(3).cloned().unwrap_or_default()).or_default();
            entry.0 += 1;
            entry.1 += row.get(5).and_then(|n| n.parse::<u64>().ok()).unwrap_or(0);
        }
        let inputs: Vec<String> = self.inputs.iter().map(|p| display_path(p)).collect();
        let summary = vec![
            ("input".to_string(), inputs.join(" ")),
            (
                "documents".to_string(),
                format!(
                    "{} ({} unique, {} copies of duplicated texts left out of counts)",
                    docs.len(),
                    unique.len(),
                    docs.len() - unique.len()
                ),
            ),
            (
                "dates".to_string(),
                match (dates.first(), dates.last()) {
                    (Some(a), Some(b)) => {
                        format!("{a} to {b} ({} of {} unique documents dated)", dates.len(), unique.len())
                    }
                    _ => "no dated documents".into(),
                },
            ),
            ("zhtext".to_string(), env!("CARGO_PKG_VERSION").to_string()),
        ];

        let mut sections: Vec<Section> = Vec::new();
        for r in ran {
            let (heading, about) = describe(r.stage);
            let id = r.folder.replace('/', "-");
            let heading = if r.stage == "keyness" {
                format!("{heading}: {}", r.folder.trim_start_matches("keyness/"))
            } else {
                heading.to_string()
            };
            let mut section = Section { id, heading, about: about.to_string(), ..Default::default() };
            for name in files_in(&out.join(&r.folder))? {
                let rel = format!("{}/{name}", r.folder);
                if name.ends_with(".svg") {
                    let svg = std::fs::read_to_string(out.join(&rel)).map_err(|e| read_error(&rel, e))?;
                    section.charts.push((rel, svg));
                } else if let Some(stem) = name.strip_suffix(".csv") {
                    let (header, rows, total) = preview(&out.join(&rel))?;
                    let parquet = format!("{}/{stem}.parquet", r.folder);
                    let parquet = out.join(&parquet).exists().then_some(parquet);
                    section.tables.push(TablePreview { csv: rel, parquet, total_rows: total, header, rows });
                }
            }
            sections.push(section);
        }
        Ok(Page {
            title: format!("zhtext report: {}", inputs.join(" ")),
            summary,
            genres: genres.into_iter().collect(),
            dropped: dropped.into_iter().map(|(k, (n, c))| (k, n, c)).collect(),
            sections,
            methods: methods(ran),
        })
    }

    /// manifest.json: version, command line, every stage's arguments and
    /// time, and the SHA-256 of every input file.
    fn manifest(&self, ran: &[Ran], files: &[PathBuf]) -> Result<String> {
        let mut inputs = Vec::new();
        for path in files {
            let bytes = std::fs::read(path).map_err(|e| read_error(&display_path(path), e))?;
            let digest = Sha256::digest(&bytes);
            let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
            inputs.push(serde_json::json!({ "path": display_path(path), "bytes": bytes.len(), "sha256": hex }));
        }
        let stages: Vec<serde_json::Value> = ran
            .iter()
            .map(|r| {
                let parameters: serde_json::Map<String, serde_json::Value> = r
                    .options
                    .iter()
                    .map(|(f, v)| (f.trim_start_matches('-').to_string(), serde_json::json!(v)))
                    .collect();
                serde_json::json!({
                    "stage": r.folder,
                    "arguments": r.shown_args,
                    "parameters": parameters,
                    "seconds": (r.seconds * 1000.0).round() / 1000.0
                })
            })
            .collect();
        let manifest = serde_json::json!({
            "zhtext": env!("CARGO_PKG_VERSION"),
            "command": std::env::args().skip(1).collect::<Vec<_>>(),
            "config": self.config.as_ref().map(|p| display_path(p)),
            "libraries": library_versions(),
            "inputs": inputs,
            "stages": stages,
        });
        Ok(serde_json::to_string_pretty(&manifest).expect("JSON values serialise") + "\n")
    }
}

/// The configured options of a stage: those of [all] that its command has,
/// then its own table's.
fn stage_flags(config: &Config, stage: &str) -> Vec<(String, Option<String>)> {
    let shared = config.get("all").into_iter().flatten().filter(|(flag, _)| accepts(stage, flag));
    shared.chain(config.get(stage).into_iter().flatten()).cloned().collect()
}

/// A file the report reads back (a stage's output, or an input to hash)
/// could not be read.
fn read_error(path: &str, reason: impl std::fmt::Display) -> Error {
    Error::Unreadable {
        path: path.to_string(),
        reason: reason.to_string(),
        hint: "it was moved or changed while the report was being written".into(),
    }
}

/// The time bin for series: weeks for up to half a year of documents,
/// months for up to ten years, years beyond.
fn time_bin(docs: &[&crate::corpus::Document]) -> &'static str {
    let days: Vec<i64> = docs.iter().filter_map(|d| day_number(&d.date)).collect();
    let span = days.iter().max().zip(days.iter().min()).map(|(a, b)| a - b).unwrap_or(0);
    match span {
        0..=183 => "week",
        184..=3652 => "month",
        _ => "year",
    }
}

/// The `n` most frequent terms of a vocabulary table (term, n, docs).
fn top_terms(vocabulary: &Path, n: usize) -> Result<Vec<String>> {
    let (_, rows) = read_rows(vocabulary)?;
    let mut terms: Vec<(u64, String)> =
        rows.into_iter().filter_map(|r| Some((r.get(1)?.parse().ok()?, r.first()?.clone()))).collect();
    terms.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    Ok(terms.into_iter().take(n).map(|t| t.1).collect())
}

/// Genres with at least two documents, and at least two documents outside.
fn genres_to_compare(docs: &[&crate::corpus::Document]) -> Vec<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for d in docs.iter().filter(|d| !d.genre.is_empty()) {
        *counts.entry(d.genre.as_str()).or_default() += 1;
    }
    counts.into_iter().filter(|&(_, n)| n >= 2 && docs.len() - n >= 2).map(|(g, _)| g.to_string()).collect()
}

/// A CSV file's header and rows.
fn read_rows(path: &Path) -> Result<(Vec<String>, Vec<Vec<String>>)> {
    let shown = path.display().to_string();
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_path(path).map_err(|e| read_error(&shown, e))?;
    let header: Vec<String> = reader.headers().map_err(|e| read_error(&shown, e))?.iter().map(str::to_string).collect();
    let rows = reader
        .records()
        .map(|r| r.map(|r| r.iter().map(str::to_string).collect()).map_err(|e| read_error(&shown, e)))
        .collect::<Result<_>>()?;
    Ok((header, rows))
}

/// The header, the first rows (long cells cut, numbers rounded for reading)
/// and the row count of a table.
fn preview(path: &Path) -> Result<(Vec<String>, Vec<Vec<String>>, usize)> {
    let (header, rows) = read_rows(path)?;
    let total = rows.len();
    let cut = |s: &String| {
        // Numbers as in the Markdown tables (four significant digits); the
        // linked files keep full precision.
        if s.contains(['.', 'e']) {
            if let Ok(x) = s.parse::<f64>() {
                return crate::io::round_for_reading(x);
            }
        }
        if s.chars().count() > 60 {
            format!("{}…", s.chars().take(60).collect::<String>())
        } else {
            s.clone()
        }
    };
    let shown = rows.iter().take(PREVIEW_ROWS).map(|r| r.iter().map(cut).collect()).collect();
    Ok((header, shown, total))
}

/// The files of a folder (not its subfolders), sorted: charts first.
fn files_in(dir: &Path) -> Result<Vec<String>> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| read_error(&dir.display().to_string(), e))?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    names.sort_by_key(|n| (!n.ends_with(".svg"), n.clone()));
    Ok(names)
}

/// A stage's heading and what it does, for the page.
fn describe(stage: &str) -> (&'static str, &'static str) {
    match stage {
        "ingest" => ("Documents", "Files read, cleaned, split into documents, dated and de-duplicated; every piece of text left out is listed with its reason in dropped.csv."),
        "tokens" => ("Tokens", "Each document segmented by jieba-rs with the bundled lexicon of political formulations; a POS tag, paragraph and sentence per token."),
        "dtm" => ("Term-document matrix", "Counts of terms per document after stopwords and numbers are removed, as a long table, a vocabulary and Matrix Market."),
        "freq" => ("Frequencies", "Top terms, the most frequent terms and the theme dictionary over time: rates per 10,000 words with exact Poisson 95% intervals."),
        "tfidf" => ("TF-IDF", "Each document's most distinctive terms (scikit-learn's TF-IDF: smooth idf, l2 norm)."),
        "keyness" => ("Keyness", "Terms over-used in one genre against all other documents: chi-square with Yates' correction, G2 and Log Ratio (as quanteda.textstats)."),
        "similar" => ("Similarity", "Cosine similarity of TF-IDF vectors and Jaccard overlap between documents, clustered; a PCA map."),
        "topics" => ("Topics", "An LDA topic model (collapsed Gibbs sampling) with labels by probability, FREX and lift, coherence, and prevalence over time."),
        "colloc" => ("Collocations", "Adjacent bigrams and trigrams within runs of content words, scored by NLTK's association measures."),
        "formulas" => ("Formulations (提法)", "Maximal phrases of 3 to 10 tokens that recur across documents, cohesive, with their first and last dates and counts per period."),
        _ => ("", ""),
    }
}

/// Exact versions of the libraries that do the work, from Cargo.lock.
fn library_versions() -> BTreeMap<&'static str, String> {
    const LOCK: &str = include_str!("../../Cargo.lock");
    let mut out = BTreeMap::new();
    for name in ["jieba-rs", "polars", "linfa", "linfa-reduction", "ndarray", "plotters"] {
        let key = format!("name = \"{name}\"\nversion = \"");
        if let Some(at) = LOCK.find(&key) {
            let rest = &LOCK[at + key.len()..];
            out.insert(name, rest[..rest.find('"').unwrap_or(0)].to_string());
        }
    }
    out
}

/// The methods appendix: how each stage worked, with the exact arguments
/// (paths relative to the report folder, so each line can be run again from
/// inside it), the formulas and their references.
fn methods(ran: &[Ran]) -> Vec<(String, Vec<String>)> {
    let libs = library_versions();
    let lib = |n: &str| libs.get(n).cloned().unwrap_or_default();
    let lexicon_entries =
        crate::segment::LEXICON.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).count();
    let stopwords = crate::dtm::filter::parse_stopwords(crate::dtm::filter::STOPWORDS).count();
    let mut out = vec![(
        "Software".to_string(),
        vec![format!(
            "Analysed with zhtext {} (Rust), using jieba-rs {} for segmentation, polars {} for tables, ndarray {} and linfa {} for numerical work and plotters {} for charts. Segmentation used jieba's dictionary with HMM for unknown words and zhtext's lexicon of {lexicon_entries} political formulations (data/lexicon.txt); {stopwords} stopwords (data/stopwords.txt) and numbers were removed before counting. Copies of duplicated documents were kept in the corpus but left out of every count.",
            env!("CARGO_PKG_VERSION"),
            lib("jieba-rs"),
            lib("polars"),
            lib("ndarray"),
            lib("linfa"),
            lib("plotters")
        )],
    )];
    out[0].1.push(
        "Each stage below gives its command — run it from inside the report folder (the ingest command from the folder the report was made in) to redo that stage alone — and every parameter it ran with, defaults included.".to_string(),
    );
    let mut i = 0;
    while i < ran.len() {
        // The keyness comparisons share one entry.
        let stage = ran[i].stage;
        let group: Vec<&Ran> = ran[i..].iter().take_while(|r| r.stage == stage).collect();
        i += group.len();
        let formula = match stage {
            "ingest" => "Near-duplicates: 5-character shingles (1 in 4 sampled); a document is a copy of another when ≥ 80% of its shingles occur in it and their sizes differ by at most half.",
            "freq" => "Rates per 10,000 words; 95% intervals are the exact (Garwood) Poisson interval of the count divided by the words.",
            "tfidf" => "tf-idf = tf · (ln((1 + n) / (1 + df)) + 1), rows scaled to unit length (scikit-learn's TfidfVectorizer defaults; Salton & Buckley 1988).",
            "keyness" => "For a term with a occurrences in the target and b in the reference (totals c + a, d + b): chi2 = N(|ad − bc| − Nδ)² / ((a+b)(c+d)(a+c)(b+d)), δ = 0.5 (Yates) when an expected count is below 5; G2 = 2 Σ O ln(O/E); Log Ratio = log2((a/(a+c)) / (b/(b+d))) with 0.5 for a zero (Hardie 2014); as quanteda.textstats.",
            "similar" => "Cosine of l2-normalised TF-IDF vectors; Jaccard = |A ∩ B| / |A ∪ B| of the term sets; UPGMA ordering; PCA (linfa) of the TF-IDF matrix.",
            "topics" => "Latent Dirichlet allocation by collapsed Gibbs sampling (Griffiths & Steyvers 2004) with a fixed seed; labels by probability, FREX (Roberts et al. 2016; w = 0.5) and lift; coherence u_mass and c_npmi as gensim (Röder et al. 2015).",
            "colloc" => "PMI = log2(n·N / (f1·f2)), t, chi2 and G2 as NLTK's BigramAssocMeasures / TrigramAssocMeasures (Manning & Schütze 1999, ch. 5); NPMI (Bouma 2009); logDice = 14 + log2(Dice) (Rychlý 2008).",
            "formulas" => "Cohesion = the PMI of the weakest split, min over k of log2(n(w)·N / (n(w1..wk)·n(wk+1..wL))); maximal phrases: a phrase found only inside a longer recurring phrase is reported as the longer one.",
            _ => "",
        };
        let (heading, about) = describe(stage);
        let mut paragraphs = vec![report::escape(about)];
        if !formula.is_empty() {
            paragraphs.push(report::escape(formula));
        }
        for r in &group {
            paragraphs.push(format!("Command: <code>zhtext {}</code>", report::escape(&r.shown_args.join(" "))));
        }
        let parameters: Vec<String> = group[0]
            .options
            .iter()
            .filter(|(flag, _)| flag != "--target")
            .map(|(flag, value)| if value.is_empty() { flag.clone() } else { format!("{flag} {value}") })
            .collect();
        if !parameters.is_empty() {
            paragraphs.push(format!("Parameters: <code>{}</code>", report::escape(&parameters.join(" · "))));
        }
        out.push((heading.to_string(), paragraphs));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn configuration_becomes_flags() {
        let config = parse_config(
            "[topics]\nk = 8\nmodel = \"nmf\"\n[freq]\nterms = [\"发展\", \"安全\"]\nno_hmm = true\nexcel = false\n",
            "report.toml",
        )
        .unwrap();
        assert_eq!(
            config["topics"],
            [("--k".to_string(), Some("8".to_string())), ("--model".into(), Some("nmf".into()))]
        );
        assert_eq!(
            config["freq"],
            [
                ("--terms".to_string(), Some("发展,安全".to_string())),
                ("--no-hmm".into(), None),
                ("--excel".into(), Some("false".into()))
            ]
        );
        let err = parse_config("[plots]\nwidth = 3\n", "report.toml").unwrap_err().to_string();
        assert!(err.contains("[plots] is not a stage"), "{err}");
        let err = parse_config("[freq]\nby = { a = 1 }\n", "report.toml").unwrap_err().to_string();
        assert!(err.contains("[freq] by: table is not a value"), "{err}");
        let mut options = Options::default();
        options.set("--by", Some("date:week".into()));
        options.set("--by", Some("genre".into()));
        options.set("--excel", None);
        assert_eq!(options.0, [("--by".to_string(), Some("genre".to_string())), ("--excel".into(), None)]);
        options.remove("--by");
        assert_eq!(options.0, [("--excel".to_string(), None)]);
    }
}
