//! `zhtext topics`: topic models (LDA by collapsed Gibbs sampling, NMF on
//! TF-IDF), with topic labels (probability, FREX, lift), document–topic
//! shares, prevalence over time, coherence, a likelihood trace — tables and
//! charts.

use super::args::{group_documents, short_label, write_chart, ChartArgs, CountArgs, OutputArgs};
use crate::chart::{self, Bars, Series};
use crate::error::{Error, Result};
use crate::io;
use crate::stats::topics::coherence;
use crate::stats::topics::labels::{frex, lift, top};
use crate::stats::topics::lda::{self, LdaOptions, Tokens};
use clap::Args;
use polars::prelude::*;

/// Fold-in sweeps for held-out perplexity.
const HELD_OUT_SWEEPS: usize = 50;

/// Sliding window of c_npmi coherence, in terms (gensim's default).
const COHERENCE_WINDOW: usize = 10;

/// Which topic model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Model {
    /// LDA by collapsed Gibbs sampling
    Lda,
    /// NMF of the TF-IDF matrix (multiplicative updates, NNDSVDa start)
    Nmf,
}

/// What a topic model is fitted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Unit {
    Doc,
    Para,
}

#[derive(Debug, Args)]
pub struct TopicsCmd {
    #[command(flatten)]
    count: CountArgs,
    /// The model
    #[arg(long, value_enum, default_value = "lda")]
    model: Model,
    /// Number of topics; a list (4,8,12) or range (4..16, 4..16:2) runs a
    /// sweep: coherence and held-out perplexity for each k
    #[arg(long, default_value = "8")]
    k: String,
    /// Seed of the sampler: the same seed gives the same topics on any
    /// number of threads
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Gibbs sweeps
    #[arg(long, default_value_t = 500)]
    iters: usize,
    /// Symmetric document–topic prior
    #[arg(long, default_value_t = 0.1)]
    alpha: f64,
    /// Re-estimate alpha by Minka's fixed point (every 10 sweeps after 50)
    #[arg(long)]
    optimize_alpha: bool,
    /// Symmetric topic–word prior
    #[arg(long, default_value_t = 0.01)]
    beta: f64,
    /// Model documents or paragraphs (shares are always reported per
    /// document, token-weighted over its paragraphs)
    #[arg(long, value_enum, default_value = "doc")]
    unit: Unit,
    /// Terms per topic in the tables and charts
    #[arg(long, default_value_t = 10)]
    top: usize,
    /// Prevalence over groups: date:week|month|…, genre, or a metadata column
    #[arg(long, value_name = "KEY")]
    by: Option<String>,
    /// Log-likelihood every N sweeps
    #[arg(long, default_value_t = 10)]
    trace_every: usize,
    #[command(flatten)]
    chart: ChartArgs,
    #[command(flatten)]
    output: OutputArgs,
}

fn frame(table: &str, height: usize, columns: Vec<Column>) -> Result<DataFrame> {
    DataFrame::new(height, columns).map_err(|source| Error::Table { table: table.into(), source })
}

/// Each document's topic shares: the token-weighted mean of its units'
/// shares (a document unit is its own mean), and its tokens.
fn document_shares(
    unit_shares: &[Vec<f64>],
    unit_tokens: &[u64],
    parent: &[usize],
    n_docs: usize,
) -> (Vec<Vec<f64>>, Vec<u64>) {
    let k = unit_shares.first().map_or(0, Vec::len);
    let mut sums = vec![vec![0.0f64; k]; n_docs];
    let mut tokens = vec![0u64; n_docs];
    for (u, &d) in parent.iter().enumerate() {
        for (s, x) in sums[d].iter_mut().zip(&unit_shares[u]) {
            *s += x * unit_tokens[u] as f64;
        }
        tokens[d] += unit_tokens[u];
    }
    let shares = sums
        .into_iter()
        .zip(&tokens)
        .map(|(row, &n)| if n > 0 { row.iter().map(|s| s / n as f64).collect() } else { vec![1.0 / k as f64; k] })
        .collect();
    (shares, tokens)
}

