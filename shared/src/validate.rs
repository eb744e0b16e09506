//! Input rules that the browser checks as the user types and the server enforces.
//!
//! Each validator returns translation codes (`validation.<code>` in `locales/`), so the
//! form shows exactly the error the API would have returned, in the user's language.

use crate::error::FieldError;

/// Passwords are used as the only factor, so NIST SP 800-63B asks for at least 15 characters.
/// Long passphrases and any character (spaces, quotes, Khmer, Chinese) are welcome.
pub const PASSWORD_MIN_CHARS: usize = 15;
/// Long enough for any passphrase, short enough to keep hashing cheap.
pub const PASSWORD_MAX_CHARS: usize = 256;

/// Words and keyboard walks that attackers try first. A password is refused when it is
/// one of these, or one of these followed only by digits and punctuation.
const COMMON_PASSWORD_STEMS: &[&str] = &[
    "password",
    "passw0rd",
    "p@ssw0rd",
    "p@ssword",
    "pass",
    "qwerty",
    "qwertyuiop",
    "asdfgh",
    "asdfghjkl",
    "zxcvbnm",
    "azerty",
    "letmein",
    "welcome",
    "iloveyou",
    "admin",
    "administrator",
    "monkey",
    "dragon",
    "football",
    "baseball",
    "sunshine",
    "princess",
    "shadow",
    "master",
    "superman",
    "trustno1",
    "abc",
    "abcdef",
    "abcdefg",
    "abcdefgh",
    "abcdefghijklmnop",
    "secret",
    "changeme",
    "default",
    "login",
    "user",
    "test",
    "guest",
    "root",
    "cambodia",
    "phnompenh",
    "factory",
    "garment",
    "betterfactories",
    "betterwork",
    "ilo",
    "khmer",
    "china",
    "qazwsx",
    "1qaz2wsx",
    "1q2w3e4r",
    "1q2w3e4r5t",
    "zaq12wsx",
    "q1w2e3r4t5y6",
    "michael",
    "jennifer",
    "computer",
    "internet",
    "starwars",
    "whatever",
    "freedom",
    "hello",
    "charlie",
    "donald",
    "batman",
    "loveme",
    "lovely",
    "flower",
    "summer",
    "winter",
    "spring",
    "autumn",
    "mustang",
    "access",
    "ninja",
    "hunter",
    "killer",
    "jordan",
    "pokemon",
    "maggie",
    "ginger",
    "samsung",
    "apple",
    "google",
    "facebook",
    "correcthorsebatterystaple",
    "thequickbrownfox",
];

/// Whole passwords seen at the top of breached-password lists that the stem rule misses.
const COMMON_PASSWORDS: &[&str] = &[
    "123456789012345",
    "1234567890123456",
    "12345678901234567890",
    "098765432109876",
    "qwertyuiopasdfg",
    "qwertyuiopasdfghjkl",
    "1qaz2wsx3edc4rfv",
    "iloveyouiloveyou",
    "passwordpassword",
    "aaaaaaaaaaaaaaaa",
    "qwerty123456789",
    "password123456789",
    "abc123abc123abc123",
];

/// Every code the validators return; each has a `validation.<code>` text in every language.
pub const VALIDATION_CODES: &[&str] = &[
    "required",
    "too_long",
    "password_too_short",
    "password_too_long",
    "password_common",
    "password_contains_username",
    "username_length",
    "username_characters",
    "username_taken",
    "email_invalid",
    "role_unknown",
    "factory_required",
    "factory_unknown",
    "organisation_required",
    "organisation_unknown",
    "current_password_wrong",
    "password_unchanged",
    "province_unknown",
    "product_type_unknown",
    "status_unknown",
    "coordinates_outside_cambodia",
    "coordinates_incomplete",
    "workers_out_of_range",
    "percent_out_of_range",
    "country_code_invalid",
    "number_invalid",
    "yes_no_invalid",
    "duplicate_in_file",
    "duplicate_of_registered",
    "columns_missing",
    "file_unreadable",
    "date_invalid",
    "holiday_exists",
    "not_a_finding",
];

