//! Pure rules of the programme: no I/O, unit-tested where they live.

pub mod passwords;
pub mod permissions;
pub mod throttle;
pub mod tokens;
