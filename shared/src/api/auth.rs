//! Login, logout, the current user and password changes.

use serde::{Deserialize, Serialize};

use crate::roles::{Area, Role};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

/// The signed-in user, as the UI needs it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    /// Set for factory managers: the one factory they belong to.
    pub factory_id: Option<i64>,
    /// Set for buyers and union representatives: their organisation's name.
    pub organisation: Option<String>,
    /// True after an administrator reset the password: the user must choose a new one.
    pub must_change_password: bool,
    /// Anti-forgery token to send back in the `x-csrf-token` header.
    pub csrf_token: String,
    /// What the navigation shows, decided by the server from the role.
    pub areas: Vec<Area>,
}

impl CurrentUser {
    /// The user as the permission rules see them.
    pub fn actor(&self) -> crate::permissions::Actor {
        crate::permissions::Actor {
            user_id: self.id,
            role: self.role,
            factory_id: self.factory_id,
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ChangePasswordRequest {
    pub current_password: String,
    pub new_password: String,
}
