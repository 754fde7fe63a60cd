//! `zhtext freq`: top terms overall and by group, time series of chosen terms
//! with 95% intervals, and theme dictionaries — tables and SVG charts.

use super::args::{group_documents, short_label, write_chart, ChartArgs, CountArgs, OutputArgs};
use crate::chart::{self, Bars, Series};
use crate::error::{Error, Result};
use crate::io;
use crate::stats::freq::{self, SeriesCell, Theme};
use crate::stats::periods::Groups;
use clap::Args;
use polars::prelude::*;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct FreqCmd {
    #[command(flatten)]
    count: CountArgs,
    /// Group documents: date:day|week|month|quarter|year, genre, doc, or a
    /// metadata column
    #[arg(long, value_name = "KEY")]
    by: Option<String>,
    /// Terms to follow over the groups (comma-separated); without --by they
    /// are followed by month
    #[arg(long, value_name = "TERMS", value_delimiter = ',')]
    terms: Vec<String>,
    /// A theme dictionary (TOML: theme = ["term", "prefix*", "*suffix"])
    #[arg(long, value_name = "FILE")]
    themes: Option<PathBuf>,
    /// Top terms per table (0: all)
    #[arg(long, default_value_t = 30)]
    top: usize,
    #[command(flatten)]
    chart: ChartArgs,
    #[command(flatten)]
    output: OutputArgs,
}

fn opt_f64(values: impl Iterator<Item = Option<f64>>) -> Vec<Option<f64>> {
    values.collect()
}

/// The series table: item, group, n, words, n_docs, docs_with, rate,
/// ci_low, ci_high (empty for groups without documents).
fn series_frame(item_name: &str, items: &[String], group: &Groups, cells: &[SeriesCell]) -> Result<DataFrame> {
    let col = |name: &str, v: Vec<Option<f64>>| Column::new(name.into(), v);
    DataFrame::new(
        cells.len(),
        vec![
            Column::new(item_name.into(), cells.iter().map(|c| items[c.item].as_str()).collect::<Vec<_>>()),
            Column::new(
                group.name.as_str().into(),
                cells.iter().map(|c| group.labels[c.group].as_str()).collect::<Vec<_>>(),
            ),
            Column::new("n".into(), cells.iter().map(|c| c.n).collect::<Vec<Option<u64>>>()),
            Column::new("words".into(), cells.iter().map(|c| c.words).collect::<Vec<u64>>()),
            Column::new("n_docs".into(), cells.iter().map(|c| c.n_docs).collect::<Vec<u32>>()),
            Column::new("docs_with".into(), cells.iter().map(|c| c.docs_with).collect::<Vec<u32>>()),
            col("rate", opt_f64(cells.iter().map(|c| c.rate))),
            col("ci_low", opt_f64(cells.iter().map(|c| c.ci.map(|x| x.0)))),
            col("ci_high", opt_f64(cells.iter().map(|c| c.ci.map(|x| x.1)))),
        ],
    )
    .map_err(|source| Error::Table { table: "freq series".into(), source })
}

fn top_frame(
    dtm: &crate::dtm::Dtm,
    rows: &[(String, Vec<freq::TermFreq>, u64)],
    group_name: Option<&str>,
) -> Result<DataFrame> {
    let mut group = Vec::new();
    let (mut rank, mut term, mut n, mut rate, mut docs, mut words) = (vec![], vec![], vec![], vec![], vec![], vec![]);
    for (g, top, total) in rows {
        for (i, t) in top.iter().enumerate() {
            group.push(g.as_str());
            rank.push(i as u32 + 1);
            term.push(dtm.terms[t.term as usize].as_str());
            n.push(t.n);
            rate.push(t.rate);
            docs.push(t.docs);
            words.push(*total);
        }
    }
    let mut columns = Vec::new();
    if let Some(name) = group_name {
        columns.push(Column::new(name.into(), group));
    }
    columns.extend([
        Column::new("rank".into(), rank),
        Column::new("term".into(), term),
        Column::new("n".into(), n),
        Column::new("rate".into(), rate),
        Column::new("docs".into(), docs),
        Column::new("words".into(), words),
    ]);
    let height = columns[0].len();
    DataFrame::new(height, columns).map_err(|source| Error::Table { table: "freq".into(), source })
}

