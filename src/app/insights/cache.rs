//! Audited figures kept in memory under the counters' version: auditing every school of a
//! deployment beside their sum takes a second or two, and its answer only changes when the
//! counters do, so a page recomputes it once per change, not once per view.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use super::book::Figure;
use crate::domain::ids::SchoolId;
use crate::domain::insight::Shown;

/// How many scopes are kept (each a few thousand figures).
const KEPT: usize = 32;

/// What an audited result depends on: the counters' version, the schools (and whether
/// they are the whole deployment) and the periods a person can choose today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub version: i64,
    pub schools: Vec<SchoolId>,
    pub everywhere: bool,
    pub periods: Vec<(i64, i64)>,
}

type Figures = Arc<BTreeMap<Figure, Shown>>;

/// One server's audited figures (each server keeps its own; the version comes from the
/// shared database, so none shows figures older than the counters it read).
#[derive(Default)]
pub struct FigureCache(Mutex<Vec<(Key, Figures)>>);

impl FigureCache {
    /// The figures audited under `key`, computed by `audit` if they are not kept yet.
    pub fn audited<E>(
        &self,
        key: Key,
        audit: impl FnOnce() -> Result<BTreeMap<Figure, Shown>, E>,
    ) -> Result<Figures, E> {
        if let Some(found) = self
            .lock()
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, f)| f.clone())
        {
            return Ok(found);
        }
        let figures = Arc::new(audit()?);
        let mut kept = self.lock();
        // Results of older versions can never be asked for again.
        kept.retain(|(k, _)| k.version >= key.version);
        if kept.len() >= KEPT {
            kept.remove(0);
        }
        kept.push((key, figures.clone()));
        Ok(figures)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<(Key, Figures)>> {
        // A panic while holding the lock leaves only a list of finished results behind.
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(version: i64, school: i64) -> Key {
        Key {
            version,
            schools: vec![SchoolId(school)],
            everywhere: false,
            periods: vec![(1, 2)],
        }
    }

    #[test]
    fn a_result_is_computed_once_per_version() {
        let cache = FigureCache::default();
        let mut runs = 0;
        for _ in 0..3 {
            cache
                .audited(key(900_001, 7), || {
                    runs += 1;
                    Ok::<_, ()>(BTreeMap::new())
                })
                .unwrap();
        }
        assert_eq!(runs, 1);
        cache
            .audited(key(900_002, 7), || {
                runs += 1;
                Ok::<_, ()>(BTreeMap::new())
            })
            .unwrap();
        assert_eq!(runs, 2, "a new version is audited afresh");
    }
}
