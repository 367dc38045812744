//! yoy: checks Chinese government planning documents against each other,
//! year over year.
//!
//! The pipeline, one module per stage, data flowing one way:
//! corpus → text → structure → numbers → figures → time → metrics →
//! extract (all of the above per document) → frame → compare → findings →
//! analysis → report; `pipeline` runs them over a corpus batch by batch.
//! Every span the user sees is a byte range in a document's decoded text.

pub mod analysis;
pub mod baseline;
pub mod builtin;
pub mod compare;
pub mod corpus;
pub mod decimal;
pub mod escape;
pub mod extract;
pub mod figures;
pub mod findings;
pub mod frame;
pub mod lexicon;
pub mod magnitude;
pub mod marks;
pub mod messages;
pub mod metrics;
pub mod numbers;
pub mod outdir;
pub mod pipeline;
pub mod points;
pub mod read;
pub mod regions;
pub mod report;
pub mod spill;
pub mod structure;
pub mod text;
pub mod time;
pub mod timing;
pub mod verdict;
pub mod verify;
