//! Non-negative matrix factorisation of the TF-IDF matrix, X ≈ W H (units ×
//! K times K × terms), minimising the Frobenius norm with Lee & Seung's
//! multiplicative updates as scikit-learn's `NMF(solver="mu")` does:
//! H ← H ∘ (WᵀX) / (WᵀW H), then W ← W ∘ (X Hᵀ) / (W H Hᵀ), each iteration.
//!
//! Initialisation is NNDSVDa (Boutsidis & Gallopoulos 2008): the positive
//! parts of the leading singular vectors, zeros filled with the mean of X.
//! The singular vectors come from a randomised SVD (Halko, Martinsson &
//! Tropp 2011: a fixed pseudo-random start, four power iterations, then the
//! small projected problem solved by Jacobi rotations), so X stays sparse:
//! no dense units × terms matrix is ever built, and the result is the same
//! on every run.

use super::super::rng::SplitMix;
use crate::error::{Error, Result};

/// A sparse non-negative matrix in CSR form (rows = units).
#[derive(Debug, Clone, PartialEq)]
pub struct Csr {
    pub rows: usize,
    pub cols: usize,
    pub indptr: Vec<usize>,
    pub indices: Vec<u32>,
    pub values: Vec<f64>,
}

impl Csr {
    fn row(&self, r: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let (s, e) = (self.indptr[r], self.indptr[r + 1]);
        self.indices[s..e].iter().map(|&c| c as usize).zip(self.values[s..e].iter().copied())
    }
}

/// Dense matrices as row-major `Vec<f64>` with their width.
type Dense = Vec<f64>;

/// A fitted NMF model.
#[derive(Debug, Clone, PartialEq)]
pub struct Nmf {
    pub k: usize,
    /// Units × K, row-major.
    pub w: Dense,
    /// K × terms, row-major.
    pub h: Dense,
    /// Frobenius reconstruction error ‖X − WH‖ every `trace_every` iterations.
    pub trace: Vec<(usize, f64)>,
}

const EPS: f64 = 1e-10;

/// Fits NMF with `k` components.
pub fn fit(x: &Csr, k: usize, iters: usize, trace_every: usize) -> Result<Nmf> {
    let (n, v) = (x.rows, x.cols);
    if k < 2 {
        return Err(Error::BadOption(format!("--k {k}: give at least 2 topics")));
    }
    if k > n.min(v) {
        return Err(Error::BadOption(format!("--k {k}: NMF needs k ≤ min(units, terms) = {}", n.min(v))));
    }
    if iters == 0 {
        return Err(Error::BadOption("--iters 0: give at least 1 iteration".into()));
    }
    let (mut w, mut h) = nndsvda(x, k);
    let norm_x2: f64 = x.values.iter().map(|a| a * a).sum();
    let mut trace = Vec::new();
    for it in 1..=iters {
        // H ← H ∘ (WᵀX) / (WᵀW H)
        let wtx = wt_x(x, &w, k);
        let wtw = gram_cols(&w, n, k);
        let wtwh = mul(&wtw, k, k, &h, v);
        for i in 0..h.len() {
            h[i] *= wtx[i] / (wtwh[i] + EPS);
        }
        // W ← W ∘ (XHᵀ) / (W HHᵀ)
        let xht = x_ht(x, &h, k);
        let hht = gram_rows(&h, k, v);
        let whht = mul(&w, n, k, &hht, k);
        for i in 0..w.len() {
            w[i] *= xht[i] / (whht[i] + EPS);
        }
        if it % trace_every.max(1) == 0 || it == iters {
            // ‖X − WH‖² = ‖X‖² − 2 tr(Hᵀ... ) computed without forming WH.
            let xht = x_ht(x, &h, k);
            let cross: f64 = w.iter().zip(&xht).map(|(a, b)| a * b).sum();
            let wtw = gram_cols(&w, n, k);
            let hht = gram_rows(&h, k, v);
            let quad: f64 = wtw.iter().zip(&hht).map(|(a, b)| a * b).sum();
            trace.push((it, (norm_x2 - 2.0 * cross + quad).max(0.0).sqrt()));
        }
    }
    Ok(Nmf { k, w, h, trace })
}

