//! `zhtext tokens`, `dtm` and `kwic` on the seed texts, and their bad input.

use crate::common::{fails, ok, read_csv, root, run, stderr, tempdir};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

type Rows = Vec<HashMap<String, String>>;

fn tokens(out: &Path, extra: &[&str]) -> Rows {
    let mut args = vec!["tokens", "seeds", "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let log = ok(&args);
    let rows = read_csv(&out.join("tokens.csv"));
    assert!(log.contains(&format!("tokens: {} from 33 documents", rows.len())), "{log}");
    rows
}

/// A token's (start, end) character span in its paragraph, and its text.
type Span = (usize, usize, String);

/// The token spans of each (doc, para).
fn spans(rows: &Rows) -> BTreeMap<(String, u32), Vec<Span>> {
    let mut out: BTreeMap<(String, u32), Vec<Span>> = BTreeMap::new();
    for r in rows {
        let key = (r["doc_id"].clone(), r["para"].parse().unwrap());
        let list = out.entry(key).or_default();
        let start = list.last().map_or(0, |t| t.1);
        list.push((start, start + r["term"].chars().count(), r["term"].clone()));
    }
    out
}

#[test]
fn formulations_are_single_tokens_and_counted() {
    let dir = tempdir();
    let rows = tokens(&dir.path().join("t"), &[]);
    let terms: BTreeSet<&str> = rows.iter().map(|r| r["term"].as_str()).collect();
    for t in
        ["中国式现代化", "人类命运共同体", "高质量发展", "新发展格局", "一带一路", "长三角一体化", "总体国家安全观"]
    {
        assert!(terms.contains(t), "{t} is a token");
    }
    ok(&["dtm", "seeds", "-o", dir.path().join("d").to_str().unwrap()]);
    let vocab = read_csv(&dir.path().join("d/vocabulary.csv"));
    let n = |t: &str| vocab.iter().find(|r| r["term"] == t).map_or(0, |r| r["n"].parse::<u32>().unwrap());
    assert!(n("中国式现代化") >= 3, "中国式现代化: {}", n("中国式现代化"));
    assert!(n("人类命运共同体") >= 3, "人类命运共同体: {}", n("人类命运共同体"));
    assert!(n("党") >= 1 && n("国") >= 1, "single-character words count");
    // Without the lexicon the formulations are cut up.
    let bare = tokens(&dir.path().join("b"), &["--no-lexicon"]);
    assert!(!bare.iter().any(|r| r["term"] == "人类命运共同体"));
}

#[test]
fn lexicon_changes_only_cuts_around_its_entries() {
    let lexicon: BTreeSet<String> = std::fs::read_to_string(root().join("data/lexicon.txt"))
        .unwrap()
        .lines()
        .map(|l| l.split_whitespace().next().unwrap().to_string())
        .collect();
    assert!(lexicon.len() >= 300, "{} entries", lexicon.len());
    let dir = tempdir();
    let with = spans(&tokens(&dir.path().join("w"), &[]));
    let without = spans(&tokens(&dir.path().join("o"), &["--no-lexicon"]));
    assert_eq!(with.keys().collect::<Vec<_>>(), without.keys().collect::<Vec<_>>());
    // A changed stretch: consecutive windows between cut boundaries that
    // both segmentations share, where the tokens differ. HMM may re-cut
    // single characters next to an entry (`讲/好/新/时代` → `讲好/新时代`),
    // so touching windows form one stretch; each must hold an entry.
    let mut regions = 0;
    for (key, a) in &with {
        let b = &without[key];
        let cuts_a: BTreeSet<usize> = a.iter().map(|t| t.1).collect();
        let cuts_b: BTreeSet<usize> = b.iter().map(|t| t.1).collect();
        let shared: Vec<usize> = std::iter::once(0).chain(cuts_a.intersection(&cuts_b).copied()).collect();
        let mut stretch: Option<(Vec<&String>, Vec<&String>)> = None;
        let windows: Vec<(usize, usize)> =
            shared.windows(2).map(|w| (w[0], w[1])).chain([(usize::MAX, usize::MAX)]).collect();
        for (s, e) in windows {
            let inside_a: Vec<&String> = a.iter().filter(|t| t.0 >= s && t.1 <= e).map(|t| &t.2).collect();
            let inside_b: Vec<&String> = b.iter().filter(|t| t.0 >= s && t.1 <= e).map(|t| &t.2).collect();
            if s != usize::MAX && inside_a != inside_b {
                let st = stretch.get_or_insert_with(Default::default);
                st.0.extend(inside_a);
                st.1.extend(inside_b);
            } else if let Some((new, old)) = stretch.take() {
                regions += 1;
                assert!(
                    new.iter().any(|t| lexicon.contains(*t)),
                    "{key:?}: {old:?} became {new:?}, with no lexicon entry"
                );
            }
        }
    }
    assert!(regions > 50, "the lexicon changed {regions} regions");
}

#[test]
fn dtm_totals_match_the_tokens_and_the_vocabulary() {
    let dir = tempdir();
    let rows = tokens(&dir.path().join("t"), &[]);
    ok(&["dtm", "seeds", "-o", dir.path().join("d").to_str().unwrap()]);
    // The stopword rules, applied here independently: the bundled list,
    // tokens without letters or digits, and numbers.
    let stop: BTreeSet<String> = std::fs::read_to_string(root().join("data/stopwords.txt"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.trim().to_string())
        .collect();
    let numeral = |c: char| c.is_ascii_digit() || "〇零一二三四五六七八九十百千万亿两".contains(c);
    let is_number = |t: &str| t.chars().any(numeral) && t.chars().all(|c| numeral(c) || ".,%‰-+．％".contains(c));
    let kept: Vec<&HashMap<String, String>> = rows
        .iter()
        .filter(|r| {
            let t = r["term"].as_str();
            t.chars().any(char::is_alphanumeric) && !stop.contains(t) && !is_number(t)
        })
        .collect();
    let dtm = read_csv(&dir.path().join("d/dtm.csv"));
    let total: usize = dtm.iter().map(|r| r["n"].parse::<usize>().unwrap()).sum();
    assert_eq!(total, kept.len());
    let mut expected: BTreeMap<(String, String), usize> = BTreeMap::new();
    for r in &kept {
        *expected.entry((r["doc_id"].clone(), r["term"].clone())).or_default() += 1;
    }
    let got: BTreeMap<(String, String), usize> =
        dtm.iter().map(|r| ((r["doc_id"].clone(), r["term"].clone()), r["n"].parse().unwrap())).collect();
    assert_eq!(got, expected);
    let vocab = read_csv(&dir.path().join("d/vocabulary.csv"));
    let mut docs_of: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut n_of: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &dtm {
        docs_of.entry(&r["term"]).or_default().insert(&r["doc_id"]);
        *n_of.entry(&r["term"]).or_default() += r["n"].parse::<usize>().unwrap();
    }
    assert_eq!(vocab.len(), docs_of.len());
    for v in &vocab {
        assert_eq!(v["docs"].parse::<usize>().unwrap(), docs_of[v["term"].as_str()].len(), "{}", v["term"]);
        assert_eq!(v["n"].parse::<usize>().unwrap(), n_of[v["term"].as_str()], "{}", v["term"]);
    }
    // Copies are left out: 33 of the 40 seed documents.
    let doc_ids: BTreeSet<&str> = dtm.iter().map(|r| r["doc_id"].as_str()).collect();
    assert_eq!(doc_ids.len(), 33);
}

#[test]
fn matrix_market_matches_the_long_table() {
    let dir = tempdir();
    let out = dir.path().join("d");
    ok(&["dtm", "seeds", "-o", out.to_str().unwrap(), "--keep-duplicates"]);
    let mtx = std::fs::read_to_string(out.join("dtm.mtx")).unwrap();
    let mut lines = mtx.lines().filter(|l| !l.starts_with('%'));
    let dims: Vec<usize> = lines.next().unwrap().split(' ').map(|x| x.parse().unwrap()).collect();
    let docs = read_csv(&out.join("docs.csv"));
    let terms = read_csv(&out.join("terms.csv"));
    let dtm = read_csv(&out.join("dtm.csv"));
    assert_eq!(dims, [docs.len(), terms.len(), dtm.len()]);
    assert_eq!(docs.len(), 40, "--keep-duplicates keeps the copies");
    let entries: BTreeMap<(String, String), String> = lines
        .map(|l| {
            let f: Vec<&str> = l.split(' ').collect();
            let d = &docs[f[0].parse::<usize>().unwrap() - 1]["doc_id"];
            let t = &terms[f[1].parse::<usize>().unwrap() - 1]["term"];
            ((d.clone(), t.clone()), f[2].to_string())
        })
        .collect();
    let long: BTreeMap<(String, String), String> =
        dtm.iter().map(|r| ((r["doc_id"].clone(), r["term"].clone()), r["n"].clone())).collect();
    assert_eq!(entries, long);
}

#[test]
fn kwic_lists_every_occurrence_with_dates() {
    let dir = tempdir();
    let ingest = dir.path().join("i");
    ok(&["ingest", "seeds", "-o", ingest.to_str().unwrap()]);
    let docs = read_csv(&ingest.join("documents.csv"));
    let expected: usize =
        docs.iter().filter(|d| d["duplicate_of"].is_empty()).map(|d| d["text"].matches("高质量发展").count()).sum();
    let out = run(&["kwic", "高质量发展", "seeds"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    assert_eq!(text.lines().count(), expected);
    assert!(expected >= 30, "{expected}");
    for line in text.lines() {
        assert!(line.starts_with("2023-"), "{line}");
        assert!(line.contains("【高质量发展】"), "{line}");
    }
    assert!(stderr(&out).contains(&format!("高质量发展: {expected} occurrences")));
    // The same from the ingest output folder, as a table.
    let table = dir.path().join("k");
    ok(&["kwic", "高质量发展", ingest.to_str().unwrap(), "-o", table.to_str().unwrap()]);
    let hits = read_csv(&table.join("kwic.csv"));
    assert_eq!(hits.len(), expected);
    assert!(hits.iter().all(|h| h["keyword"] == "高质量发展" && h["date"].len() == 10));
    // A term not in the corpus: no hits, not an error.
    let out = run(&["kwic", "不存在的词语", "seeds"]);
    assert!(out.status.success());
    assert!(stderr(&out).contains("不存在的词语: 0 occurrences"));
}

#[test]
fn same_output_from_raw_files_and_from_an_ingest_folder() {
    let dir = tempdir();
    let ingest = dir.path().join("i");
    ok(&["ingest", "seeds", "-o", ingest.to_str().unwrap()]);
    ok(&["dtm", "seeds", "-o", dir.path().join("a").to_str().unwrap()]);
    ok(&["dtm", ingest.to_str().unwrap(), "-o", dir.path().join("b").to_str().unwrap()]);
    for f in ["dtm.csv", "vocabulary.csv", "dtm.mtx", "docs.csv", "terms.csv"] {
        let a = std::fs::read(dir.path().join("a").join(f)).unwrap();
        let b = std::fs::read(dir.path().join("b").join(f)).unwrap();
        assert!(a == b, "{f} differs");
    }
}

#[test]
fn tokens_do_not_depend_on_the_thread_count() {
    let dir = tempdir();
    let one = dir.path().join("1");
    let two = dir.path().join("2");
    tokens(&one, &["--threads", "1"]);
    tokens(&two, &["--threads", "2"]);
    for f in ["tokens.csv", "tokens.parquet"] {
        assert!(std::fs::read(one.join(f)).unwrap() == std::fs::read(two.join(f)).unwrap(), "{f}");
    }
    let rows = read_csv(&one.join("tokens.csv"));
    // Sentences: the title paragraph is sentence 1; a sentence ends at 。
    // and at the end of a paragraph.
    let doc: Vec<&HashMap<String, String>> = rows.iter().filter(|r| r["doc_id"] == rows[0]["doc_id"]).collect();
    assert!(doc.iter().filter(|r| r["para"] == "1").all(|r| r["sent"] == "1"));
    assert_eq!(doc.iter().find(|r| r["para"] == "2").unwrap()["sent"], "2");
    let stop = doc.windows(2).position(|w| w[0]["term"] == "。" && w[1]["para"] == w[0]["para"]).unwrap();
    let sent: u32 = doc[stop]["sent"].parse().unwrap();
    assert_eq!(doc[stop + 1]["sent"], (sent + 1).to_string());
    assert!(doc[..stop]
        .iter()
        .filter(|r| r["para"] == doc[stop]["para"])
        .all(|r| r["sent"].parse::<u32>().unwrap() <= sent));
    let idx: Vec<usize> = doc.iter().map(|r| r["idx"].parse().unwrap()).collect();
    assert_eq!(idx, (1..=doc.len()).collect::<Vec<_>>(), "idx counts tokens within the document");
}

#[test]
fn user_dictionary_and_pos_filter() {
    let dir = tempdir();
    let dict = dir.path().join("user.dict");
    std::fs::write(&dict, "\u{feff}斐洛里庄园 ns\r\n飞虎队老兵\r\n").unwrap();
    let rows = tokens(&dir.path().join("t"), &["--dict", dict.to_str().unwrap()]);
    assert!(rows.iter().any(|r| r["term"] == "斐洛里庄园" && r["tag"] == "ns"));
    assert!(rows.iter().any(|r| r["term"] == "飞虎队老兵"));
    let out = dir.path().join("p");
    ok(&["dtm", "seeds", "--pos", "nz", "-o", out.to_str().unwrap()]);
    let vocab = read_csv(&out.join("vocabulary.csv"));
    let terms: BTreeSet<&str> = vocab.iter().map(|r| r["term"].as_str()).collect();
    assert!(terms.contains("中国式现代化"));
    assert!(!terms.contains("推动"));
}

#[test]
fn bad_input_gets_one_clear_line() {
    let dir = tempdir();
    let out = dir.path().join("o");
    let o = out.to_str().unwrap();
    fails(&["dtm", "seeds", "--pos", "n,noun", "-o", o], &["--pos noun: unknown POS tag"]);
    fails(&["dtm", "seeds", "--dict", "missing.dict", "-o", o], &["missing.dict", "cannot read the dictionary"]);
    let bad = dir.path().join("bad.dict");
    std::fs::write(&bad, "中国式现代化 10 nz\n新质 生产力 3 n\n").unwrap();
    fails(&["tokens", "seeds", "--dict", bad.to_str().unwrap(), "-o", o], &["bad.dict:2", "4 fields"]);
    fails(&["dtm", "seeds", "--min-docs", "34", "-o", o], &["--min-docs 34", "larger than the corpus (33 documents)"]);
    fails(&["dtm", "seeds", "--max-doc-share", "1.5", "-o", o], &["--max-doc-share 1.5"]);
    fails(&["tokens", "seeds", "--threads", "0", "-o", o], &["--threads 0"]);
    let empty = dir.path().join("pictures");
    std::fs::create_dir(&empty).unwrap();
    std::fs::write(empty.join("a.png"), [0x89, b'P', b'N', b'G']).unwrap();
    fails(&["dtm", empty.to_str().unwrap(), "-o", o], &["pictures", "neither a folder written by `zhtext ingest`"]);
    assert!(!out.exists());
}
