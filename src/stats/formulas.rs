//! Recurring formulations (提法): maximal multi-token phrases that recur
//! across documents.
//!
//! A phrase is a run of `min_len..=max_len` consecutive tokens inside one
//! sentence piece (the caller's runs). It is a formulation when it occurs at
//! least `min_count` times in at least `min_docs` documents, begins and ends
//! with a content token (the caller's `edge_ok`), is cohesive — its weakest
//! split still has a pointwise mutual information of at least
//! `min_cohesion` bits — and is maximal: a phrase whose every occurrence lies
//! inside a longer formulation (the same count) is reported as the longer one.
//!
//! Cohesion, as in Pecina (2010) and the new-word literature (e.g. Matrix67,
//! 2012): for a phrase w of L tokens with count n(w) among N tokens,
//! `cohesion(w) = min over 1 ≤ k < L of log2( n(w)·N / (n(w₁..w_k)·n(w_{k+1}..w_L)) )`,
//! every n-gram's probability taken as its count over N.
//!
//! Counting is level-wise (src/stats/ngrams.rs): an n-gram is counted only
//! when both of its (n−1)-grams passed the count and document thresholds.

use super::ngrams::{frequent_ngrams, weakest_split_pmi};
use std::collections::HashMap;

/// What counts as a formulation.
#[derive(Debug, Clone, PartialEq)]
pub struct FormulaOptions {
    /// Shortest phrase, in tokens.
    pub min_len: usize,
    /// Longest phrase, in tokens.
    pub max_len: usize,
    /// Occurrences at least.
    pub min_count: u64,
    /// Documents at least.
    pub min_docs: u32,
    /// Weakest-split PMI at least (bits).
    pub min_cohesion: f64,
}

impl Default for FormulaOptions {
    fn default() -> Self {
        FormulaOptions { min_len: 3, max_len: 10, min_count: 2, min_docs: 2, min_cohesion: 5.0 }
    }
}

/// One formulation.
#[derive(Debug, Clone, PartialEq)]
pub struct Formula {
    pub words: Vec<String>,
    /// Occurrences (overlapping ones included).
    pub count: u64,
    /// (document index, occurrences) of every document it occurs in, in
    /// document order.
    pub docs: Vec<(usize, u64)>,
    /// The weakest split's PMI, in bits.
    pub cohesion: f64,
}

