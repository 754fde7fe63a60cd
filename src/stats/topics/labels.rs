//! Describing topics: top terms by probability, FREX (stm's frequency–
//! exclusivity score) and lift.
//!
//! * FREX (Roberts et al., stm `calcfrex`, w = 0.5): with φ the topic–word
//!   probabilities, exclusivity of w in k = φ_kw / Σ_j φ_jw; within topic k,
//!   F = ECDF rank of φ_kw and E = ECDF rank of exclusivity (ranks / V, ties
//!   averaged); FREX = 1 / (w / F + (1 − w) / E).
//! * Lift (Taddy 2012): φ_kw / p_w, p_w the word's share of all tokens.

/// Average ranks (1-based), ties sharing their mean rank.
fn average_ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && values[order[j + 1]] == values[order[i]] {
            j += 1;
        }
        let mean = (i + j) as f64 / 2.0 + 1.0;
        for &o in &order[i..=j] {
            ranks[o] = mean;
        }
        i = j + 1;
    }
    ranks
}

/// FREX scores, `frex[k][w]`, with weight `w` on frequency.
pub fn frex(phi: &[Vec<f64>], weight: f64) -> Vec<Vec<f64>> {
    let v = phi.first().map_or(0, Vec::len);
    let column_sums: Vec<f64> = (0..v).map(|w| phi.iter().map(|row| row[w]).sum()).collect();
    phi.iter()
        .map(|row| {
            let excl: Vec<f64> = row.iter().zip(&column_sums).map(|(p, s)| p / s).collect();
            let f = average_ranks(row);
            let e = average_ranks(&excl);
            (0..v).map(|w| 1.0 / (weight / (f[w] / v as f64) + (1.0 - weight) / (e[w] / v as f64))).collect()
        })
        .collect()
}

/// Lift scores, `lift[k][w]`; `word_share[w]` is the word's share of all
/// tokens.
pub fn lift(phi: &[Vec<f64>], word_share: &[f64]) -> Vec<Vec<f64>> {
    phi.iter()
        .map(|row| row.iter().zip(word_share).map(|(p, s)| if *s > 0.0 { p / s } else { 0.0 }).collect())
        .collect()
}

/// Indices of the `n` largest scores, highest first, ties by index.
pub fn top(scores: &[f64], n: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    order.truncate(n);
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frex_by_hand() {
        // Two topics, three words.
        let phi = vec![vec![0.5, 0.3, 0.2], vec![0.1, 0.3, 0.6]];
        let f = frex(&phi, 0.5);
        // Topic 0: frequency ranks 3,2,1 → F = 1, 2/3, 1/3; exclusivity
        // 0.5/0.6, 0.3/0.6, 0.2/0.8 → ranks 3,2,1 → E = F. FREX = F.
        assert!((f[0][0] - 1.0).abs() < 1e-12);
        assert!((f[0][1] - 2.0 / 3.0).abs() < 1e-12);
        // Topic 1: F = 1/3, 2/3, 1; excl 1/6, 1/2, 3/4 → E = 1/3, 2/3, 1.
        assert!((f[1][2] - 1.0).abs() < 1e-12);
        // Ties are averaged.
        assert_eq!(average_ranks(&[0.3, 0.1, 0.3]), [2.5, 1.0, 2.5]);
        let l = lift(&phi, &[0.3, 0.3, 0.4]);
        assert!((l[1][2] - 1.5).abs() < 1e-12);
        assert_eq!(top(&phi[1], 2), [2, 1]);
    }
}
