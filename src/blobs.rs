//! Where sealed pictures are kept: files in a directory (the default with SQLite), or rows
//! of the database (the default with PostgreSQL, so app servers need no shared disk and
//! `pg_dump` holds everything). Only sealed bytes ever reach either: nothing is written in
//! the clear, not even to a temporary file.

use std::io::Write;
use std::path::{Path, PathBuf};

/// A directory of sealed files, `<dir>/<2 characters>/<id>.<kind>`.
#[derive(Debug, Clone)]
pub struct FileBlobs {
    dir: PathBuf,
}

impl FileBlobs {
    pub fn open(dir: &Path) -> anyhow::Result<Self> {
        std::fs::create_dir_all(dir).map_err(|e| {
            anyhow::anyhow!("cannot create the picture store {}: {e}", dir.display())
        })?;
        #[cfg(unix)]
        std::fs::set_permissions(dir, std::os::unix::fs::PermissionsExt::from_mode(0o700))?;
        Ok(FileBlobs {
            dir: dir.to_owned(),
        })
    }

    fn path(&self, id: &str, kind: &str) -> PathBuf {
        let shard = id.get(..2).unwrap_or("00");
        self.dir.join(shard).join(format!("{id}.{kind}"))
    }

    /// Writes sealed bytes durably: whole or not at all.
    pub fn write(&self, id: &str, kind: &str, sealed: &[u8]) -> std::io::Result<()> {
        let path = self.path(id, kind);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let partial = path.with_extension(format!("{kind}.partial"));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&partial)?;
        file.write_all(sealed)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&partial, &path)?;
        if let Some(parent) = path.parent() {
            if let Ok(dir) = std::fs::File::open(parent) {
                let _ = dir.sync_all();
            }
        }
        Ok(())
    }

    pub fn read(&self, id: &str, kind: &str) -> std::io::Result<Vec<u8>> {
        std::fs::read(self.path(id, kind))
    }

    /// Removes a file; one already gone is fine.
    pub fn delete(&self, id: &str, kind: &str) -> std::io::Result<()> {
        match std::fs::remove_file(self.path(id, kind)) {
            Err(err) if err.kind() != std::io::ErrorKind::NotFound => Err(err),
            _ => Ok(()),
        }
    }
}

/// Where this deployment keeps sealed pictures.
#[derive(Debug, Clone)]
pub enum BlobStore {
    Files(FileBlobs),
    Database,
}

/// The files kept for each picture: the picture itself and its thumbnail.
pub const PICTURE_FILES: [&str; 2] = ["full", "thumb"];

impl BlobStore {
    /// Removes the files of these pictures: those written for a transaction that failed,
    /// or of a purged report. On the database store their rows go with their report's.
    pub fn remove_pictures(&self, ids: &[String]) {
        let BlobStore::Files(files) = self else {
            return;
        };
        for id in ids {
            for kind in PICTURE_FILES {
                if let Err(err) = files.delete(id, kind) {
                    tracing::warn!(error = %err, "a picture file could not be removed");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_written_whole_read_back_and_removed() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = FileBlobs::open(dir.path()).unwrap();
        blobs.write("abcdef", "full", b"sealed bytes").unwrap();
        assert_eq!(blobs.read("abcdef", "full").unwrap(), b"sealed bytes");
        blobs.delete("abcdef", "full").unwrap();
        blobs.delete("abcdef", "full").unwrap();
        assert!(blobs.read("abcdef", "full").is_err());
    }
}
