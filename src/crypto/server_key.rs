//! The server's own secret (for the receipt-code lookup hash), kept in a file beside the database.
//!
//! Every app server of one deployment must use the same file; a copied database
//! without it cannot even confirm a guessed receipt code.

use std::io::Write;
use std::path::Path;

use super::secret::SecretKey;

/// Reads the key, or makes one (readable by this user only) the first time.
pub fn load_or_create(path: &Path) -> anyhow::Result<SecretKey> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse(text.trim()).ok_or_else(|| {
            anyhow::anyhow!(
                "the secret key file {} must hold 64 hexadecimal characters",
                path.display()
            )
        }),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)?;
            }
            let key = SecretKey::generate();
            let hex = zeroize::Zeroizing::new(data_encoding::HEXLOWER.encode(key.as_bytes()));
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            let mut file = options.open(path).map_err(|e| {
                anyhow::anyhow!("cannot create the secret key file {}: {e}", path.display())
            })?;
            file.write_all(hex.as_bytes())?;
            file.sync_all()?;
            tracing::info!(path = %path.display(), "created a new server secret key");
            Ok(key)
        }
        Err(err) => Err(anyhow::anyhow!(
            "cannot read the secret key file {}: {err}",
            path.display()
        )),
    }
}

fn parse(hex: &str) -> Option<SecretKey> {
    let bytes = zeroize::Zeroizing::new(
        data_encoding::HEXLOWER_PERMISSIVE
            .decode(hex.as_bytes())
            .ok()?,
    );
    SecretKey::from_slice(&bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_made_once_and_then_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secret.key");
        let first = load_or_create(&path).unwrap();
        let again = load_or_create(&path).unwrap();
        assert_eq!(first, again);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "readable by others");
        }
    }

    #[test]
    fn a_damaged_key_file_stops_start_up() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secret.key");
        std::fs::write(&path, "not hex").unwrap();
        assert!(load_or_create(&path).is_err());
    }
}