/// Finds the formulations of `runs[d]` (document d's runs of tokens), sorted
/// by documents, then count, then length (all descending), then text.
pub fn find_formulas(runs: &[Vec<Vec<String>>], edge_ok: &dyn Fn(&str) -> bool, opts: &FormulaOptions) -> Vec<Formula> {
    let mut vocabulary: HashMap<&str, u32> = HashMap::new();
    let mut words: Vec<&str> = Vec::new();
    let ids: Vec<Vec<Vec<u32>>> = runs
        .iter()
        .map(|doc| {
            doc.iter()
                .map(|run| {
                    run.iter()
                        .map(|w| {
                            *vocabulary.entry(w.as_str()).or_insert_with(|| {
                                words.push(w.as_str());
                                words.len() as u32 - 1
                            })
                        })
                        .collect()
                })
                .collect()
        })
        .collect();
    let tokens: u64 = ids.iter().flatten().map(|r| r.len() as u64).sum();
    let max_len = opts.max_len.max(1);

    let levels = frequent_ngrams(&ids, max_len, |s| s.count >= opts.min_count && s.docs >= opts.min_docs);
    let count_of = |gram: &[u32]| levels[gram.len()][gram].count as f64;
    let cohesion = |gram: &[u32]| weakest_split_pmi(gram, count_of, tokens as f64);

    let mut candidates: Vec<(&[u32], u64, f64)> = Vec::new();
    for level in levels.iter().skip(opts.min_len.max(2)) {
        for (&gram, stat) in level {
            if !edge_ok(words[gram[0] as usize]) || !edge_ok(words[gram[gram.len() - 1] as usize]) {
                continue;
            }
            let c = cohesion(gram);
            if c >= opts.min_cohesion {
                candidates.push((gram, stat.count, c));
            }
        }
    }
    // Maximality: a candidate inside a longer candidate with the same count
    // occurs only there.
    let index: HashMap<&[u32], usize> = candidates.iter().enumerate().map(|(i, c)| (c.0, i)).collect();
    let mut absorbed = vec![false; candidates.len()];
    for &(gram, count, _) in &candidates {
        let len = gram.len();
        for start in 0..len {
            for end in (start + opts.min_len.max(2))..=len {
                if end - start == len {
                    continue;
                }
                if let Some(&i) = index.get(&gram[start..end]) {
                    if candidates[i].1 == count {
                        absorbed[i] = true;
                    }
                }
            }
        }
    }
    let maximal: Vec<(&[u32], u64, f64)> =
        candidates.iter().zip(&absorbed).filter(|(_, &a)| !a).map(|(&c, _)| c).collect();
    let kept: HashMap<&[u32], usize> = maximal.iter().enumerate().map(|(k, c)| (c.0, k)).collect();
    let mut formulas: Vec<Formula> = maximal
        .iter()
        .map(|&(gram, count, cohesion)| Formula {
            words: gram.iter().map(|&w| words[w as usize].to_string()).collect(),
            count,
            docs: Vec::new(),
            cohesion,
        })
        .collect();
    for (d, doc) in ids.iter().enumerate() {
        for run in doc {
            for len in opts.min_len.max(2)..=max_len.min(run.len()) {
                for gram in run.windows(len) {
                    if let Some(&k) = kept.get(gram) {
                        match formulas[k].docs.last_mut() {
                            Some((last, n)) if *last == d => *n += 1,
                            _ => formulas[k].docs.push((d, 1)),
                        }
                    }
                }
            }
        }
    }
    formulas.sort_by(|a, b| {
        (b.docs.len(), b.count, b.words.len()).cmp(&(a.docs.len(), a.count, a.words.len())).then(a.words.cmp(&b.words))
    });
    formulas
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Vec<Vec<String>> {
        text.split('|').map(|run| run.split(' ').map(str::to_string).collect()).collect()
    }

    /// Three documents; "推动 构建 人类 命运 共同体" recurs whole in all three,
    /// so none of its parts is reported; "高质量 发展" is too short; "的"
    /// may not begin or end a formulation.
    #[test]
    fn maximal_recurring_phrases() {
        let runs = vec![
            doc("我们 要 推动 构建 人类 命运 共同体|坚持 高质量 发展|的 新 时代 长征路 的"),
            doc("推动 构建 人类 命运 共同体 是 目标|高质量 发展|的 新 时代 长征路 的"),
            doc("携手 推动 构建 人类 命运 共同体|人类 命运 共同体 理念|只 一次 出现 的 短语"),
        ];
        let edge_ok = |w: &str| w != "的";
        let loose = FormulaOptions { min_cohesion: 0.0, ..FormulaOptions::default() };
        let found = find_formulas(&runs, &edge_ok, &loose);
        let texts: Vec<(String, u64, usize)> =
            found.iter().map(|f| (f.words.concat(), f.count, f.docs.len())).collect();
        // 人类命运共同体 occurs 4 times (once more than the longer phrase):
        // it is reported too; 新时代长征路 twice in two documents.
        assert_eq!(
            texts,
            [
                ("人类命运共同体".to_string(), 4, 3),
                ("推动构建人类命运共同体".to_string(), 3, 3),
                ("新时代长征路".to_string(), 2, 2)
            ]
        );
        assert_eq!(found[0].docs, [(0, 1), (1, 1), (2, 2)]);
        // Cohesion of 新 时代 长征路: N = 15 + 14 + 15 = 44 tokens, every
        // part occurs twice: log2(2·44 / (2·2)) at both splits = log2(22).
        assert!((found[2].cohesion - 22f64.log2()).abs() < 1e-12);
        // 推动构建人类命运共同体 splits weakest before 人类 (4 times):
        // log2(3·44 / (3·4)) = log2(11) ≈ 3.46 bits; a 4-bit floor keeps only
        // 新时代长征路 (4.46 bits).
        assert!((found[1].cohesion - 11f64.log2()).abs() < 1e-12);
        let cohesive = FormulaOptions { min_cohesion: 4.0, ..loose.clone() };
        let found = find_formulas(&runs, &edge_ok, &cohesive);
        assert_eq!(found.iter().map(|f| f.words.concat()).collect::<Vec<_>>(), ["新时代长征路"]);
        // Four documents are more than any phrase has.
        let strict = FormulaOptions { min_docs: 4, ..loose };
        assert!(find_formulas(&runs, &edge_ok, &strict).is_empty());
    }
}
