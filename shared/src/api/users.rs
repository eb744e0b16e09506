//! User administration.

use serde::{Deserialize, Serialize};

use crate::roles::Role;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserSummary {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub email: Option<String>,
    pub factory_id: Option<i64>,
    pub organisation_id: Option<i64>,
    pub must_change_password: bool,
    /// Unix seconds.
    pub created_at: i64,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct CreateUserRequest {
    pub username: String,
    pub display_name: String,
    /// Stored role name, see [`Role::as_str`].
    pub role: String,
    #[serde(default)]
    pub email: Option<String>,
    /// Required for factory managers.
    #[serde(default)]
    pub factory_id: Option<i64>,
    /// Required for buyers and union representatives.
    #[serde(default)]
    pub organisation_id: Option<i64>,
}

/// A new account, or a reset one: the temporary password is shown once to the administrator.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TemporaryPasswordResponse {
    pub user: UserSummary,
    pub temporary_password: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrganisationSummary {
    pub id: i64,
    pub name: String,
    /// buyer, vendor, head_office or union.
    pub kind: String,
}
