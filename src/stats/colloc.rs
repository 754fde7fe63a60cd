//! Collocations: adjacent bigrams and trigrams counted inside segments (runs of
//! kept tokens that never cross a sentence end, a stopword or punctuation), and
//! their association measures.
//!
//! The measures are NLTK's `BigramAssocMeasures` / `TrigramAssocMeasures`
//! (`nltk.metrics.association`, after Manning & Schütze ch. 5), with the same
//! marginals NLTK's `BigramCollocationFinder.from_documents` uses when each
//! segment is a document: `N` is the number of tokens, the unigram marginals are
//! token counts, and a trigram's pair marginals are the counts of `(w1 w2)`,
//! `(w1 * w3)` and `(w2 w3)` inside segments. Tested against NLTK 3.10.4 on
//! tests/fixtures/colloc to 1e-9.

use std::collections::{HashMap, HashSet};

/// NLTK's guard against division by zero and `ln 0` (`association._SMALL`).
const SMALL: f64 = 1e-20;

/// Unigram, bigram, gapped-pair and trigram counts over segments, and the
/// number of documents each bigram and trigram occurs in.
#[derive(Debug, Default)]
pub struct NgramCounts<'a> {
    /// Tokens counted (NLTK's `word_fd.N()`).
    pub tokens: u64,
    pub unigrams: HashMap<&'a str, u64>,
    pub bigrams: HashMap<(&'a str, &'a str), u64>,
    /// `(w1, *, w3)`: the first and third word of a trigram window.
    pub gapped: HashMap<(&'a str, &'a str), u64>,
    pub trigrams: HashMap<(&'a str, &'a str, &'a str), u64>,
    pub bigram_docs: HashMap<(&'a str, &'a str), u32>,
    pub trigram_docs: HashMap<(&'a str, &'a str, &'a str), u32>,
}

impl<'a> NgramCounts<'a> {
    /// Counts the n-grams of one document's segments; none crosses a
    /// segment's end.
    pub fn add_document<S: AsRef<[&'a str]>>(&mut self, segments: &[S]) {
        let mut bigrams_seen = HashSet::new();
        let mut trigrams_seen = HashSet::new();
        for segment in segments {
            let words = segment.as_ref();
            self.tokens += words.len() as u64;
            for (i, &w) in words.iter().enumerate() {
                *self.unigrams.entry(w).or_default() += 1;
                if let Some(&w2) = words.get(i + 1) {
                    *self.bigrams.entry((w, w2)).or_default() += 1;
                    bigrams_seen.insert((w, w2));
                }
                if let Some(&w3) = words.get(i + 2) {
                    let trigram = (w, words[i + 1], w3);
                    *self.gapped.entry((w, w3)).or_default() += 1;
                    *self.trigrams.entry(trigram).or_default() += 1;
                    trigrams_seen.insert(trigram);
                }
            }
        }
        for b in bigrams_seen {
            *self.bigram_docs.entry(b).or_default() += 1;
        }
        for t in trigrams_seen {
            *self.trigram_docs.entry(t).or_default() += 1;
        }
    }

    /// The association scores of a counted bigram.
    pub fn bigram(&self, w1: &str, w2: &str) -> Association {
        bigram_association(self.bigrams[&(w1, w2)], self.unigrams[w1], self.unigrams[w2], self.tokens)
    }

    /// The association scores of a counted trigram.
    pub fn trigram(&self, w1: &str, w2: &str, w3: &str) -> Association {
        let pairs = [self.bigrams[&(w1, w2)], self.gapped[&(w1, w3)], self.bigrams[&(w2, w3)]];
        let words = [self.unigrams[w1], self.unigrams[w2], self.unigrams[w3]];
        trigram_association(self.trigrams[&(w1, w2, w3)], pairs, words, self.tokens)
    }
}

/// The association scores of one n-gram.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Association {
    /// log2(n·N^(k−1) / Π f_i) — NLTK `pmi`.
    pub pmi: f64,
    /// PMI in nats over −(k−1)·ln(n/N), k the n-gram's length (Bouma 2009;
    /// the k−1 keeps a trigram's NPMI within [−1, 1], as PMI is at most
    /// −(k−1)·ln p when the words only occur together); 1 when the n-gram is
    /// every token.
    pub npmi: f64,
    /// (n − Π f_i / N^(k−1)) / √n — NLTK `student_t`.
    pub t: f64,
    /// Pearson's χ² over the 2^k contingency table — NLTK `chi_sq`.
    pub chi2: f64,
    /// G² = 2 Σ O ln(O/E) — NLTK `likelihood_ratio`.
    pub g2: f64,
    /// k·n / Σ f_i: NLTK `dice` for bigrams, the same generalisation for trigrams.
    pub dice: f64,
    /// 14 + log2(Dice) (Rychlý 2008).
    pub log_dice: f64,
}

