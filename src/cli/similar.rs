//! `zhtext similar`: document × document cosine (TF-IDF) and Jaccard (term
//! sets) as a long table, a heatmap ordered by hierarchical clustering, and
//! a 2-D map of the documents by PCA.

use super::args::{short_label, write_chart, ChartArgs, CountArgs, OutputArgs};
use crate::chart;
use crate::error::{Error, Result};
use crate::io;
use crate::stats::similarity::{cluster_order, pairs, pca_2d};
use crate::stats::tfidf::{tfidf, TfidfOptions};
use clap::Args;
use polars::prelude::*;

#[derive(Debug, Args)]
pub struct SimilarCmd {
    #[command(flatten)]
    count: CountArgs,
    /// Documents in the heatmap at most (the first in clustering order)
    #[arg(long, default_value_t = 60)]
    heatmap_max: usize,
    /// Terms (those in most documents) used for the PCA map
    #[arg(long, default_value_t = 2000)]
    pca_terms: usize,
    #[command(flatten)]
    chart: ChartArgs,
    #[command(flatten)]
    output: OutputArgs,
}

/// Clustering is O(n³); above this many documents the heatmap keeps
/// document order.
const CLUSTER_MAX: usize = 1500;

impl SimilarCmd {
    pub fn run(&self) -> Result<()> {
        let counts = self.count.count()?;
        let (dtm, docs) = (&counts.dtm, &counts.docs);
        if docs.len() < 2 {
            return Err(Error::BadOption(format!("similar: needs at least 2 documents ({} here)", docs.len())));
        }
        let weights = tfidf(dtm, TfidfOptions::default());
        let all = pairs(dtm, &weights);
        let order: Vec<usize> =
            if docs.len() <= CLUSTER_MAX { cluster_order(docs.len(), &all) } else { (0..docs.len()).collect() };
        let id = |d: usize| docs[d].doc_id.as_str();
        let mut table = DataFrame::new(
            all.len(),
            vec![
                Column::new("doc_a".into(), all.iter().map(|p| id(p.a)).collect::<Vec<_>>()),
                Column::new("doc_b".into(), all.iter().map(|p| id(p.b)).collect::<Vec<_>>()),
                Column::new("cosine".into(), all.iter().map(|p| p.cosine).collect::<Vec<_>>()),
                Column::new("jaccard".into(), all.iter().map(|p| p.jaccard).collect::<Vec<_>>()),
            ],
        )
        .map_err(|source| Error::Table { table: "similarity".into(), source })?;
        let dir = &self.output.output;
        let opts = self.output.write_options();
        io::create_dir(dir)?;
        io::write_table(dir, "similarity", &mut table, &opts)?;
        // Heatmap in clustering order.
        let n = docs.len();
        let mut cos = vec![vec![1.0f64; n]; n];
        for p in &all {
            cos[p.a][p.b] = p.cosine;
            cos[p.b][p.a] = p.cosine;
        }
        let shown: Vec<usize> = order.iter().copied().take(self.heatmap_max.max(2)).collect();
        let labels: Vec<String> = shown.iter().map(|&d| short_label(&docs[d], 10)).collect();
        let values: Vec<Vec<Option<f64>>> =
            shown.iter().map(|&a| shown.iter().map(|&b| Some(cos[a][b])).collect()).collect();
        let subtitle = if shown.len() < n {
            format!(
                "TF-IDF 余弦，按平均联结聚类排序 · cosine of TF-IDF, average-linkage order (first {} of {n})",
                shown.len()
            )
        } else {
            "TF-IDF 余弦，按平均联结聚类排序 · cosine of TF-IDF, ordered by average-linkage clustering".to_string()
        };
        let size = self.chart.size();
        let side = size.width.max(size.height).max(200 + 16 * shown.len() as u32);
        let svg = chart::heatmap(
            "文档相似度 · Document similarity",
            &subtitle,
            &labels,
            &labels,
            &values,
            "余弦 cosine",
            (0.0, 1.0),
            chart::Size { width: side + 120, height: side },
        )?;
        write_chart(dir, "similarity", &svg)?;
        let map = pca_2d(dtm, &weights, self.pca_terms)?;
        let (points, (r1, r2)) = (map.points, map.explained);
        let mut pca = DataFrame::new(
            n,
            vec![
                Column::new("doc_id".into(), docs.iter().map(|d| d.doc_id.as_str()).collect::<Vec<_>>()),
                Column::new("title".into(), docs.iter().map(|d| d.title.as_str()).collect::<Vec<_>>()),
                Column::new("date".into(), docs.iter().map(|d| d.date.as_str()).collect::<Vec<_>>()),
                Column::new(
                    "cluster_order".into(),
                    (0..n).map(|d| order.iter().position(|&x| x == d).unwrap_or(d) as u32 + 1).collect::<Vec<_>>(),
                ),
                Column::new("pc1".into(), points.iter().map(|p| p.0).collect::<Vec<_>>()),
                Column::new("pc2".into(), points.iter().map(|p| p.1).collect::<Vec<_>>()),
            ],
        )
        .map_err(|source| Error::Table { table: "pca".into(), source })?;
        io::write_table(dir, "pca", &mut pca, &opts)?;
        let labelled: Vec<(f64, f64, String)> =
            points.iter().zip(docs).map(|(p, d)| (p.0, p.1, short_label(d, 8))).collect();
        let svg = chart::scatter(
            "文档分布 · Documents on two principal components",
            &format!("PCA of TF-IDF ({} terms)", self.pca_terms.min(dtm.n_terms())),
            &format!("PC1（{:.1}% 方差 · of variance）", r1 * 100.0),
            &format!("PC2（{:.1}%）", r2 * 100.0),
            &labelled,
            size,
        )?;
        write_chart(dir, "pca", &svg)?;
        say!("documents: {n} ({} copies left out); pairs: {}", counts.n_all - n, all.len());
        say!("written in {}: similarity table and similarity.svg, pca table and pca.svg", dir.display());
        Ok(())
    }
}
