//! Signing in and the signed-in user's own account.

pub mod login;
pub mod settings;
