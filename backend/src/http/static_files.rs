//! Serves the built web app: hashed assets cached for a year, everything else revalidated,
//! and `index.html` for any other path so that deep links such as `/factories/12` load the app.

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
        .fallback_service(ServeDir::new(static_dir).fallback(ServeFile::new(index)))
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
    use super::is_hashed_asset;

    #[test]
    fn only_hashed_assets_are_cached_forever() {
        assert!(is_hashed_asset("/frontend-3f9a2b7c1d4e5f60_bg.wasm"));
        assert!(is_hashed_asset("/main-0123456789abcdef.css"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/factories/12"));
        assert!(!is_hashed_asset("/fonts/noto-sans-khmer.woff2"));
    }
}