/// Lines (with CI bands) of items over groups.
fn series_chart(
    title: &str,
    group: &Groups,
    items: &[String],
    cells: &[SeriesCell],
    size: chart::Size,
) -> Result<String> {
    let series: Vec<Series> = items
        .iter()
        .enumerate()
        .map(|(i, name)| Series {
            name: name.clone(),
            points: cells.iter().filter(|c| c.item == i).map(|c| c.rate.map(|r| (r, c.ci))).collect(),
        })
        .collect();
    let subtitle = "每万词频次，阴影为95%置信区间（精确泊松） · rate per 10,000 words, band: exact Poisson 95% CI";
    chart::line_chart(
        title,
        subtitle,
        &group.labels,
        &group.axis_name(),
        "每万词频次 (per 10,000 words)",
        &series,
        size,
    )
}

fn series_heatmap(
    title: &str,
    group: &Groups,
    items: &[String],
    cells: &[SeriesCell],
    size: chart::Size,
) -> Result<String> {
    let values: Vec<Vec<Option<f64>>> =
        (0..items.len()).map(|i| cells.iter().filter(|c| c.item == i).map(|c| c.rate).collect()).collect();
    let max = values.iter().flatten().flatten().copied().fold(0.0f64, f64::max);
    chart::heatmap(
        title,
        "每万词频次 · rate per 10,000 words; grey: no documents",
        items,
        &group.labels,
        &values,
        "每万词频次",
        (0.0, max),
        size,
    )
}

