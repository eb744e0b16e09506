//! Pure rules of the programme: no I/O, unit-tested where they live.

pub mod factory_import;
pub mod passwords;
pub mod permissions;
pub mod throttle;
pub mod tokens;
