//! The words of the pupil pages in every language: Fluent catalogues
//! (`locales/<code>/pupil.ftl`, built in, or from a directory of a deployment's own),
//! a translator handle ([`Tr`]) the views take, and the completeness check translators
//! and tests run against English.

pub mod catalogue;
pub mod check;
pub mod review;

pub use catalogue::{Arg, Catalogue, CatalogueError, Catalogues, Tr};
pub use review::Review;
