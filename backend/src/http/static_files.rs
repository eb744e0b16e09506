//! Serves the built web app: hashed assets cached for a year, everything else revalidated,
//! and `index.html` for any other path so that deep links such as `/factories/12` load the app.
//! The build writes brotli and gzip copies of every text asset (`scripts/precompress.mjs`);
//! they are sent as they are to browsers that accept them, never compressed per request.

use std::path::Path;

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use tower_http::services::{ServeDir, ServeFile};

pub fn service(static_dir: &Path) -> Router {
    let index = static_dir.join("index.html");
    Router::new()
        .fallback_service(
            ServeDir::new(static_dir)
                .precompressed_br()
                .precompressed_gzip()
                .fallback(
                    ServeFile::new(index)
                        .precompressed_br()
                        .precompressed_gzip(),
                ),
        )
        .layer(middleware::from_fn(cache_headers))
}

/// Trunk names built assets `name-<hex hash>.ext` (the hash drops leading zeros, so its length
/// varies); their content never changes under a name.
pub fn is_hashed_asset(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    let stem = file.split('.').next().unwrap_or(file);
    // The WebAssembly file is `name-<hash>_bg.wasm`.
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        let hash = hash.trim_end_matches("_bg");
        hash.len() >= 12 && hash.chars().all(|c| c.is_ascii_hexdigit())
    })
}

async fn cache_headers(request: Request, next: Next) -> Response {
    let immutable = is_hashed_asset(request.uri().path());
    let mut response = next.run(request).await;
    let value = if immutable && response.status().is_success() {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    response
}

#[cfg(test)]
mod tests {
    use super::{is_hashed_asset, service};
    use axum::body::Body;
    use axum::http::{header, Request};
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    /// The body and content encoding of `path` for a browser accepting `accept`.
    async fn fetch(dir: &std::path::Path, path: &str, accept: &str) -> (Vec<u8>, Option<String>) {
        let request = Request::get(path)
            .header(header::ACCEPT_ENCODING, accept)
            .body(Body::empty())
            .expect("a request");
        let response = service(dir).oneshot(request).await.expect("an answer");
        let encoding = response
            .headers()
            .get(header::CONTENT_ENCODING)
            .map(|v| v.to_str().unwrap_or_default().to_owned());
        let body = response.into_body().collect().await.expect("a body");
        (body.to_bytes().to_vec(), encoding)
    }

    #[tokio::test]
    async fn precompressed_copies_are_sent_to_browsers_that_accept_them() {
        let dir = std::env::temp_dir().join(format!("ims-static-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a folder");
        for (name, body) in [
            ("index.html", "<html>app</html>"),
            ("index.html.br", "brotli index"),
            ("app-0123456789abcdef.js", "plain script"),
            ("app-0123456789abcdef.js.br", "brotli script"),
            ("app-0123456789abcdef.js.gz", "gzip script"),
        ] {
            std::fs::write(dir.join(name), body).expect("a file");
        }
        let js = "/app-0123456789abcdef.js";
        assert_eq!(
            fetch(&dir, js, "gzip, deflate, br").await,
            (b"brotli script".to_vec(), Some("br".to_owned()))
        );
        assert_eq!(
            fetch(&dir, js, "gzip").await,
            (b"gzip script".to_vec(), Some("gzip".to_owned()))
        );
        assert_eq!(fetch(&dir, js, "").await, (b"plain script".to_vec(), None));
        // A deep link gets the app's page, precompressed too.
        assert_eq!(
            fetch(&dir, "/factories/12", "br").await,
            (b"brotli index".to_vec(), Some("br".to_owned()))
        );
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn only_hashed_assets_are_cached_forever() {
        assert!(is_hashed_asset("/frontend-3f9a2b7c1d4e5f60_bg.wasm"));
        assert!(is_hashed_asset("/main-0123456789abcdef.css"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/factories/12"));
        assert!(!is_hashed_asset("/fonts/noto-sans-khmer.woff2"));
    }
}
