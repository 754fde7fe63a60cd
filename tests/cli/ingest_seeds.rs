//! `zhtext ingest seeds`: the expectations of the ingestion issue, checked on
//! the bundled seed texts.

use crate::common::{read_csv, root, run, stderr};
use regex::Regex;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::OnceLock;

type Rows = Vec<HashMap<String, String>>;

struct Ingested {
    _dir: tempfile::TempDir,
    out: PathBuf,
    stderr: String,
    documents: Rows,
    dropped: Rows,
}

/// Runs `zhtext ingest seeds` once for all tests of this module.
fn seeds() -> &'static Ingested {
    static ONCE: OnceLock<Ingested> = OnceLock::new();
    ONCE.get_or_init(|| ingest(&[]))
}

fn ingest(extra: &[&str]) -> Ingested {
    let dir = crate::common::tempdir();
    let out = dir.path().join("out");
    let mut args = vec!["ingest", "seeds", "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let output = run(&args);
    assert!(output.status.success(), "ingest failed: {}", stderr(&output));
    Ingested {
        documents: read_csv(&out.join("documents.csv")),
        dropped: read_csv(&out.join("dropped.csv")),
        stderr: stderr(&output),
        out,
        _dir: dir,
    }
}

fn from_file<'a>(rows: &'a Rows, prefix: &str) -> Vec<&'a HashMap<String, String>> {
    rows.iter().filter(|r| r["source"].starts_with(&format!("seeds/{prefix}"))).collect()
}

/// The table of contents of seeds/000, parsed here independently of zhtext:
/// (title, ISO date or the 《求是》 issue).
fn toc_of_seed_000() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(root().join("seeds/000_4df0e68a0ee4c2e8.txt")).unwrap();
    let entry =
        Regex::new(r"^(\d+)\.\s*(?:(\d{4})\s*年\s*(\d+)\s*月\s*(\d+)\s*日)?\s*(.*?)\s*[…·]+\s*\(\d+\)$").unwrap();
    let space = Regex::new(r"\s+").unwrap();
    let mut out = Vec::new();
    for line in text.lines() {
        let Some(c) = entry.captures(line.trim()) else { continue };
        let mut title = c[5].to_string();
        let mut date = String::new();
        if let Some(y) = c.get(2) {
            date = format!("{}-{:02}-{:02}", y.as_str(), c[3].parse::<u32>().unwrap(), c[4].parse::<u32>().unwrap());
        }
        if let Some(i) = title.find("(《求是》") {
            date = title[i..].to_string();
            title.truncate(i);
        }
        // zhtext removes the spaces between Chinese and digits (`致 2023 两岸`).
        let title = space.split(title.trim()).fold(String::new(), |mut acc, part| {
            let glue = acc.chars().last().is_some_and(|c| c.is_ascii_digit() || !c.is_ascii())
                && part.chars().next().is_some_and(|c| c.is_ascii_digit())
                || acc.chars().last().is_some_and(|c| c.is_ascii_digit())
                    && part.chars().next().is_some_and(|c| !c.is_ascii());
            if !acc.is_empty() && !glue {
                acc.push(' ');
            }
            acc.push_str(part);
            acc
        });
        out.push((title, date));
    }
    out
}