/// Scores a bigram from NLTK's marginals: `n_ii` the pair, `n_ix`, `n_xi` the
/// two words, `n_xx` the tokens.
pub fn bigram_association(n_ii: u64, n_ix: u64, n_xi: u64, n_xx: u64) -> Association {
    let (n_ii, n_ix, n_xi, n_xx) = (n_ii as f64, n_ix as f64, n_xi as f64, n_xx as f64);
    let (n_oi, n_io) = (n_xi - n_ii, n_ix - n_ii);
    let n_oo = n_xx - n_ii - n_oi - n_io;
    // NLTK computes the bigram χ² as N·φ².
    let phi_sq = (n_ii * n_oo - n_io * n_oi).powi(2) / ((n_ii + n_io) * (n_ii + n_oi) * (n_io + n_oo) * (n_oi + n_oo));
    let contingency = [n_ii, n_oi, n_io, n_oo];
    score(n_ii, &[n_ix, n_xi], n_xx, &contingency, Some(n_xx * phi_sq))
}

/// Scores a trigram from NLTK's marginals: the trigram, its pairs
/// `(w1 w2)`, `(w1 * w3)`, `(w2 w3)`, its words, and the tokens.
pub fn trigram_association(n_iii: u64, pairs: [u64; 3], words: [u64; 3], n_xxx: u64) -> Association {
    let f = |x: u64| x as f64;
    let (n_iii, n_xxx) = (f(n_iii), f(n_xxx));
    let [n_iix, n_ixi, n_xii] = pairs.map(f);
    let [n_ixx, n_xix, n_xxi] = words.map(f);
    // NLTK `TrigramAssocMeasures._contingency`; bit 0, 1, 2 of the index set
    // means word 1, 2, 3 is absent.
    let n_oii = n_xii - n_iii;
    let n_ioi = n_ixi - n_iii;
    let n_iio = n_iix - n_iii;
    let n_ooi = n_xxi - n_iii - n_oii - n_ioi;
    let n_oio = n_xix - n_iii - n_oii - n_iio;
    let n_ioo = n_ixx - n_iii - n_ioi - n_iio;
    let n_ooo = n_xxx - n_iii - n_oii - n_ioi - n_iio - n_ooi - n_oio - n_ioo;
    let contingency = [n_iii, n_oii, n_ioi, n_ooi, n_iio, n_oio, n_ioo, n_ooo];
    score(n_iii, &[n_ixx, n_xix, n_xxi], n_xxx, &contingency, None)
}

/// The measures shared by bigrams and trigrams, from the n-gram count, the word
/// counts, the token count and the full contingency table (cell `i` has word
/// `j` absent when bit `j` of `i` is set). `chi2` overrides the generic χ².
fn score(n: f64, words: &[f64], total: f64, contingency: &[f64], chi2: Option<f64>) -> Association {
    let k = words.len() as i32;
    let product: f64 = words.iter().product();
    let expected = expected_values(contingency, k as usize);
    let pmi = (n * total.powi(k - 1)).log2() - product.log2();
    let p = n / total;
    let npmi = if p < 1.0 { pmi * std::f64::consts::LN_2 / (-(k - 1) as f64 * p.ln()) } else { 1.0 };
    let dice = k as f64 * n / words.iter().sum::<f64>();
    Association {
        pmi,
        npmi,
        t: (n - product / total.powi(k - 1)) / (n + SMALL).sqrt(),
        chi2: chi2
            .unwrap_or_else(|| contingency.iter().zip(&expected).map(|(o, e)| (o - e).powi(2) / (e + SMALL)).sum()),
        g2: 2.0 * contingency.iter().zip(&expected).map(|(o, e)| o * (o / (e + SMALL) + SMALL).ln()).sum::<f64>(),
        dice,
        log_dice: 14.0 + dice.log2(),
    }
}

