//! Non-negative matrix factorisation of the TF-IDF matrix, X ≈ W H (units ×
//! K times K × terms), minimising the Frobenius norm with Lee & Seung's
//! multiplicative updates as scikit-learn's `NMF(solver="mu")` does:
//! H ← H ∘ (WᵀX) / (WᵀW H), then W ← W ∘ (X Hᵀ) / (W H Hᵀ), each iteration.
//! Initialisation is NNDSVDa (Boutsidis & Gallopoulos 2008): the positive
//! parts of the leading singular vectors (linfa-linalg's truncated SVD, fixed
//! seed), zeros filled with the mean of X. Deterministic: no random draws.
//!
//! The SVD runs on the dense matrix: NMF is meant for corpora of up to some
//! thousands of units (the terms are capped by the caller).

use crate::error::{Error, Result};
use ndarray::{Array1, Array2, Axis};

/// A fitted NMF model.
#[derive(Debug, Clone, PartialEq)]
pub struct Nmf {
    /// Units × K.
    pub w: Array2<f64>,
    /// K × terms.
    pub h: Array2<f64>,
    /// Frobenius reconstruction error ‖X − WH‖ every `trace_every` iterations.
    pub trace: Vec<(usize, f64)>,
}

const EPS: f64 = 1e-10;

/// Fits NMF with `k` components on the dense non-negative matrix `x`.
pub fn fit(x: &Array2<f64>, k: usize, iters: usize, trace_every: usize) -> Result<Nmf> {
    let (n, v) = x.dim();
    if k < 2 {
        return Err(Error::BadOption(format!("--k {k}: give at least 2 topics")));
    }
    if k > n.min(v) {
        return Err(Error::BadOption(format!("--k {k}: NMF needs k ≤ min(units, terms) = {}", n.min(v))));
    }
    if iters == 0 {
        return Err(Error::BadOption("--iters 0: give at least 1 iteration".into()));
    }
    let (mut w, mut h) = nndsvda(x, k)?;
    let mut trace = Vec::new();
    for it in 1..=iters {
        let num = w.t().dot(x);
        let den = w.t().dot(&w).dot(&h) + EPS;
        h = &h * &num / &den;
        let num = x.dot(&h.t());
        let den = w.dot(&h.dot(&h.t())) + EPS;
        w = &w * &num / &den;
        if it % trace_every.max(1) == 0 || it == iters {
            let err = (x - &w.dot(&h)).mapv(|e| e * e).sum().sqrt();
            trace.push((it, err));
        }
    }
    Ok(Nmf { w, h, trace })
}

/// NNDSVD with zeros replaced by the mean of X ("nndsvda").
fn nndsvda(x: &Array2<f64>, k: usize) -> Result<(Array2<f64>, Array2<f64>)> {
    use linfa_linalg::{lobpcg::TruncatedSvd, Order};
    use rand::SeedableRng;
    let (n, v) = x.dim();
    let svd = TruncatedSvd::new_with_rng(x.clone(), Order::Largest, rand::rngs::SmallRng::seed_from_u64(42))
        .decompose(k)
        .map_err(|e| Error::BadOption(format!("topics: the SVD for NMF's initialisation failed ({e})")))?;
    let (u, s, vt) = svd.values_vectors();
    let mut w = Array2::<f64>::zeros((n, k));
    let mut h = Array2::<f64>::zeros((k, v));
    for j in 0..k.min(s.len()) {
        let (uj, vj) = (u.column(j).to_owned(), vt.row(j).to_owned());
        if j == 0 {
            w.column_mut(0).assign(&(uj.mapv(f64::abs) * s[0].sqrt()));
            h.row_mut(0).assign(&(vj.mapv(f64::abs) * s[0].sqrt()));
            continue;
        }
        let pos = |a: &Array1<f64>| a.mapv(|x| x.max(0.0));
        let neg = |a: &Array1<f64>| a.mapv(|x| (-x).max(0.0));
        let norm = |a: &Array1<f64>| a.dot(a).sqrt();
        let (up, un, vp, vn) = (pos(&uj), neg(&uj), pos(&vj), neg(&vj));
        let (mp, mn) = (norm(&up) * norm(&vp), norm(&un) * norm(&vn));
        let (uu, vv, m, nu, nv) = if mp > mn {
            (up.clone(), vp.clone(), mp, norm(&up), norm(&vp))
        } else {
            (un.clone(), vn.clone(), mn, norm(&un), norm(&vn))
        };
        if nu > 0.0 && nv > 0.0 {
            let scale = (s[j] * m).sqrt();
            w.column_mut(j).assign(&(uu / nu * scale));
            h.row_mut(j).assign(&(vv / nv * scale));
        }
    }
    let mean = x.mean().unwrap_or(0.0);
    w.mapv_inplace(|x| if x < EPS { mean } else { x });
    h.mapv_inplace(|x| if x < EPS { mean } else { x });
    Ok((w, h))
}

impl Nmf {
    /// Topic–term weights normalised to sum to 1 per topic (used like LDA's φ).
    pub fn topic_terms(&self) -> Vec<Vec<f64>> {
        self.h
            .axis_iter(Axis(0))
            .map(|row| {
                let s = row.sum();
                row.iter().map(|x| if s > 0.0 { x / s } else { 0.0 }).collect()
            })
            .collect()
    }

    /// Unit–topic shares (rows of W normalised to sum to 1; uniform for an
    /// all-zero row).
    pub fn unit_topics(&self) -> Vec<Vec<f64>> {
        let k = self.w.ncols();
        self.w
            .axis_iter(Axis(0))
            .map(|row| {
                let s = row.sum();
                row.iter().map(|x| if s > 0.0 { x / s } else { 1.0 / k as f64 }).collect()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dtm::DtmBuilder;
    use crate::stats::tfidf::{tfidf, TfidfOptions};
    use crate::stats::topics::lda::tests::{synthetic, top10};

    #[test]
    fn recovers_planted_topics_deterministically() {
        let (tokens, truth) = synthetic(5, 40, 600, 50, 7);
        let mut b = DtmBuilder::new();
        for u in 0..tokens.n_units() {
            let mut counts = std::collections::BTreeMap::new();
            for &w in &tokens.words[tokens.start[u]..tokens.start[u + 1]] {
                *counts.entry(format!("w{w:03}")).or_insert(0u32) += 1;
            }
            b.add(&u.to_string(), counts);
        }
        let m = b.finish();
        let weights = tfidf(&m, TfidfOptions::default());
        let mut x = Array2::<f64>::zeros((m.n_docs(), m.n_terms()));
        for d in 0..m.n_docs() {
            for k in m.indptr[d]..m.indptr[d + 1] {
                x[[d, m.indices[k] as usize]] = weights.weights[k];
            }
        }
        let model = fit(&x, 5, 200, 50).unwrap();
        let phi = model.topic_terms();
        // Column t of the matrix is term "w{t:03}", i.e. word t.
        for true_topic in &truth {
            let matched =
                phi.iter().any(|row| top10(row).iter().filter(|&&w| true_topic.contains(&(w as u32))).count() >= 8);
            assert!(matched, "topic {true_topic:?} not recovered");
        }
        assert!(model.trace.windows(2).all(|w| w[1].1 <= w[0].1 + 1e-9), "the error never rises");
        assert_eq!(fit(&x, 5, 200, 50).unwrap(), model, "deterministic");
        assert!(fit(&x, 1, 10, 10).unwrap_err().to_string().contains("--k 1"));
        assert!(fit(&x, 5, 0, 10).unwrap_err().to_string().contains("--iters 0"));
    }
}