/// Checks a new password for `username`. Returns the translation codes of every rule broken.
pub fn password_problems(username: &str, password: &str) -> Vec<&'static str> {
    let mut problems = Vec::new();
    let length = password.chars().count();
    if length < PASSWORD_MIN_CHARS {
        problems.push("password_too_short");
    }
    if length > PASSWORD_MAX_CHARS {
        problems.push("password_too_long");
    }
    if is_common_password(password) {
        problems.push("password_common");
    }
    let lowered = password.to_lowercase();
    let user = username.trim().to_lowercase();
    if user.chars().count() >= 3 && lowered.contains(&user) {
        problems.push("password_contains_username");
    }
    problems
}

/// True for passwords that appear on breached-password lists or follow their patterns.
pub fn is_common_password(password: &str) -> bool {
    let lowered = password.to_lowercase();
    if COMMON_PASSWORDS.contains(&lowered.as_str()) {
        return true;
    }
    let mut distinct = lowered.chars().collect::<Vec<_>>();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() <= 2 {
        return true;
    }
    if is_run_of_digits(&lowered) {
        return true;
    }
    let stem = lowered.trim_end_matches(|c: char| c.is_ascii_digit() || c.is_ascii_punctuation());
    let stem = stem.trim_start_matches(|c: char| c.is_ascii_digit() || c.is_ascii_punctuation());
    if stem.is_empty() || COMMON_PASSWORD_STEMS.contains(&stem) {
        return true;
    }
    // A stem repeated ("welcomewelcome2024") is as weak as the stem itself.
    COMMON_PASSWORD_STEMS
        .iter()
        .any(|common| stem.len() > common.len() && stem.replace(common, "").is_empty())
}

/// "1234567890123" or "9876543210987": digits that only count up or down.
fn is_run_of_digits(value: &str) -> bool {
    let digits: Vec<u32> = value.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != value.chars().count() || digits.len() < 2 {
        return false;
    }
    let up = digits.windows(2).all(|pair| (pair[0] + 1) % 10 == pair[1]);
    let down = digits.windows(2).all(|pair| (pair[1] + 1) % 10 == pair[0]);
    up || down
}

/// User names are permanent identifiers: 3 to 40 lowercase letters, digits, `.`, `_` or `-`.
pub fn username_problem(username: &str) -> Option<&'static str> {
    let length = username.chars().count();
    if length == 0 {
        return Some("required");
    }
    if !(3..=40).contains(&length) {
        return Some("username_length");
    }
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c);
    if !username.chars().all(allowed) {
        return Some("username_characters");
    }
    None
}

/// A display name may be in any script, but not empty or absurdly long.
pub fn display_name_problem(name: &str) -> Option<&'static str> {
    let length = name.trim().chars().count();
    if length == 0 {
        Some("required")
    } else if length > 120 {
        Some("too_long")
    } else {
        None
    }
}

/// A light check: one `@`, something on each side, a dot in the domain, no spaces.
pub fn email_problem(email: &str) -> Option<&'static str> {
    let email = email.trim();
    let Some((local, domain)) = email.split_once('@') else {
        return Some("email_invalid");
    };
    let valid = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.contains(char::is_whitespace)
        && !domain.contains('@')
        && email.len() <= 254;
    (!valid).then_some("email_invalid")
}

/// Collects field errors in the order the form shows its fields.
#[derive(Default)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn add(&mut self, field: &str, code: Option<&'static str>) {
        if let Some(code) = code {
            self.0.push(FieldError::new(field, code));
        }
    }

    pub fn add_all(&mut self, field: &str, codes: Vec<&'static str>) {
        for code in codes {
            self.0.push(FieldError::new(field, code));
        }
    }

    pub fn into_result(self) -> Result<(), Vec<FieldError>> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }
}

