//! A small, fixed pseudo-random generator (SplitMix64): the same numbers on
//! every machine, and cheap to start anywhere, so a random stream can be
//! keyed by (seed, sweep, document) — results then depend on the seed only,
//! never on how work is split between threads.

/// SplitMix64 (Steele, Lea & Flood 2014).
#[derive(Debug, Clone)]
pub struct SplitMix(pub u64);

impl SplitMix {
    /// A stream keyed by several numbers (e.g. seed, sweep, document).
    pub fn keyed(keys: &[u64]) -> SplitMix {
        let mut state = 0x243F_6A88_85A3_08D3u64;
        for &k in keys {
            state = SplitMix(state ^ k).next_u64();
        }
        SplitMix(state)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in 0..n.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// Fisher–Yates shuffle.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            v.swap(i, self.below(i + 1));
        }
    }
}