/// A fitted model, LDA or NMF, as the tables and charts need it.
struct Fitted {
    /// Topic–term distributions over the whole vocabulary.
    phi: Vec<Vec<f64>>,
    /// Each unit's topic shares.
    unit_shares: Vec<Vec<f64>>,
    trace: Vec<(usize, f64)>,
    trace_name: &'static str,
    description: String,
    summary: String,
}

/// NMF on the units' TF-IDF (scikit-learn's defaults), kept sparse.
fn nmf_fit(dtm: &crate::dtm::Dtm, k: usize, iters: usize, trace_every: usize) -> Result<Fitted> {
    use crate::stats::tfidf::{tfidf, TfidfOptions};
    use crate::stats::topics::nmf::{self, Csr};
    let started = std::time::Instant::now();
    let weights = tfidf(dtm, TfidfOptions::default());
    let x = Csr {
        rows: dtm.n_docs(),
        cols: dtm.n_terms(),
        indptr: dtm.indptr.clone(),
        indices: dtm.indices.clone(),
        values: weights.weights,
    };
    let model = nmf::fit(&x, k, iters, trace_every)?;
    let err = model.trace.last().map_or(f64::NAN, |t| t.1);
    Ok(Fitted {
        phi: model.topic_terms(),
        unit_shares: model.unit_topics(),
        trace: model.trace.clone(),
        trace_name: "frobenius_error",
        description: format!("NMF of TF-IDF, k={k}, {iters} iterations, NNDSVDa start"),
        summary: format!(
            "NMF: {iters} iterations in {:.2} s; reconstruction error {err:.4}",
            started.elapsed().as_secs_f64()
        ),
    })
}

/// Parses `--k`: `8`, `4,8,12`, `4..16` or `4..16:2`.
fn parse_ks(text: &str) -> Result<Vec<usize>> {
    let bad = || Error::BadOption(format!("--k {text}: give a number, a list (4,8,12) or a range (4..16, 4..16:2)"));
    let num = |s: &str| s.trim().parse::<usize>().map_err(|_| bad());
    let ks: Vec<usize> = if let Some((a, rest)) = text.split_once("..") {
        let (b, step) = match rest.split_once(':') {
            Some((b, s)) => (num(b)?, num(s)?),
            None => (num(rest)?, 1),
        };
        let a = num(a)?;
        if step == 0 || b < a {
            return Err(bad());
        }
        (a..=b).step_by(step).collect()
    } else {
        text.split(',').map(num).collect::<Result<_>>()?
    };
    if let Some(k) = ks.iter().find(|&&k| k < 2) {
        return Err(Error::BadOption(format!("--k {k}: give at least 2 topics")));
    }
    Ok(ks)
}

