//! Topic models: LDA by collapsed Gibbs sampling ([`lda`]) and the labels
//! and summaries of fitted topics ([`labels`]).

pub mod coherence;
pub mod labels;
pub mod lda;
