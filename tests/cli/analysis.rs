//! `zhtext freq`, `tfidf` and `keyness` on the seed texts: tables, charts,
//! and bad input.

use crate::common::svg_has;
use crate::common::{fails, ok, read_csv, tempdir};
use std::collections::BTreeSet;
use std::path::Path;

#[test]
fn weekly_series_of_three_terms_with_bands_and_gaps() {
    let dir = tempdir();
    let out = dir.path().join("f");
    let o = out.to_str().unwrap();
    ok(&["freq", "seeds", "--by", "date:week", "--terms", "发展,安全,合作", "-o", o]);
    let rows = read_csv(&out.join("freq_terms.csv"));
    let terms: BTreeSet<&str> = rows.iter().map(|r| r["term"].as_str()).collect();
    assert_eq!(terms, BTreeSet::from(["发展", "安全", "合作"]));
    let weeks: Vec<&str> = rows.iter().filter(|r| r["term"] == "发展").map(|r| r["week"].as_str()).collect();
    assert_eq!(weeks.first(), Some(&"2023-W44"));
    assert_eq!(weeks.last(), Some(&"2023-W52"));
    assert_eq!(weeks.len(), 9, "every week from the first to the last, none skipped");
    for r in &rows {
        if r["n_docs"] == "0" {
            assert!(r["n"].is_empty() && r["rate"].is_empty(), "a week without documents is a gap: {r:?}");
        } else {
            let (n, words): (f64, f64) = (r["n"].parse().unwrap(), r["words"].parse().unwrap());
            let rate: f64 = r["rate"].parse().unwrap();
            assert!((rate - n / words * 10_000.0).abs() < 1e-9);
            let (lo, hi): (f64, f64) = (r["ci_low"].parse().unwrap(), r["ci_high"].parse().unwrap());
            assert!(lo <= rate && rate <= hi, "{r:?}");
        }
    }
    assert!(rows.iter().any(|r| r["n_docs"] == "0"), "weeks 49-51 have no documents");
    let svg = std::fs::read_to_string(out.join("freq_terms.svg")).unwrap();
    svg_has(&out.join("freq_terms.svg"), &["发展", "安全", "合作", "95%", "2023-W46"]);
    assert!(svg.matches("<polygon").count() >= 3, "confidence bands");
    assert!(svg.matches("<polyline").count() >= 3, "three lines");
    svg_has(&out.join("freq_terms_heatmap.svg"), &["发展", "2023-W48"]);
    svg_has(&out.join("freq_top.svg"), &["高频词"]);
}

#[test]
fn copies_count_only_with_keep_duplicates() {
    let dir = tempdir();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    ok(&["freq", "seeds", "--by", "doc", "-o", a.to_str().unwrap()]);
    ok(&["freq", "seeds", "--by", "doc", "--keep-duplicates", "-o", b.to_str().unwrap()]);
    let docs = |p: &Path| read_csv(&p.join("freq_by.csv")).iter().map(|r| r["doc_id"].clone()).collect::<BTreeSet<_>>();
    let (only_kept, all) = (docs(&a), docs(&b));
    assert_eq!(only_kept.len(), 33);
    assert_eq!(all.len(), 40);
    let banquet = ["000_4df0e68a0ee4c2e8#14", "001_6077f70e12453669#01", "003_451a21f6a18a19f3#03"];
    assert_eq!(banquet.iter().filter(|d| only_kept.contains(**d)).count(), 1, "the banquet speech counts once");
    assert!(banquet.iter().all(|d| all.contains(*d)));
}

#[test]
fn themes_per_document_and_period() {
    let dir = tempdir();
    let out = dir.path().join("t");
    ok(&["freq", "seeds", "--themes", "data/themes.toml", "--by", "date:month", "-o", out.to_str().unwrap()]);
    let by_doc = read_csv(&out.join("themes_by_doc.csv"));
    let themes: BTreeSet<&str> = by_doc.iter().map(|r| r["theme"].as_str()).collect();
    assert_eq!(themes.len(), 6);
    // Every theme is found somewhere in the seeds.
    for t in &themes {
        assert!(by_doc.iter().any(|r| r["theme"] == *t && r["n"] != "0"), "{t}");
    }
    let months: BTreeSet<String> =
        read_csv(&out.join("themes_by_group.csv")).iter().map(|r| r["month"].clone()).collect();
    assert_eq!(months, BTreeSet::from(["2023-11".to_string(), "2023-12".to_string()]));
    svg_has(&out.join("themes_by_doc.svg"), &["主题", "economy"]);
    svg_has(&out.join("themes_by_group.svg"), &["foreign_relations"]);
}

