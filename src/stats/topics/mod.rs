//! Topic models: LDA by collapsed Gibbs sampling ([`lda`]) and the labels
//! and summaries of fitted topics ([`labels`]).

pub mod labels;
pub mod lda;
