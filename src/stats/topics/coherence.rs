//! Topic coherence as gensim's `CoherenceModel` computes it (ε = 1e-12):
//!
//! * **u_mass** (Mimno et al. 2011): with D(w) the number of units containing
//!   w and D(w, w′) the number containing both, for a topic's top words
//!   w₁…w_N (most probable first), the mean over pairs i > j of
//!   ln((D(w_i, w_j)/D + ε) / (D(w_j)/D)).
//! * **c_npmi** (Bouma 2009; Röder et al. 2015): probabilities from sliding
//!   windows of 10 terms over each unit (a unit shorter than the window is
//!   one window), p(w) = windows containing w / windows;
//!   NPMI(a, b) = ln((p(a,b) + ε) / (p(a) p(b))) / −ln(p(a,b) + ε), averaged
//!   over the ordered pairs of distinct top words.
//!
//!   Which words a window "contains" follows gensim 4's
//!   `WordOccurrenceAccumulator` exactly, so the numbers can be compared: the
//!   first window of a unit holds its distinct words; each next window drops
//!   the word that slid out at the left and adds the word that came in at the
//!   right — also when the word that slid out occurs again inside the window
//!   (gensim's incremental update does so; a test pins the values to gensim's).
//!
//! The model's coherence is the mean over topics.

use crate::dtm::Sequences;
use std::collections::{HashMap, HashSet};

const EPSILON: f64 = 1e-12;

/// Occurrence and co-occurrence counts of the words of interest over a set
/// of "documents" (units, or sliding windows).
struct Counts {
    n: f64,
    single: HashMap<u32, f64>,
    pair: HashMap<(u32, u32), f64>,
}

impl Counts {
    fn new() -> Counts {
        Counts { n: 0.0, single: HashMap::new(), pair: HashMap::new() }
    }

    fn add(&mut self, present: &[u32]) {
        self.n += 1.0;
        for (i, &a) in present.iter().enumerate() {
            *self.single.entry(a).or_default() += 1.0;
            for &b in &present[i + 1..] {
                *self.pair.entry((a.min(b), a.max(b))).or_default() += 1.0;
            }
        }
    }

    fn one(&self, w: u32) -> f64 {
        self.single.get(&w).copied().unwrap_or(0.0)
    }

    fn both(&self, a: u32, b: u32) -> f64 {
        self.pair.get(&(a.min(b), a.max(b))).copied().unwrap_or(0.0)
    }
}

/// The distinct words of `relevant` in a slice, sorted.
fn present(words: &[u32], relevant: &HashSet<u32>) -> Vec<u32> {
    let mut p: Vec<u32> = words.iter().copied().filter(|w| relevant.contains(w)).collect();
    p.sort_unstable();
    p.dedup();
    p
}

fn relevant(topics: &[Vec<u32>]) -> HashSet<u32> {
    topics.iter().flatten().copied().collect()
}

/// u_mass of each topic (`topics[k]`: its top words, most probable first),
/// over the units of `units`.
pub fn u_mass(topics: &[Vec<u32>], units: &Sequences) -> Vec<f64> {
    let rel = relevant(topics);
    let mut counts = Counts::new();
    for w in units.start.windows(2) {
        counts.add(&present(&units.ids[w[0]..w[1]], &rel));
    }
    topics
        .iter()
        .map(|top| {
            let mut scores = Vec::new();
            for i in 1..top.len() {
                for j in 0..i {
                    let (prime, star) = (top[i], top[j]);
                    let star_count = counts.one(star);
                    if star_count > 0.0 {
                        scores.push(((counts.both(prime, star) / counts.n + EPSILON) / (star_count / counts.n)).ln());
                    } else {
                        scores.push(0.0);
                    }
                }
            }
            mean(&scores)
        })
        .collect()
}

