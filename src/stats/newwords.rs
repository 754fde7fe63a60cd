//! New-word discovery from character n-grams, without a dictionary: a string
//! of Han characters is a candidate word when it is frequent, internally
//! cohesive and free at both ends (Matrix67, 2012, "互联网时代的社会语言学：
//! 基于SNS的文本数据挖掘"; Feng et al. 2004 for accessor variety).
//!
//! For a string w of characters with count n(w) among N characters (every
//! substring's probability taken as its count over N):
//! - cohesion = min over 1 ≤ k < |w| of log2( n(w)·N / (n(w[..k])·n(w[k..])) ),
//!   the PMI of its weakest split;
//! - left (right) entropy = −Σ p(c) log2 p(c) over the characters c seen
//!   just before (after) it; an occurrence at the edge of a run of Han
//!   characters (text start, punctuation, Latin, digits) counts as a neighbour
//!   of its own, as a boundary is what a free word has.
//!
//! Candidates are ranked by the smaller of the two entropies (a word is only
//! as free as its tighter side), then by count.

use super::ngrams::{frequent_ngrams, weakest_split_pmi};
use crate::corpus::chars::is_han;
use std::collections::HashMap;

/// What counts as a candidate word.
#[derive(Debug, Clone, PartialEq)]
pub struct NewWordOptions {
    /// Shortest candidate, in characters (at least 2).
    pub min_len: usize,
    /// Longest candidate, in characters.
    pub max_len: usize,
    /// Occurrences at least.
    pub min_count: u64,
    /// Weakest-split PMI at least (bits).
    pub min_cohesion: f64,
    /// Smaller branching entropy at least (bits).
    pub min_entropy: f64,
}

impl Default for NewWordOptions {
    fn default() -> Self {
        NewWordOptions { min_len: 2, max_len: 6, min_count: 5, min_cohesion: 5.0, min_entropy: 1.0 }
    }
}

/// One candidate word.
#[derive(Debug, Clone, PartialEq)]
pub struct NewWord {
    pub word: String,
    pub count: u64,
    /// Documents it occurs in.
    pub docs: u32,
    /// The weakest split's PMI, in bits.
    pub cohesion: f64,
    pub left_entropy: f64,
    pub right_entropy: f64,
}

impl NewWord {
    /// The ranking score: the smaller branching entropy.
    pub fn freedom(&self) -> f64 {
        self.left_entropy.min(self.right_entropy)
    }
}

/// Neighbours of a candidate on one side: character counts and boundaries.
#[derive(Debug, Default)]
struct Neighbours {
    chars: HashMap<char, u64>,
    edges: u64,
}

impl Neighbours {
    fn add(&mut self, c: Option<char>) {
        match c {
            Some(c) => *self.chars.entry(c).or_default() += 1,
            None => self.edges += 1,
        }
    }

    /// Entropy in bits; each boundary is a neighbour seen once. Summed in
    /// a fixed order (counts sorted), so the last bit does not depend on the
    /// hash map's order.
    fn entropy(&self) -> f64 {
        let mut counts: Vec<u64> = self.chars.values().copied().collect();
        counts.sort_unstable();
        let total = (counts.iter().sum::<u64>() + self.edges) as f64;
        let h = |n: f64| -(n / total) * (n / total).log2();
        counts.iter().map(|&n| h(n as f64)).sum::<f64>() + self.edges as f64 * h(1.0)
    }
}

/// Candidate words in `texts` (one per document), leaving out the strings
/// `skip` says are not new (those in the segmenter's dictionary, for one),
/// ranked by [`NewWord::freedom`], then count, then text.
pub fn find_new_words(texts: &[&str], skip: &dyn Fn(&str) -> bool, opts: &NewWordOptions) -> Vec<NewWord> {
    // Each document's runs of Han characters.
    let runs: Vec<Vec<Vec<char>>> = texts
        .iter()
        .map(|t| t.split(|c: char| !is_han(c)).filter(|r| !r.is_empty()).map(|r| r.chars().collect()).collect())
        .collect();
    let chars: u64 = runs.iter().flatten().map(|r| r.len() as u64).sum();
    let max_len = opts.max_len.max(2);
    let levels = frequent_ngrams(&runs, max_len, |s| s.count >= opts.min_count);
    let count_of = |gram: &[char]| levels[gram.len()][gram].count as f64;

    let mut candidates: HashMap<&[char], (f64, Neighbours, Neighbours)> = HashMap::new();
    for level in levels.iter().skip(opts.min_len.max(2)) {
        for &gram in level.keys() {
            let word: String = gram.iter().collect();
            if skip(&word) || crate::dtm::filter::is_number(&word) {
                continue;
            }
            let cohesion = weakest_split_pmi(gram, count_of, chars as f64);
            if cohesion >= opts.min_cohesion {
                candidates.insert(gram, (cohesion, Neighbours::default(), Neighbours::default()));
            }
        }
    }
    for run in runs.iter().flatten() {
        for len in opts.min_len.max(2)..=max_len.min(run.len()) {
            for start in 0..=run.len() - len {
                if let Some((_, left, right)) = candidates.get_mut(&run[start..start + len]) {
                    left.add(start.checked_sub(1).map(|i| run[i]));
                    right.add(run.get(start + len).copied());
                }
            }
        }
    }
    let mut words: Vec<NewWord> = candidates
        .into_iter()
        .map(|(gram, (cohesion, left, right))| {
            let stat = levels[gram.len()][gram];
            NewWord {
                word: gram.iter().collect(),
                count: stat.count,
                docs: stat.docs,
                cohesion,
                left_entropy: left.entropy(),
                right_entropy: right.entropy(),
            }
        })
        .filter(|w| w.freedom() >= opts.min_entropy)
        .collect();
    words.sort_by(|a, b| b.freedom().total_cmp(&a.freedom()).then(b.count.cmp(&a.count)).then(a.word.cmp(&b.word)));
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 新质生产力 appears after four different characters and before four
    /// different ones (one a boundary): both entropies are 2 bits; its
    /// substrings 新质 and 生产 only ever continue one way, so their right
    /// (left) entropy is 0.
    #[test]
    fn a_free_cohesive_string_is_found() {
        let texts = ["发展新质生产力，培育新质生产力是", "要新质生产力和", "以新质生产力推"];
        let opts = NewWordOptions { min_len: 2, max_len: 6, min_count: 4, min_cohesion: 0.0, min_entropy: 1.5 };
        let found = find_new_words(&texts, &|_| false, &opts);
        let words: Vec<&str> = found.iter().map(|w| w.word.as_str()).collect();
        assert_eq!(words, ["新质生产力"]);
        let w = &found[0];
        assert_eq!((w.count, w.docs), (4, 3));
        // Left: 展 育 要 以 (4 kinds, once each) = 2 bits; right: boundary (，),
        // 是, 和, 推 = 2 bits.
        assert!((w.left_entropy - 2.0).abs() < 1e-12 && (w.right_entropy - 2.0).abs() < 1e-12);
        // Every part of 新质生产力 occurs exactly 4 times among N = 15 + 7 + 7
        // = 29 Han characters: cohesion = log2(4·29 / (4·4)) = log2(7.25).
        assert!((w.cohesion - 7.25f64.log2()).abs() < 1e-12, "{}", w.cohesion);
        // A known word is left out.
        let found = find_new_words(&texts, &|w| w == "新质生产力", &opts);
        assert!(found.is_empty());
    }
}
