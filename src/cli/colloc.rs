//! `zhtext colloc`: adjacent bigrams and trigrams that never cross a sentence
//! end, punctuation or a stopword, scored with NLTK's association measures;
//! or, with `--node`, the collocates of one word within a window of tokens
//! (both in src/stats/colloc.rs). A table and a bar chart, per group with
//! `--by`.

use super::args::{group_documents, write_chart, ChartArgs, InputArgs, OutputArgs, SegmentArgs, TokenFilterArgs};
use crate::chart::{self, Bars};
use crate::dtm::{kept_runs, kept_sentences};
use crate::error::{Error, Result};
use crate::io;
use crate::stats::colloc::{window_collocates, Association, NgramCounts};
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
    /// Collocates of this word within --window tokens, instead of adjacent
    /// n-grams
    #[arg(long, value_name = "WORD")]
    node: Option<String>,
    /// With --node: tokens either side of the node (stopwords and
    /// punctuation are passed over; windows stop at sentence ends)
    #[arg(long, value_name = "N", default_value_t = 5, requires = "node")]
    window: usize,
    /// Keep n-grams (or collocates) occurring at least N times
    #[arg(long, value_name = "N", default_value_t = 3)]
    min_count: u64,
    /// Sort by this measure, highest first (pairs found together less often
    /// than expected, PMI < 0, come after the rest)
    #[arg(long, value_enum, default_value = "g2")]
    sort: Measure,
    /// One table and chart panel per group: date:day|week|month|quarter|year,
    /// genre, doc, or a metadata column
    #[arg(long, value_name = "KEY")]
    by: Option<String>,
    /// Rows in the chart (per group with --by) [default: 30, or 10 with --by]
    #[arg(long, value_name = "N")]
    top: Option<usize>,
    #[command(flatten)]
    chart: ChartArgs,
    #[command(flatten)]
    output: OutputArgs,
}

/// One scored n-gram or collocate.
struct Row<'a> {
    /// The group's label (with --by).
    group: Option<&'a str>,
    words: Vec<&'a str>,
    count: u64,
    docs: u32,
    /// Window collocates: tokens left and right of the node, and the
    /// collocate's frequency in the corpus.
    window: Option<(u64, u64, u64)>,
    scores: Association,
}

impl CollocCmd {
    pub fn run(&self) -> Result<()> {
        if self.min_count == 0 {
            return Err(Error::BadOption("--min-count 0: give at least 1".into()));
        }
        if self.window == 0 {
            return Err(Error::BadOption("--window 0: give at least 1 token either side of the node".into()));
        }
        let filter = self.filter.filter()?;
        if let Some(node) = &self.node {
            if node.trim().is_empty() {
                return Err(Error::BadOption("--node: give a word".into()));
            }
            if !filter.keep(node, "") {
                return Err(Error::BadOption(format!(
                    "--node {node}: a stopword or number, which is not counted; use --no-stopwords or --keep-numbers"
                )));
            }
        }
        let segmenter = self.segment.segmenter()?;
        let (runs, all) = self.segment.run(|| {
            let all = self.input.documents()?;
            let selected = self.input.selected(&all);
            let runs = match self.node {
                Some(_) => kept_sentences(&selected, &segmenter, &filter),
                None => kept_runs(&selected, &segmenter, &filter),
            };
            Ok((runs, all))
        })?;
        let docs = self.input.selected(&all);
        let groups = match &self.by {
            Some(key) => Some(group_documents(key, &docs)?),
            None => None,
        };
        let runs: Vec<Vec<Vec<&str>>> =
            runs.iter().map(|doc| doc.iter().map(|r| r.iter().map(String::as_str).collect()).collect()).collect();
        // (label, member documents) of each group; one group of all without --by.
        let members: Vec<(Option<&str>, Vec<usize>)> = match &groups {
            Some(g) => g
                .labels
                .iter()
                .enumerate()
                .map(|(i, label)| (Some(label.as_str()), (0..docs.len()).filter(|&d| g.of_doc[d] == Some(i)).collect()))
                .filter(|(_, m): &(_, Vec<usize>)| !m.is_empty())
                .collect(),
            None => vec![(None, (0..docs.len()).collect())],
        };
        let mut rows: Vec<Row> = Vec::new();
        let mut summary = Vec::new();
        for (label, docs_in) in &members {
            let group_runs: Vec<&Vec<Vec<&str>>> = docs_in.iter().map(|&d| &runs[d]).collect();
            let (mut found, line) = match &self.node {
                Some(node) => self.window_rows(node, &group_runs),
                None => self.ngram_rows(&group_runs),
            };
            summary.push(match label {
                Some(label) => format!("{label}: {line}"),
                None => line,
            });
            // Attracted pairs (PMI ≥ 0) first: G2 and chi2 are as large for
            // words that avoid each other as for words that attract.
            let measure = |r: &Row| (r.scores.pmi >= 0.0, self.sort.of(r.count, &r.scores));
            found.sort_by(|x, y| {
                let ((ax, mx), (ay, my)) = (measure(x), measure(y));
                ay.cmp(&ax).then(my.total_cmp(&mx)).then(x.words.cmp(&y.words))
            });
            found.iter_mut().for_each(|r| r.group = *label);
            rows.extend(found);
        }

        let name = if self.node.is_some() { "collocates" } else { "collocations" };
        let group_name = groups.as_ref().map(|g| g.name.as_str());
        let mut table = collocation_table(name, &rows, group_name, self.node.is_some())?;
        let dir = &self.output.output;
        io::create_dir(dir)?;
        io::write_table(dir, name, &mut table, &self.output.write_options())?;
        write_chart(dir, name, &self.chart_svg(&rows, &members, docs.len())?)?;
        for line in &summary {
            say!("{line}");
        }
        if rows.is_empty() {
            match &self.node {
                Some(node) if summary.iter().all(|l| l.contains(" 0 times")) => say!(
                    "{node} does not occur in these {} documents as a token; `zhtext kwic {node}` shows where the text has it",
                    docs.len()
                ),
                _ => say!("nothing occurs {} times or more; try a lower --min-count", self.min_count),
            }
        }
        say!("written in {}: {name} table, {name}.svg", dir.display());
        Ok(())
    }

