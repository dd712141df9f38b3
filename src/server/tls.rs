//! Optional TLS for the reference server: a certificate chain and its private key, loaded from
//! PEM, made into the acceptor the accept loop ([`super::listen`]) runs each connection's
//! handshake with.
//!
//! Browsers, and the amazon-chime-sdk-js client (whose WebSocket URLs are always `wss://`), reach
//! a local endpoint only over TLS. The server speaks HTTP/1.1 alone, so ALPN offers `http/1.1`
//! and nothing else, whatever configuration it is given: a client that would rather speak HTTP/2
//! is told at the handshake, not by a connection that breaks after it.
//!
//! rustls is built with the aws-lc-rs provider (as reqwest's rustls is) named explicitly, since
//! other crates in the build turn on rustls's ring provider too, and with two providers compiled
//! in rustls cannot pick a default.

use rustls_pki_types::pem::{self, PemObject};
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use std::fmt;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls;

/// PEM files larger than this are refused unread: a certificate chain is a few KiB, and a path
/// such as `/dev/zero` must not hang the server or fill its memory.
pub const MAX_PEM_BYTES: u64 = 1024 * 1024;

/// The ALPN protocol the server offers: it serves HTTP/1.1 only.
pub const ALPN_HTTP_1_1: &[u8] = b"http/1.1";

/// A certificate and key to serve with, ready for every connection.
#[derive(Clone)]
pub struct Tls {
    config: Arc<rustls::ServerConfig>,
}

impl Tls {
    /// Loads a certificate chain (the server's certificate first) and its private key (PKCS#8,
    /// PKCS#1 or SEC1) from PEM files.
    pub fn from_pem_files(cert: impl AsRef<Path>, key: impl AsRef<Path>) -> Result<Tls, TlsError> {
        let cert_origin = Origin::file(Part::Certificate, cert.as_ref());
        let key_origin = Origin::file(Part::Key, key.as_ref());
        let cert_pem = read_limited(&cert_origin, cert.as_ref())?;
        let key_pem = read_limited(&key_origin, key.as_ref())?;
        build(&cert_pem, &cert_origin, &key_pem, &key_origin)
    }

    /// The same from PEM text in memory (a certificate a test has just made, say).
    pub fn from_pem(cert_pem: &[u8], key_pem: &[u8]) -> Result<Tls, TlsError> {
        build(
            cert_pem,
            &Origin::memory(Part::Certificate),
            key_pem,
            &Origin::memory(Part::Key),
        )
    }

    /// Serves with a rustls configuration of the caller's own (client certificates, a
    /// certificate resolver, other protocol versions); its ALPN protocols are replaced by
    /// `http/1.1`.
    pub fn from_rustls(mut config: rustls::ServerConfig) -> Tls {
        config.alpn_protocols = vec![ALPN_HTTP_1_1.to_vec()];
        Tls {
            config: Arc::new(config),
        }
    }

    /// The acceptor that runs each connection's handshake.
    pub fn acceptor(&self) -> TlsAcceptor {
        TlsAcceptor::from(self.config.clone())
    }

    /// The rustls configuration served with.
    pub fn rustls_config(&self) -> &rustls::ServerConfig {
        &self.config
    }
}

impl fmt::Debug for Tls {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The configuration holds the private key: show nothing of it.
        f.write_str("Tls { .. }")
    }
}

/// Two are equal when they are the same loaded configuration (rustls's cannot be compared).
impl PartialEq for Tls {
    fn eq(&self, other: &Tls) -> bool {
        Arc::ptr_eq(&self.config, &other.config)
    }
}

impl Eq for Tls {}

/// Why a certificate or key cannot be served with; each names the file at fault.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    #[error("cannot read {0}: {1}")]
    Read(Origin, io::Error),
    #[error("{0} is larger than {MAX_PEM_BYTES} bytes; a PEM certificate or key is a few KiB")]
    TooLarge(Origin),
    #[error("{0} is not valid PEM: {1}")]
    Pem(Origin, pem::Error),
    #[error("{0} holds no {expected}", expected = .0.part.expected())]
    Missing(Origin),
    #[error("{0} cannot be used: {1}")]
    Unusable(Origin, Box<rustls::Error>),
    #[error("the TLS provider cannot be set up: {0}")]
    Provider(Box<rustls::Error>),
    #[error("{key} does not belong to the certificate in {cert}")]
    Mismatch { key: Origin, cert: Origin },
}

impl TlsError {
    /// The file at fault (the key's for a key that does not fit its certificate), if the PEM
    /// came from a file.
    pub fn path(&self) -> Option<&Path> {
        let origin = match self {
            TlsError::Read(o, _)
            | TlsError::TooLarge(o)
            | TlsError::Pem(o, _)
            | TlsError::Missing(o)
            | TlsError::Unusable(o, _) => o,
            TlsError::Mismatch { key, .. } => key,
            TlsError::Provider(_) => return None,
        };
        origin.path.as_deref()
    }
}

