//! `/api/public-site`: the generated public transparency site, for administrators.

use serde::{Deserialize, Serialize};

/// One generation of the public site, as its manifest records it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PublicSiteGeneration {
    /// 1 for the first generation; each next one chains to the one before.
    pub sequence: i64,
    /// Unix seconds.
    pub generated_at: i64,
    /// Unix seconds: the latest publication the site includes.
    pub latest_publication_at: Option<i64>,
    pub published_reports: i64,
    pub factories_named: i64,
    pub files: i64,
}

/// Where the public site is and what it holds now.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PublicSiteStatus {
    /// Address the public reads the site at (`IMS_SITE_URL`).
    pub url: String,
    /// The latest generation; `None` before the first.
    pub latest: Option<PublicSiteGeneration>,
    /// Whether every publication writes a new generation (`IMS_SITE_AFTER_PUBLICATION`).
    pub after_publication: bool,
}