impl TopicsCmd {
    pub fn run(&self) -> Result<()> {
        let ks = parse_ks(&self.k)?;
        if self.iters == 0 {
            return Err(Error::BadOption("--iters 0: give at least 1 sweep".into()));
        }
        let (counts, parent, docs) = self.count.count_units(self.unit == Unit::Para, true)?;
        // Grouped before the model is fitted, so a bad --by fails at once.
        let grouping = self.by.as_deref().map(|key| group_documents(key, &docs)).transpose()?;
        let dtm = &counts.dtm;
        let sequences = counts.sequences.as_ref().expect("asked for the terms in order");
        let tokens = Tokens { n_words: dtm.n_terms(), start: sequences.start.clone(), words: sequences.ids.clone() };
        let n_units = tokens.n_units();
        if let Some(&k) = ks.iter().find(|&&k| k > n_units) {
            return Err(Error::BadOption(format!(
                "--k {k}: more topics than units to model ({n_units} {}); choose at most {n_units}",
                if self.unit == Unit::Para { "paragraphs" } else { "documents" }
            )));
        }
        if tokens.words.is_empty() {
            return Err(Error::BadOption(
                "topics: the term-document matrix is empty after pruning; relax --min-count/--min-docs".into(),
            ));
        }
        if ks.len() > 1 {
            if self.model == Model::Nmf {
                return Err(Error::BadOption(format!(
                    "--k {}: the k sweep runs LDA (held-out perplexity); drop --model nmf",
                    self.k
                )));
            }
            return self.sweep(&ks, &tokens, sequences, dtm.n_terms());
        }
        let k = ks[0];
        let started = std::time::Instant::now();
        let fitted = match self.model {
            Model::Lda => {
                let opts = LdaOptions {
                    k,
                    alpha: self.alpha,
                    beta: self.beta,
                    iters: self.iters,
                    seed: self.seed,
                    trace_every: self.trace_every,
                    optimize_alpha: self.optimize_alpha,
                };
                let bar = super::progress_bar("sampling", "sweeps");
                bar.set_length(self.iters as u64);
                let model = self.count.segment.run(|| lda::fit(&tokens, opts, &|_| bar.inc(1)))?;
                bar.finish_and_clear();
                let seconds = started.elapsed().as_secs_f64();
                let rate = tokens.words.len() as f64 * self.iters as f64 / seconds / 1e6;
                let ll = model.trace.last().map_or(f64::NAN, |t| t.1);
                Fitted {
                    phi: model.phi(),
                    unit_shares: model.theta(),
                    trace: model.trace.clone(),
                    trace_name: "loglik_per_token",
                    description: format!(
                        "LDA, k={k}, α={}, β={}, {} sweeps, seed {}",
                        if self.optimize_alpha {
                            format!("{:.4} (optimised from {})", model.alpha, self.alpha)
                        } else {
                            self.alpha.to_string()
                        },
                        self.beta,
                        self.iters,
                        self.seed
                    ),
                    summary: format!(
                        "{} sweeps in {seconds:.2} s ({rate:.1} M token-sweeps/s); log-likelihood per token {ll:.4}",
                        self.iters
                    ),
                }
            }
            Model::Nmf => self.count.segment.run(|| nmf_fit(dtm, k, self.iters, self.trace_every))?,
        };
        let phi = &fitted.phi;
        let total: u64 = dtm.term_totals().iter().sum();
        let share: Vec<f64> = dtm.term_totals().iter().map(|&n| n as f64 / total as f64).collect();
        let frex_scores = frex(phi, 0.5);
        let lift_scores = lift(phi, &share);
        let n = self.top.max(1);
        let labels: Vec<String> = (0..k)
            .map(|t| {
                let words: Vec<&str> = top(&frex_scores[t], 3).iter().map(|&w| dtm.terms[w].as_str()).collect();
                format!("{}: {}", t + 1, words.join("·"))
            })
            .collect();
        let top_ids: Vec<Vec<u32>> =
            phi.iter().map(|row| top(row, n).into_iter().map(|w| w as u32).collect()).collect();
        let u_mass = coherence::u_mass(&top_ids, sequences);
        let c_npmi = coherence::c_npmi(&top_ids, sequences, COHERENCE_WINDOW);
        let dir = &self.output.output;
        let opts_w = self.output.write_options();
        io::create_dir(dir)?;

        // topic_terms: for each topic, the top terms by each measure.
        let (mut tt_topic, mut tt_label, mut tt_measure, mut tt_rank, mut tt_term, mut tt_value, mut tt_prob) =
            (vec![], vec![], vec![], vec![], vec![], vec![], vec![]);
        for t in 0..k {
            for (measure, scores) in [("prob", &phi[t]), ("frex", &frex_scores[t]), ("lift", &lift_scores[t])] {
                for (rank, w) in top(scores, n).into_iter().enumerate() {
                    tt_topic.push(t as u32 + 1);
                    tt_label.push(labels[t].as_str());
                    tt_measure.push(measure);
                    tt_rank.push(rank as u32 + 1);
                    tt_term.push(dtm.terms[w].as_str());
                    tt_value.push(scores[w]);
                    tt_prob.push(phi[t][w]);
                }
            }
        }
        let mut topic_terms = frame(
            "topic_terms",
            tt_topic.len(),
            vec![
                Column::new("topic".into(), tt_topic),
                Column::new("label".into(), tt_label),
                Column::new("measure".into(), tt_measure),
                Column::new("rank".into(), tt_rank),
                Column::new("term".into(), tt_term),
                Column::new("value".into(), tt_value),
                Column::new("prob".into(), tt_prob),
            ],
        )?;
        io::write_table(dir, "topic_terms", &mut topic_terms, &opts_w)?;

        // doc_topics: per document, token-weighted.
        let unit_tokens: Vec<u64> = (0..n_units).map(|u| (tokens.start[u + 1] - tokens.start[u]) as u64).collect();
        let (shares, doc_tokens) = document_shares(&fitted.unit_shares, &unit_tokens, &parent, docs.len());
        let mut dt = (vec![], vec![], vec![], vec![], vec![], vec![]);
        for (d, doc) in docs.iter().enumerate() {
            for (t, &share) in shares[d].iter().enumerate() {
                dt.0.push(doc.doc_id.as_str());
                dt.1.push(doc.title.as_str());
                dt.2.push(doc.date.as_str());
                dt.3.push(t as u32 + 1);
                dt.4.push(share);
                dt.5.push(doc_tokens[d]);
            }
        }
        let mut doc_topics = frame(
            "doc_topics",
            dt.0.len(),
            vec![
                Column::new("doc_id".into(), dt.0),
                Column::new("title".into(), dt.1),
                Column::new("date".into(), dt.2),
                Column::new("topic".into(), dt.3),
                Column::new("share".into(), dt.4),
                Column::new("tokens".into(), dt.5),
            ],
        )?;
        io::write_table(dir, "doc_topics", &mut doc_topics, &opts_w)?;

        // topics: one row per topic.
        let corpus_share: Vec<f64> = (0..k)
            .map(|t| {
                let weighted: f64 = shares.iter().zip(&doc_tokens).map(|(s, &n)| s[t] * n as f64).sum();
                weighted / doc_tokens.iter().sum::<u64>().max(1) as f64
            })
            .collect();
        let join = |scores: &[f64]| top(scores, n).iter().map(|&w| dtm.terms[w].as_str()).collect::<Vec<_>>().join(" ");
        let mut topics = frame(
            "topics",
            k,
            vec![
                Column::new("topic".into(), (1..=k as u32).collect::<Vec<_>>()),
                Column::new("label".into(), labels.clone()),
                Column::new("share".into(), corpus_share.clone()),
                Column::new("top_prob".into(), phi.iter().map(|r| join(r)).collect::<Vec<_>>()),
                Column::new("top_frex".into(), frex_scores.iter().map(|r| join(r)).collect::<Vec<_>>()),
                Column::new("u_mass".into(), u_mass.clone()),
                Column::new("c_npmi".into(), c_npmi.clone()),
            ],
        )?;
        io::write_table(dir, "topics", &mut topics, &opts_w)?;

        // trace
        let mut trace = frame(
            "topic_trace",
            fitted.trace.len(),
            vec![
                Column::new("iteration".into(), fitted.trace.iter().map(|t| t.0 as u32).collect::<Vec<_>>()),
                Column::new(fitted.trace_name.into(), fitted.trace.iter().map(|t| t.1).collect::<Vec<_>>()),
            ],
        )?;
        io::write_table(dir, "topic_trace", &mut trace, &opts_w)?;

        let size = self.chart.size();
        // Charts: top terms per topic; document × topic heatmap; trace.
        let panels: Vec<Bars> = (0..k)
            .map(|t| Bars {
                title: labels[t].clone(),
                bars: top(&phi[t], n).into_iter().map(|w| (dtm.terms[w].clone(), phi[t][w])).collect(),
            })
            .collect();
        let columns = if k >= 4 { 4 } else { k };
        let rows = k.div_ceil(columns);
        let panel_size = chart::Size {
            width: size.width.max(300 * columns as u32),
            height: size.height.max(60 + 280 * rows as u32),
        };
        let subtitle = format!("{}; labels: top FREX terms", fitted.description);
        write_chart(
            dir,
            "topic_terms",
            &chart::bar_panels(
                "主题 · Topics: top terms by probability",
                &subtitle,
                "概率 · probability",
                &panels,
                columns,
                panel_size,
            )?,
        )?;
        let shown = docs.len().min(80);
        let doc_labels: Vec<String> = docs.iter().take(shown).map(|d| short_label(d, 10)).collect();
        let values: Vec<Vec<Option<f64>>> = (0..shown).map(|d| shares[d].iter().map(|&s| Some(s)).collect()).collect();
        let topic_names: Vec<String> = labels.clone();
        let hm_size = chart::Size { width: size.width.max(700), height: size.height.max(120 + 18 * shown as u32) };
        write_chart(
            dir,
            "doc_topics",
            &chart::heatmap(
                "文档 × 主题 · Documents by topic",
                "主题占比 · topic share",
                &doc_labels,
                &topic_names,
                &values,
                "占比 share",
                (0.0, 1.0),
                hm_size,
            )?,
        )?;
        let sweeps: Vec<String> = fitted.trace.iter().map(|t| t.0.to_string()).collect();
        let series = [Series {
            name: fitted.trace_name.replace('_', " "),
            points: fitted.trace.iter().map(|t| Some((t.1, None))).collect(),
        }];
        write_chart(dir, "topic_trace", &trace_chart(&sweeps, &series, fitted.trace_name, size)?)?;

        // Prevalence over groups.
        let mut written = vec!["topic_terms", "doc_topics", "topics", "topic_trace"];
        if let Some(grouping) = grouping {
            let group_name = grouping.name.clone();
            let (group_labels, group_of) = (grouping.labels, grouping.of_doc);
            let mut sums = vec![vec![0.0f64; k]; group_labels.len()];
            let mut weights = vec![0.0f64; group_labels.len()];
            for d in 0..docs.len() {
                if let Some(g) = group_of[d] {
                    for t in 0..k {
                        sums[g][t] += shares[d][t] * doc_tokens[d] as f64;
                    }
                    weights[g] += doc_tokens[d] as f64;
                }
            }
            let mut p = (vec![], vec![], vec![], vec![]);
            for (g, label) in group_labels.iter().enumerate() {
                for (t, &sum) in sums[g].iter().enumerate() {
                    p.0.push(label.as_str());
                    p.1.push(t as u32 + 1);
                    p.2.push((weights[g] > 0.0).then(|| sum / weights[g]));
                    p.3.push(weights[g] as u64);
                }
            }
            let mut prevalence = frame(
                "topic_prevalence",
                p.0.len(),
                vec![
                    Column::new(group_name.as_str().into(), p.0),
                    Column::new("topic".into(), p.1),
                    Column::new("share".into(), p.2),
                    Column::new("tokens".into(), p.3),
                ],
            )?;
            io::write_table(dir, "topic_prevalence", &mut prevalence, &opts_w)?;
            let series: Vec<Series> = (0..k)
                .map(|t| Series {
                    name: labels[t].clone(),
                    points: (0..group_labels.len())
                        .map(|g| (weights[g] > 0.0).then(|| (sums[g][t] / weights[g], None)))
                        .collect(),
                })
                .collect();
            write_chart(
                dir,
                "topic_prevalence",
                &chart::line_chart(
                    "主题随时间 · Topic prevalence",
                    "按词数加权的平均主题占比 · token-weighted mean topic share; gaps: no documents",
                    &group_labels,
                    &group_name,
                    "主题占比 · share",
                    &series,
                    size,
                )?,
            )?;
            written.push("topic_prevalence");
        }
        say!(
            "{} units ({} documents), {} tokens, {} terms; k = {}; {}",
            n_units,
            docs.len(),
            tokens.words.len(),
            dtm.n_terms(),
            k,
            fitted.summary
        );
        let mean = |x: &[f64]| x.iter().sum::<f64>() / x.len() as f64;
        say!("coherence (top {n} terms): u_mass {:.4}, c_npmi {:.4}", mean(&u_mass), mean(&c_npmi));
        for l in &labels {
            say!("  {l}");
        }
        say!("written in {}: {} (tables and charts)", dir.display(), written.join(", "));
        Ok(())
    }
}