#[test]
fn foreign_speeches_against_domestic_documents() {
    let dir = tempdir();
    let out = dir.path().join("k");
    ok(&[
        "keyness",
        "seeds",
        "--target",
        "title~亚太经合组织|美国友好团体|金砖",
        "--reference",
        "title~长三角|海警|集体学习|政治局召开会议|考察|深化改革|生态文明|耕地|火灾|双城经济圈",
        "-o",
        out.to_str().unwrap(),
    ]);
    let rows = read_csv(&out.join("keyness.csv"));
    let top: Vec<&str> = rows.iter().take(20).map(|r| r["term"].as_str()).collect();
    assert!(top.contains(&"合作") && top.contains(&"中美"), "{top:?}");
    let first = &rows[0];
    assert_eq!(
        (first["term"].as_str(), first["n_target"].as_str(), first["n_reference"].as_str()),
        ("中国", "80", "6")
    );
    svg_has(&out.join("keyness.svg"), &["Keyness", "合作", "中美"]);
    // The banquet speech's copies stay out of both groups unless kept.
    let out2 = dir.path().join("k2");
    ok(&["keyness", "seeds", "--target", "title~美国友好团体", "--keep-duplicates", "-o", out2.to_str().unwrap()]);
    let all = read_csv(&out2.join("keyness.csv"));
    let once = read_csv(&dir.path().join("k").join("keyness.csv"));
    assert!(all.iter().find(|r| r["term"] == "美国").unwrap()["n_target"].parse::<u32>().unwrap() > 37);
    assert!(!once.is_empty());
}

#[test]
fn tfidf_table_and_pages() {
    let dir = tempdir();
    let out = dir.path().join("t");
    ok(&["tfidf", "seeds", "--top", "5", "--format", "csv,md,tex", "-o", out.to_str().unwrap()]);
    let rows = read_csv(&out.join("tfidf.csv"));
    assert_eq!(rows.len(), 33 * 5);
    assert!(rows.iter().all(|r| {
        let w: f64 = r["tfidf"].parse().unwrap();
        w > 0.0 && w <= 1.0
    }));
    let palestine: Vec<&str> =
        rows.iter().filter(|r| r["doc_id"] == "000_4df0e68a0ee4c2e8#03").map(|r| r["term"].as_str()).collect();
    assert_eq!(palestine[0], "巴勒斯坦");
    assert!(out.join("tfidf.md").exists() && out.join("tfidf.tex").exists() && !out.join("tfidf.parquet").exists());
    let tex = std::fs::read_to_string(out.join("tfidf.tex")).unwrap();
    assert!(tex.contains("\\toprule") && tex.contains("巴勒斯坦"));
    svg_has(&out.join("tfidf_p01.svg"), &["TF-IDF", "巴勒斯坦"]);
    assert!(out.join("tfidf_p03.svg").exists() && !out.join("tfidf_p04.svg").exists(), "33 panels, 12 a page");
}

#[test]
fn analysis_bad_input() {
    let dir = tempdir();
    let o = dir.path().join("o");
    let o = o.to_str().unwrap();
    fails(&["freq", "seeds", "--by", "colour", "-o", o], &["--by colour: unknown key", "date:day|week"]);
    fails(&["freq", "seeds", "--by", "date:fortnight", "-o", o], &["--by date:fortnight: unknown time bin"]);
    fails(&["keyness", "seeds", "--target", "genre=poem", "-o", o], &["--target genre=poem", "matched no documents"]);
    fails(
        &["keyness", "seeds", "--target", "genre=speech", "--reference", "genre=speech", "-o", o],
        &["in both groups"],
    );
    let themes = dir.path().join("themes.toml");
    std::fs::write(&themes, "economy = [\"经济\", \"市场\"]\nsecurity = [\"安全\"\nopening = [\"开放\"]\n").unwrap();
    fails(&["freq", "seeds", "--themes", themes.to_str().unwrap(), "-o", o], &["themes.toml:", "column"]);
    assert!(!Path::new(o).exists());
    // A term not in the corpus: a warning and a zero line.
    let out = dir.path().join("z");
    let err = ok(&["freq", "seeds", "--terms", "不存在的词,发展", "-o", out.to_str().unwrap()]);
    assert!(err.contains("warning: 不存在的词 is not a term"), "{err}");
    let rows = read_csv(&out.join("freq_terms.csv"));
    assert!(rows.iter().filter(|r| r["term"] == "不存在的词").all(|r| r["n"] == "0"));
}

