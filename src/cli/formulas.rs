//! `zhtext formulas`: recurring formulations (提法) — maximal phrases of 3 to
//! 10 tokens that recur across documents (src/stats/formulas.rs) — with their
//! first and last dates of use, counts per period, and a dot chart of the top
//! ones ordered by first use.

use super::args::{group_documents, length_range, write_chart, ChartArgs, InputArgs, OutputArgs, SegmentArgs};
use crate::chart;
use crate::dtm::filter::{is_number, is_punctuation_or_space, FilterOptions, TermFilter};
use crate::dtm::{token_runs, RunStep};
use crate::error::{Error, Result};
use crate::io;
use crate::stats::formulas::{find_formulas, Formula, FormulaOptions};
use crate::stats::periods::has_year;
use clap::Args;
use polars::prelude::*;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct FormulasCmd {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    segment: SegmentArgs,
    /// Phrase length in tokens, MIN-MAX
    #[arg(long, value_name = "MIN-MAX", default_value = "3-10")]
    length: String,
    /// Occurrences at least
    #[arg(long, value_name = "N", default_value_t = 2)]
    min_count: u64,
    /// Documents at least
    #[arg(long, value_name = "N", default_value_t = 2)]
    min_docs: u32,
    /// Cohesion at least: the PMI (bits) of the phrase's weakest split
    #[arg(long, value_name = "BITS", default_value_t = 5.0)]
    min_cohesion: f64,
    /// A stopword list to add to the bundled one (a formulation neither
    /// begins nor ends with a stopword). Repeatable
    #[arg(long, value_name = "FILE")]
    stopwords: Vec<PathBuf>,
    /// Periods to count in: date:day|week|month|quarter|year, or genre, doc,
    /// a metadata column
    #[arg(long, value_name = "KEY", default_value = "date:month")]
    by: String,
    /// Formulations in the chart (the table has all)
    #[arg(long, value_name = "N", default_value_t = 25)]
    top: usize,
    #[command(flatten)]
    chart: ChartArgs,
    #[command(flatten)]
    output: OutputArgs,
}

impl FormulasCmd {
    pub fn run(&self) -> Result<()> {
        let (min_len, max_len) = length_range(&self.length, "--length", 2..=20)?;
        for (value, flag) in [(self.min_count, "--min-count"), (self.min_docs as u64, "--min-docs")] {
            if value == 0 {
                return Err(Error::BadOption(format!("{flag} 0: give at least 1")));
            }
        }
        let filter = TermFilter::new(&FilterOptions { extra_stopwords: self.stopwords.clone(), ..Default::default() })?;
        let segmenter = self.segment.segmenter()?;
        let (runs, all) = self.segment.run(|| {
            let all = self.input.documents()?;
            // Phrases stop at punctuation, except the enumeration comma 、
            // inside lists (创新、协调、绿色、开放、共享).
            let runs = token_runs(&self.input.selected(&all), &segmenter, &|term, _| {
                if term == "、" || !is_punctuation_or_space(term) {
                    RunStep::Keep
                } else {
                    RunStep::Break
                }
            });
            Ok((runs, all))
        })?;
        let docs = self.input.selected(&all);
        let groups = group_documents(&self.by, &docs)?;
        let edge_ok = |w: &str| !is_punctuation_or_space(w) && !filter.is_stopword(w) && !is_number(w);
        let opts = FormulaOptions {
            min_len,
            max_len,
            min_count: self.min_count,
            min_docs: self.min_docs,
            min_cohesion: self.min_cohesion,
        };
        let formulas = find_formulas(&runs, &edge_ok, &opts);
        let dates: Vec<Vec<&str>> = formulas
            .iter()
            .map(|f| {
                let mut d: Vec<&str> =
                    f.docs.iter().map(|&(i, _)| docs[i].date.as_str()).filter(|d| has_year(d)).collect();
                d.sort();
                d
            })
            .collect();

        let dir = &self.output.output;
        let opts_w = self.output.write_options();
        io::create_dir(dir)?;
        let mut table = formulas_table(&formulas, &dates)?;
        io::write_table(dir, "formulas", &mut table, &opts_w)?;
        // Counts per period: formulas × groups.
        let per_group: Vec<Vec<(u64, u32)>> = formulas
            .iter()
            .map(|f| {
                let mut cells = vec![(0u64, 0u32); groups.labels.len()];
                for &(d, n) in &f.docs {
                    if let Some(g) = groups.of_doc[d] {
                        cells[g].0 += n;
                        cells[g].1 += 1;
                    }
                }
                cells
            })
            .collect();
        let mut by_period = period_table(&formulas, &groups.name, &groups.labels, &per_group)?;
        io::write_table(dir, "formulas_by_period", &mut by_period, &opts_w)?;

        // The chart: the top formulations, ordered by first use.
        let mut shown: Vec<usize> = (0..formulas.len().min(self.top)).collect();
        shown.sort_by_key(|&i| (dates[i].first().copied().unwrap_or("~"), i));
        let labels: Vec<String> = shown
            .iter()
            .map(|&i| format!("{} ({}/{})", formulas[i].words.concat(), formulas[i].count, formulas[i].docs.len()))
            .collect();
        let values: Vec<Vec<u64>> = shown.iter().map(|&i| per_group[i].iter().map(|c| c.0).collect()).collect();
        let size = chart::Size {
            width: self.chart.size().width,
            height: self.chart.size().height.max(160 + 26 * shown.len() as u32),
        };
        let subtitle = format!(
            "按首次使用排序，点面积为次数 · by first use; dot area: occurrences; (occurrences/documents) · {} documents",
            docs.len()
        );
        let svg = chart::dot_matrix(
            "提法 · Recurring formulations",
            &subtitle,
            &labels,
            &groups.labels,
            &values,
            &groups.axis_name(),
            size,
        )?;
        write_chart(dir, "formulas", &svg)?;

        say!(
            "{} documents ({} copies left out); {} formulations ({}–{} tokens, ≥ {} times in ≥ {} documents, cohesion ≥ {} bits)",
            docs.len(),
            all.len() - docs.len(),
            formulas.len(),
            min_len,
            max_len,
            self.min_count,
            self.min_docs,
            self.min_cohesion
        );
        if formulas.is_empty() {
            say!("no phrase recurs; try a lower --min-count, --min-docs or --min-cohesion");
        }
        say!("written in {}: formulas, formulas_by_period tables, formulas.svg", dir.display());
        Ok(())
    }
}

