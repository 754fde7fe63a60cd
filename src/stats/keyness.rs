//! Keyness of terms in a target group of documents against a reference
//! group, as quanteda.textstats' `textstat_keyness` computes it.
//!
//! For each term, a 2×2 table: a = count in the target, b = count in the
//! reference, c = target total − a, d = reference total − b, N = a+b+c+d,
//! expected E11 = (a+b)(a+c)/N, E12 = (a+b)(b+d)/N, E21 = (c+d)(a+c)/N,
//! E22 = (c+d)(b+d)/N.
//!
//! * chi2 = N(|ad − bc| − Nδ)² / ((a+b)(c+d)(a+c)(b+d)), with Yates'
//!   δ = 0.5 when some expected cell is below 5 and |ad − bc| ≥ N/2, else 0
//!   (quanteda's "default" correction);
//! * G2 = 2 Σ O ln(O/E) over the four cells (a cell with O = 0 adds 0);
//! * both are signed: positive when the term is over-used in the target
//!   (a > E11), negative otherwise; p-values from χ² with 1 degree of freedom;
//! * Log Ratio (Hardie 2014) = log2((a/(a+c)) / (b/(b+d))), a zero count
//!   replaced by 0.5: the effect size, in doublings.

use crate::dtm::Dtm;

/// The keyness of one term.
#[derive(Debug, Clone, PartialEq)]
pub struct Keyness {
    pub term: u32,
    pub n_target: u64,
    pub n_reference: u64,
    pub chi2: f64,
    pub p_chi2: f64,
    pub g2: f64,
    pub p_g2: f64,
    pub log_ratio: f64,
}

/// P(X > x) for X ~ χ² with one degree of freedom: erfc(√(x/2)).
pub fn chi2_1_sf(x: f64) -> f64 {
    libm::erfc((x.abs() / 2.0).sqrt())
}

/// The measures for one 2×2 table (a, b, c, d as above).
pub fn measures(a: f64, b: f64, c: f64, d: f64) -> (f64, f64, f64) {
    let n = a + b + c + d;
    let e = [(a + b) * (a + c) / n, (a + b) * (b + d) / n, (c + d) * (a + c) / n, (c + d) * (b + d) / n];
    let sign = if a > e[0] { 1.0 } else { -1.0 };
    let det = (a * d - b * c).abs();
    let yates = e.iter().any(|&x| x < 5.0) && det >= n / 2.0;
    let delta = if yates { 0.5 } else { 0.0 };
    let denom = (a + b) * (c + d) * (a + c) * (b + d);
    let chi2 = if denom > 0.0 { n * (det - n * delta).powi(2) / denom } else { 0.0 };
    let g2: f64 =
        [a, b, c, d].iter().zip(&e).map(|(&o, &e)| if o > 0.0 { o * (o / e).ln() } else { 0.0 }).sum::<f64>() * 2.0;
    let (pa, pb) = (if a > 0.0 { a } else { 0.5 }, if b > 0.0 { b } else { 0.5 });
    let log_ratio = ((pa / (a + c)) / (pb / (b + d))).log2();
    (sign * chi2, sign * g2.max(0.0), log_ratio)
}

/// Keyness of every term present in either group. `target[d]` says whether
/// row `d` of the matrix is in the target; `reference[d]` whether it is in
/// the reference (rows in neither are left out).
pub fn keyness(dtm: &Dtm, target: &[bool], reference: &[bool]) -> Vec<Keyness> {
    let mut t = vec![0u64; dtm.n_terms()];
    let mut r = vec![0u64; dtm.n_terms()];
    for d in 0..dtm.n_docs() {
        let counts = if target[d] {
            &mut t
        } else if reference[d] {
            &mut r
        } else {
            continue;
        };
        for (term, n) in dtm.row(d) {
            counts[term as usize] += n as u64;
        }
    }
    let (total_t, total_r) = (t.iter().sum::<u64>() as f64, r.iter().sum::<u64>() as f64);
    (0..dtm.n_terms())
        .filter(|&k| t[k] + r[k] > 0)
        .map(|k| {
            let (a, b) = (t[k] as f64, r[k] as f64);
            let (chi2, g2, log_ratio) = measures(a, b, total_t - a, total_r - b);
            Keyness {
                term: k as u32,
                n_target: t[k],
                n_reference: r[k],
                chi2,
                p_chi2: chi2_1_sf(chi2),
                g2,
                p_g2: chi2_1_sf(g2),
                log_ratio,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-9 * b.abs().max(1.0), "{a} vs {b}");
    }

    #[test]
    fn large_table_without_yates() {
        // a=50, b=20, c=950, d=1980 (target 1000 tokens, reference 2000).
        let (chi2, g2, lr) = measures(50.0, 20.0, 950.0, 1980.0);
        // By hand: N=3000, ad−bc=99000−19000=80000, E11=70·1000/3000=23.33…
        // all expected cells ≥ 5, so no correction:
        // chi2 = 3000·80000² / (70·2930·1000·2000) = 93.5869…
        close(chi2, 3000.0 * 80000f64.powi(2) / (70.0 * 2930.0 * 1000.0 * 2000.0));
        let e: [f64; 4] =
            [70.0 * 1000.0 / 3000.0, 70.0 * 2000.0 / 3000.0, 2930.0 * 1000.0 / 3000.0, 2930.0 * 2000.0 / 3000.0];
        let g = 2.0
            * (50.0 * (50.0 / e[0]).ln()
                + 20.0 * (20.0 / e[1]).ln()
                + 950.0 * (950.0 / e[2]).ln()
                + 1980.0 * (1980.0 / e[3]).ln());
        close(g2, g);
        close(lr, 5f64.log2()); // (50/1000) / (20/2000) = 5
        close(chi2_1_sf(3.841458820694124), 0.05);
    }

    #[test]
    fn small_counts_get_yates_and_negative_sign() {
        // a=1, b=9, c=99, d=91: E11 = 10·100/200 = 5, E12 = 5 — not below 5;
        // a=1, b=6, c=99, d=94: E11 = 3.5 < 5 and |ad−bc| = |94−594| = 500 ≥ 100.
        let (chi2, _, _) = measures(1.0, 6.0, 99.0, 94.0);
        let expected = 200.0 * (500.0 - 100.0f64).powi(2) / (7.0 * 193.0 * 100.0 * 100.0);
        close(chi2, -expected); // under-used in the target: negative
    }

    #[test]
    fn zero_cells() {
        // The term never occurs in the reference: b = 0.
        let (chi2, g2, lr) = measures(4.0, 0.0, 96.0, 200.0);
        // E11 = 4·100/300 = 1.333 < 5 and |ad−bc| = 800 ≥ 150: Yates.
        close(chi2, 300.0 * (800.0 - 150.0f64).powi(2) / (4.0 * 296.0 * 100.0 * 200.0));
        let e11: f64 = 4.0 / 3.0;
        let e21: f64 = 296.0 * 100.0 / 300.0;
        let e22: f64 = 296.0 * 200.0 / 300.0;
        close(g2, 2.0 * (4.0 * (4.0 / e11).ln() + 96.0 * (96.0 / e21).ln() + 200.0 * (200.0 / e22).ln()));
        close(lr, 16f64.log2()); // (4/100) / (0.5/200) = 16: zero replaced by 0.5
                                 // Never in the target: a = 0.
        let (chi2, g2, lr) = measures(0.0, 5.0, 100.0, 195.0);
        assert!(chi2 < 0.0 && g2 < 0.0);
        close(lr, 0.2f64.log2()); // (0.5/100) / (5/200)
    }
}