#[test]
fn similarity_pairs_heatmap_and_map() {
    let dir = tempdir();
    let out = dir.path().join("s");
    ok(&["similar", "seeds", "--keep-duplicates", "-o", out.to_str().unwrap()]);
    let rows = read_csv(&out.join("similarity.csv"));
    assert_eq!(rows.len(), 40 * 39 / 2);
    let pair = |a: &str, b: &str| -> (f64, f64) {
        let r = rows.iter().find(|r| r["doc_a"] == a && r["doc_b"] == b).unwrap();
        (r["cosine"].parse().unwrap(), r["jaccard"].parse().unwrap())
    };
    // Copies of the banquet speech are near-identical; unrelated texts are not.
    let (cos, jac) = pair("000_4df0e68a0ee4c2e8#14", "003_451a21f6a18a19f3#03");
    assert!(cos > 0.95 && jac > 0.8, "{cos} {jac}");
    let (cos, _) = pair("000_4df0e68a0ee4c2e8#13", "000_4df0e68a0ee4c2e8#14");
    assert!(cos < 0.3, "{cos}");
    for r in &rows {
        let (c, j): (f64, f64) = (r["cosine"].parse().unwrap(), r["jaccard"].parse().unwrap());
        assert!((0.0..=1.0 + 1e-12).contains(&c) && (0.0..=1.0).contains(&j));
    }
    let pca = read_csv(&out.join("pca.csv"));
    assert_eq!(pca.len(), 40);
    let mut order: Vec<u32> = pca.iter().map(|r| r["cluster_order"].parse().unwrap()).collect();
    order.sort();
    assert_eq!(order, (1..=40).collect::<Vec<u32>>());
    svg_has(&out.join("similarity.svg"), &["文档相似度", "余弦"]);
    svg_has(&out.join("pca.svg"), &["PC1", "PC2"]);
}

#[test]
fn collocations_of_the_seeds_sorted_by_g2() {
    let dir = tempdir();
    let out = dir.path().join("c");
    ok(&["colloc", "seeds", "-o", out.to_str().unwrap()]);
    let rows = read_csv(&out.join("collocations.csv"));
    assert_eq!(rows.len(), 535, "bigrams and trigrams seen 3 times or more");
    assert_eq!(rows[0]["phrase"], "灾后恢复重建");
    assert_eq!((rows[0]["n"].as_str(), rows[0]["docs"].as_str()), ("17", "1"));
    let g2: Vec<f64> = rows.iter().map(|r| r["g2"].parse().unwrap()).collect();
    assert!(g2.windows(2).all(|w| w[0] >= w[1]), "sorted by G2, highest first");
    let find = |p: &str| rows.iter().find(|r| r["phrase"] == p).unwrap_or_else(|| panic!("no {p}"));
    let r = find("推动构建人类命运共同体");
    assert_eq!(
        (r["words"].as_str(), r["length"].as_str(), r["n"].as_str(), r["docs"].as_str()),
        ("推动 构建 人类命运共同体", "3", "8", "7")
    );
    assert_eq!((find("中国式现代化全面推进")["n"].as_str(), find("实现高质量发展")["n"].as_str()), ("5", "4"));
    for r in &rows {
        assert!(r["n"].parse::<u64>().unwrap() >= 3);
        assert!(!r["phrase"].contains(['，', '。', '、', '；']), "crosses punctuation: {r:?}");
        assert!(!r["words"].split(' ').any(|w| ["的", "和", "在"].contains(&w)), "crosses a stopword: {r:?}");
        let (npmi, dice): (f64, f64) = (r["npmi"].parse().unwrap(), r["dice"].parse().unwrap());
        assert!((-1.0..=1.0 + 1e-9).contains(&npmi), "{r:?}");
        let log_dice: f64 = r["log_dice"].parse().unwrap();
        assert!((log_dice - (14.0 + dice.log2())).abs() < 1e-9);
    }
    svg_has(&out.join("collocations.svg"), &["Collocations", "灾后 恢复 重建 (17)", "G2"]);
    let bigrams = dir.path().join("b");
    ok(&["colloc", "seeds", "--length", "2", "--sort", "count", "--min-count", "10", "-o", bigrams.to_str().unwrap()]);
    let rows = read_csv(&bigrams.join("collocations.csv"));
    assert!(rows.iter().all(|r| r["length"] == "2"));
    assert_eq!(rows[0]["words"], "中 美", "the most frequent bigram");
    assert_eq!(rows[0]["n"], "32");
}

#[test]
fn collocation_options_out_of_range_are_errors() {
    fails(&["colloc", "seeds", "--min-count", "0"], &["--min-count 0"]);
    // clap's own message (with its usage hint) for a value out of range.
    let out = crate::common::run(&["colloc", "seeds", "--length", "4"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(crate::common::stderr(&out).contains("4 is not in 2..=3"));
}