/// WᵀX (K × V).
fn wt_x(x: &Csr, w: &Dense, k: usize) -> Dense {
    let mut out = vec![0.0; k * x.cols];
    for r in 0..x.rows {
        let wr = &w[r * k..(r + 1) * k];
        for (c, val) in x.row(r) {
            for t in 0..k {
                out[t * x.cols + c] += wr[t] * val;
            }
        }
    }
    out
}

/// X Hᵀ (N × K).
fn x_ht(x: &Csr, h: &Dense, k: usize) -> Dense {
    let mut out = vec![0.0; x.rows * k];
    for r in 0..x.rows {
        for (c, val) in x.row(r) {
            for t in 0..k {
                out[r * k + t] += val * h[t * x.cols + c];
            }
        }
    }
    out
}

/// AᵀA of an n × k matrix (k × k).
fn gram_cols(a: &Dense, n: usize, k: usize) -> Dense {
    let mut g = vec![0.0; k * k];
    for r in 0..n {
        let row = &a[r * k..(r + 1) * k];
        for i in 0..k {
            for j in 0..k {
                g[i * k + j] += row[i] * row[j];
            }
        }
    }
    g
}

/// AAᵀ of a k × v matrix (k × k).
fn gram_rows(a: &Dense, k: usize, v: usize) -> Dense {
    let mut g = vec![0.0; k * k];
    for i in 0..k {
        for j in 0..k {
            g[i * k + j] = (0..v).map(|c| a[i * v + c] * a[j * v + c]).sum();
        }
    }
    g
}

/// A (r × m) times B (m × c).
fn mul(a: &Dense, r: usize, m: usize, b: &Dense, c: usize) -> Dense {
    let mut out = vec![0.0; r * c];
    for i in 0..r {
        for p in 0..m {
            let x = a[i * m + p];
            if x != 0.0 {
                for j in 0..c {
                    out[i * c + j] += x * b[p * c + j];
                }
            }
        }
    }
    out
}

/// Orthonormalises the columns of an n × l matrix in place (modified
/// Gram–Schmidt); a column that vanishes is left zero.
fn orthonormalise(y: &mut Dense, n: usize, l: usize) {
    for j in 0..l {
        for p in 0..j {
            let dot: f64 = (0..n).map(|r| y[r * l + j] * y[r * l + p]).sum();
            for r in 0..n {
                y[r * l + j] -= dot * y[r * l + p];
            }
        }
        let norm: f64 = (0..n).map(|r| y[r * l + j] * y[r * l + j]).sum::<f64>().sqrt();
        for r in 0..n {
            y[r * l + j] = if norm > 1e-300 { y[r * l + j] / norm } else { 0.0 };
        }
    }
}

