//! Reading the claims of a JWT without verifying it, as spacectl does: the `aud` claim names the
//! Spacelift endpoint a token is for, `exp` when it stops working. Verifying is the server's job.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::Deserialize;

/// The claims schemalift reads.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Claims {
    /// The audiences (`aud` is a string or a list).
    pub audience: Vec<String>,
    /// Expiry, unix seconds.
    pub expires_at: Option<i64>,
}

#[derive(Deserialize)]
struct RawClaims {
    #[serde(default)]
    aud: Option<Audience>,
    #[serde(default)]
    exp: Option<f64>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Audience {
    One(String),
    Many(Vec<String>),
}

/// The claims of `token`, or `None` when it is not a JWT (three dot-separated base64url parts
/// with a JSON payload).
pub(super) fn claims(token: &str) -> Option<Claims> {
    let mut parts = token.trim().split('.');
    let (_header, payload, _signature) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let bytes = URL_SAFE_NO_PAD.decode(payload.trim_end_matches('=')).ok()?;
    let raw: RawClaims = serde_json::from_slice(&bytes).ok()?;
    Some(Claims {
        audience: match raw.aud {
            Some(Audience::One(one)) => vec![one],
            Some(Audience::Many(many)) => many,
            None => Vec::new(),
        },
        expires_at: raw.exp.map(|e| e as i64),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(payload: &str) -> String {
        format!(
            "{}.{}.sig",
            URL_SAFE_NO_PAD.encode(r#"{"alg":"HS256"}"#),
            URL_SAFE_NO_PAD.encode(payload)
        )
    }

    #[test]
    fn reads_audience_and_expiry() {
        let c = claims(&token(
            r#"{"aud":["https://acme.app.spacelift.io"],"exp":1700000000,"sub":"x"}"#,
        ))
        .unwrap();
        assert_eq!(c.audience, ["https://acme.app.spacelift.io"]);
        assert_eq!(c.expires_at, Some(1_700_000_000));
        let c = claims(&token(r#"{"aud":"https://b.app.spacelift.io"}"#)).unwrap();
        assert_eq!(c.audience, ["https://b.app.spacelift.io"]);
        assert_eq!(c.expires_at, None);
    }

    #[test]
    fn rejects_what_is_not_a_jwt() {
        assert_eq!(claims("ghp_plainToken"), None);
        assert_eq!(claims("a.b"), None);
        assert_eq!(claims("a.!!!.c"), None);
        assert_eq!(claims(&format!("{}.x", token("{}"))), None);
    }
}