/// The formulas table: rank, phrase, words, length, n, docs, cohesion, first
/// and last date of use.
fn formulas_table(formulas: &[Formula], dates: &[Vec<&str>]) -> Result<DataFrame> {
    let first: Vec<&str> = dates.iter().map(|d| d.first().copied().unwrap_or("")).collect();
    let last: Vec<&str> = dates.iter().map(|d| d.last().copied().unwrap_or("")).collect();
    DataFrame::new(
        formulas.len(),
        vec![
            Column::new("rank".into(), (1..=formulas.len() as u32).collect::<Vec<_>>()),
            Column::new("phrase".into(), formulas.iter().map(|f| f.words.concat()).collect::<Vec<_>>()),
            Column::new("words".into(), formulas.iter().map(|f| f.words.join(" ")).collect::<Vec<_>>()),
            Column::new("length".into(), formulas.iter().map(|f| f.words.len() as u32).collect::<Vec<_>>()),
            Column::new("n".into(), formulas.iter().map(|f| f.count).collect::<Vec<_>>()),
            Column::new("docs".into(), formulas.iter().map(|f| f.docs.len() as u32).collect::<Vec<_>>()),
            Column::new("cohesion".into(), formulas.iter().map(|f| f.cohesion).collect::<Vec<_>>()),
            Column::new("first".into(), first),
            Column::new("last".into(), last),
        ],
    )
    .map_err(|source| Error::Table { table: "formulas".into(), source })
}

/// The formulas_by_period table (long): phrase, period, n, docs — every
/// formulation in every period, zeros included.
fn period_table(formulas: &[Formula], name: &str, labels: &[String], cells: &[Vec<(u64, u32)>]) -> Result<DataFrame> {
    let (mut phrase, mut period, mut n, mut docs) = (vec![], vec![], vec![], vec![]);
    for (f, row) in formulas.iter().zip(cells) {
        for (label, &(count, in_docs)) in labels.iter().zip(row) {
            phrase.push(f.words.concat());
            period.push(label.as_str());
            n.push(count);
            docs.push(in_docs);
        }
    }
    DataFrame::new(
        phrase.len(),
        vec![
            Column::new("phrase".into(), phrase),
            Column::new(name.into(), period),
            Column::new("n".into(), n),
            Column::new("docs".into(), docs),
        ],
    )
    .map_err(|source| Error::Table { table: "formulas_by_period".into(), source })
}
