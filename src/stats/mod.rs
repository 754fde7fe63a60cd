//! The statistics: pure functions over the term-document matrix and the
//! documents' metadata. Each file names the formula it implements and the
//! reference implementation it is tested against.

pub mod colloc;
pub mod dist;
pub mod formulas;
pub mod freq;
pub mod keyness;
pub mod newwords;
pub mod ngrams;
pub mod periods;
pub mod rng;
pub mod similarity;
pub mod tfidf;
pub mod topics;
