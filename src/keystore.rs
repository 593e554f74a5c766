//! The retention keystore: one file per school and retention period, in a directory beside
//! the server's secret key and never inside the database or its backups. Every app server
//! of a deployment shares the directory. Destroying a file shreds every copy of the
//! reports bound to it.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::crypto::retention::RetentionKey;
use crate::domain::ids::SchoolId;
use crate::domain::retention::Period;

/// The directory of retention keys.
#[derive(Debug)]
pub struct Keystore {
    dir: PathBuf,
    /// Keys new reports are bound to, so the submission path does not read a file each time.
    cache: Mutex<HashMap<(SchoolId, Period), RetentionKey>>,
}

fn private_options() -> std::fs::OpenOptions {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
}

impl Keystore {
    /// Opens (making it, readable by this user only, if need be) the keystore directory.
    pub fn open(dir: &Path) -> anyhow::Result<Self> {
        std::fs::create_dir_all(dir)
            .map_err(|e| anyhow::anyhow!("cannot create the keystore {}: {e}", dir.display()))?;
        #[cfg(unix)]
        std::fs::set_permissions(dir, std::os::unix::fs::PermissionsExt::from_mode(0o700))?;
        Ok(Keystore {
            dir: dir.to_owned(),
            cache: Mutex::default(),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, school: SchoolId, period: &Period) -> PathBuf {
        self.dir
            .join(school.to_string())
            .join(format!("{}.key", period.as_string()))
    }

    fn read(path: &Path) -> std::io::Result<Option<RetentionKey>> {
        match std::fs::read_to_string(path) {
            Ok(text) => {
                let bytes = data_encoding::HEXLOWER_PERMISSIVE
                    .decode(text.trim().as_bytes())
                    .map_err(|_| std::io::Error::other("a retention key file is damaged"))?;
                RetentionKey::from_bytes(&bytes)
                    .map(Some)
                    .map_err(|_| std::io::Error::other("a retention key file is damaged"))
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(err) => Err(err),
        }
    }

    /// The key to bind a report to, made the first time it is needed. Two servers making
    /// the same key at once agree: the file appears whole or not at all, and the second
    /// reads the first's.
    pub fn for_binding(&self, school: SchoolId, period: &Period) -> std::io::Result<RetentionKey> {
        let mut cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(key) = cache.get(&(school, *period)) {
            return Ok(key.clone());
        }
        let path = self.path(school, period);
        let key = match Self::read(&path)? {
            Some(key) => key,
            None => {
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                let key = RetentionKey::generate();
                let temporary = path.with_extension(format!("new-{}", rand::random::<u64>()));
                let mut file = private_options().open(&temporary)?;
                file.write_all(data_encoding::HEXLOWER.encode(key.as_bytes()).as_bytes())?;
                file.sync_all()?;
                drop(file);
                let linked = std::fs::hard_link(&temporary, &path);
                let _ = std::fs::remove_file(&temporary);
                match linked {
                    Ok(()) => {
                        sync_dir(path.parent());
                        key
                    }
                    Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
                        Self::read(&path)?
                            .ok_or_else(|| std::io::Error::other("a retention key vanished"))?
                    }
                    Err(err) => return Err(err),
                }
            }
        };
        // Only keys that new reports may still be bound to stay in memory.
        if !matches!(period, Period::Expiring(_)) {
            cache.insert((school, *period), key.clone());
        }
        Ok(key)
    }

    /// The key to open a report with, or `None` when it was destroyed.
    pub fn for_opening(
        &self,
        school: SchoolId,
        period: &Period,
    ) -> std::io::Result<Option<RetentionKey>> {
        if let Some(key) = self
            .cache
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&(school, *period))
        {
            return Ok(Some(key.clone()));
        }
        Self::read(&self.path(school, period))
    }

    /// Destroys a key: overwritten, synced and removed. `false` if there was none.
    pub fn destroy(&self, school: SchoolId, period: &Period) -> std::io::Result<bool> {
        self.cache
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&(school, *period));
        let path = self.path(school, period);
        let len = match std::fs::metadata(&path) {
            Ok(meta) => meta.len(),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(false),
            Err(err) => return Err(err),
        };
        // Overwriting helps on simple disks; on SSDs and copy-on-write file systems only
        // removal is certain, which is why nothing but this directory ever holds the key.
        let mut file = std::fs::OpenOptions::new().write(true).open(&path)?;
        file.write_all(&vec![0u8; usize::try_from(len).unwrap_or(64)])?;
        file.sync_all()?;
        drop(file);
        std::fs::remove_file(&path)?;
        sync_dir(path.parent());
        Ok(true)
    }

    /// Every key in the keystore.
    pub fn periods(&self) -> std::io::Result<Vec<(SchoolId, Period)>> {
        let mut found = Vec::new();
        for school in std::fs::read_dir(&self.dir)? {
            let school = school?;
            let Some(id) = school
                .file_name()
                .to_str()
                .and_then(|n| n.parse::<SchoolId>().ok())
            else {
                continue;
            };
            for key in std::fs::read_dir(school.path())? {
                let name = key?.file_name();
                let Some(period) = name
                    .to_str()
                    .and_then(|n| n.strip_suffix(".key"))
                    .and_then(Period::parse)
                else {
                    continue;
                };
                found.push((id, period));
            }
        }
        found.sort();
        Ok(found)
    }
}

fn sync_dir(dir: Option<&Path>) {
    if let Some(dir) = dir {
        if let Ok(handle) = std::fs::File::open(dir) {
            let _ = handle.sync_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::retention::Month;

    #[test]
    fn a_key_is_made_once_shared_and_destroyed_for_good() {
        let dir = tempfile::tempdir().unwrap();
        let one = Keystore::open(dir.path()).unwrap();
        let other = Keystore::open(dir.path()).unwrap();
        let period = Period::Expiring(Month {
            year: 2027,
            month: 3,
        });
        let key = one.for_binding(SchoolId(1), &period).unwrap();
        assert_eq!(
            other.for_opening(SchoolId(1), &period).unwrap(),
            Some(key.clone())
        );
        assert_eq!(other.for_binding(SchoolId(1), &period).unwrap(), key);
        assert_eq!(one.periods().unwrap(), vec![(SchoolId(1), period)]);
        assert!(one.destroy(SchoolId(1), &period).unwrap());
        assert_eq!(other.for_opening(SchoolId(1), &period).unwrap(), None);
        assert!(!one.destroy(SchoolId(1), &period).unwrap());
        assert!(one.periods().unwrap().is_empty());
    }
}
