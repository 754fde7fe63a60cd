//! `zhtext keyness`: terms over-used in a target group of documents against
//! a reference group (chi2 with quanteda's Yates rule, G2, Log Ratio,
//! p-values), as a table and a diverging bar chart.

use super::args::{write_chart, ChartArgs, CountArgs, OutputArgs};
use crate::chart;
use crate::corpus::select::select;
use crate::error::{Error, Result};
use crate::io;
use crate::stats::keyness::{keyness, Keyness};
use clap::Args;
use polars::prelude::*;

/// The measure rows are sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Measure {
    Chi2,
    G2,
    LogRatio,
}

#[derive(Debug, Args)]
pub struct KeynessCmd {
    #[command(flatten)]
    count: CountArgs,
    /// Target documents: column=value[,value…], date=FROM..TO or
    /// column~regex (e.g. genre=speech, title~APEC). Repeat to narrow
    #[arg(long, value_name = "SELECTOR", required = true)]
    target: Vec<String>,
    /// Reference documents, as for --target [default: all other documents]
    #[arg(long, value_name = "SELECTOR")]
    reference: Vec<String>,
    /// Sort by this measure (highest first: the target's key terms)
    #[arg(long, value_enum, default_value = "chi2")]
    sort: Measure,
    /// Terms on each side of the chart
    #[arg(long, default_value_t = 20)]
    top: usize,
    #[command(flatten)]
    chart: ChartArgs,
    #[command(flatten)]
    output: OutputArgs,
}

fn value(k: &Keyness, m: Measure) -> f64 {
    match m {
        Measure::Chi2 => k.chi2,
        Measure::G2 => k.g2,
        Measure::LogRatio => k.log_ratio,
    }
}

impl KeynessCmd {
    pub fn run(&self) -> Result<()> {
        let counts = self.count.count()?;
        let (dtm, docs) = (&counts.dtm, &counts.docs);
        let target = select(docs, &self.target, "--target")?;
        let reference = if self.reference.is_empty() {
            target.iter().map(|t| !t).collect()
        } else {
            let r = select(docs, &self.reference, "--reference")?;
            if let Some(d) = (0..docs.len()).find(|&d| r[d] && target[d]) {
                return Err(Error::BadOption(format!(
                    "--reference {}: {} is in both groups; make the selectors exclusive",
                    self.reference.join(" "),
                    docs[d].doc_id
                )));
            }
            r
        };
        let n_target = target.iter().filter(|&&t| t).count();
        let n_reference = reference.iter().filter(|&&r| r).count();
        if n_reference == 0 {
            return Err(Error::BadOption(
                "keyness: the reference group is empty; give --reference or a narrower --target".into(),
            ));
        }
        let mut rows = keyness(dtm, &target, &reference);
        rows.sort_by(|a, b| {
            value(b, self.sort)
                .total_cmp(&value(a, self.sort))
                .then(dtm.terms[a.term as usize].cmp(&dtm.terms[b.term as usize]))
        });
        let term = |k: &Keyness| dtm.terms[k.term as usize].as_str();
        let mut table = DataFrame::new(
            rows.len(),
            vec![
                Column::new("term".into(), rows.iter().map(term).collect::<Vec<_>>()),
                Column::new("n_target".into(), rows.iter().map(|k| k.n_target).collect::<Vec<_>>()),
                Column::new("n_reference".into(), rows.iter().map(|k| k.n_reference).collect::<Vec<_>>()),
                Column::new("chi2".into(), rows.iter().map(|k| k.chi2).collect::<Vec<_>>()),
                Column::new("p_chi2".into(), rows.iter().map(|k| k.p_chi2).collect::<Vec<_>>()),
                Column::new("g2".into(), rows.iter().map(|k| k.g2).collect::<Vec<_>>()),
                Column::new("p_g2".into(), rows.iter().map(|k| k.p_g2).collect::<Vec<_>>()),
                Column::new("log_ratio".into(), rows.iter().map(|k| k.log_ratio).collect::<Vec<_>>()),
            ],
        )
        .map_err(|source| Error::Table { table: "keyness".into(), source })?;
        let dir = &self.output.output;
        io::create_dir(dir)?;
        io::write_table(dir, "keyness", &mut table, &self.output.write_options())?;
        let measure = match self.sort {
            Measure::Chi2 => "chi2",
            Measure::G2 => "G2",
            Measure::LogRatio => "Log Ratio",
        };
        let top: Vec<(String, f64)> = rows
            .iter()
            .filter(|k| value(k, self.sort) > 0.0)
            .take(self.top)
            .map(|k| (term(k).to_string(), value(k, self.sort)))
            .collect();
        let bottom: Vec<(String, f64)> = rows
            .iter()
            .rev()
            .filter(|k| value(k, self.sort) < 0.0)
            .take(self.top)
            .map(|k| (term(k).to_string(), value(k, self.sort)))
            .collect();
        let target_name = format!("目标 target: {} ({n_target} 篇)", self.target.join(" "));
        let reference_name = if self.reference.is_empty() {
            format!("参照 reference: 其余 other documents ({n_reference} 篇)")
        } else {
            format!("参照 reference: {} ({n_reference} 篇)", self.reference.join(" "))
        };
        let size = chart::Size {
            width: self.chart.size().width,
            height: self.chart.size().height.max(40 + 22 * (top.len() + bottom.len()) as u32),
        };
        let svg = chart::diverging_bars(
            "关键词 · Keyness",
            &format!("按 {measure} 排序 · sorted by {measure}"),
            &format!("{measure}（绝对值 · absolute value）"),
            (&reference_name, &bottom),
            (&target_name, &top),
            size,
        )?;
        write_chart(dir, "keyness", &svg)?;
        say!("target: {n_target} documents; reference: {n_reference} documents; terms: {}", rows.len());
        say!("written in {}: keyness table, keyness.svg", dir.display());
        Ok(())
    }
}
