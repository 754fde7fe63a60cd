//! `zhtext tfidf`: each document's top terms by TF-IDF (scikit-learn's
//! definition and options), as a table and small-multiple bar charts.

use super::args::{short_label, write_chart, ChartArgs, CountArgs, OutputArgs};
use crate::chart::{self, Bars};
use crate::error::{Error, Result};
use crate::io;
use crate::stats::tfidf::{tfidf, Norm, TfidfOptions};
use clap::Args;
use polars::prelude::*;

#[derive(Debug, Args)]
pub struct TfidfCmd {
    #[command(flatten)]
    count: CountArgs,
    /// Terms per document (0: all)
    #[arg(long, default_value_t = 10)]
    top: usize,
    /// idf = ln((1+n)/(1+df)) + 1 (scikit-learn's default) [default]
    #[arg(long, overrides_with = "no_smooth_idf")]
    smooth_idf: bool,
    /// idf = ln(n/df) + 1
    #[arg(long)]
    no_smooth_idf: bool,
    /// tf = 1 + ln(count)
    #[arg(long)]
    sublinear_tf: bool,
    /// Row normalisation
    #[arg(long, value_enum, default_value = "l2")]
    norm: Norm,
    /// Panels per chart page
    #[arg(long, default_value_t = 12)]
    per_page: usize,
    #[command(flatten)]
    chart: ChartArgs,
    #[command(flatten)]
    output: OutputArgs,
}

impl TfidfCmd {
    pub fn run(&self) -> Result<()> {
        let counts = self.count.count()?;
        let (dtm, docs) = (&counts.dtm, &counts.docs);
        let opts = TfidfOptions { smooth_idf: !self.no_smooth_idf, sublinear_tf: self.sublinear_tf, norm: self.norm };
        let weights = tfidf(dtm, opts);
        let (mut ids, mut titles, mut dates, mut ranks, mut terms, mut ns, mut ws, mut idfs) =
            (vec![], vec![], vec![], vec![], vec![], vec![], vec![], vec![]);
        let mut panels = Vec::new();
        for (d, doc) in docs.iter().enumerate() {
            let top = weights.top_terms(dtm, d, self.top);
            for (rank, (t, n, w)) in top.iter().enumerate() {
                ids.push(doc.doc_id.as_str());
                titles.push(doc.title.as_str());
                dates.push(doc.date.as_str());
                ranks.push(rank as u32 + 1);
                terms.push(dtm.terms[*t as usize].as_str());
                ns.push(*n);
                ws.push(*w);
                idfs.push(weights.idf[*t as usize]);
            }
            let bars = top.iter().take(10).map(|(t, _, w)| (dtm.terms[*t as usize].clone(), *w)).collect();
            panels.push(Bars { title: short_label(doc, 14), bars });
        }
        let mut table = DataFrame::new(
            ids.len(),
            vec![
                Column::new("doc_id".into(), ids),
                Column::new("title".into(), titles),
                Column::new("date".into(), dates),
                Column::new("rank".into(), ranks),
                Column::new("term".into(), terms),
                Column::new("n".into(), ns),
                Column::new("tfidf".into(), ws),
                Column::new("idf".into(), idfs),
            ],
        )
        .map_err(|source| Error::Table { table: "tfidf".into(), source })?;
        let dir = &self.output.output;
        io::create_dir(dir)?;
        io::write_table(dir, "tfidf", &mut table, &self.output.write_options())?;
        let per_page = self.per_page.max(1);
        let pages = panels.len().div_ceil(per_page);
        let norm = match self.norm {
            Norm::L2 => "l2",
            Norm::L1 => "l1",
            Norm::None => "none",
        };
        let subtitle = format!("smooth_idf={}, sublinear_tf={}, norm={norm}", opts.smooth_idf, opts.sublinear_tf);
        let size = self.chart.size();
        for (p, page) in panels.chunks(per_page).enumerate() {
            let columns = if page.len() >= 4 { 4 } else { page.len() };
            let rows = page.len().div_ceil(columns.max(1));
            let page_size = chart::Size {
                width: size.width.max(300 * columns as u32),
                height: size.height.max(60 + 260 * rows as u32),
            };
            let title = if pages > 1 {
                format!("TF-IDF 高权重词 · top terms ({}/{pages})", p + 1)
            } else {
                "TF-IDF 高权重词 · top terms".into()
            };
            let svg = chart::bar_panels(&title, &subtitle, "TF-IDF 权重 (weight)", page, columns, page_size)?;
            write_chart(dir, &format!("tfidf_p{:02}", p + 1), &svg)?;
        }
        say!("documents: {} ({} copies left out); terms: {}", docs.len(), counts.n_all - docs.len(), dtm.n_terms());
        say!("written in {}: tfidf table, {pages} chart pages (tfidf_p01.svg …)", dir.display());
        Ok(())
    }
}
