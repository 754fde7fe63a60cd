//! Topic models: LDA by collapsed Gibbs sampling ([`lda`]), NMF on TF-IDF
//! ([`nmf`]), coherence ([`coherence`]) and labels ([`labels`]).

pub mod coherence;
pub mod labels;
pub mod lda;
pub mod nmf;