    /// Adjacent bigrams and trigrams of one group's documents.
    fn ngram_rows<'a>(&self, runs: &[&Vec<Vec<&'a str>>]) -> (Vec<Row<'a>>, String) {
        let mut counts = NgramCounts::default();
        for doc in runs {
            counts.add_document(doc);
        }
        let mut rows = Vec::new();
        let mut distinct = Vec::new();
        if self.length.contains(&2) {
            distinct.push(format!("{} bigrams", counts.bigrams.len()));
            for (&(a, b), &n) in counts.bigrams.iter().filter(|(_, &n)| n >= self.min_count) {
                let docs = counts.bigram_docs[&(a, b)];
                rows.push(Row {
                    group: None,
                    words: vec![a, b],
                    count: n,
                    docs,
                    window: None,
                    scores: counts.bigram(a, b),
                });
            }
        }
        if self.length.contains(&3) {
            distinct.push(format!("{} trigrams", counts.trigrams.len()));
            for (&(a, b, c), &n) in counts.trigrams.iter().filter(|(_, &n)| n >= self.min_count) {
                let docs = counts.trigram_docs[&(a, b, c)];
                rows.push(Row {
                    group: None,
                    words: vec![a, b, c],
                    count: n,
                    docs,
                    window: None,
                    scores: counts.trigram(a, b, c),
                });
            }
        }
        let line = format!(
            "{} documents, {} tokens in runs; {} distinct; {} kept (count ≥ {})",
            runs.len(),
            counts.tokens,
            distinct.join(" and "),
            rows.len(),
            self.min_count
        );
        (rows, line)
    }

    /// Collocates of the node within the window, in one group's documents.
    fn window_rows<'a>(&self, node: &str, runs: &[&Vec<Vec<&'a str>>]) -> (Vec<Row<'a>>, String) {
        let found = window_collocates(runs, node, self.window);
        let rows: Vec<Row> = found
            .collocates
            .iter()
            .filter(|c| c.total >= self.min_count)
            .map(|c| Row {
                group: None,
                words: vec![c.word],
                count: c.total,
                docs: c.docs,
                window: Some((c.left, c.right, c.freq)),
                scores: c.scores,
            })
            .collect();
        let line = format!(
            "{} documents, {} tokens; {node} occurs {} times, {} tokens within ±{} of it; {} collocates kept (count ≥ {})",
            runs.len(),
            found.tokens,
            found.node_count,
            found.span,
            self.window,
            rows.len(),
            self.min_count
        );
        (rows, line)
    }

    /// Bars of the top rows by the chosen measure, one panel per group.
    fn chart_svg(&self, rows: &[Row], members: &[(Option<&str>, Vec<usize>)], n_docs: usize) -> Result<String> {
        let top = self.top.unwrap_or(if self.by.is_some() { 10 } else { 30 });
        let panels: Vec<Bars> = members
            .iter()
            .map(|(label, docs_in)| Bars {
                title: label.map(|l| format!("{l} · {} documents", docs_in.len())).unwrap_or_default(),
                bars: rows
                    .iter()
                    .filter(|r| r.group == *label)
                    .take(top)
                    .map(|r| {
                        let shown = match r.window {
                            Some((left, right, _)) => format!("{} (L{left} R{right})", r.words[0]),
                            None => format!("{} ({})", r.words.join(" "), r.count),
                        };
                        (shown, self.sort.of(r.count, &r.scores))
                    })
                    .collect(),
            })
            .collect();
        let columns = if panels.len() > 1 { 3.min(panels.len()) } else { 1 };
        let tallest = panels.iter().map(|p| p.bars.len()).max().unwrap_or(0) as u32;
        let panel_rows = panels.len().div_ceil(columns) as u32;
        let size = chart::Size {
            width: self.chart.size().width,
            height: self.chart.size().height.max(110 + panel_rows * (50 + 22 * tallest)),
        };
        let (title, what) = match &self.node {
            Some(node) => {
                (format!("{node} 的搭配词 · Collocates of {node}"), format!("±{} tokens within sentences", self.window))
            }
            None => {
                let lengths: Vec<String> = self.length.iter().map(|n| n.to_string()).collect();
                ("搭配 · Collocations".to_string(), format!("{}-grams within sentences", lengths.join("/")))
            }
        };
        let subtitle = format!(
            "{what}, ≥ {} occurrences, top {top} by {} · {n_docs} documents{}",
            self.min_count,
            self.sort.name(),
            self.by.as_ref().map(|b| format!(" by {b}")).unwrap_or_default()
        );
        chart::bar_panels(&title, &subtitle, self.sort.name(), &panels, columns, size)
    }
}

