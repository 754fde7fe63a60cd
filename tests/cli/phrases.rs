//! Phrases on the seed texts: `zhtext colloc --by` and `--node`, `zhtext
//! formulas` and `zhtext newwords`, and their bad input.

use crate::common::{fails, ok, read_csv, run, stderr, svg_has, tempdir};
use std::collections::HashMap;
use std::path::Path;

type Rows = Vec<HashMap<String, String>>;

/// The unique documents of the seeds, as `zhtext ingest` writes them.
fn unique_documents(dir: &Path) -> Rows {
    let ingest = dir.join("ingest");
    ok(&["ingest", "seeds", "-o", ingest.to_str().unwrap()]);
    read_csv(&ingest.join("documents.csv")).into_iter().filter(|d| d["duplicate_of"].is_empty()).collect()
}

/// A phrase's occurrences, documents, first and last date, counted directly
/// in the documents' text.
fn in_text(docs: &Rows, phrase: &str) -> (usize, usize, String, String) {
    let with: Vec<&HashMap<String, String>> = docs.iter().filter(|d| d["text"].contains(phrase)).collect();
    let n = with.iter().map(|d| d["text"].matches(phrase).count()).sum();
    let first = with.iter().map(|d| d["date"].clone()).min().unwrap_or_default();
    let last = with.iter().map(|d| d["date"].clone()).max().unwrap_or_default();
    (n, with.len(), first, last)
}

#[test]
fn formulations_recur_across_speeches_and_are_dated() {
    let dir = tempdir();
    let docs = unique_documents(dir.path());
    let out = dir.path().join("f");
    let log = ok(&["formulas", "seeds", "-o", out.to_str().unwrap()]);
    let rows = read_csv(&out.join("formulas.csv"));
    assert!(log.contains(&format!("33 documents (7 copies left out); {} formulations", rows.len())), "{log}");
    assert!(rows.len() >= 100, "{}", rows.len());
    let find = |p: &str| rows.iter().find(|r| r["phrase"] == p).unwrap_or_else(|| panic!("no formulation {p}"));
    // Read in the texts: the APEC, banquet and Central Conference on Work
    // Relating to Foreign Affairs texts share these; counts and dates are
    // taken from the text directly.
    for (phrase, words) in [
        ("推动构建人类命运共同体", "推动 构建 人类命运共同体"),
        ("中国式现代化全面推进强国建设、民族复兴伟业", "中国式现代化 全面 推进 强国建设 、 民族复兴伟业"),
        ("全球发展倡议、全球安全倡议、全球文明倡议", "全球发展倡议 、 全球安全倡议 、 全球文明倡议"),
        ("构建新发展格局、推动高质量发展", "构建 新发展格局 、 推动 高质量发展"),
        ("世界进入新的动荡变革期", "世界 进入 新 的 动荡 变革 期"),
    ] {
        let r = find(phrase);
        let (n, in_docs, first, last) = in_text(&docs, phrase);
        assert_eq!(r["words"], words);
        assert_eq!(r["length"], words.split(' ').count().to_string());
        assert_eq!((r["n"].clone(), r["docs"].clone()), (n.to_string(), in_docs.to_string()), "{phrase}");
        assert_eq!((r["first"].clone(), r["last"].clone()), (first, last), "{phrase}");
    }
    assert_eq!(
        (find("推动构建人类命运共同体")["n"].as_str(), find("推动构建人类命运共同体")["docs"].as_str()),
        ("8", "7")
    );
    // Maximal: 全球发展倡议、全球安全倡议 occurs only inside the three
    // initiatives (3 = 3 times), so it is reported as the longer phrase.
    assert_eq!(in_text(&docs, "全球发展倡议、全球安全倡议").0, 3);
    assert!(rows.iter().all(|r| r["phrase"] != "全球发展倡议、全球安全倡议"));
    for r in &rows {
        let words: Vec<&str> = r["words"].split(' ').collect();
        assert!((3..=10).contains(&words.len()), "{r:?}");
        assert!(r["n"].parse::<u64>().unwrap() >= 2 && r["docs"].parse::<u64>().unwrap() >= 2, "{r:?}");
        assert!(r["cohesion"].parse::<f64>().unwrap() >= 5.0, "{r:?}");
        assert!(!r["phrase"].contains(['，', '。', '；', '：', '“', '”']), "crosses punctuation: {r:?}");
        for edge in [words[0], words[words.len() - 1]] {
            assert!(!["的", "和", "、", "在", "了"].contains(&edge), "begins or ends with a stopword: {r:?}");
        }
        assert!(r["first"] <= r["last"] && r["first"].starts_with("2023-"), "{r:?}");
    }
    // Per month: the counts add up to each formulation's total.
    let periods = read_csv(&out.join("formulas_by_period.csv"));
    assert_eq!(periods.len(), rows.len() * 2, "every formulation in 2023-11 and 2023-12");
    let mut sums: HashMap<&str, u64> = HashMap::new();
    for p in &periods {
        *sums.entry(p["phrase"].as_str()).or_default() += p["n"].parse::<u64>().unwrap();
    }
    for r in &rows {
        assert_eq!(sums[r["phrase"].as_str()].to_string(), r["n"], "{}", r["phrase"]);
    }
    let cell = |phrase: &str, month: &str| {
        periods.iter().find(|p| p["phrase"] == phrase && p["month"] == month).unwrap()["n"].clone()
    };
    for phrase in ["推动构建人类命运共同体", "中国式现代化全面推进强国建设、民族复兴伟业"]
    {
        for month in ["2023-11", "2023-12"] {
            let in_month: Rows = docs.iter().filter(|d| d["date"].starts_with(month)).cloned().collect();
            assert_eq!(cell(phrase, month), in_text(&in_month, phrase).0.to_string(), "{phrase} {month}");
        }
    }
    svg_has(&out.join("formulas.svg"), &["Recurring formulations", "推动构建人类命运共同体 (8/7)", "2023-12"]);
    // By week, and two-token phrases when asked for.
    let weekly = dir.path().join("w");
    ok(&["formulas", "seeds", "--by", "date:week", "--length", "2-4", "-o", weekly.to_str().unwrap()]);
    let rows = read_csv(&weekly.join("formulas.csv"));
    let built = rows.iter().find(|r| r["words"] == "构建 人类命运共同体").expect("a two-token formulation");
    assert_eq!((built["n"].as_str(), built["docs"].as_str()), ("13", "7"));
    assert_eq!(in_text(&docs, "构建人类命运共同体").0, 13);
    assert!(rows.iter().any(|r| r["words"] == "实现 高质量发展"));
    assert!(rows.iter().all(|r| (2..=4).contains(&r["length"].parse::<u32>().unwrap())));
    let periods = read_csv(&weekly.join("formulas_by_period.csv"));
    assert_eq!(periods.len(), rows.len() * 9, "weeks 44 to 52");
}