/// What is wrong with a new account on its own, before the database is asked whether the
/// user name is free and the factory or organisation exists.
pub fn new_user_problems(request: &crate::api::users::CreateUserRequest) -> Vec<FieldError> {
    use crate::roles::Role;
    let mut errors = FieldErrors::default();
    errors.add("username", username_problem(&request.username));
    errors.add("display_name", display_name_problem(&request.display_name));
    if let Some(email) = request
        .email
        .as_deref()
        .filter(|email| !email.trim().is_empty())
    {
        errors.add("email", email_problem(email));
    }
    let role = Role::parse(&request.role);
    errors.add("role", role.is_none().then_some("role_unknown"));
    if role == Some(Role::FactoryManager) && request.factory_id.is_none() {
        errors.add("factory_id", Some("factory_required"));
    }
    if matches!(role, Some(Role::Buyer | Role::UnionRepresentative))
        && request.organisation_id.is_none()
    {
        errors.add("organisation_id", Some("organisation_required"));
    }
    errors.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_passphrase_with_spaces_and_quotes_is_accepted() {
        assert!(password_problems("sokha", "rice fields \"after\" the rain").is_empty());
    }

    #[test]
    fn a_khmer_passphrase_counts_characters_not_bytes() {
        let khmer = "ស្រូវក្នុងវាលស្រែពេលភ្លៀង";
        assert!(khmer.chars().count() >= PASSWORD_MIN_CHARS);
        assert!(password_problems("sokha", khmer).is_empty());
    }

    #[test]
    fn short_passwords_are_refused() {
        assert_eq!(
            password_problems("sokha", "tiger lily"),
            vec!["password_too_short"]
        );
    }

    #[test]
    fn the_old_twelve_character_limit_is_gone() {
        let long = "a sentence that is much longer than twelve characters";
        assert!(password_problems("sokha", long).is_empty());
        let too_long = "x".repeat(PASSWORD_MAX_CHARS) + "yz";
        assert!(password_problems("sokha", &too_long).contains(&"password_too_long"));
    }

    #[test]
    fn common_passwords_and_their_padded_forms_are_refused() {
        for weak in [
            "password1234567",
            "Password!!!!!!!2024",
            "123456789012345",
            "qwertyqwertyqwerty",
            "aaaaaaaaaaaaaaaaaa",
            "abababababababab",
            "welcomewelcome2024",
            "9876543210987654",
        ] {
            assert!(is_common_password(weak), "{weak} should be refused");
        }
        assert!(!is_common_password("mango trees by the mekong"));
    }

    #[test]
    fn a_password_containing_the_username_is_refused() {
        let problems = password_problems("dara.monitor", "my name is dara.monitor ok");
        assert_eq!(problems, vec!["password_contains_username"]);
    }

    #[test]
    fn usernames_are_lowercase_identifiers() {
        assert_eq!(username_problem("dara.monitor"), None);
        assert_eq!(username_problem(""), Some("required"));
        assert_eq!(username_problem("ab"), Some("username_length"));
        assert_eq!(username_problem("Dara"), Some("username_characters"));
        assert_eq!(
            username_problem("dara monitor"),
            Some("username_characters")
        );
    }

    #[test]
    fn emails_need_a_domain() {
        assert_eq!(email_problem("contact@factory.com.kh"), None);
        assert_eq!(email_problem("contact.factory.com"), Some("email_invalid"));
        assert_eq!(email_problem("contact@localhost"), Some("email_invalid"));
        assert_eq!(email_problem("a b@factory.com"), Some("email_invalid"));
    }

    #[test]
    fn a_new_account_needs_the_link_its_role_requires() {
        let request =
            |role: &str, factory_id, organisation_id| crate::api::users::CreateUserRequest {
                username: "sokha.chan".into(),
                display_name: "Sokha Chan".into(),
                role: role.into(),
                email: Some("  ".into()),
                factory_id,
                organisation_id,
            };
        let fields = |problems: Vec<FieldError>| {
            problems
                .into_iter()
                .map(|problem| format!("{}:{}", problem.field, problem.code))
                .collect::<Vec<_>>()
        };
        assert!(new_user_problems(&request("monitor", None, None)).is_empty());
        assert_eq!(
            fields(new_user_problems(&request("factory_manager", None, None))),
            ["factory_id:factory_required"]
        );
        assert_eq!(
            fields(new_user_problems(&request("buyer", Some(1), None))),
            ["organisation_id:organisation_required"]
        );
        assert_eq!(
            fields(new_user_problems(&request("root", None, None))),
            ["role:role_unknown"]
        );
    }
}
