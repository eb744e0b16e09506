//! Security headers on every response: a Content-Security-Policy under which the web app
//! (WebAssembly and ECharts) runs with no inline script but Trunk's one start-up script,
//! allowed by its hash; no framing; no MIME sniffing; no referrer to other sites; and HSTS
//! where cookies are marked secure (the site is served over HTTPS).

use std::path::Path;

use axum::http::{header, HeaderName, HeaderValue};
use base64::Engine;
use sha2::{Digest, Sha256};
use tower_http::set_header::SetResponseHeaderLayer;

/// The `'sha256-…'` sources of the inline `<script>` elements of the built `index.html`
/// (Trunk writes one that loads the WebAssembly module).
pub fn inline_script_hashes(index_html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = index_html;
    while let Some(start) = rest.find("<script") {
        let after_open = &rest[start..];
        let Some(tag_end) = after_open.find('>') else {
            break;
        };
        let body_and_rest = &after_open[tag_end + 1..];
        let Some(close) = body_and_rest.find("</script>") else {
            break;
        };
        let body = &body_and_rest[..close];
        if !body.trim().is_empty() {
            let digest = Sha256::digest(body.as_bytes());
            hashes.push(format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            ));
        }
        rest = &body_and_rest[close..];
    }
    hashes
}

/// The policy: everything from this origin only; WebAssembly may be compiled; styles may be
/// set inline (ECharts and the app position elements with `style` attributes).
pub fn content_security_policy(script_hashes: &[String]) -> String {
    let mut script_src = vec!["'self'".to_owned(), "'wasm-unsafe-eval'".to_owned()];
    script_src.extend(script_hashes.iter().cloned());
    format!(
        "default-src 'self'; script-src {}; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
        script_src.join(" ")
    )
}

/// The headers to set on every response, given where the web app is and whether cookies
/// are secure.
pub fn headers(static_dir: &Path, cookie_secure: bool) -> Vec<(HeaderName, HeaderValue)> {
    let index = std::fs::read_to_string(static_dir.join("index.html")).unwrap_or_default();
    let policy = content_security_policy(&inline_script_hashes(&index));
    let mut headers = vec![
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_str(&policy).expect("the policy is ASCII"),
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
    ];
    if cookie_secure {
        headers.push((
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        ));
    }
    headers
}

/// One layer per header, each overriding whatever a handler set.
pub fn layers(static_dir: &Path, cookie_secure: bool) -> Vec<SetResponseHeaderLayer<HeaderValue>> {
    headers(static_dir, cookie_secure)
        .into_iter()
        .map(|(name, value)| SetResponseHeaderLayer::overriding(name, value))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_hashed_and_external_ones_are_not() {
        let html = r#"<head><script src="/echarts-1.js"></script>
<script type="module">import init from '/app.js';</script></head>"#;
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes.len(), 1);
        let expected = base64::engine::general_purpose::STANDARD
            .encode(Sha256::digest(b"import init from '/app.js';"));
        assert_eq!(hashes[0], format!("'sha256-{expected}'"));
    }

    #[test]
    fn the_policy_forbids_framing_and_inline_script() {
        let policy = content_security_policy(&["'sha256-abc'".to_owned()]);
        assert!(policy.contains("frame-ancestors 'none'"));
        assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc';"));
        assert!(!policy.contains("script-src 'self' 'unsafe-inline'"));
    }
}