#[test]
fn collocates_of_a_node_word_within_a_window() {
    let dir = tempdir();
    let out = dir.path().join("n");
    let log = ok(&["colloc", "seeds", "--node", "发展", "--window", "5", "-o", out.to_str().unwrap()]);
    assert!(log.contains("发展 occurs 244 times"), "{log}");
    let rows = read_csv(&out.join("collocates.csv"));
    assert_eq!(rows[0]["collocate"], "长三角一体化", "长三角一体化发展, 18 times");
    assert_eq!(
        [&rows[0]["left"], &rows[0]["right"], &rows[0]["n"], &rows[0]["freq"]].map(|s| s.as_str()),
        ["18", "1", "18", "18"]
    );
    let mut attracted = true;
    for r in &rows {
        let [left, right, n, freq] = ["left", "right", "n", "freq"].map(|c| r[c].parse::<u64>().unwrap());
        assert!(n >= 3 && n <= left + right && left.max(right) <= n && n <= freq, "{r:?}");
        // Attracted collocates (PMI ≥ 0) first, each part sorted by G2.
        let pmi: f64 = r["pmi"].parse().unwrap();
        assert!(attracted || pmi < 0.0, "{r:?}");
        attracted = pmi >= 0.0;
    }
    svg_has(&out.join("collocates.svg"), &["Collocates of 发展", "长三角一体化 (L18 R1)", "±5"]);
    // Per month: 人类命运共同体 is built (构建) 8 times in November, 5 in
    // December.
    let monthly = dir.path().join("m");
    ok(&[
        "colloc",
        "seeds",
        "--node",
        "人类命运共同体",
        "--window",
        "3",
        "--by",
        "date:month",
        "-o",
        monthly.to_str().unwrap(),
    ]);
    let rows = read_csv(&monthly.join("collocates.csv"));
    let built: Vec<(&str, &str)> =
        rows.iter().filter(|r| r["collocate"] == "构建").map(|r| (r["month"].as_str(), r["left"].as_str())).collect();
    assert_eq!(built, [("2023-11", "8"), ("2023-12", "5")]);
}

#[test]
fn collocations_by_group_add_up_to_the_whole() {
    let dir = tempdir();
    let (all, by) = (dir.path().join("a"), dir.path().join("g"));
    let args = ["colloc", "seeds", "--length", "2", "--min-count", "1"];
    ok(&[&args[..], &["-o", all.to_str().unwrap()]].concat());
    ok(&[&args[..], &["--by", "genre", "-o", by.to_str().unwrap()]].concat());
    let whole = read_csv(&all.join("collocations.csv"));
    let groups = read_csv(&by.join("collocations.csv"));
    let mut sums: HashMap<&str, u64> = HashMap::new();
    for r in &groups {
        *sums.entry(r["words"].as_str()).or_default() += r["n"].parse::<u64>().unwrap();
    }
    assert_eq!(sums.len(), whole.len());
    for r in &whole {
        assert_eq!(sums[r["words"].as_str()].to_string(), r["n"], "{}", r["words"]);
    }
    let genres: std::collections::BTreeSet<&str> = groups.iter().map(|r| r["genre"].as_str()).collect();
    assert_eq!(
        genres.into_iter().collect::<Vec<_>>(),
        ["article", "inspection", "instruction", "letter", "meeting", "other", "speech"]
    );
    svg_has(&by.join("collocations.svg"), &["speech · 6 documents", "letter · 10 documents"]);
}

