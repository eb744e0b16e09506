//! Password hashing with Argon2id, and the temporary passwords administrators hand out.

use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use rand::Rng;

/// Hashes a password with Argon2id and a fresh salt (PHC string format).
pub fn hash(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("Argon2 with default parameters accepts any password")
        .to_string()
}

/// True when `password` matches the stored PHC hash.
pub fn verify(password: &str, stored_hash: &str) -> bool {
    PasswordHash::new(stored_hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash of a password nobody knows, checked when a user name does not exist so that a
/// wrong user name takes as long to refuse as a wrong password.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash("decoy password that matches no account"))
}

/// Letters and digits that cannot be confused when read aloud or copied by hand.
const UNAMBIGUOUS: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// A one-time password such as `k7mq-x3ta-9vbe-hw2p`: 16 random characters (about 79 bits)
/// in groups, easy to dictate over the phone, valid until the user chooses their own.
pub fn temporary_password() -> String {
    let mut rng = rand::thread_rng();
    (0..4)
        .map(|_| {
            (0..4)
                .map(|_| UNAMBIGUOUS[rng.gen_range(0..UNAMBIGUOUS.len())] as char)
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let stored = hash("rice fields after the rain");
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("rice fields after the rain", &stored));
        assert!(!verify("rice fields after the rain!", &stored));
        assert!(!verify("anything", "not a hash"));
    }

    #[test]
    fn temporary_passwords_are_long_random_and_pass_the_rules() {
        let first = temporary_password();
        assert_eq!(first.chars().count(), 19);
        assert_ne!(first, temporary_password());
        assert!(
            shared::validate::password_problems("someone", &first).is_empty(),
            "{first}"
        );
    }
}