/// Eigenvalues and eigenvectors (columns) of a symmetric l × l matrix by
/// cyclic Jacobi rotations, largest eigenvalue first.
fn symmetric_eigen(mut a: Dense, l: usize) -> (Vec<f64>, Dense) {
    let mut v = vec![0.0; l * l];
    for i in 0..l {
        v[i * l + i] = 1.0;
    }
    for _ in 0..100 {
        let off: f64 = (0..l)
            .flat_map(|i| (0..l).map(move |j| (i, j)))
            .filter(|(i, j)| i != j)
            .map(|(i, j)| a[i * l + j].powi(2))
            .sum();
        if off < 1e-22 {
            break;
        }
        for p in 0..l {
            for q in p + 1..l {
                let apq = a[p * l + q];
                if apq.abs() < 1e-300 {
                    continue;
                }
                let theta = (a[q * l + q] - a[p * l + p]) / (2.0 * apq);
                let t = theta.signum().max(0.0).mul_add(2.0, -1.0) / (theta.abs() + (theta * theta + 1.0).sqrt());
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for r in 0..l {
                    let (arp, arq) = (a[r * l + p], a[r * l + q]);
                    a[r * l + p] = c * arp - s * arq;
                    a[r * l + q] = s * arp + c * arq;
                }
                for r in 0..l {
                    let (apr, aqr) = (a[p * l + r], a[q * l + r]);
                    a[p * l + r] = c * apr - s * aqr;
                    a[q * l + r] = s * apr + c * aqr;
                }
                for r in 0..l {
                    let (vrp, vrq) = (v[r * l + p], v[r * l + q]);
                    v[r * l + p] = c * vrp - s * vrq;
                    v[r * l + q] = s * vrp + c * vrq;
                }
            }
        }
    }
    let mut order: Vec<usize> = (0..l).collect();
    order.sort_by(|&i, &j| a[j * l + j].total_cmp(&a[i * l + i]));
    let values = order.iter().map(|&i| a[i * l + i]).collect();
    let mut vectors = vec![0.0; l * l];
    for (new, &old) in order.iter().enumerate() {
        for r in 0..l {
            vectors[r * l + new] = v[r * l + old];
        }
    }
    (values, vectors)
}

/// X M (n × l), or Xᵀ M (v × l) with `transpose`, for a dense M with l
/// columns.
fn sparse_times(x: &Csr, m: &Dense, l: usize, transpose: bool) -> Dense {
    let mut out = vec![0.0; if transpose { x.cols } else { x.rows } * l];
    for r in 0..x.rows {
        for (c, val) in x.row(r) {
            let (to, from) = if transpose { (c, r) } else { (r, c) };
            for j in 0..l {
                out[to * l + j] += val * m[from * l + j];
            }
        }
    }
    out
}

/// The top `k` singular triplets of X: (U n × k, s, Vᵀ k × v), by a
/// randomised range finder with power iterations.
fn truncated_svd(x: &Csr, k: usize) -> (Dense, Vec<f64>, Dense) {
    let (n, v) = (x.rows, x.cols);
    let l = (k + 10).min(n).min(v);
    let mut rng = SplitMix::keyed(&[0x5EED, k as u64]);
    let omega: Dense = (0..v * l).map(|_| rng.unit() * 2.0 - 1.0).collect();
    let x_times = |m: &Dense| sparse_times(x, m, l, false);
    let xt_times = |m: &Dense| sparse_times(x, m, l, true);
    let mut y = x_times(&omega);
    orthonormalise(&mut y, n, l);
    for _ in 0..4 {
        let mut z = xt_times(&y);
        orthonormalise(&mut z, v, l);
        y = x_times(&z);
        orthonormalise(&mut y, n, l);
    }
    // B = Qᵀ X (l × v), its Gram B Bᵀ (l × l), eigen-decomposed.
    let z = xt_times(&y); // v × l: column j = Xᵀ q_j, i.e. B = zᵀ
    let mut gram = vec![0.0; l * l];
    for c in 0..v {
        for i in 0..l {
            for j in 0..l {
                gram[i * l + j] += z[c * l + i] * z[c * l + j];
            }
        }
    }
    let (values, vectors) = symmetric_eigen(gram, l);
    let s: Vec<f64> = values.iter().take(k).map(|&x| x.max(0.0).sqrt()).collect();
    // U = Q Ũ, Vᵀ rows = (B ũ_i)ᵀ / s_i = (z ũ_i)ᵀ / s_i.
    let mut u = vec![0.0; n * k];
    for r in 0..n {
        for i in 0..k {
            u[r * k + i] = (0..l).map(|j| y[r * l + j] * vectors[j * l + i]).sum();
        }
    }
    let mut vt = vec![0.0; k * v];
    for i in 0..k {
        if s[i] > 0.0 {
            for c in 0..v {
                vt[i * v + c] = (0..l).map(|j| z[c * l + j] * vectors[j * l + i]).sum::<f64>() / s[i];
            }
        }
    }
    (u, s, vt)
}

