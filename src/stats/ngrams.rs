//! Frequent n-grams of every length, counted level by level (Apriori:
//! Agrawal & Srikant 1994): an n-gram is counted only when both of its
//! (n−1)-grams passed, since no n-gram occurs more often, or in more
//! documents, than its parts. Shared by recurring formulations (n-grams of
//! tokens) and new-word discovery (n-grams of characters).

use std::collections::HashMap;
use std::hash::Hash;

/// How often an n-gram occurs, and in how many documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NgramStat {
    pub count: u64,
    pub docs: u32,
    /// The last document counted (to count documents once).
    last_doc: usize,
}

/// `levels[n]` holds every n-gram (n = 1..=`max_len`) of the runs of
/// `docs[d]` that `keep` accepts; no n-gram crosses a run's end. `levels[0]`
/// is empty, and counting stops early at a level where nothing is kept.
pub fn frequent_ngrams<T: Hash + Eq>(
    docs: &[Vec<Vec<T>>],
    max_len: usize,
    keep: impl Fn(&NgramStat) -> bool,
) -> Vec<HashMap<&[T], NgramStat>> {
    let mut levels: Vec<HashMap<&[T], NgramStat>> = vec![HashMap::new()];
    for len in 1..=max_len {
        let previous = &levels[len - 1];
        let mut level: HashMap<&[T], NgramStat> = HashMap::new();
        for (d, doc) in docs.iter().enumerate() {
            for gram in doc.iter().flat_map(|run| run.windows(len)) {
                if len > 1 && !(previous.contains_key(&gram[..len - 1]) && previous.contains_key(&gram[1..])) {
                    continue;
                }
                let stat = level.entry(gram).or_insert(NgramStat { count: 0, docs: 0, last_doc: usize::MAX });
                stat.count += 1;
                if stat.last_doc != d {
                    stat.docs += 1;
                    stat.last_doc = d;
                }
            }
        }
        level.retain(|_, s| keep(s));
        let done = level.is_empty();
        levels.push(level);
        if done {
            break;
        }
    }
    levels
}

/// The pointwise mutual information, in bits, of the weakest split of
/// `gram`: min over 1 ≤ k < L of log2( n(w)·N / (n(w₁..w_k)·n(w_{k+1}..w_L)) ),
/// with `count` giving n(·) and `total` N. +∞ for a single item.
pub fn weakest_split_pmi<T>(gram: &[T], count: impl Fn(&[T]) -> f64, total: f64) -> f64 {
    (1..gram.len())
        .map(|k| (count(gram) * total / (count(&gram[..k]) * count(&gram[k..]))).log2())
        .fold(f64::INFINITY, f64::min)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_documents_per_level() {
        let docs = vec![vec![vec!['a', 'b', 'c'], vec!['a', 'b']], vec![vec!['x', 'a', 'b', 'c']]];
        let levels = frequent_ngrams(&docs, 4, |s| s.count >= 2);
        let stat = |g: &str| {
            let g: Vec<char> = g.chars().collect();
            levels[g.len()].get(g.as_slice()).map(|s| (s.count, s.docs))
        };
        assert_eq!(stat("ab"), Some((3, 2)));
        assert_eq!(stat("abc"), Some((2, 2)));
        assert_eq!(stat("x"), None, "once only");
        assert_eq!(stat("bc"), Some((2, 2)));
        assert_eq!(levels.len(), 5, "level 4 empty: counting stopped");
        // abc among N = 9: every part occurs twice or three times.
        let n = |g: &[char]| levels[g.len()][g].count as f64;
        let pmi = weakest_split_pmi(&['a', 'b', 'c'], n, 9.0);
        // splits a|bc: log2(2·9/(3·2)) = log2 3; ab|c: log2(2·9/(3·2)) = log2 3.
        assert!((pmi - 3f64.log2()).abs() < 1e-12);
    }
}