impl FreqCmd {
    pub fn run(&self) -> Result<()> {
        let themes: Option<Vec<Theme>> = match &self.themes {
            Some(path) => {
                let (text, shown) = crate::corpus::read::read_user_file(path, "the themes file", "--themes")?;
                Some(freq::parse_themes(&text, &shown)?)
            }
            None => None,
        };
        let counts = self.count.count()?;
        let (dtm, docs, words) = (&counts.dtm, &counts.docs, &counts.words);
        let by = match (&self.by, self.terms.is_empty()) {
            (Some(key), _) => Some(key.as_str()),
            (None, false) => Some("date:month"),
            (None, true) => None,
        };
        let grouped = by.map(|key| group_documents(key, docs)).transpose()?;
        let dir = &self.output.output;
        let opts = self.output.write_options();
        let size = self.chart.size();
        io::create_dir(dir)?;
        let all: Vec<usize> = (0..docs.len()).collect();
        let (total, top) = freq::top_terms(dtm, words, &all, self.top);
        let mut overall = top_frame(dtm, &[("all".into(), top.clone(), total)], None)?;
        io::write_table(dir, "freq", &mut overall, &opts)?;
        let bars: Vec<(String, f64)> =
            top.iter().take(30).map(|t| (dtm.terms[t.term as usize].clone(), t.rate)).collect();
        let panel =
            Bars { title: format!("{} 篇文档 · {} documents, {} words", docs.len(), docs.len(), total), bars };
        write_chart(
            dir,
            "freq_top",
            &chart::bar_panels("高频词 · Top terms", "", "每万词频次 (per 10,000 words)", &[panel], 1, size)?,
        )?;
        let mut written = vec!["freq".to_string(), "freq_top.svg".into()];
        if let Some(group) = grouped {
            let rows: Vec<(String, Vec<freq::TermFreq>, u64)> = group
                .labels
                .iter()
                .enumerate()
                .map(|(g, label)| {
                    let members: Vec<usize> = (0..docs.len()).filter(|&d| group.of_doc[d] == Some(g)).collect();
                    let (total, top) = freq::top_terms(dtm, words, &members, self.top);
                    (label.clone(), top, total)
                })
                .collect();
            let mut by_table = top_frame(dtm, &rows, Some(&group.name))?;
            io::write_table(dir, "freq_by", &mut by_table, &opts)?;
            written.push("freq_by".into());
            if !self.terms.is_empty() {
                for t in &self.terms {
                    if dtm.terms.binary_search(t).is_err() {
                        eprintln!(
                            "warning: {t} is not a term of this corpus (after stopwords and filters); its line is 0"
                        );
                    }
                }
                let counts: Vec<Vec<u64>> = self.terms.iter().map(|t| freq::term_counts(dtm, t)).collect();
                let cells = freq::series(&counts, words, &group.of_doc, group.labels.len());
                let mut table = series_frame("term", &self.terms, &group, &cells)?;
                io::write_table(dir, "freq_terms", &mut table, &opts)?;
                let title = format!("词频 · {}", self.terms.join("、"));
                write_chart(dir, "freq_terms", &series_chart(&title, &group, &self.terms, &cells, size)?)?;
                write_chart(dir, "freq_terms_heatmap", &series_heatmap(&title, &group, &self.terms, &cells, size)?)?;
                written.extend(["freq_terms".into(), "freq_terms.svg".into(), "freq_terms_heatmap.svg".into()]);
            }
            if let Some(themes) = &themes {
                let names: Vec<String> = themes.iter().map(|t| t.name.clone()).collect();
                let counts = freq::theme_counts(dtm, themes);
                let cells = freq::series(&counts, words, &group.of_doc, group.labels.len());
                let mut table = series_frame("theme", &names, &group, &cells)?;
                io::write_table(dir, "themes_by_group", &mut table, &opts)?;
                write_chart(dir, "themes_by_group", &series_chart("主题 · Themes", &group, &names, &cells, size)?)?;
                written.extend(["themes_by_group".into(), "themes_by_group.svg".into()]);
            }
        }
        if let Some(themes) = &themes {
            let names: Vec<String> = themes.iter().map(|t| t.name.clone()).collect();
            let counts = freq::theme_counts(dtm, themes);
            let per_doc = Groups {
                name: "doc_id".into(),
                labels: docs.iter().map(|d| d.doc_id.clone()).collect(),
                of_doc: (0..docs.len()).map(Some).collect(),
                left_out: 0,
                by_date: false,
            };
            let cells = freq::series(&counts, words, &per_doc.of_doc, docs.len());
            let mut table = series_frame("theme", &names, &per_doc, &cells)?;
            io::write_table(dir, "themes_by_doc", &mut table, &opts)?;
            let shown = docs.len().min(80);
            let labels: Vec<String> = docs.iter().take(shown).map(|d| short_label(d, 10)).collect();
            let values: Vec<Vec<Option<f64>>> = (0..names.len())
                .map(|i| cells.iter().filter(|c| c.item == i && c.group < shown).map(|c| c.rate).collect())
                .collect();
            let max = values.iter().flatten().flatten().copied().fold(0.0f64, f64::max);
            let subtitle = if shown < docs.len() {
                format!("每万词频次 · rate per 10,000 words (first {shown} of {} documents)", docs.len())
            } else {
                "每万词频次 · rate per 10,000 words".to_string()
            };
            let svg = chart::heatmap(
                "主题 × 文档 · Themes by document",
                &subtitle,
                &names,
                &labels,
                &values,
                "每万词频次",
                (0.0, max),
                size,
            )?;
            write_chart(dir, "themes_by_doc", &svg)?;
            written.extend(["themes_by_doc".into(), "themes_by_doc.svg".into()]);
        }
        say!(
            "documents: {} ({} copies left out); words: {}; terms: {}",
            docs.len(),
            counts.n_all - docs.len(),
            total,
            dtm.n_terms()
        );
        say!("written in {}: {}", dir.display(), written.join(", "));
        Ok(())
    }
}
