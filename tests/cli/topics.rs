//! `zhtext topics` on the seeds: determinism across thread counts, tables,
//! charts, bad input.

use crate::common::{fails, ok, read_csv, tempdir};
use std::collections::BTreeSet;

fn topics(dir: &std::path::Path, extra: &[&str]) -> String {
    let mut args = vec!["topics", "seeds", "--unit", "para", "--k", "8", "--iters", "200", "-o", dir.to_str().unwrap()];
    args.extend_from_slice(extra);
    ok(&args)
}

#[test]
fn same_seed_same_tables_on_one_and_two_threads() {
    let dir = tempdir();
    let (one, two, other) = (dir.path().join("1"), dir.path().join("2"), dir.path().join("3"));
    topics(&one, &["--threads", "1", "--by", "date:week"]);
    topics(&two, &["--threads", "2", "--by", "date:week"]);
    for t in ["topic_terms", "doc_topics", "topics", "topic_trace", "topic_prevalence"] {
        for ext in ["csv", "parquet"] {
            let f = format!("{t}.{ext}");
            assert!(std::fs::read(one.join(&f)).unwrap() == std::fs::read(two.join(&f)).unwrap(), "{f} differs");
        }
    }
    topics(&other, &["--seed", "2"]);
    assert!(std::fs::read(one.join("doc_topics.csv")).unwrap() != std::fs::read(other.join("doc_topics.csv")).unwrap());
}

#[test]
fn tables_and_charts() {
    let dir = tempdir();
    let out = dir.path().join("t");
    let err = topics(&out, &["--by", "date:month"]);
    assert!(err.contains("k = 8") && err.contains("M token-sweeps/s"), "{err}");
    let topics = read_csv(&out.join("topics.csv"));
    assert_eq!(topics.len(), 8);
    let share: f64 = topics.iter().map(|t| t["share"].parse::<f64>().unwrap()).sum();
    assert!((share - 1.0).abs() < 1e-9);
    let terms = read_csv(&out.join("topic_terms.csv"));
    assert_eq!(terms.len(), 8 * 3 * 10, "10 terms by prob, frex and lift for 8 topics");
    let measures: BTreeSet<&str> = terms.iter().map(|r| r["measure"].as_str()).collect();
    assert_eq!(measures, BTreeSet::from(["frex", "lift", "prob"]));
    // Shares are per document (33 unique seed documents), summing to 1.
    let doc_topics = read_csv(&out.join("doc_topics.csv"));
    let docs: BTreeSet<&str> = doc_topics.iter().map(|r| r["doc_id"].as_str()).collect();
    assert_eq!(docs.len(), 33);
    for d in &docs {
        let s: f64 = doc_topics.iter().filter(|r| r["doc_id"] == *d).map(|r| r["share"].parse::<f64>().unwrap()).sum();
        assert!((s - 1.0).abs() < 1e-9, "{d}: {s}");
    }
    let trace = read_csv(&out.join("topic_trace.csv"));
    assert_eq!(trace.len(), 20);
    let (first, last): (f64, f64) =
        (trace[0]["loglik_per_token"].parse().unwrap(), trace[19]["loglik_per_token"].parse().unwrap());
    assert!(last > first, "the likelihood rises: {first} → {last}");
    let months: BTreeSet<String> =
        read_csv(&out.join("topic_prevalence.csv")).iter().map(|r| r["month"].clone()).collect();
    assert_eq!(months.len(), 2);
    for chart in ["topic_terms", "doc_topics", "topic_trace", "topic_prevalence"] {
        let svg = std::fs::read_to_string(out.join(format!("{chart}.svg"))).unwrap();
        roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{chart}.svg: {e}"));
        assert!(svg.contains("主题") || svg.contains("轨迹"), "{chart}");
    }
}

#[test]
fn topics_bad_input() {
    let dir = tempdir();
    let o = dir.path().join("o");
    let o = o.to_str().unwrap();
    fails(&["topics", "seeds", "--k", "1", "-o", o], &["--k 1", "at least 2"]);
    fails(&["topics", "seeds", "--k", "40", "-o", o], &["--k 40", "more topics than units", "33 documents"]);
    fails(&["topics", "seeds", "--iters", "0", "-o", o], &["--iters 0"]);
    fails(&["topics", "seeds", "--min-count", "100000", "-o", o], &["empty after pruning"]);
    assert!(!std::path::Path::new(o).exists());
}

#[test]
fn k_sweep_writes_coherence_and_perplexity() {
    let dir = tempdir();
    let out = dir.path().join("k");
    let err =
        ok(&["topics", "seeds", "--unit", "para", "--k", "4..12:4", "--iters", "100", "-o", out.to_str().unwrap()]);
    assert!(err.contains("k =   8:"), "{err}");
    let rows = read_csv(&out.join("topic_k.csv"));
    let ks: Vec<&str> = rows.iter().map(|r| r["k"].as_str()).collect();
    assert_eq!(ks, ["4", "8", "12"]);
    for r in &rows {
        let p: f64 = r["perplexity"].parse().unwrap();
        let npmi: f64 = r["c_npmi"].parse().unwrap();
        assert!(p > 1.0 && p.is_finite(), "{r:?}");
        assert!((-1.0..=1.0).contains(&npmi), "{r:?}");
    }
    for chart in ["topic_k_coherence.svg", "topic_k_perplexity.svg"] {
        roxmltree::Document::parse(&std::fs::read_to_string(out.join(chart)).unwrap()).unwrap();
    }
    let o = dir.path().join("o");
    fails(&["topics", "seeds", "--k", "8..4", "-o", o.to_str().unwrap()], &["--k 8..4", "a range"]);
    fails(&["topics", "seeds", "--k", "1,4", "-o", o.to_str().unwrap()], &["--k 1", "at least 2"]);
}

#[test]
fn nmf_is_deterministic_and_writes_the_same_tables() {
    let dir = tempdir();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    for (out, threads) in [(&a, "1"), (&b, "2")] {
        let err = ok(&[
            "topics",
            "seeds",
            "--model",
            "nmf",
            "--k",
            "6",
            "--iters",
            "100",
            "--threads",
            threads,
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(err.contains("NMF: 100 iterations"), "{err}");
    }
    for f in ["topics.csv", "topic_terms.csv", "doc_topics.csv", "topic_trace.csv"] {
        assert!(std::fs::read(a.join(f)).unwrap() == std::fs::read(b.join(f)).unwrap(), "{f} differs");
    }
    let trace = read_csv(&a.join("topic_trace.csv"));
    let errors: Vec<f64> = trace.iter().map(|r| r["frobenius_error"].parse().unwrap()).collect();
    assert!(errors.windows(2).all(|w| w[1] <= w[0] + 1e-9), "{errors:?}");
    assert_eq!(read_csv(&a.join("topics.csv")).len(), 6);
    let o = dir.path().join("o");
    fails(&["topics", "seeds", "--model", "nmf", "--k", "4,8", "-o", o.to_str().unwrap()], &["the k sweep runs LDA"]);
}
