//! Run: `cut -d" " -f1,3 data/lexicon.txt | cargo run --release --example lexicon_freqs > lexicon.new`
//!
//! Writes the lexicon's frequencies: for each entry, jieba's `suggest_freq`
//! (just enough for the word to beat the best split of its own characters)
//! computed with jieba's default dictionary plus every *other* entry, repeated
//! until no frequency changes. Input and output: `word [freq] tag` lines.
use std::io::BufRead;

fn main() {
    let entries: Vec<(String, String)> = std::io::stdin()
        .lock()
        .lines()
        .map(|l| {
            let l = l.unwrap();
            let f: Vec<&str> = l.split_whitespace().collect();
            (f[0].to_string(), f[f.len() - 1].to_string())
        })
        .collect();
    let mut freqs = vec![1usize; entries.len()];
    for round in 1..=10 {
        let next: Vec<usize> = (0..entries.len())
            .map(|i| {
                let mut j = jieba_rs::Jieba::new();
                for (k, ((w, t), f)) in entries.iter().zip(&freqs).enumerate() {
                    if k != i {
                        j.add_word(w, Some(*f), Some(t));
                    }
                }
                j.suggest_freq(&entries[i].0)
            })
            .collect();
        let changed = next.iter().zip(&freqs).filter(|(a, b)| a != b).count();
        eprintln!("round {round}: {changed} changed");
        freqs = next;
        if changed == 0 {
            break;
        }
    }
    let mut j = jieba_rs::Jieba::new();
    for ((w, t), f) in entries.iter().zip(&freqs) {
        j.add_word(w, Some(*f), Some(t));
    }
    for ((w, t), f) in entries.iter().zip(&freqs) {
        for hmm in [true, false] {
            let cut: Vec<&str> = j.cut(w, hmm).iter().map(|t| t.word).collect();
            if cut.len() != 1 {
                eprintln!("NOT WHOLE {w}: {}", cut.join("/"));
            }
        }
        println!("{w} {f} {t}");
    }
}