#[test]
fn compilation_yields_its_25_items_with_toc_titles_and_dates() {
    let docs = from_file(&seeds().documents, "000_");
    let toc = toc_of_seed_000();
    assert_eq!(toc.len(), 25, "the test's own TOC parse");
    assert_eq!(docs.len(), 25);
    for (i, (doc, (title, date))) in docs.iter().zip(&toc).enumerate() {
        assert_eq!(&doc["title"], title, "item {}", i + 1);
        match i + 1 {
            1..=22 => {
                assert_eq!(&doc["date"], date, "item {}", i + 1);
                assert!(["toc", "copy:"].iter().any(|s| doc["date_source"].starts_with(s)), "item {}", i + 1);
            }
            23 => assert_eq!((doc["date"].as_str(), doc["date_source"].as_str()), ("2023-11-16", "qiushi")),
            24 => assert_eq!((doc["date"].as_str(), doc["date_source"].as_str()), ("2023-12-01", "qiushi")),
            _ => {
                // Item 25, a list of dated study sessions, is dated by its latest entry.
                assert_eq!((doc["date"].as_str(), doc["date_source"].as_str()), ("2023-11-27", "chronology"));
            }
        }
    }
    let item = |n: usize| docs[n - 1];
    assert_eq!(item(23)["genre"], "article");
    assert_eq!(item(14)["genre"], "speech");
    assert_eq!(item(2)["genre"], "letter");
    assert_eq!(item(16)["genre"], "inspection");
    // Sub-headings stay inside their item.
    assert!(
        item(9)["text"].starts_with("推动停火止战实现持久和平安全\n——在金砖国家领导人巴以问题特别视频峰会上的讲话\n")
    );
    assert!(item(23)["text"].contains("\n二是重点攻坚和协同治理的关系。"));
    assert!(item(24)["text"].contains("\n第一，深刻认识加强耕地保护的重要性和紧迫性\n"));
    assert!(item(24)["text"].contains("\n第三，要抓好盐碱地综合改造利用\n"));
    assert!(item(25)["text"].starts_with("二十届中共中央政治局集体学习情况统计\n2022年10月25日"));
    // A paragraph cut by a page break is mended.
    assert!(docs[0]["text"].contains("催生新产业新业态新模式"));
}

#[test]
fn banquet_speech_is_in_three_files_and_counted_once() {
    let copies: Vec<_> =
        seeds().documents.iter().filter(|d| d["title"].contains("美国友好团体联合欢迎宴会上的演讲")).collect();
    let files: Vec<&str> = copies.iter().map(|d| &d["source"][6..9]).collect();
    assert_eq!(files, ["000", "001", "003"]);
    let kept: Vec<_> = copies.iter().filter(|d| d["duplicate_of"].is_empty()).collect();
    assert_eq!(kept.len(), 1);
    for c in &copies {
        assert_eq!(c["date"], "2023-11-15");
        if !c["duplicate_of"].is_empty() {
            assert_eq!(c["duplicate_of"], kept[0]["doc_id"]);
        }
    }
    let flagged = seeds().dropped.iter().filter(|d| d["what"] == "duplicate").count();
    assert_eq!(flagged, seeds().documents.iter().filter(|d| !d["duplicate_of"].is_empty()).count());
}

#[test]
fn ocr_columns_are_mended() {
    let text: String = from_file(&seeds().documents, "003_").iter().map(|d| d["text"].as_str()).collect();
    for s in ["中美两国人民友谊一定能够代代相传", "B-25轰炸机", "中共中央政治局常委"] {
        assert!(text.contains(s), "seeds/003 text lacks {s}");
    }
    let cjk_space =
        Regex::new(r"[\p{Han}，。、；：！？“”（）《》—…][ \t\u{3000}]+[\p{Han}，。、；：！？“”（）《》—…]").unwrap();
    for d in &seeds().documents {
        assert!(!cjk_space.is_match(&d["text"]), "{} has a space between CJK characters", d["doc_id"]);
    }
}

#[test]
fn newspaper_pages_are_split_into_articles() {
    let titles =
        |prefix| -> Vec<String> { from_file(&seeds().documents, prefix).iter().map(|d| d["title"].clone()).collect() };
    assert_eq!(
        titles("003_"),
        [
            "习近平对山西吕梁市永聚煤矿一办公楼火灾事故作出重要指示",
            "“您认识这位年轻人吗？”",
            "汇聚两国人民力量 推进中美友好事业 ——在美国友好团体联合欢迎宴会上的演讲",
            "王毅就中美元首旧金山会晤向媒体介绍情况并答问",
        ]
    );
    assert_eq!(
        titles("004_"),
        ["中央外事工作会议在北京举行", "推动成渝地区双城经济圈建设走深走实 更好在西部地区现代化建设中发挥引领示范作用"]
    );
    let p002 = titles("002_");
    assert_eq!(p002.len(), 5);
    assert!(p002[0].starts_with("习近平主持召开深入推进长三角一体化发展座谈会强调"));
    assert_eq!(p002[3], "习近平向“声援巴勒斯坦人民国际日”纪念大会致贺电");
    assert_eq!(p002[4], "习近平就亨利·基辛格逝世向美国总统拜登致唁电");
}

