//! Document similarity: cosine of TF-IDF vectors (l2-normalised, so the
//! cosine is their dot product), Jaccard of term sets (|A ∩ B| / |A ∪ B|),
//! an order of documents from average-linkage (UPGMA) clustering on cosine
//! distance, and a 2-D map by PCA (linfa).
//!
//! Pairs are compared directly, O(n²) in documents: meant for corpora of up
//! to a few thousand documents.

use super::tfidf::Tfidf;
use crate::dtm::Dtm;
use crate::error::{Error, Result};
use rayon::prelude::*;

/// Similarity of two documents (a < b, row indices of the matrix).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pair {
    pub a: usize,
    pub b: usize,
    pub cosine: f64,
    pub jaccard: f64,
}

/// Every pair of documents, a < b, in row order.
pub fn pairs(dtm: &Dtm, weights: &Tfidf) -> Vec<Pair> {
    let n = dtm.n_docs();
    let row = |d: usize| {
        let (s, e) = (dtm.indptr[d], dtm.indptr[d + 1]);
        (&dtm.indices[s..e], &weights.weights[s..e])
    };
    (0..n)
        .into_par_iter()
        .flat_map_iter(|a| {
            (a + 1..n).map(move |b| {
                let ((ia, wa), (ib, wb)) = (row(a), row(b));
                let (mut i, mut j, mut dot, mut common) = (0, 0, 0.0, 0usize);
                while i < ia.len() && j < ib.len() {
                    match ia[i].cmp(&ib[j]) {
                        std::cmp::Ordering::Less => i += 1,
                        std::cmp::Ordering::Greater => j += 1,
                        std::cmp::Ordering::Equal => {
                            dot += wa[i] * wb[j];
                            common += 1;
                            i += 1;
                            j += 1;
                        }
                    }
                }
                let union = ia.len() + ib.len() - common;
                let jaccard = if union == 0 { 0.0 } else { common as f64 / union as f64 };
                Pair { a, b, cosine: dot, jaccard }
            })
        })
        .collect()
}

/// Leaf order of average-linkage (UPGMA) clustering on the distance
/// 1 − cosine: similar documents end up next to each other. Ties merge the
/// pair with the smallest indices first.
pub fn cluster_order(n: usize, pairs: &[Pair]) -> Vec<usize> {
    if n == 0 {
        return Vec::new();
    }
    let mut dist = vec![vec![0.0f64; n]; n];
    for p in pairs {
        dist[p.a][p.b] = 1.0 - p.cosine;
        dist[p.b][p.a] = 1.0 - p.cosine;
    }
    // Active clusters: their members in leaf order and their size.
    let mut members: Vec<Option<Vec<usize>>> = (0..n).map(|i| Some(vec![i])).collect();
    for _ in 1..n {
        let mut best = (f64::INFINITY, 0, 0);
        for i in 0..n {
            if members[i].is_none() {
                continue;
            }
            for j in i + 1..n {
                if members[j].is_some() && dist[i][j] < best.0 {
                    best = (dist[i][j], i, j);
                }
            }
        }
        let (_, i, j) = best;
        let (mi, mj) = (members[i].take().expect("active"), members[j].take().expect("active"));
        let (si, sj) = (mi.len() as f64, mj.len() as f64);
        for k in 0..n {
            if k != i && members[k].is_some() {
                let d = (dist[i][k] * si + dist[j][k] * sj) / (si + sj);
                dist[i][k] = d;
                dist[k][i] = d;
            }
        }
        let mut merged = mi;
        merged.extend(mj);
        members[i] = Some(merged);
    }
    members.into_iter().flatten().next().unwrap_or_default()
}

/// Documents on two principal components.
#[derive(Debug, Clone, PartialEq)]
pub struct Map {
    /// (pc1, pc2) of each document.
    pub points: Vec<(f64, f64)>,
    /// Share of the total variance each component explains.
    pub explained: (f64, f64),
}

/// The first two principal components of the documents' TF-IDF vectors over
/// the `max_terms` terms found in most documents (linfa's PCA, a truncated
/// SVD with a fixed seed).
pub fn pca_2d(dtm: &Dtm, weights: &Tfidf, max_terms: usize) -> Result<Map> {
    use linfa::traits::{Fit, Predict};
    let n = dtm.n_docs();
    if n < 3 {
        return Err(Error::BadOption(format!("similar: a 2-D map needs at least 3 documents ({n} here)")));
    }
    let df = dtm.doc_freqs();
    let mut chosen: Vec<usize> = (0..dtm.n_terms()).collect();
    chosen.sort_by(|&a, &b| df[b].cmp(&df[a]).then(a.cmp(&b)));
    chosen.truncate(max_terms.max(2));
    let mut column = vec![usize::MAX; dtm.n_terms()];
    for (c, &t) in chosen.iter().enumerate() {
        column[t] = c;
    }
    let mut x = ndarray::Array2::<f64>::zeros((n, chosen.len()));
    for d in 0..n {
        for k in dtm.indptr[d]..dtm.indptr[d + 1] {
            let c = column[dtm.indices[k] as usize];
            if c != usize::MAX {
                x[[d, c]] = weights.weights[k];
            }
        }
    }
    let dataset = linfa::DatasetBase::from(x.clone());
    let pca = linfa_reduction::Pca::params(2)
        .fit(&dataset)
        .map_err(|e| Error::BadOption(format!("similar: PCA failed ({e})")))?;
    let y = pca.predict(&x);
    // Share of the total variance of the (centred) data each component
    // explains; linfa's own ratio is relative to the computed components only.
    let mean = x.mean_axis(ndarray::Axis(0)).expect("rows");
    let total: f64 = (&x - &mean).mapv(|v| v * v).sum();
    let share = |k: usize| {
        let c = y.column(k);
        let m = c.mean().unwrap_or(0.0);
        if total > 0.0 {
            c.mapv(|v| (v - m) * (v - m)).sum() / total
        } else {
            0.0
        }
    };
    let points = (0..n).map(|d| (y[[d, 0]], y[[d, 1]])).collect();
    Ok(Map { points, explained: (share(0), share(1)) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dtm::DtmBuilder;
    use crate::stats::tfidf::{tfidf, TfidfOptions};

    #[test]
    fn cosine_jaccard_and_order() {
        let mut b = DtmBuilder::new();
        b.add("a", [("发展", 2u32), ("安全", 1)]);
        b.add("b", [("合作", 3u32)]);
        b.add("c", [("发展", 2u32), ("安全", 1)]);
        b.add("d", [("合作", 2u32), ("发展", 1)]);
        let m = b.finish();
        let w = tfidf(&m, TfidfOptions::default());
        let p = pairs(&m, &w);
        assert_eq!(p.len(), 6);
        let ac = p.iter().find(|x| x.a == 0 && x.b == 2).unwrap();
        assert!((ac.cosine - 1.0).abs() < 1e-12 && ac.jaccard == 1.0);
        let ab = p.iter().find(|x| x.a == 0 && x.b == 1).unwrap();
        assert_eq!((ab.cosine, ab.jaccard), (0.0, 0.0));
        let ad = p.iter().find(|x| x.a == 0 && x.b == 3).unwrap();
        assert!((ad.jaccard - 1.0 / 3.0).abs() < 1e-12);
        // a and c are identical: they sit together; b and d share 合作.
        let order = cluster_order(4, &p);
        let pos = |d: usize| order.iter().position(|&x| x == d).unwrap();
        assert_eq!(pos(0).abs_diff(pos(2)), 1);
        assert_eq!(pos(1).abs_diff(pos(3)), 1);
    }
}
