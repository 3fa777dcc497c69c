//! TLS beyond the system's trust roots: extra CA bundles (`SPACELIFT_API_TLS_CA`, else
//! `SSL_CERT_FILE`, as spacectl reads them) and the client certificate for mutual TLS
//! (`--tls-cert`/`--tls-key`, else `SPACELIFT_API_TLS_CERT`/`_KEY`). PEM is read by
//! `rustls-pki-types`; every message names the file (as the user gave it) and never quotes its
//! content.

use super::innermost;
use crate::FetchError;
use base64::Engine as _;
use rustls_pki_types::pem::{self, PemObject};
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use std::path::{Path, PathBuf};

/// A client certificate for mutual TLS: a PEM certificate chain and its private key, as two
/// files (or one file holding both, named twice). Only the paths are kept; the files are read
/// when the HTTP client is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientCertificate {
    pub certificate: PathBuf,
    pub key: PathBuf,
    /// Named by `--tls-cert`/`--tls-key` rather than the environment, for messages.
    from_flags: bool,
}

impl ClientCertificate {
    /// The flags' pair, else the environment's (`SPACELIFT_API_TLS_CERT`/`_KEY`): never one of
    /// each, since a certificate is useless with another's key. Half a pair is an error.
    pub fn resolve(
        certificate: Option<PathBuf>,
        key: Option<PathBuf>,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Option<ClientCertificate>, FetchError> {
        let (certificate, key, from_flags) = if certificate.is_some() || key.is_some() {
            (certificate, key, true)
        } else {
            let path = |name| {
                env(name)
                    .filter(|v| !v.trim().is_empty())
                    .map(PathBuf::from)
            };
            (
                path("SPACELIFT_API_TLS_CERT"),
                path("SPACELIFT_API_TLS_KEY"),
                false,
            )
        };
        let (cert_name, key_name) = Self::names(from_flags);
        match (certificate, key) {
            (Some(certificate), Some(key)) => Ok(Some(ClientCertificate {
                certificate,
                key,
                from_flags,
            })),
            (None, None) => Ok(None),
            (Some(certificate), None) => Err(FetchError::Client(format!(
                "{}: a client certificate needs its private key too ({key_name})",
                Self::label(cert_name, from_flags, &certificate)
            ))),
            (None, Some(key)) => Err(FetchError::Client(format!(
                "{}: a private key needs its client certificate too ({cert_name})",
                Self::label(key_name, from_flags, &key)
            ))),
        }
    }

    fn names(from_flags: bool) -> (&'static str, &'static str) {
        if from_flags {
            ("--tls-cert", "--tls-key")
        } else {
            ("SPACELIFT_API_TLS_CERT", "SPACELIFT_API_TLS_KEY")
        }
    }

    /// `--tls-cert client.pem` or `SPACELIFT_API_TLS_CERT=client.pem`, as the user wrote it.
    fn label(name: &str, from_flags: bool, path: &Path) -> String {
        let separator = if from_flags { ' ' } else { '=' };
        format!("{name}{separator}{}", path.display())
    }

    /// Read both files into the identity rustls presents: the certificates of one and the
    /// private key of the other, so a combined file works for both. No message quotes a
    /// file's content.
    pub(super) fn identity(&self) -> Result<reqwest::Identity, FetchError> {
        let (cert_name, key_name) = Self::names(self.from_flags);
        let cert_label = Self::label(cert_name, self.from_flags, &self.certificate);
        let key_label = Self::label(key_name, self.from_flags, &self.key);
        let read = |label: &str, path: &Path| {
            crate::files::read_bounded(path, crate::files::SMALL_FILE_LIMIT)
                .map_err(|e| FetchError::Client(format!("{label}: {e}")))
        };
        let certificates: Vec<CertificateDer<'static>> =
            CertificateDer::pem_slice_iter(&read(&cert_label, &self.certificate)?)
                .collect::<Result<_, _>>()
                .map_err(|e| not_pem(&cert_label, &e))?;
        if certificates.is_empty() {
            return Err(FetchError::Client(format!(
                "{cert_label}: no PEM certificate in it (expected -----BEGIN CERTIFICATE-----)"
            )));
        }
        let key_file = read(&key_label, &self.key)?;
        let mut keys: Vec<PrivateKeyDer<'static>> = PrivateKeyDer::pem_slice_iter(&key_file)
            .collect::<Result<_, _>>()
            .map_err(|e| not_pem(&key_label, &e))?;
        let key = match keys.len() {
            1 => keys.remove(0),
            // rustls-pki-types skips blocks it has no type for, an encrypted key among them.
            0 if contains(&key_file, b"-----BEGIN ENCRYPTED PRIVATE KEY-----") => {
                return Err(FetchError::Client(format!(
                    "{key_label}: the private key is encrypted; decrypt it first (openssl pkey -in KEY -out PLAIN)"
                )))
            }
            0 => {
                return Err(FetchError::Client(format!(
                    "{key_label}: no PEM private key in it (expected -----BEGIN PRIVATE KEY-----, or an RSA or EC one)"
                )))
            }
            n => {
                return Err(FetchError::Client(format!(
                    "{key_label}: {n} private keys in it; give the one that goes with the certificate"
                )))
            }
        };
        // reqwest takes an identity as PEM only: the blocks just read, and nothing else.
        let mut text: String = certificates
            .iter()
            .map(|certificate| pem_block("CERTIFICATE", certificate))
            .collect();
        let key_kind = match &key {
            PrivateKeyDer::Pkcs1(_) => "RSA PRIVATE KEY",
            PrivateKeyDer::Sec1(_) => "EC PRIVATE KEY",
            _ => "PRIVATE KEY",
        };
        text.push_str(&pem_block(key_kind, key.secret_der()));
        let unusable = |e: reqwest::Error| {
            FetchError::Client(format!(
                "{cert_label} with {key_label}: not a usable certificate and key ({})",
                innermost(&e)
            ))
        };
        let identity = reqwest::Identity::from_pem(text.as_bytes()).map_err(unusable)?;
        // `from_pem` only frames the blocks; rustls decodes the key (and checks that it goes
        // with the certificate) when a client is built. A client without trust roots costs
        // little, and says which files are wrong rather than "builder error" later.
        reqwest::Client::builder()
            .use_rustls_tls()
            .tls_built_in_root_certs(false)
            .identity(identity.clone())
            .build()
            .map_err(unusable)?;
        Ok(identity)
    }
}

/// A PEM file rustls-pki-types cannot read, said without quoting it (its own messages quote
/// the offending line).
fn not_pem(label: &str, error: &pem::Error) -> FetchError {
    let why = match error {
        pem::Error::MissingSectionEnd { .. } => "a block has no END line",
        pem::Error::IllegalSectionStart { .. } => "a BEGIN line is malformed",
        pem::Error::Base64Decode(_) => "a block is not base64",
        pem::Error::SectionTooLarge => "a block is too large",
        _ => "unreadable",
    };
    FetchError::Client(format!("{label}: not valid PEM ({why})"))
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// DER as a PEM block, 64 base64 characters a line.
fn pem_block(label: &str, der: &[u8]) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(der);
    let mut block = format!("-----BEGIN {label}-----\n");
    for line in encoded.as_bytes().chunks(64) {
        block.push_str(std::str::from_utf8(line).unwrap_or_default());
        block.push('\n');
    }
    block.push_str(&format!("-----END {label}-----\n"));
    block
}

/// The extra CA certificates to trust, as spacectl reads them: the PEM bundle named by
/// `SPACELIFT_API_TLS_CA`, else `SSL_CERT_FILE`; none when neither is set.
pub(super) fn extra_roots() -> Result<Vec<reqwest::Certificate>, FetchError> {
    let Some((variable, path)) = ["SPACELIFT_API_TLS_CA", "SSL_CERT_FILE"]
        .into_iter()
        .find_map(|variable| {
            std::env::var_os(variable)
                .filter(|v| !v.is_empty())
                .map(|path| (variable, PathBuf::from(path)))
        })
    else {
        return Ok(Vec::new());
    };
    let label = format!("{variable}={}", path.display());
    let pem = crate::files::read_bounded(&path, crate::files::CA_BUNDLE_LIMIT)
        .map_err(|e| FetchError::Client(format!("{label}: {e}")))?;
    CertificateDer::pem_slice_iter(&pem)
        .map(|certificate| {
            let certificate = certificate.map_err(|e| not_pem(&label, &e))?;
            reqwest::Certificate::from_der(&certificate).map_err(|e| {
                FetchError::Client(format!("{label}: not PEM certificates: {}", innermost(&e)))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Redactor;
    use crate::http::{HttpClient, HttpOptions};
    use crate::retry::RetryPolicy;
    use crate::test_env as vars;
    use std::time::Duration;

    const ENV_PAIR: &[(&str, &str)] = &[
        ("SPACELIFT_API_TLS_CERT", "/env/cert.pem"),
        ("SPACELIFT_API_TLS_KEY", "/env/key.pem"),
    ];

    #[test]
    fn the_flags_pair_beats_the_environment_pair_and_halves_are_errors() {
        let from_env = ClientCertificate::resolve(None, None, &vars(ENV_PAIR))
            .unwrap()
            .unwrap();
        assert_eq!(from_env.certificate, PathBuf::from("/env/cert.pem"));
        assert!(!from_env.from_flags);
        let from_flags =
            ClientCertificate::resolve(Some("c.pem".into()), Some("k.pem".into()), &vars(ENV_PAIR))
                .unwrap()
                .unwrap();
        assert_eq!(
            (from_flags.certificate, from_flags.key),
            ("c.pem".into(), "k.pem".into())
        );
        // A flag never pairs with the environment's other half.
        let e = ClientCertificate::resolve(Some("c.pem".into()), None, &vars(ENV_PAIR))
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "cannot set up the HTTP client: --tls-cert c.pem: a client certificate needs its private key too (--tls-key)"
        );
        let e = ClientCertificate::resolve(None, None, &vars(&[("SPACELIFT_API_TLS_KEY", "/k")]))
            .unwrap_err()
            .to_string();
        assert!(
            e.ends_with("SPACELIFT_API_TLS_KEY=/k: a private key needs its client certificate too (SPACELIFT_API_TLS_CERT)"),
            "{e}"
        );
        assert!(ClientCertificate::resolve(None, None, &vars(&[]))
            .unwrap()
            .is_none());
    }

    /// A certificate and its key from a throwaway CA-less self-signed pair.
    fn pair() -> (String, String) {
        let key = rcgen::KeyPair::generate().unwrap();
        let cert = rcgen::CertificateParams::new(vec!["client.test".into()])
            .unwrap()
            .self_signed(&key)
            .unwrap();
        (cert.pem(), key.serialize_pem())
    }

    fn files(dir: &Path, cert: &str, key: &str) -> ClientCertificate {
        std::fs::write(dir.join("cert.pem"), cert).unwrap();
        std::fs::write(dir.join("key.pem"), key).unwrap();
        ClientCertificate {
            certificate: dir.join("cert.pem"),
            key: dir.join("key.pem"),
            from_flags: true,
        }
    }

    #[test]
    fn a_certificate_and_its_key_make_an_identity_even_from_one_file() {
        let dir = tempfile::tempdir().unwrap();
        let (cert, key) = pair();
        assert!(files(dir.path(), &cert, &key).identity().is_ok());
        let combined = format!("Bag Attributes: openssl\n{key}{cert}");
        assert!(files(dir.path(), &combined, &combined).identity().is_ok());
        // And the HTTP client takes it.
        let options = HttpOptions {
            timeout: Duration::from_secs(1),
            retry: RetryPolicy::default(),
            headers: Vec::new(),
            tls: true,
            client_certificate: Some(files(dir.path(), &cert, &key)),
        };
        assert!(HttpClient::new(options, Redactor::default()).is_ok());
    }

    #[test]
    fn unusable_files_are_named_and_never_quoted() {
        let dir = tempfile::tempdir().unwrap();
        let (cert, key) = pair();
        let error = |c: &ClientCertificate| c.identity().unwrap_err().to_string();
        let missing = ClientCertificate {
            certificate: dir.path().join("nope.pem"),
            key: dir.path().join("key.pem"),
            from_flags: false,
        };
        let e = error(&missing);
        assert!(
            e.contains(&format!(
                "SPACELIFT_API_TLS_CERT={}/nope.pem: No such file",
                dir.path().display()
            )),
            "{e}"
        );
        let e = error(&files(dir.path(), "just text, not PEM", &key));
        assert!(
            e.ends_with(
                "cert.pem: no PEM certificate in it (expected -----BEGIN CERTIFICATE-----)"
            ),
            "{e}"
        );
        let e = error(&files(dir.path(), &cert, &cert));
        assert!(
            e.contains("--tls-key ") && e.contains("key.pem: no PEM private key in it"),
            "{e}"
        );
        assert!(!e.contains("MII"), "{e}");
        let encrypted =
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIabc\n-----END ENCRYPTED PRIVATE KEY-----\n";
        let e = error(&files(dir.path(), &cert, encrypted));
        assert!(e.contains("the private key is encrypted"), "{e}");
        let e = error(&files(dir.path(), &cert, &format!("{key}{key}")));
        assert!(e.contains("2 private keys in it"), "{e}");
        // PEM framing around garbage: rustls refuses it, and the message does not echo it.
        let garbage = "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n";
        let e = error(&files(dir.path(), &cert, garbage));
        assert!(e.contains("not a usable certificate and key"), "{e}");
        assert!(!e.contains("bm90IGEga2V5"), "{e}");
        // Someone else's key.
        let (_, other_key) = pair();
        let e = error(&files(dir.path(), &cert, &other_key));
        assert!(e.contains("not a usable certificate and key"), "{e}");
    }

    #[test]
    fn broken_pem_is_named_and_never_quoted() {
        let dir = tempfile::tempdir().unwrap();
        let (cert, key) = pair();
        let error = |c: &ClientCertificate| c.identity().unwrap_err().to_string();
        let unended = "-----BEGIN CERTIFICATE-----\nc2Vrcml0\n";
        let e = error(&files(dir.path(), unended, &key));
        assert!(
            e.ends_with("cert.pem: not valid PEM (a block has no END line)"),
            "{e}"
        );
        let not_base64 = "-----BEGIN PRIVATE KEY-----\nsekrit!!\n-----END PRIVATE KEY-----\n";
        let e = error(&files(dir.path(), &cert, not_base64));
        assert!(
            e.ends_with("key.pem: not valid PEM (a block is not base64)"),
            "{e}"
        );
        assert!(!e.contains("sekrit"), "{e}");
    }

    #[test]
    fn pem_blocks_are_what_rustls_pki_types_reads_back() {
        let (cert, _) = pair();
        let der = CertificateDer::from_pem_slice(cert.as_bytes()).unwrap();
        let block = pem_block("CERTIFICATE", &der);
        assert!(block.lines().all(|line| line.len() <= 64));
        assert_eq!(
            CertificateDer::from_pem_slice(block.as_bytes()).unwrap(),
            der
        );
    }
}