impl TopicsCmd {
    /// Fits a model for each k on the training units (four in five) and
    /// writes coherence and held-out perplexity against k.
    fn sweep(&self, ks: &[usize], tokens: &Tokens, sequences: &crate::dtm::Sequences, n_terms: usize) -> Result<()> {
        let (train, held) = lda::split_held_out(tokens);
        let bar = super::progress_bar("sweeping k", "models");
        bar.set_length(ks.len() as u64);
        let mut rows = Vec::new();
        for &k in ks {
            let opts = LdaOptions {
                k,
                alpha: self.alpha,
                beta: self.beta,
                iters: self.iters,
                seed: self.seed,
                trace_every: self.iters,
                optimize_alpha: self.optimize_alpha,
            };
            let (model, perplexity) = self.count.segment.run(|| {
                let model = lda::fit(&train, opts, &|_| {})?;
                let perplexity = lda::completion_perplexity(&model, &held, self.seed, HELD_OUT_SWEEPS);
                Ok((model, perplexity))
            })?;
            let phi = model.phi();
            let top_ids: Vec<Vec<u32>> =
                phi.iter().map(|row| top(row, self.top.max(2)).into_iter().map(|w| w as u32).collect()).collect();
            let mean = |x: Vec<f64>| x.iter().sum::<f64>() / x.len() as f64;
            let u_mass = mean(coherence::u_mass(&top_ids, sequences));
            let c_npmi = mean(coherence::c_npmi(&top_ids, sequences, COHERENCE_WINDOW));
            let ll = model.trace.last().map_or(f64::NAN, |t| t.1);
            rows.push((k, u_mass, c_npmi, perplexity, ll));
            bar.inc(1);
        }
        bar.finish_and_clear();
        let dir = &self.output.output;
        io::create_dir(dir)?;
        let mut table = frame(
            "topic_k",
            rows.len(),
            vec![
                Column::new("k".into(), rows.iter().map(|r| r.0 as u32).collect::<Vec<_>>()),
                Column::new("u_mass".into(), rows.iter().map(|r| r.1).collect::<Vec<_>>()),
                Column::new("c_npmi".into(), rows.iter().map(|r| r.2).collect::<Vec<_>>()),
                Column::new("perplexity".into(), rows.iter().map(|r| r.3).collect::<Vec<_>>()),
                Column::new("loglik_per_token".into(), rows.iter().map(|r| r.4).collect::<Vec<_>>()),
            ],
        )?;
        io::write_table(dir, "topic_k", &mut table, &self.output.write_options())?;
        let labels: Vec<String> = rows.iter().map(|r| r.0.to_string()).collect();
        let size = self.chart.size();
        let subtitle = format!(
            "LDA on {} training units, {} held out (every fifth); {} sweeps, seed {}",
            train.n_units(),
            held.n_units(),
            self.iters,
            self.seed
        );
        let coherence_series =
            [Series { name: "c_npmi".into(), points: rows.iter().map(|r| Some((r.2, None))).collect() }];
        write_chart(
            dir,
            "topic_k_coherence",
            &chart::line_chart(
                "主题一致性 · Coherence (c_npmi) by k",
                &subtitle,
                &labels,
                "k",
                "c_npmi (higher is better)",
                &coherence_series,
                size,
            )?,
        )?;
        let perplexity_series =
            [Series { name: "held-out perplexity".into(), points: rows.iter().map(|r| Some((r.3, None))).collect() }];
        write_chart(
            dir,
            "topic_k_perplexity",
            &chart::line_chart(
                "困惑度 · Held-out perplexity by k",
                &subtitle,
                &labels,
                "k",
                "perplexity (lower is better)",
                &perplexity_series,
                size,
            )?,
        )?;
        for r in &rows {
            say!("k = {:>3}: u_mass {:.4}, c_npmi {:.4}, held-out perplexity {:.1}", r.0, r.1, r.2, r.3);
        }
        say!(
            "{} terms; written in {}: topic_k table, topic_k_coherence.svg, topic_k_perplexity.svg",
            n_terms,
            dir.display()
        );
        Ok(())
    }
}

fn trace_chart(steps: &[String], series: &[Series], measure: &str, size: chart::Size) -> Result<String> {
    let y = if measure == "loglik_per_token" {
        "每词对数似然 · log-likelihood per token"
    } else {
        "重构误差 · Frobenius error"
    };
    chart::line_chart("拟合轨迹 · Fitting trace", "", steps, "迭代 · iteration", y, series, size)
}