/// Which of the two a message is about, and where it came from.
#[derive(Debug, Clone)]
pub struct Origin {
    part: Part,
    path: Option<PathBuf>,
}

impl Origin {
    fn file(part: Part, path: &Path) -> Origin {
        Origin {
            part,
            path: Some(path.to_path_buf()),
        }
    }

    fn memory(part: Part) -> Origin {
        Origin { part, path: None }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let part = match self.part {
            Part::Certificate => "certificate",
            Part::Key => "key",
        };
        match &self.path {
            Some(path) => write!(f, "the TLS {part} file {}", path.display()),
            None => write!(f, "the TLS {part} PEM"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Certificate,
    Key,
}

impl Part {
    fn expected(self) -> &'static str {
        match self {
            Part::Certificate => "certificate (a `-----BEGIN CERTIFICATE-----` section)",
            Part::Key => {
                "private key (a `-----BEGIN PRIVATE KEY-----`, `RSA PRIVATE KEY` or \
                 `EC PRIVATE KEY` section)"
            }
        }
    }
}

fn read_limited(origin: &Origin, path: &Path) -> Result<Vec<u8>, TlsError> {
    let failed = |e| TlsError::Read(origin.clone(), e);
    // A FIFO or a device would block the read or never end it: only a regular file will do.
    if !std::fs::metadata(path).map_err(failed)?.is_file() {
        return Err(failed(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file",
        )));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .map_err(failed)?
        .take(MAX_PEM_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(failed)?;
    if bytes.len() as u64 > MAX_PEM_BYTES {
        return Err(TlsError::TooLarge(origin.clone()));
    }
    Ok(bytes)
}

fn build(
    cert_pem: &[u8],
    cert_origin: &Origin,
    key_pem: &[u8],
    key_origin: &Origin,
) -> Result<Tls, TlsError> {
    let chain = CertificateDer::pem_slice_iter(cert_pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| TlsError::Pem(cert_origin.clone(), e))?;
    if chain.is_empty() {
        return Err(TlsError::Missing(cert_origin.clone()));
    }
    let key = PrivateKeyDer::from_pem_slice(key_pem).map_err(|e| match e {
        pem::Error::NoItemsFound => TlsError::Missing(key_origin.clone()),
        e => TlsError::Pem(key_origin.clone(), e),
    })?;
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| TlsError::Provider(Box::new(e)))?
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .map_err(|e| match e {
            rustls::Error::InconsistentKeys(_) => TlsError::Mismatch {
                key: key_origin.clone(),
                cert: cert_origin.clone(),
            },
            rustls::Error::InvalidCertificate(_) => {
                TlsError::Unusable(cert_origin.clone(), Box::new(e))
            }
            e => TlsError::Unusable(key_origin.clone(), Box::new(e)),
        })?;
    Ok(Tls::from_rustls(config))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A self-signed certificate for localhost: (certificate PEM, key PEM).
    fn pair() -> (String, String) {
        let made = rcgen::generate_simple_self_signed(vec!["localhost".into()])
            .expect("a self-signed certificate");
        (made.cert.pem(), made.signing_key.serialize_pem())
    }

    fn write(dir: &Path, name: &str, text: &[u8]) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("a temporary file");
        path
    }

    #[test]
    fn a_pair_from_files_loads_and_offers_http_1_1_only() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let (cert, key) = pair();
        let tls = Tls::from_pem_files(
            write(dir.path(), "cert.pem", cert.as_bytes()),
            write(dir.path(), "key.pem", key.as_bytes()),
        )
        .expect("the pair loads");
        assert_eq!(
            tls.rustls_config().alpn_protocols,
            vec![b"http/1.1".to_vec()]
        );
        assert_eq!(tls, tls.clone());
        assert_ne!(tls, Tls::from_pem(cert.as_bytes(), key.as_bytes()).unwrap());
        assert_eq!(format!("{tls:?}"), "Tls { .. }");
    }

    #[test]
    fn a_configuration_of_ones_own_gets_http_1_1_as_its_only_alpn() {
        let (cert, key) = pair();
        let mut config = Tls::from_pem(cert.as_bytes(), key.as_bytes())
            .unwrap()
            .rustls_config()
            .clone();
        config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
        let tls = Tls::from_rustls(config);
        assert_eq!(
            tls.rustls_config().alpn_protocols,
            vec![b"http/1.1".to_vec()]
        );
    }