#[test]
fn credits_repeats_and_fragments_are_dropped_and_logged() {
    let dropped = from_file(&seeds().dropped, "002_");
    let credit: Vec<_> = dropped.iter().filter(|d| d["what"] == "credit").collect();
    assert_eq!(credit.len(), 1);
    assert_eq!(credit[0]["text"], "新华社记者谢环驰摄");
    assert_eq!(credit[0]["n_chars"], "9");
    let repeated = "生追求。基辛格的名字将永远和中美关系联系在一起。";
    let text: String = from_file(&seeds().documents, "002_").iter().map(|d| d["text"].as_str()).collect();
    assert_eq!(text.matches(repeated).count(), 1, "the repeated paragraph is kept once");
    assert!(text.contains("作为毕生追求。"), "and joined to the paragraph it continues");
    assert!(dropped.iter().any(|d| d["what"] == "paragraph" && d["text"].starts_with(repeated)));
    assert!(dropped.iter().any(|d| d["what"] == "fragment" && d["text"].starts_with("们党始终高度重视耕地保护问题")));
    assert!(!text.contains("们党始终"));
}

#[test]
fn year_comes_from_the_sidecar_and_is_flagged_without_it() {
    let find = |rows: &Rows| {
        rows.iter().find(|d| d["title"] == "中央外事工作会议在北京举行").cloned().expect("the article is found")
    };
    let doc = find(&seeds().documents);
    assert_eq!((doc["date"].as_str(), doc["date_source"].as_str()), ("2023-12-27", "text+sidecar"));
    let bare = ingest(&["--no-sidecar"]);
    let doc = find(&bare.documents);
    assert_eq!((doc["date"].as_str(), doc["date_source"].as_str()), ("--12-27", "text+noyear"));
    assert!(bare.dropped.iter().any(|d| d["what"] == "noyear" && d["doc_id"] == doc["doc_id"]));
    assert!(bare.stderr.contains(&format!("no year (--12-27): {}", doc["doc_id"])));
}

#[test]
fn kept_plus_dropped_equals_read_for_every_file() {
    let entries = std::fs::read_dir(root().join("seeds")).unwrap();
    let mut files: Vec<PathBuf> =
        entries.map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
    files.sort();
    assert_eq!(files.len(), 5);
    let mut total = 0;
    for path in files {
        let read = std::fs::read_to_string(&path).unwrap().trim_start_matches('\u{feff}').chars().count();
        let source = format!("seeds/{}", path.file_name().unwrap().to_string_lossy());
        let sum = |rows: &Rows| -> usize {
            rows.iter().filter(|r| r["source"] == source).map(|r| r["n_chars"].parse::<usize>().unwrap()).sum()
        };
        let kept = sum(&seeds().documents);
        let dropped = sum(&seeds().dropped);
        assert_eq!(kept + dropped, read, "{source}: {kept} kept + {dropped} dropped");
        total += read;
    }
    assert_eq!(total, 64133);
    assert!(seeds().stderr.contains("characters: 64133 read = "), "{}", seeds().stderr);
}

#[test]
fn output_is_deterministic() {
    let again = ingest(&[]);
    for table in ["documents", "paragraphs", "dropped"] {
        for ext in ["csv", "parquet"] {
            let name = format!("{table}.{ext}");
            let a = std::fs::read(seeds().out.join(&name)).unwrap();
            let b = std::fs::read(again.out.join(&name)).unwrap();
            assert!(a == b, "{name} differs between two runs");
        }
    }
}
