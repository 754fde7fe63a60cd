//! Near-duplicate documents: the same speech in a compilation, on a
//! newspaper page and as a wire copy.
//!
//! Each document is reduced to its character 5-shingles (Han characters,
//! digits and Latin letters only, so punctuation, spacing and layout do not
//! matter), hashed, and sampled: a shingle is kept when its hash is 0 mod 4,
//! so two copies keep the same sample. Candidate pairs come from sorting the
//! (sample, document) pairs: documents that share a sample sit together
//! (linear in the corpus, not quadratic in documents; a sample shared by more
//! than 64 documents is boilerplate and ignored).
//! Two documents are copies when the smaller shares at least 80% of its
//! sample with the larger (containment, which tolerates OCR errors and a copy
//! with extra text around it) and the smaller is at least half the size of the
//! larger. Copies form groups (transitively); the copy kept is the most
//! complete: the one holding most of the text that the group's copies share
//! (so a copy padded with other articles' text does not win by length), then
//! the longest, then the first.

use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

const SHINGLE: usize = 5;
const SAMPLE_MOD: u64 = 4;
/// Smaller copy's share of its sample found in the larger copy.
pub const MIN_CONTAINMENT: f64 = 0.8;
/// Smaller copy's size relative to the larger copy.
pub const MIN_SIZE_RATIO: f64 = 0.5;
/// Documents with fewer sampled shingles (about 40 characters) are too short
/// to call copies.
const MIN_SAMPLE: usize = 10;
/// Shingles in more documents than this are boilerplate, not evidence.
const MAX_POSTING: usize = 64;

/// For each document (given as its paragraphs), the index of the document it
/// is a copy of (the group's kept copy), or `None` for kept and unique
/// documents.
pub fn duplicates_of<S: AsRef<str> + Sync>(docs: &[&[S]]) -> Vec<Option<usize>> {
    // (hash, document) for every sampled shingle, sorted by hash: equal runs
    // are the documents sharing a shingle. 8 bytes a sample, nothing per
    // distinct shingle, so memory stays linear in the corpus.
    let sizes: Vec<usize> = docs.par_iter().map(|paras| sample(paras).len()).collect();
    let mut postings: Vec<(u32, u32)> = docs
        .par_iter()
        .enumerate()
        .filter(|(d, _)| sizes[*d] >= MIN_SAMPLE)
        .flat_map_iter(|(d, paras)| sample(paras).into_iter().map(move |h| (h, d as u32)))
        .collect();
    postings.par_sort_unstable();
    let mut shared: HashMap<(u32, u32), u32> = HashMap::new();
    for run in postings.chunk_by(|a, b| a.0 == b.0) {
        if run.len() < 2 || run.len() > MAX_POSTING {
            continue;
        }
        for (i, &(_, a)) in run.iter().enumerate() {
            for &(_, b) in &run[i + 1..] {
                *shared.entry((a, b)).or_default() += 1;
            }
        }
    }
    drop(postings);
    let mut parent: Vec<usize> = (0..docs.len()).collect();
    let mut pairs: Vec<_> = shared.into_iter().collect();
    pairs.sort_unstable();
    for ((a, b), n) in pairs {
        let (la, lb) = (sizes[a as usize], sizes[b as usize]);
        let (small, large) = (la.min(lb) as f64, la.max(lb) as f64);
        if n as f64 >= MIN_CONTAINMENT * small && small >= MIN_SIZE_RATIO * large {
            union(&mut parent, a as usize, b as usize);
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for d in 0..docs.len() {
        let root = find(&mut parent, d);
        groups.entry(root).or_default().push(d);
    }
    let mut result = vec![None; docs.len()];
    for members in groups.values().filter(|m| m.len() > 1) {
        let kept = most_complete(members, docs);
        for &m in members {
            if m != kept {
                result[m] = Some(kept);
            }
        }
    }
    result
}

fn most_complete<S: AsRef<str>>(members: &[usize], docs: &[&[S]]) -> usize {
    let samples: HashMap<usize, Vec<u32>> = members.iter().map(|&m| (m, sample(docs[m]))).collect();
    let mut count: HashMap<u32, usize> = HashMap::new();
    for &m in members {
        for &h in &samples[&m] {
            *count.entry(h).or_default() += 1;
        }
    }
    *members
        .iter()
        .max_by_key(|&&m| {
            let common = samples[&m].iter().filter(|h| count[h] >= 2).count();
            (common, samples[&m].len(), std::cmp::Reverse(m))
        })
        .expect("a group has members")
}

/// Sorted, de-duplicated sampled shingle hashes of a document's paragraphs
/// (shingles run across paragraph ends, as if the text were one string).
fn sample<S: AsRef<str>>(paras: &[S]) -> Vec<u32> {
    let chars: Vec<char> = paras
        .iter()
        .flat_map(|p| p.as_ref().chars())
        .filter(|&c| super::chars::is_han(c) || c.is_ascii_alphanumeric())
        .collect();
    // 32 bits of the hash are kept: a sample is small, and a rare collision
    // only adds a shingle to a comparison that needs 80% agreement.
    let mut out: Vec<u32> =
        chars.windows(SHINGLE).map(fnv1a).filter(|h| h % SAMPLE_MOD == 0).map(|h| (h >> 32) as u32).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// FNV-1a over the characters: fixed, so samples are the same on every run.
fn fnv1a(chars: &[char]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &c in chars {
        for b in (c as u32).to_le_bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    // Mix the low bits, which decide the sample.
    h ^= h >> 29;
    h
}

fn find(parent: &mut [usize], x: usize) -> usize {
    let mut r = x;
    while parent[r] != r {
        r = parent[r];
    }
    let mut x = x;
    while parent[x] != r {
        let next = parent[x];
        parent[x] = r;
        x = next;
    }
    r
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        // The smaller index is the root, so groups are the same on every run.
        parent[ra.max(rb)] = ra.min(rb);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_copy_with_ocr_noise_and_keeps_the_complete_one() {
        let base = "中美关系的根基是由人民浇筑的。第二次世界大战时期，我们两国共同为和平正义而战。陈纳德将军带领美国志愿者奔赴中国战场，组成了著名的飞虎队。他们不仅直接对日本侵略者作战，还建起了向中国运送急需物资的驼峰航线，1000多名中美机组人员牺牲在这条航线上。";
        let noisy = base.replace("浇筑", "浇铸").replace("。", "，");
        let part: String = base.chars().take(base.chars().count() * 3 / 4).collect();
        let other = "会议指出，长江经济带发展战略是以习近平同志为核心的党中央作出的重大决策，是关系国家发展全局的重大战略。推动长江经济带高质量发展，根本上依赖于长江流域高质量的生态环境。";
        let doc = |s: &str| vec![s.to_string()];
        let (part, base, noisy, other) = (doc(&part), doc(base), doc(&noisy), doc(other));
        let dups = duplicates_of(&[&part[..], &base, &noisy, &other]);
        assert_eq!(dups, vec![Some(1), None, Some(1), None]);
        // Two copies, one truncated: the complete one is kept.
        assert_eq!(duplicates_of(&[&part[..], &base]), vec![Some(1), None]);
    }
}
