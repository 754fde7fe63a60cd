//! TF-IDF as scikit-learn's `TfidfVectorizer`/`TfidfTransformer` computes it:
//!
//! * idf(t) = ln((1 + n) / (1 + df(t))) + 1 with `smooth_idf` (the default),
//!   ln(n / df(t)) + 1 without; n documents, df(t) documents containing t;
//! * tf = the raw count, or 1 + ln(count) with `sublinear_tf`;
//! * weight = tf × idf, each document's row then normalised to unit l2 norm
//!   (the default), unit l1 norm, or not at all.
//!
//! A test checks the weights against values scikit-learn 1.x computed on a
//! committed fixture, to 1e-9.

use crate::dtm::Dtm;

/// Row normalisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Norm {
    L2,
    L1,
    None,
}

/// scikit-learn's TF-IDF options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TfidfOptions {
    pub smooth_idf: bool,
    pub sublinear_tf: bool,
    pub norm: Norm,
}

impl Default for TfidfOptions {
    fn default() -> Self {
        TfidfOptions { smooth_idf: true, sublinear_tf: false, norm: Norm::L2 }
    }
}

/// TF-IDF weights in the same CSR layout as the counts they come from.
#[derive(Debug, Clone, PartialEq)]
pub struct Tfidf {
    /// idf of each term (column).
    pub idf: Vec<f64>,
    /// Weight of each stored entry of the matrix (parallel to `dtm.indices`).
    pub weights: Vec<f64>,
}

/// Computes TF-IDF weights for every stored entry of `dtm`.
pub fn tfidf(dtm: &Dtm, opts: TfidfOptions) -> Tfidf {
    let n = dtm.n_docs() as f64;
    let idf: Vec<f64> = dtm
        .doc_freqs()
        .iter()
        .map(|&df| {
            let df = df as f64;
            if opts.smooth_idf {
                ((1.0 + n) / (1.0 + df)).ln() + 1.0
            } else {
                (n / df).ln() + 1.0
            }
        })
        .collect();
    let mut weights = Vec::with_capacity(dtm.nnz());
    for d in 0..dtm.n_docs() {
        let start = weights.len();
        for (t, count) in dtm.row(d) {
            let tf = if opts.sublinear_tf { 1.0 + (count as f64).ln() } else { count as f64 };
            weights.push(tf * idf[t as usize]);
        }
        let row = &mut weights[start..];
        let norm = match opts.norm {
            Norm::L2 => row.iter().map(|w| w * w).sum::<f64>().sqrt(),
            Norm::L1 => row.iter().map(|w| w.abs()).sum::<f64>(),
            Norm::None => 1.0,
        };
        if norm > 0.0 {
            row.iter_mut().for_each(|w| *w /= norm);
        }
    }
    Tfidf { idf, weights }
}

impl Tfidf {
    /// The `top` highest-weighted terms of document `d` as (term index,
    /// count, weight), highest first, ties by term.
    pub fn top_terms(&self, dtm: &Dtm, d: usize, top: usize) -> Vec<(u32, u32, f64)> {
        let start = dtm.indptr[d];
        let mut row: Vec<(u32, u32, f64)> =
            dtm.row(d).enumerate().map(|(k, (t, n))| (t, n, self.weights[start + k])).collect();
        row.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
        if top > 0 {
            row.truncate(top);
        }
        row
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dtm::DtmBuilder;

    /// tests/fixtures/tfidf: five seed documents' tokens (docs.tsv) and the
    /// weights scikit-learn 1.9.1's TfidfVectorizer gave them for all twelve
    /// option combinations (expected.csv, made by make_expected.py there).
    #[test]
    fn equals_scikit_learn() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tfidf");
        let mut b = DtmBuilder::new();
        for line in std::fs::read_to_string(dir.join("docs.tsv")).unwrap().lines().filter(|l| !l.starts_with('#')) {
            let (id, tokens) = line.split_once('\t').unwrap();
            let mut counts: std::collections::BTreeMap<&str, u32> = Default::default();
            for t in tokens.split(' ') {
                *counts.entry(t).or_default() += 1;
            }
            b.add(id, counts);
        }
        let m = b.finish();
        let mut reader = csv::Reader::from_path(dir.join("expected.csv")).unwrap();
        let mut checked = 0;
        let mut cache: std::collections::HashMap<(bool, bool, String), Tfidf> = Default::default();
        for row in reader.records() {
            let row = row.unwrap();
            let (smooth, sublinear, norm) = (&row[0] == "True", &row[1] == "True", row[2].to_string());
            let opts = TfidfOptions {
                smooth_idf: smooth,
                sublinear_tf: sublinear,
                norm: match norm.as_str() {
                    "l2" => Norm::L2,
                    "l1" => Norm::L1,
                    _ => Norm::None,
                },
            };
            let t = cache.entry((smooth, sublinear, norm)).or_insert_with(|| tfidf(&m, opts));
            let d = m.doc_ids.iter().position(|x| x == &row[3]).unwrap();
            let term = m.terms.binary_search_by(|x| x.as_str().cmp(&row[4])).unwrap() as u32;
            let k = m.indptr[d] + m.row(d).position(|(i, _)| i == term).unwrap();
            let expected: f64 = row[5].parse().unwrap();
            assert!((t.weights[k] - expected).abs() < 1e-9, "{:?}: {} vs {expected}", &row, t.weights[k]);
            checked += 1;
        }
        assert_eq!(checked, 4524);
        assert_eq!(cache.len(), 12);
    }

    #[test]
    fn hand_computed_example() {
        // Two documents: a = {发展: 2, 安全: 1}, b = {发展: 1}.
        let mut b = DtmBuilder::new();
        b.add("a", [("发展", 2u32), ("安全", 1)]);
        b.add("b", [("发展", 1u32)]);
        let m = b.finish(); // terms sorted: 发展, 安全
        let t = tfidf(&m, TfidfOptions { norm: Norm::None, ..Default::default() });
        // smooth idf: 发展 ln(3/3)+1 = 1, 安全 ln(3/2)+1.
        assert!((t.idf[0] - 1.0).abs() < 1e-12);
        assert!((t.idf[1] - (1.5f64.ln() + 1.0)).abs() < 1e-12);
        assert!((t.weights[0] - 2.0).abs() < 1e-12);
        let t = tfidf(&m, TfidfOptions::default());
        let (w0, w1) = (2.0, 1.5f64.ln() + 1.0);
        let norm = (w0 * w0 + w1 * w1).sqrt();
        assert!((t.weights[0] - w0 / norm).abs() < 1e-12);
        assert!((t.weights[2] - 1.0).abs() < 1e-12);
    }
}