    #[test]
    fn a_missing_file_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let (_, key) = pair();
        let missing = dir.path().join("nowhere.pem");
        let e = Tls::from_pem_files(&missing, write(dir.path(), "key.pem", key.as_bytes()))
            .unwrap_err();
        assert!(matches!(e, TlsError::Read(..)), "{e:?}");
        assert_eq!(e.path(), Some(missing.as_path()));
        let shown = e.to_string();
        assert!(
            shown.starts_with(&format!(
                "cannot read the TLS certificate file {}: ",
                missing.display()
            )),
            "{shown}"
        );
    }

    #[test]
    fn swapped_files_say_what_each_should_hold() {
        let dir = tempfile::tempdir().unwrap();
        let (cert, key) = pair();
        let cert_path = write(dir.path(), "cert.pem", cert.as_bytes());
        let key_path = write(dir.path(), "key.pem", key.as_bytes());
        let e = Tls::from_pem_files(&key_path, &cert_path).unwrap_err();
        assert!(matches!(e, TlsError::Missing(_)), "{e:?}");
        assert_eq!(e.path(), Some(key_path.as_path()));
        assert!(e.to_string().contains("holds no certificate"), "{e}");
        let e = Tls::from_pem_files(&cert_path, &cert_path).unwrap_err();
        assert_eq!(e.path(), Some(cert_path.as_path()));
        assert!(e.to_string().contains("holds no private key"), "{e}");
    }

    #[test]
    fn a_key_of_another_certificate_is_a_mismatch_naming_both_files() {
        let dir = tempfile::tempdir().unwrap();
        let (cert, _) = pair();
        let (_, other_key) = pair();
        let cert_path = write(dir.path(), "cert.pem", cert.as_bytes());
        let key_path = write(dir.path(), "key.pem", other_key.as_bytes());
        let e = Tls::from_pem_files(&cert_path, &key_path).unwrap_err();
        assert!(matches!(e, TlsError::Mismatch { .. }), "{e:?}");
        assert_eq!(e.path(), Some(key_path.as_path()));
        let shown = e.to_string();
        assert!(shown.contains(&key_path.display().to_string()), "{shown}");
        assert!(shown.contains(&cert_path.display().to_string()), "{shown}");
    }

    #[test]
    fn broken_pem_and_broken_der_are_told_apart_from_missing_sections() {
        let (cert, key) = pair();
        // A section whose base64 is damaged.
        let damaged = cert.replacen("MII", "M!I", 1);
        let e = Tls::from_pem(damaged.as_bytes(), key.as_bytes()).unwrap_err();
        assert!(matches!(e, TlsError::Pem(..)), "{e:?}");
        assert_eq!(e.path(), None);
        assert!(
            e.to_string()
                .starts_with("the TLS certificate PEM is not valid PEM")
        );
        // Valid PEM around bytes that are no certificate.
        let not_der = "-----BEGIN CERTIFICATE-----\naGVsbG8=\n-----END CERTIFICATE-----\n";
        let e = Tls::from_pem(not_der.as_bytes(), key.as_bytes()).unwrap_err();
        assert!(matches!(e, TlsError::Unusable(..)), "{e:?}");
        assert!(
            e.to_string()
                .starts_with("the TLS certificate PEM cannot be used")
        );
        let not_key = "-----BEGIN PRIVATE KEY-----\naGVsbG8=\n-----END PRIVATE KEY-----\n";
        let e = Tls::from_pem(cert.as_bytes(), not_key.as_bytes()).unwrap_err();
        assert!(matches!(e, TlsError::Unusable(..)), "{e:?}");
        assert!(e.to_string().starts_with("the TLS key PEM cannot be used"));
    }

    #[test]
    fn a_fifo_or_a_device_is_refused_without_being_opened() {
        let dir = tempfile::tempdir().unwrap();
        let (_, key) = pair();
        let key = write(dir.path(), "key.pem", key.as_bytes());
        let fifo = dir.path().join("cert.fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo makes a FIFO");
        // Opening a FIFO for reading blocks until a writer comes: this would hang if tried.
        for path in [fifo.as_path(), Path::new("/dev/zero")] {
            let e = Tls::from_pem_files(path, &key).unwrap_err();
            assert!(e.to_string().contains("not a regular file"), "{e}");
            assert_eq!(e.path(), Some(path));
        }
    }

    #[test]
    fn a_file_over_the_limit_is_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let (cert, key) = pair();
        let big = write(
            dir.path(),
            "big.pem",
            &vec![b'\n'; MAX_PEM_BYTES as usize + 1],
        );
        let e =
            Tls::from_pem_files(&big, write(dir.path(), "key.pem", key.as_bytes())).unwrap_err();
        assert!(matches!(e, TlsError::TooLarge(_)), "{e:?}");
        assert_eq!(e.path(), Some(big.as_path()));
        // Exactly at the limit is read (and then judged on what it holds).
        let mut padded = cert.into_bytes();
        padded.resize(MAX_PEM_BYTES as usize, b'\n');
        let at_limit = write(dir.path(), "padded.pem", &padded);
        assert!(Tls::from_pem_files(&at_limit, dir.path().join("key.pem")).is_ok());
    }
}