#[test]
fn new_words_become_single_tokens_with_their_dictionary() {
    let dir = tempdir();
    let out = dir.path().join("n");
    ok(&["newwords", "seeds", "-o", out.to_str().unwrap()]);
    let rows = read_csv(&out.join("newwords.csv"));
    assert_eq!(rows[0]["word"], "习近平指出");
    assert_eq!((rows[0]["n"].as_str(), rows[0]["docs"].as_str()), ("21", "14"));
    for word in ["川渝", "巴以冲突", "灾后恢复重建", "管控分歧"] {
        assert!(rows.iter().any(|r| r["word"] == word), "{word} found");
    }
    for r in &rows {
        let [cohesion, left, right, freedom] =
            ["cohesion", "left_entropy", "right_entropy", "freedom"].map(|c| r[c].parse::<f64>().unwrap());
        assert!(r["n"].parse::<u64>().unwrap() >= 5 && cohesion >= 5.0 && freedom >= 1.0, "{r:?}");
        assert_eq!(freedom, left.min(right));
        assert!((2..=6).contains(&r["chars"].parse::<u32>().unwrap()), "{r:?}");
    }
    // The round trip: without the dictionary jieba cuts them; with it each
    // of the top ten is one token.
    let dict = out.join("newwords.dict.txt");
    let top: Vec<&str> = rows.iter().take(10).map(|r| r["word"].as_str()).collect();
    let tokens = |extra: &[&str]| -> Vec<String> {
        let t = dir.path().join("t");
        ok(&[&["tokens", "seeds", "-o", t.to_str().unwrap()], extra].concat());
        read_csv(&t.join("tokens.csv")).into_iter().map(|r| r["term"].clone()).collect()
    };
    let before = tokens(&[]);
    let after = tokens(&["--dict", dict.to_str().unwrap()]);
    for word in &top {
        assert!(!before.iter().any(|t| t == word), "{word} is not a token without the dictionary");
        assert!(after.iter().any(|t| t == word), "{word} is a token with the dictionary");
    }
    // A second run with the dictionary finds none of them again.
    let again = dir.path().join("again");
    ok(&["newwords", "seeds", "--dict", dict.to_str().unwrap(), "-o", again.to_str().unwrap()]);
    let rows = read_csv(&again.join("newwords.csv"));
    assert!(rows.iter().all(|r| !top.contains(&r["word"].as_str())));
}

/// Hash maps count; the tables and the dictionary do not depend on their
/// order, to the last bit.
#[test]
fn phrase_tables_are_byte_identical_across_runs() {
    let dir = tempdir();
    for (command, files) in [
        ("formulas", &["formulas.csv", "formulas.parquet", "formulas_by_period.parquet", "formulas.svg"][..]),
        ("newwords", &["newwords.csv", "newwords.parquet", "newwords.dict.txt"][..]),
    ] {
        let (a, b) = (dir.path().join(format!("{command}1")), dir.path().join(format!("{command}2")));
        ok(&[command, "seeds", "-o", a.to_str().unwrap()]);
        ok(&[command, "seeds", "--threads", "1", "-o", b.to_str().unwrap()]);
        for f in files {
            assert_eq!(std::fs::read(a.join(f)).unwrap(), std::fs::read(b.join(f)).unwrap(), "{command}: {f}");
        }
    }
}

#[test]
fn phrase_options_out_of_range_are_errors() {
    fails(&["colloc", "seeds", "--node", "发展", "--window", "0"], &["--window 0"]);
    fails(&["colloc", "seeds", "--node", "的"], &["--node 的", "stopword"]);
    fails(&["formulas", "seeds", "--length", "5-3"], &["--length 5-3", "empty range"]);
    fails(&["formulas", "seeds", "--length", "1-4"], &["--length 1-4", "out of range"]);
    fails(&["formulas", "seeds", "--length", "three"], &["--length three"]);
    fails(&["formulas", "seeds", "--min-docs", "0"], &["--min-docs 0"]);
    fails(&["newwords", "seeds", "--length", "6-2"], &["--length 6-2", "empty range"]);
    fails(&["newwords", "seeds", "--min-count", "0"], &["--min-count 0"]);
    // --window without --node: clap's message.
    let out = run(&["colloc", "seeds", "--window", "3"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--node"), "{}", stderr(&out));
}

#[test]
fn an_absent_node_word_gives_a_message_and_an_empty_table() {
    let dir = tempdir();
    let out = dir.path().join("z");
    let log = ok(&["colloc", "seeds", "--node", "量子计算", "-o", out.to_str().unwrap()]);
    assert!(log.contains("量子计算 occurs 0 times"), "{log}");
    assert!(log.contains("量子计算 does not occur in these 33 documents"), "{log}");
    let text = std::fs::read_to_string(out.join("collocates.csv")).unwrap();
    assert_eq!(text.lines().collect::<Vec<_>>(), ["collocate,left,right,n,freq,docs,pmi,npmi,g2,chi2,t,dice,log_dice"]);
}