/// The collocations (or, for window collocates, collocates) table: the group
/// (with --by), the phrase, its words, length, count, documents — for window
/// collocates the collocate, its left, right and corpus counts — and every
/// measure.
fn collocation_table(name: &str, rows: &[Row], group: Option<&str>, collocates: bool) -> Result<DataFrame> {
    let measure = |name: &str, m: fn(&Association) -> f64| {
        Column::new(name.into(), rows.iter().map(|r| m(&r.scores)).collect::<Vec<_>>())
    };
    let window = |name: &str, part: fn((u64, u64, u64)) -> u64| {
        Column::new(name.into(), rows.iter().map(|r| r.window.map(part).unwrap_or(0)).collect::<Vec<_>>())
    };
    let mut columns = Vec::new();
    if let Some(group) = group {
        columns.push(Column::new(group.into(), rows.iter().map(|r| r.group.unwrap_or("")).collect::<Vec<_>>()));
    }
    if collocates {
        columns.extend([
            Column::new("collocate".into(), rows.iter().map(|r| r.words[0]).collect::<Vec<_>>()),
            window("left", |w| w.0),
            window("right", |w| w.1),
            Column::new("n".into(), rows.iter().map(|r| r.count).collect::<Vec<_>>()),
            window("freq", |w| w.2),
            Column::new("docs".into(), rows.iter().map(|r| r.docs).collect::<Vec<_>>()),
        ]);
    } else {
        columns.extend([
            Column::new("phrase".into(), rows.iter().map(|r| r.words.concat()).collect::<Vec<_>>()),
            Column::new("words".into(), rows.iter().map(|r| r.words.join(" ")).collect::<Vec<_>>()),
            Column::new("length".into(), rows.iter().map(|r| r.words.len() as u32).collect::<Vec<_>>()),
            Column::new("n".into(), rows.iter().map(|r| r.count).collect::<Vec<_>>()),
            Column::new("docs".into(), rows.iter().map(|r| r.docs).collect::<Vec<_>>()),
        ]);
    }
    columns.extend([
        measure("pmi", |a| a.pmi),
        measure("npmi", |a| a.npmi),
        measure("g2", |a| a.g2),
        measure("chi2", |a| a.chi2),
        measure("t", |a| a.t),
        measure("dice", |a| a.dice),
        measure("log_dice", |a| a.log_dice),
    ]);
    DataFrame::new(rows.len(), columns).map_err(|source| Error::Table { table: name.into(), source })
}