/// c_npmi of each topic with sliding windows of `window` terms.
pub fn c_npmi(topics: &[Vec<u32>], units: &Sequences, window: usize) -> Vec<f64> {
    let rel = relevant(topics);
    let mut counts = Counts::new();
    for w in units.start.windows(2) {
        let unit = &units.ids[w[0]..w[1]];
        if unit.len() < window {
            counts.add(&present(unit, &rel));
            continue;
        }
        // gensim's incremental window: a set updated at both edges.
        let mut inside: std::collections::BTreeSet<u32> = present(&unit[..window], &rel).into_iter().collect();
        counts.add(&inside.iter().copied().collect::<Vec<_>>());
        for start in 1..=unit.len() - window {
            inside.remove(&unit[start - 1]);
            let entering = unit[start + window - 1];
            if rel.contains(&entering) {
                inside.insert(entering);
            }
            counts.add(&inside.iter().copied().collect::<Vec<_>>());
        }
    }
    topics
        .iter()
        .map(|top| {
            let mut scores = Vec::new();
            for (i, &a) in top.iter().enumerate() {
                for (j, &b) in top.iter().enumerate() {
                    if i == j {
                        continue;
                    }
                    let p_ab = counts.both(a, b) / counts.n;
                    let (p_a, p_b) = (counts.one(a) / counts.n, counts.one(b) / counts.n);
                    let pmi = ((p_ab + EPSILON) / (p_a * p_b)).ln();
                    scores.push(pmi / -(p_ab + EPSILON).ln());
                }
            }
            mean(&scores)
        })
        .collect()
}

fn mean(x: &[f64]) -> f64 {
    if x.is_empty() {
        0.0
    } else {
        x.iter().sum::<f64>() / x.len() as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Units: [0 1 2], [0 1], [2 3], [0]; D = 4.
    fn tiny() -> Sequences {
        Sequences { start: vec![0, 3, 5, 7, 8], ids: vec![0, 1, 2, 0, 1, 2, 3, 0] }
    }

    /// tests/fixtures/coherence: a random corpus, three topics, and the
    /// per-topic coherences gensim 4.4.0's CoherenceModel gave (u_mass on
    /// the units, c_npmi with window 10), made by make_expected.py there.
    #[test]
    fn equals_gensim() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/coherence");
        let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap();
        let id = |w: &str| w.trim_start_matches('w').parse::<u32>().unwrap();
        let mut units = Sequences { start: vec![0], ids: vec![] };
        for line in read("units.txt").lines() {
            units.ids.extend(line.split(' ').map(id));
            units.start.push(units.ids.len());
        }
        let topics: Vec<Vec<u32>> = read("topics.txt").lines().map(|l| l.split(' ').map(id).collect()).collect();
        let (um, npmi) = (u_mass(&topics, &units), c_npmi(&topics, &units, 10));
        for (k, line) in read("expected.csv").lines().skip(1).enumerate() {
            let f: Vec<f64> = line.split(',').map(|x| x.parse().unwrap()).collect();
            assert!((um[k] - f[1]).abs() < 1e-9, "u_mass topic {k}: {} vs {}", um[k], f[1]);
            assert!((npmi[k] - f[2]).abs() < 1e-9, "c_npmi topic {k}: {} vs {}", npmi[k], f[2]);
        }
    }

    #[test]
    fn u_mass_by_hand() {
        // Topic [0, 1, 2]: D(0)=3, D(1)=2, D(2)=2, D(1,0)=2, D(2,0)=1, D(2,1)=1.
        // Pairs (1|0): ln((2/4 + ε)/(3/4)); (2|0): ln((1/4 + ε)/(3/4));
        // (2|1): ln((1/4 + ε)/(2/4)).
        let e: f64 = 1e-12;
        let expected = (((0.5 + e) / 0.75).ln() + ((0.25 + e) / 0.75).ln() + ((0.25 + e) / 0.5).ln()) / 3.0;
        let got = u_mass(&[vec![0, 1, 2]], &tiny());
        assert!((got[0] - expected).abs() < 1e-12, "{} vs {expected}", got[0]);
    }

    #[test]
    fn c_npmi_by_hand() {
        // Window 2: unit [0 1 2] gives windows {0,1}, {1,2}; [0 1] one {0,1};
        // [2 3] one {2,3}; [0] is shorter than the window: one window {0}.
        // 5 windows: p(0)=3/5, p(1)=3/5, p(0,1)=2/5.
        let e: f64 = 1e-12;
        let (p0, p1, p01): (f64, f64, f64) = (0.6, 0.6, 0.4);
        let npmi = ((p01 + e) / (p0 * p1)).ln() / -(p01 + e).ln();
        let got = c_npmi(&[vec![0, 1]], &tiny(), 2);
        assert!((got[0] - npmi).abs() < 1e-12, "{} vs {npmi}", got[0]);
        // Words never together: NPMI(0, 3) → ln(ε / (p0 p3)) / −ln ε ≈ −1.
        let got = c_npmi(&[vec![0, 3]], &tiny(), 2);
        assert!((got[0] + 1.0).abs() < 0.1, "{}", got[0]);
    }
}
