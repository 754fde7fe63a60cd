//! `zhtext colloc`: adjacent bigrams and trigrams that never cross a sentence
//! end, punctuation or a stopword, scored with NLTK's association measures
//! (src/stats/colloc.rs), as a table and a bar chart.

use super::args::{write_chart, ChartArgs, InputArgs, OutputArgs, SegmentArgs, TokenFilterArgs};
use crate::chart::{self, Bars};
use crate::dtm::kept_runs;
use crate::error::{Error, Result};
use crate::io;
use crate::stats::colloc::{Association, NgramCounts};
use clap::Args;
use polars::prelude::*;

/// The measure rows are sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Measure {
    /// Frequency
    Count,
    Pmi,
    Npmi,
    /// Log-likelihood G2
    G2,
    Chi2,
    /// t-score
    T,
    Dice,
    LogDice,
}

impl Measure {
    fn of(self, count: u64, a: &Association) -> f64 {
        match self {
            Measure::Count => count as f64,
            Measure::Pmi => a.pmi,
            Measure::Npmi => a.npmi,
            Measure::G2 => a.g2,
            Measure::Chi2 => a.chi2,
            Measure::T => a.t,
            Measure::Dice => a.dice,
            Measure::LogDice => a.log_dice,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Measure::Count => "frequency",
            Measure::Pmi => "PMI",
            Measure::Npmi => "NPMI",
            Measure::G2 => "G2",
            Measure::Chi2 => "chi2",
            Measure::T => "t-score",
            Measure::Dice => "Dice",
            Measure::LogDice => "logDice",
        }
    }
}

#[derive(Debug, Args)]
pub struct CollocCmd {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    segment: SegmentArgs,
    #[command(flatten)]
    filter: TokenFilterArgs,
    /// N-gram lengths, comma-separated: 2 (bigrams), 3 (trigrams)
    #[arg(long, value_name = "N", value_delimiter = ',', default_value = "2,3",
          value_parser = clap::value_parser!(u8).range(2..=3))]
    length: Vec<u8>,
    /// Keep n-grams occurring at least N times
    #[arg(long, value_name = "N", default_value_t = 3)]
    min_count: u64,
    /// Sort by this measure (highest first)
    #[arg(long, value_enum, default_value = "g2")]
    sort: Measure,
    /// N-grams in the chart (the table has every n-gram kept)
    #[arg(long, default_value_t = 30)]
    top: usize,
    #[command(flatten)]
    chart: ChartArgs,
    #[command(flatten)]
    output: OutputArgs,
}

/// One scored n-gram.
struct Row<'a> {
    words: Vec<&'a str>,
    count: u64,
    docs: u32,
    scores: Association,
}

impl CollocCmd {
    pub fn run(&self) -> Result<()> {
        if self.min_count == 0 {
            return Err(Error::BadOption("--min-count 0: give at least 1".into()));
        }
        let filter = self.filter.filter()?;
        let segmenter = self.segment.segmenter()?;
        let (runs, n_docs) = self.segment.run(|| {
            let docs = self.input.documents()?;
            let selected = self.input.selected(&docs);
            Ok((kept_runs(&selected, &segmenter, &filter), selected.len()))
        })?;
        let mut counts = NgramCounts::default();
        for doc in &runs {
            let segments: Vec<Vec<&str>> = doc.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
            counts.add_document(&segments);
        }
        let mut rows: Vec<Row> = Vec::new();
        if self.length.contains(&2) {
            for (&(a, b), &n) in counts.bigrams.iter().filter(|(_, &n)| n >= self.min_count) {
                let docs = counts.bigram_docs[&(a, b)];
                rows.push(Row { words: vec![a, b], count: n, docs, scores: counts.bigram(a, b) });
            }
        }
        if self.length.contains(&3) {
            for (&(a, b, c), &n) in counts.trigrams.iter().filter(|(_, &n)| n >= self.min_count) {
                let docs = counts.trigram_docs[&(a, b, c)];
                rows.push(Row { words: vec![a, b, c], count: n, docs, scores: counts.trigram(a, b, c) });
            }
        }
        let measure = |r: &Row| self.sort.of(r.count, &r.scores);
        rows.sort_by(|x, y| measure(y).total_cmp(&measure(x)).then(x.words.cmp(&y.words)));

        let mut table = collocation_table(&rows)?;
        let dir = &self.output.output;
        io::create_dir(dir)?;
        io::write_table(dir, "collocations", &mut table, &self.output.write_options())?;
        let bars: Vec<(String, f64)> =
            rows.iter().take(self.top).map(|r| (format!("{} ({})", r.words.join(" "), r.count), measure(r))).collect();
        let size = chart::Size {
            width: self.chart.size().width,
            height: self.chart.size().height.max(110 + 22 * bars.len() as u32),
        };
        let lengths: Vec<String> = self.length.iter().map(|n| n.to_string()).collect();
        let svg = chart::bar_panels(
            "搭配 · Collocations",
            &format!(
                "{}-grams within sentences, ≥ {} occurrences, top {} by {} · {} documents",
                lengths.join("/"),
                self.min_count,
                bars.len(),
                self.sort.name(),
                n_docs
            ),
            self.sort.name(),
            &[Bars { title: String::new(), bars }],
            1,
            size,
        )?;
        write_chart(dir, "collocations", &svg)?;
        eprintln!(
            "{n_docs} documents, {} tokens in runs; {} bigrams and {} trigrams distinct; {} kept (count ≥ {})",
            counts.tokens,
            counts.bigrams.len(),
            counts.trigrams.len(),
            rows.len(),
            self.min_count
        );
        if rows.is_empty() {
            eprintln!("no n-gram occurs {} times or more; try a lower --min-count", self.min_count);
        }
        eprintln!("written in {}: collocations table, collocations.svg", dir.display());
        Ok(())
    }
}

/// The collocations table: the phrase, its words, length, count, documents and
/// every measure.
fn collocation_table(rows: &[Row]) -> Result<DataFrame> {
    let measure = |name: &str, m: fn(&Association) -> f64| {
        Column::new(name.into(), rows.iter().map(|r| m(&r.scores)).collect::<Vec<_>>())
    };
    DataFrame::new(
        rows.len(),
        vec![
            Column::new("phrase".into(), rows.iter().map(|r| r.words.concat()).collect::<Vec<_>>()),
            Column::new("words".into(), rows.iter().map(|r| r.words.join(" ")).collect::<Vec<_>>()),
            Column::new("length".into(), rows.iter().map(|r| r.words.len() as u32).collect::<Vec<_>>()),
            Column::new("n".into(), rows.iter().map(|r| r.count).collect::<Vec<_>>()),
            Column::new("docs".into(), rows.iter().map(|r| r.docs).collect::<Vec<_>>()),
            measure("pmi", |a| a.pmi),
            measure("npmi", |a| a.npmi),
            measure("g2", |a| a.g2),
            measure("chi2", |a| a.chi2),
            measure("t", |a| a.t),
            measure("dice", |a| a.dice),
            measure("log_dice", |a| a.log_dice),
        ],
    )
    .map_err(|source| Error::Table { table: "collocations".into(), source })
}