/// Collocates of a node word within a window of tokens (see
/// [`window_collocates`]).
#[derive(Debug, Clone, PartialEq)]
pub struct WindowCollocates<'a> {
    /// Occurrences of the node word.
    pub node_count: u64,
    /// Tokens in the span: the union of every occurrence's window (R1).
    pub span: u64,
    /// Tokens counted (N).
    pub tokens: u64,
    /// Every word found in the span, in no particular order.
    pub collocates: Vec<Collocate<'a>>,
}

/// One word found near the node.
#[derive(Debug, Clone, PartialEq)]
pub struct Collocate<'a> {
    pub word: &'a str,
    /// Its tokens within the window left of some occurrence of the node.
    pub left: u64,
    /// Its tokens within the window right of some occurrence of the node.
    pub right: u64,
    /// Its tokens in the span (O11); a token inside two windows counts once,
    /// so `total` can be less than `left + right`.
    pub total: u64,
    /// Its tokens in the whole corpus (C1).
    pub freq: u64,
    /// Documents in which it is found within the window of the node.
    pub docs: u32,
    /// The measures of the window co-occurrence table.
    pub scores: Association,
}

/// Collocates of `node` within `window` tokens either side, inside each
/// sentence of `docs` (each document a list of sentences): the surface co-occurrence of Evert (2008, "Corpora and
/// collocations", §3), where every token is either in the span — within
/// `window` tokens of an occurrence of the node, not the occurrence itself —
/// or not, and either is the collocate or not. The 2×2 table is O11 = the
/// collocate's tokens in the span, R1 = the span's size, C1 = the collocate's
/// frequency, N = all tokens; PMI, NPMI, t, χ², G², Dice and logDice are the
/// bigram measures of [`bigram_association`] on that table (so PMI =
/// log2(O11·N / (R1·C1)), and Dice = 2·O11 / (R1 + C1) stays within [0, 1]).
pub fn window_collocates<'a, D, S>(docs: &[D], node: &str, window: usize) -> WindowCollocates<'a>
where
    D: AsRef<[S]>,
    S: AsRef<[&'a str]>,
{
    let mut freq: HashMap<&'a str, u64> = HashMap::new();
    // left, right, total, documents, and the last document counted
    let mut near: HashMap<&'a str, (u64, u64, u64, u32, usize)> = HashMap::new();
    let (mut tokens, mut span, mut node_count) = (0u64, 0u64, 0u64);
    for (d, sentence) in docs.iter().enumerate().flat_map(|(d, doc)| doc.as_ref().iter().map(move |s| (d, s))) {
        let words = sentence.as_ref();
        tokens += words.len() as u64;
        let mut left = vec![false; words.len()];
        let mut right = vec![false; words.len()];
        for (i, &w) in words.iter().enumerate() {
            *freq.entry(w).or_default() += 1;
            if w == node {
                node_count += 1;
                left[i.saturating_sub(window)..i].iter_mut().for_each(|x| *x = true);
                right[(i + 1).min(words.len())..(i + 1 + window).min(words.len())].iter_mut().for_each(|x| *x = true);
            }
        }
        for (i, &w) in words.iter().enumerate() {
            if left[i] || right[i] {
                span += 1;
                let entry = near.entry(w).or_insert((0, 0, 0, 0, usize::MAX));
                entry.0 += left[i] as u64;
                entry.1 += right[i] as u64;
                entry.2 += 1;
                if entry.4 != d {
                    entry.3 += 1;
                    entry.4 = d;
                }
            }
        }
    }
    let collocates = near
        .into_iter()
        .map(|(word, (left, right, total, docs, _))| Collocate {
            word,
            left,
            right,
            total,
            freq: freq[word],
            docs,
            scores: bigram_association(total, span, freq[word], tokens),
        })
        .collect();
    WindowCollocates { node_count, span, tokens, collocates }
}

/// Expected cell counts under independence (NLTK
/// `NgramAssocMeasures._expected_values`): the product of the cell's k
/// one-word margins over N^(k−1).
fn expected_values(contingency: &[f64], k: usize) -> Vec<f64> {
    let total: f64 = contingency.iter().sum();
    (0..contingency.len())
        .map(|i| {
            let margins: f64 = (0..k)
                .map(|j| {
                    let bit = 1 << j;
                    (0..contingency.len()).filter(|x| x & bit == i & bit).map(|x| contingency[x]).sum::<f64>()
                })
                .product();
            margins / total.powi(k as i32 - 1)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> String {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/colloc");
        std::fs::read_to_string(dir.join(name)).unwrap()
    }

    fn close(ours: f64, nltk: &str, what: &str) {
        let nltk: f64 = nltk.parse().unwrap();
        assert!((ours - nltk).abs() <= 1e-9 * nltk.abs().max(1.0), "{what}: {ours} vs NLTK {nltk}");
    }

    /// tests/fixtures/colloc: 60 segments and every bigram's and trigram's
    /// measures as NLTK 3.10.4 computes them (make_expected.py).
    #[test]
    fn measures_equal_nltk_on_the_fixture() {
        let text = fixture("segments.txt");
        let segments: Vec<Vec<&str>> = text.lines().map(|l| l.split(' ').collect()).collect();
        let mut counts = NgramCounts::default();
        counts.add_document(&segments);
        let bigrams = fixture("expected_bigrams.csv");
        let mut rows = 0;
        for line in bigrams.lines().skip(1) {
            let f: Vec<&str> = line.split(',').collect();
            let n = counts.bigrams[&(f[0], f[1])];
            assert_eq!(n.to_string(), f[2], "{line}");
            let a = counts.bigram(f[0], f[1]);
            for (ours, nltk, what) in [(a.pmi, f[3], "pmi"), (a.t, f[4], "t"), (a.chi2, f[5], "chi2")] {
                close(ours, nltk, &format!("{what} {line}"));
            }
            close(a.g2, f[6], &format!("g2 {line}"));
            close(a.dice, f[7], &format!("dice {line}"));
            rows += 1;
        }
        assert_eq!(rows, counts.bigrams.len());
        assert_eq!(rows, 166);
        let trigrams = fixture("expected_trigrams.csv");
        rows = 0;
        for line in trigrams.lines().skip(1) {
            let f: Vec<&str> = line.split(',').collect();
            let n = counts.trigrams[&(f[0], f[1], f[2])];
            assert_eq!(n.to_string(), f[3], "{line}");
            let a = counts.trigram(f[0], f[1], f[2]);
            for (ours, nltk, what) in
                [(a.pmi, f[4], "pmi"), (a.t, f[5], "t"), (a.chi2, f[6], "chi2"), (a.g2, f[7], "g2")]
            {
                close(ours, nltk, &format!("{what} {line}"));
            }
            rows += 1;
        }
        assert_eq!(rows, counts.trigrams.len());
        assert_eq!(rows, 196);
    }

    /// Window collocates by hand. Sentences: [a x b a], [c a]; node a,
    /// window 1. Spans: sentence 1 positions 1 (right of a₀, and left of
    /// nothing), 2 (left of a₃); sentence 2 position 0 (left of a₁). So
    /// R1 = 3, N = 6, x: right 1, b: left 1, c: left 1.
    #[test]
    fn window_collocates_by_hand() {
        let sentences = [vec!["a", "x", "b", "a"], vec!["c", "a"]];
        let w = window_collocates(&[&sentences], "a", 1);
        assert_eq!((w.node_count, w.span, w.tokens), (3, 3, 6));
        let mut found: Vec<(&str, u64, u64, u64, u64)> =
            w.collocates.iter().map(|c| (c.word, c.left, c.right, c.total, c.freq)).collect();
        found.sort();
        assert_eq!(found, [("b", 1, 0, 1, 1), ("c", 1, 0, 1, 1), ("x", 0, 1, 1, 1)]);
        // PMI = log2(O11·N / (R1·C1)) = log2(1·6 / (3·1)) = 1.
        assert!((w.collocates[0].scores.pmi - 1.0).abs() < 1e-12);
        // Window 2 in [a x a]: x is left of a₂ and right of a₀ but one token
        // of the span; each a is in the other's window.
        let w = window_collocates(&[[vec!["a", "x", "a"]]], "a", 2);
        let mut found: Vec<(&str, u64, u64, u64)> =
            w.collocates.iter().map(|c| (c.word, c.left, c.right, c.total)).collect();
        found.sort();
        assert_eq!(found, [("a", 1, 1, 2), ("x", 1, 1, 1)]);
        assert_eq!(w.span, 3);
        // An absent node: nothing in the span.
        let w = window_collocates(&[&sentences], "z", 3);
        assert_eq!((w.node_count, w.span, w.collocates.len()), (0, 0, 0));
        // Documents: b is near a in the second document only.
        let w = window_collocates(&[vec![vec!["a", "x"]], vec![vec!["b", "a", "x"]]], "a", 1);
        let docs = |word: &str| w.collocates.iter().find(|c| c.word == word).unwrap().docs;
        assert_eq!((docs("x"), docs("b")), (2, 1));
        assert_eq!((w.node_count, w.span, w.collocates.len()), (2, 3, 2));
    }

    /// tests/fixtures/colloc/expected_window.csv: the collocates of 发展
    /// within 2 tokens in the fixture's segments, counted independently in
    /// Python and scored by NLTK 3.10.4 (make_window_expected.py).
    #[test]
    fn window_collocates_equal_the_fixture() {
        let text = fixture("segments.txt");
        let sentences: Vec<Vec<&str>> = text.lines().map(|l| l.split(' ').collect()).collect();
        let found = window_collocates(&[&sentences], "发展", 2);
        assert_eq!((found.node_count, found.span, found.tokens), (38, 107, 404));
        let expected = fixture("expected_window.csv");
        let mut rows = 0;
        for line in expected.lines().skip(1) {
            let f: Vec<&str> = line.split(',').collect();
            let c = found.collocates.iter().find(|c| c.word == f[0]).expect(line);
            assert_eq!([c.left, c.right, c.total, c.freq].map(|x| x.to_string()), [f[1], f[2], f[3], f[4]], "{line}");
            let a = &c.scores;
            for (ours, nltk, what) in [(a.pmi, f[5], "pmi"), (a.t, f[6], "t"), (a.chi2, f[7], "chi2")] {
                close(ours, nltk, &format!("{what} {line}"));
            }
            close(a.g2, f[8], &format!("g2 {line}"));
            close(a.dice, f[9], &format!("dice {line}"));
            rows += 1;
        }
        assert_eq!(rows, found.collocates.len());
        assert_eq!(rows, 20);
    }

    /// NPMI and logDice by hand: a pair that is every token scores NPMI 1; a
    /// pair whose words only ever occur together has Dice 1 and logDice 14.
    #[test]
    fn npmi_and_log_dice_by_hand() {
        let a = bigram_association(2, 2, 2, 8);
        // PMI = log2(2·8/4) = 2; NPMI = 2 ln2 / −ln(2/8) = 2 ln2 / 2 ln2 = 1.
        assert!((a.pmi - 2.0).abs() < 1e-12);
        assert!((a.npmi - 1.0).abs() < 1e-12);
        assert_eq!(a.dice, 1.0);
        assert_eq!(a.log_dice, 14.0);
        let b = bigram_association(1, 2, 4, 16);
        // PMI = log2(16/8) = 1; NPMI = ln2 / ln16 = 1/4; Dice = 2/6; logDice = 14 + log2(1/3).
        assert!((b.npmi - 0.25).abs() < 1e-12);
        assert!((b.log_dice - (14.0 - 3f64.log2())).abs() < 1e-12);
        // A trigram whose words only occur together: PMI = log2(2·8²/2³) = 4,
        // NPMI = 4 ln2 / (2·ln 4) = 1.
        let c = trigram_association(2, [2, 2, 2], [2, 2, 2], 8);
        assert!((c.pmi - 4.0).abs() < 1e-12);
        assert!((c.npmi - 1.0).abs() < 1e-12);
        assert_eq!(c.log_dice, 14.0);
    }
}