/// NNDSVD with zeros replaced by the mean of X ("nndsvda").
fn nndsvda(x: &Csr, k: usize) -> (Dense, Dense) {
    let (n, v) = (x.rows, x.cols);
    let (u, s, vt) = truncated_svd(x, k);
    let mut w = vec![0.0; n * k];
    let mut h = vec![0.0; k * v];
    let norm = |a: &[f64]| a.iter().map(|x| x * x).sum::<f64>().sqrt();
    for j in 0..k {
        let uj: Vec<f64> = (0..n).map(|r| u[r * k + j]).collect();
        let vj: Vec<f64> = vt[j * v..(j + 1) * v].to_vec();
        let (up, un): (Vec<f64>, Vec<f64>) =
            (uj.iter().map(|x| x.max(0.0)).collect(), uj.iter().map(|x| (-x).max(0.0)).collect());
        let (vp, vn): (Vec<f64>, Vec<f64>) =
            (vj.iter().map(|x| x.max(0.0)).collect(), vj.iter().map(|x| (-x).max(0.0)).collect());
        let (mp, mn) = (norm(&up) * norm(&vp), norm(&un) * norm(&vn));
        let (uu, vv, m) = if mp >= mn { (up, vp, mp) } else { (un, vn, mn) };
        let (nu, nv) = (norm(&uu), norm(&vv));
        if nu > 0.0 && nv > 0.0 {
            let scale = (s[j] * m).sqrt();
            for r in 0..n {
                w[r * k + j] = uu[r] / nu * scale;
            }
            for c in 0..v {
                h[j * v + c] = vv[c] / nv * scale;
            }
        }
    }
    let mean = x.values.iter().sum::<f64>() / (n * v) as f64;
    w.iter_mut().chain(h.iter_mut()).for_each(|x| {
        if *x < EPS {
            *x = mean
        }
    });
    (w, h)
}

impl Nmf {
    /// Topic–term weights normalised to sum to 1 per topic (used like LDA's φ).
    pub fn topic_terms(&self) -> Vec<Vec<f64>> {
        let v = self.h.len() / self.k;
        self.h
            .chunks(v)
            .map(|row| {
                let s: f64 = row.iter().sum();
                row.iter().map(|x| if s > 0.0 { x / s } else { 0.0 }).collect()
            })
            .collect()
    }

    /// Unit–topic shares (rows of W normalised to sum to 1; uniform for an
    /// all-zero row).
    pub fn unit_topics(&self) -> Vec<Vec<f64>> {
        let k = self.k;
        self.w
            .chunks(k)
            .map(|row| {
                let s: f64 = row.iter().sum();
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
    fn svd_of_a_small_matrix() {
        // X = [[3, 0], [0, 1], [0, 0]]: singular values 3 and 1.
        let x = Csr { rows: 3, cols: 2, indptr: vec![0, 1, 2, 2], indices: vec![0, 1], values: vec![3.0, 1.0] };
        let (_, s, vt) = truncated_svd(&x, 2);
        assert!((s[0] - 3.0).abs() < 1e-9 && (s[1] - 1.0).abs() < 1e-9, "{s:?}");
        assert!((vt[0].abs() - 1.0).abs() < 1e-9);
        let (vals, _) = symmetric_eigen(vec![2.0, 1.0, 1.0, 2.0], 2);
        assert!((vals[0] - 3.0).abs() < 1e-12 && (vals[1] - 1.0).abs() < 1e-12);
    }

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
        let x = Csr {
            rows: m.n_docs(),
            cols: m.n_terms(),
            indptr: m.indptr.clone(),
            indices: m.indices.clone(),
            values: weights.weights.clone(),
        };
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
