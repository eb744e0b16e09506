//! Importing factories from a CSV file: reading, tidying and checking every row.
//!
//! Real registry files are messy (see `backend/tests/fixtures/cambodia_facilities_sample.csv`):
//! names typed in lowercase, double spaces, provinces only mentioned somewhere in the
//! address, the same factory listed twice under slightly different names. This module
//! tidies what can be tidied without guessing and refuses the whole file, with every
//! problem found, when anything cannot be. There are no half imports.

use std::collections::HashMap;

use shared::factory::{factory_input_problems, FactoryInput, ImportRowError};

/// A factory already in the registry, for duplicate detection.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RegisteredFactory {
    pub id: i64,
    pub name: String,
    pub registration_number: Option<String>,
    pub osh_id: Option<String>,
}

/// Columns a file must have (after aliases): without them no row can be understood.
const REQUIRED_COLUMNS: [&str; 2] = ["name", "address"];

/// Accepted column names (lowercase) and the field each one fills.
const COLUMN_ALIASES: &[(&str, &str)] = &[
    ("name", "name"),
    ("local_name", "local_name"),
    ("registration_number", "registration_number"),
    ("osh_id", "osh_id"),
    ("os_id", "osh_id"),
    ("address", "address"),
    ("province", "province"),
    ("lat", "latitude"),
    ("latitude", "latitude"),
    ("lng", "longitude"),
    ("lon", "longitude"),
    ("longitude", "longitude"),
    ("sector", "product_type"),
    ("product_type", "product_type"),
    ("ownership_country", "ownership_country"),
    ("export_licence", "export_licence"),
    ("export_license", "export_licence"),
    ("total_workers", "total_workers"),
    ("workers", "total_workers"),
    ("women_share_percent", "women_share_percent"),
    ("women_percent", "women_share_percent"),
    ("union_presence", "union_presence"),
    ("contact_email", "contact_email"),
    ("email", "contact_email"),
    ("needs_paper_copy", "needs_paper_copy"),
    ("status", "status"),
    ("country_code", "country_code"),
];

/// Spellings of each province found in real files, written as lowercase letters only
/// (spaces and punctuation are ignored when matching). Each stored name is listed too.
/// Spellings must be exact: "Prey Vihear" (a commune) is not "Preah Vihear".
const PROVINCE_SPELLINGS: &[(&str, &[&str])] = &[
    ("Phnom Penh", &["phnompenh"]),
    ("Banteay Meanchey", &["banteaymeanchey", "banteaymeanchay"]),
    ("Battambang", &["battambang", "batdambang"]),
    ("Kampong Cham", &["kampongcham", "kompongcham"]),
    (
        "Kampong Chhnang",
        &[
            "kampongchhnang",
            "kompongchhnang",
            "kampongchnang",
            "kompongchnang",
        ],
    ),
    ("Kampong Speu", &["kampongspeu", "kompongspeu"]),
    ("Kampong Thom", &["kampongthom", "kompongthom"]),
    ("Kampot", &["kampot"]),
    ("Kandal", &["kandal", "kandaal"]),
    ("Kep", &["kep", "kaeb"]),
    ("Koh Kong", &["kohkong", "kaohkong"]),
    ("Kratie", &["kratie", "kracheh"]),
    ("Mondulkiri", &["mondulkiri", "mondolkiri"]),
    (
        "Oddar Meanchey",
        &["oddarmeanchey", "otdarmeanchey", "otdarmeanchay"],
    ),
    ("Pailin", &["pailin"]),
    (
        "Preah Sihanouk",
        &["preahsihanouk", "sihanoukville", "kampongsom", "kompongsom"],
    ),
    ("Preah Vihear", &["preahvihear"]),
    ("Prey Veng", &["preyveng"]),
    ("Pursat", &["pursat", "pouthisat"]),
    ("Ratanakiri", &["ratanakiri", "ratanakkiri", "rattanakiri"]),
    ("Siem Reap", &["siemreap", "siemriep"]),
    ("Stung Treng", &["stungtreng", "steungtreng", "stoengtreng"]),
    ("Svay Rieng", &["svayrieng"]),
    ("Takeo", &["takeo", "thakeo", "takev"]),
    ("Tbong Khmum", &["tbongkhmum", "tboungkhmum"]),
];

/// Spellings shorter than this ("kep", "kaeb") only count as whole words in an address;
/// longer ones also count when glued to neighbouring words ("bavetsvay rieng provincecambodia").
const GLUED_SPELLING_MIN_LETTERS: usize = 5;

/// Words of a name that say what legal form a company has, not which company it is.
const NAME_FILLER_WORDS: &[&str] = &[
    "co",
    "ltd",
    "limited",
    "company",
    "corp",
    "corporation",
    "inc",
    "plc",
    "cambodia",
    "the",
];

/// Two name keys also match when one is the other plus at most this many letters
/// ("yidamanufacture" / "yidamanufacturer", "hulugarment" / "hulugarments")...
const WORD_FORM_MAX_EXTRA_LETTERS: usize = 3;
/// ...and the shorter key is at least this long, so short names ("yorks") never match by prefix.
const WORD_FORM_MIN_KEY_CHARS: usize = 8;

/// Parses and checks a whole CSV file. Either every row is good (Ok with the inputs, in file
/// order) or the file is refused with every problem found (no half imports).
pub fn parse_factory_csv(
    text: &str,
    registered: &[RegisteredFactory],
) -> Result<Vec<FactoryInput>, Vec<ImportRowError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        // Rows with fewer cells than the header are common (trailing empty cells dropped by
        // spreadsheets); rows with more are refused below.
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(headers) => headers.clone(),
        Err(_) => return Err(vec![unreadable(1)]),
    };
    let columns = Columns::from_headers(&headers);
    let missing: Vec<ImportRowError> = REQUIRED_COLUMNS
        .iter()
        .filter(|column| !columns.has(column))
        .map(|column| row_error(1, column, "columns_missing"))
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }

    let known = DuplicateIndex::of_registered(registered);
    let mut earlier = DuplicateIndex::default();
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let mut lines = LineNumbers::new(text);
    let mut last_line = 1;
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let line = error
                    .position()
                    .map_or(last_line + 1, |position| lines.at(position.byte()));
                errors.push(unreadable(line));
                break;
            }
        };
        let line = record
            .position()
            .map_or(last_line + 1, |position| lines.at(position.byte()));
        last_line = line;
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if record.len() > headers.len() {
            // More cells than columns: usually an unquoted comma, which shifts every value.
            errors.push(unreadable(line));
            continue;
        }
        let row = Row {
            columns: &columns,
            record: &record,
        };
        let (input, mut problems) = read_row(&row);
        for problem in factory_input_problems(&input) {
            // A field already refused while reading is not reported twice.
            if !problems.iter().any(|(field, _)| *field == problem.field) {
                problems.push((problem.field, problem.code));
            }
        }
        errors.extend(
            problems
                .into_iter()
                .map(|(field, code)| row_error(line, &field, &code)),
        );
        errors.extend(duplicate_errors(line, &input, &earlier, &known));
        earlier.insert(&input, format!("line {line}"));
        inputs.push(input);
    }
    if errors.is_empty() {
        Ok(inputs)
    } else {
        Err(errors)
    }
}

fn row_error(line: usize, field: &str, code: &str) -> ImportRowError {
    ImportRowError {
        line,
        field: field.to_owned(),
        code: code.to_owned(),
        duplicate_of: None,
    }
}

fn unreadable(line: usize) -> ImportRowError {
    row_error(line, "file", "file_unreadable")
}

/// Spreadsheet line numbers of records, from their byte offsets. (The csv crate's own
/// `Position::line` is one short for files with CRLF line endings, as Windows writes them.)
struct LineNumbers<'a> {
    text: &'a [u8],
    counted_to: usize,
    line: usize,
}

impl<'a> LineNumbers<'a> {
    fn new(text: &'a str) -> Self {
        LineNumbers {
            text: text.as_bytes(),
            counted_to: 0,
            line: 1,
        }
    }

    /// The line of the first character of the record found at `byte` (a record's position
    /// may point at the line break before it). `\r\n`, `\n` and a lone `\r` each end a line.
    fn at(&mut self, byte: u64) -> usize {
        let mut start = usize::try_from(byte).map_or(self.text.len(), |b| b.min(self.text.len()));
        while start < self.text.len() && matches!(self.text[start], b'\r' | b'\n') {
            start += 1;
        }
        if start < self.counted_to {
            (self.counted_to, self.line) = (0, 1);
        }
        for index in self.counted_to..start {
            match self.text[index] {
                b'\n' => self.line += 1,
                b'\r' if self.text.get(index + 1) != Some(&b'\n') => self.line += 1,
                _ => {}
            }
        }
        self.counted_to = start;
        self.line
    }
}

/// Which cell of a row holds each field.
struct Columns(HashMap<&'static str, usize>);

impl Columns {
    /// Header names are matched case-insensitively; spaces and hyphens count as `_`.
    /// Unknown columns are ignored; when two columns fill the same field, the first wins.
    fn from_headers(headers: &csv::StringRecord) -> Self {
        let mut columns = HashMap::new();
        for (index, header) in headers.iter().enumerate() {
            let header = header
                .trim()
                .to_lowercase()
                .split(|c: char| c.is_whitespace() || c == '-')
                .filter(|part| !part.is_empty())
                .collect::<Vec<_>>()
                .join("_");
            if let Some((_, field)) = COLUMN_ALIASES.iter().find(|(alias, _)| *alias == header) {
                columns.entry(*field).or_insert(index);
            }
        }
        Columns(columns)
    }

    fn has(&self, field: &str) -> bool {
        self.0.contains_key(field)
    }
}

struct Row<'a> {
    columns: &'a Columns,
    record: &'a csv::StringRecord,
}

impl Row<'_> {
    /// The cell for `field`, trimmed with inner whitespace collapsed; empty is `None`.
    fn text(&self, field: &str) -> Option<String> {
        let cell = self.record.get(*self.columns.0.get(field)?)?;
        let text = cell.split_whitespace().collect::<Vec<_>>().join(" ");
        (!text.is_empty()).then_some(text)
    }
}

type Problems = Vec<(String, String)>;

/// Reads one row into an input, with the problems found while reading (field, code).
fn read_row(row: &Row) -> (FactoryInput, Problems) {
    let mut problems: Problems = Vec::new();
    let mut refuse = |field: &str, code: &str| problems.push((field.to_owned(), code.to_owned()));

    if let Some(country) = row.text("country_code") {
        if !country.eq_ignore_ascii_case("KH") {
            refuse("country_code", "country_code_invalid");
        }
    }

    let name = row.text("name").map(|name| title_case_if_lowercase(&name));
    let address = row.text("address").unwrap_or_default();

    let province = match row.text("province") {
        Some(value) => province_named(&value),
        None => province_in_address(&address),
    };
    if province.is_none() {
        refuse("province", "province_unknown");
    }

    // The programme only registers factories of the garment sector, and the sector column
    // is optional (registry extracts often leave it empty), so an empty sector means
    // garment. A sector that is given but not recognised is refused, never guessed.
    let product_type = match row.text("product_type") {
        None => Some("garment"),
        Some(value) => product_type_named(&value),
    };
    if product_type.is_none() {
        refuse("product_type", "product_type_unknown");
    }

    let mut latitude = number_cell(row, "latitude", &mut refuse);
    let mut longitude = number_cell(row, "longitude", &mut refuse);
    if latitude.is_err() || longitude.is_err() {
        // One unreadable half of a pair is reported as such, not as "incomplete".
        (latitude, longitude) = (Ok(None), Ok(None));
    }

    let total_workers = row.text("total_workers").and_then(|value| {
        let digits: String = value.chars().filter(|c| !",_ ".contains(*c)).collect();
        let parsed = digits.parse::<i64>().ok();
        if parsed.is_none() {
            refuse("total_workers", "number_invalid");
        }
        parsed
    });
    let women_share_percent = row.text("women_share_percent").and_then(|value| {
        let parsed = value
            .trim_end_matches('%')
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|share| share.is_finite());
        if parsed.is_none() {
            refuse("women_share_percent", "number_invalid");
        }
        parsed
    });
    let union_presence = yes_no_cell(row, "union_presence", &mut refuse);
    let needs_paper_copy = yes_no_cell(row, "needs_paper_copy", &mut refuse).unwrap_or(false);

    let input = FactoryInput {
        name: name.unwrap_or_default(),
        local_name: row.text("local_name"),
        registration_number: row.text("registration_number"),
        osh_id: row.text("osh_id").map(|id| id.to_uppercase()),
        address,
        province: province.unwrap_or_default().to_owned(),
        latitude: latitude.unwrap_or(None),
        longitude: longitude.unwrap_or(None),
        product_type: product_type.unwrap_or_default().to_owned(),
        ownership_country: row.text("ownership_country").map(|c| c.to_uppercase()),
        export_licence: row.text("export_licence"),
        total_workers,
        women_share_percent,
        union_presence,
        contact_email: row.text("contact_email"),
        needs_paper_copy,
        status: row.text("status").unwrap_or_default().to_lowercase(),
        // The import keeps the programme's default delay; it is set per factory in the form.
        third_party_delay_days: None,
    };
    (input, problems)
}

/// A decimal number cell: `Ok(None)` when empty, `Err` (already reported) when unreadable.
fn number_cell(
    row: &Row,
    field: &str,
    refuse: &mut impl FnMut(&str, &str),
) -> Result<Option<f64>, ()> {
    let Some(value) = row.text(field) else {
        return Ok(None);
    };
    match value.parse::<f64>() {
        Ok(number) if number.is_finite() => Ok(Some(number)),
        _ => {
            refuse(field, "number_invalid");
            Err(())
        }
    }
}

/// A yes/no cell: yes/no, y/n, true/false or 1/0, in any case.
fn yes_no_cell(row: &Row, field: &str, refuse: &mut impl FnMut(&str, &str)) -> Option<bool> {
    let value = row.text(field)?.to_lowercase();
    match value.as_str() {
        "yes" | "y" | "true" | "1" => Some(true),
        "no" | "n" | "false" | "0" => Some(false),
        _ => {
            refuse(field, "yes_no_invalid");
            None
        }
    }
}

/// Names typed all in lowercase get a capital at the start of each word
/// ("eastex garment co. ltd (cambodia)" → "Eastex Garment Co. Ltd (Cambodia)").
/// A name with any capital letter was typed deliberately and is kept as it is.
fn title_case_if_lowercase(name: &str) -> String {
    if name.chars().any(char::is_uppercase) {
        return name.to_owned();
    }
    let mut titled = String::with_capacity(name.len());
    let mut word_start = true;
    for c in name.chars() {
        if word_start {
            titled.extend(c.to_uppercase());
        } else {
            titled.push(c);
        }
        word_start = c.is_whitespace() || "(-/&.[\"".contains(c);
    }
    titled
}

/// Lowercase letters of a text, without spaces, digits or punctuation.
fn letters(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The province a province cell names, in any listed spelling, case and spacing,
/// with or without a trailing "Province" or "City".
fn province_named(value: &str) -> Option<&'static str> {
    let key = letters(value);
    let key = key
        .strip_suffix("province")
        .or_else(|| key.strip_suffix("city"))
        .unwrap_or(&key);
    PROVINCE_SPELLINGS
        .iter()
        .find(|(_, spellings)| spellings.contains(&key))
        .map(|(province, _)| *province)
}

/// The province an address mentions last (addresses end with their province; earlier
/// mentions are usually a special economic zone's or a commune's name).
fn province_in_address(address: &str) -> Option<&'static str> {
    // The address's letters, lowercase, each marked when it starts a word.
    let mut chars = Vec::new();
    let mut starts = Vec::new();
    let mut previous_is_letter = false;
    for c in address.chars() {
        let is_letter = c.is_alphabetic();
        if is_letter {
            for (index, lower) in c.to_lowercase().enumerate() {
                chars.push(lower);
                starts.push(index == 0 && !previous_is_letter);
            }
        }
        previous_is_letter = is_letter;
    }
    let ends_word = |index: usize| starts.get(index + 1).is_none_or(|&next| next);
    let mut best: Option<(usize, usize, &'static str)> = None; // (end, length, province)
    for (province, spellings) in PROVINCE_SPELLINGS {
        for spelling in *spellings {
            let spelling: Vec<char> = spelling.chars().collect();
            let length = spelling.len();
            if length > chars.len() {
                continue;
            }
            for start in 0..=chars.len() - length {
                if chars[start..start + length] != spelling[..] {
                    continue;
                }
                let end = start + length - 1;
                let whole_word = starts[start] && ends_word(end);
                if length < GLUED_SPELLING_MIN_LETTERS && !whole_word {
                    continue;
                }
                if best.is_none_or(|(best_end, best_length, _)| {
                    (end, length) > (best_end, best_length)
                }) {
                    best = Some((end, length, province));
                }
            }
        }
    }
    best.map(|(_, _, province)| province)
}

/// The product type a sector cell names.
fn product_type_named(value: &str) -> Option<&'static str> {
    match letters(value).as_str() {
        "apparel" | "garment" | "garments" | "textile" | "textiles" | "clothing" => Some("garment"),
        "footwear" | "shoes" | "shoe" => Some("footwear"),
        "bags" | "bag" | "travelgoods" | "travelgoodsandbags" | "travelgoodsbags" => {
            Some("travel_goods_and_bags")
        }
        _ => None,
    }
}

/// What two names of the same factory have in common: lowercase letters and digits of
/// each word, without legal-form words ("Co.", "Ltd", "Corp.") and "Cambodia", joined
/// without spaces ("Yi Da" = "Yida").
fn name_key(name: &str) -> String {
    name.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty() && !NAME_FILLER_WORDS.contains(word))
        .collect()
}

/// The key without a short trailing word form: "yidamanufacturer" → "yidamanufacture",
/// "yidamanufactur", "yidamanufactu". Only letters are dropped, so "Garment 2" never
/// matches "Garment", and what is left keeps at least [`WORD_FORM_MIN_KEY_CHARS`].
fn word_form_stems(key: &str) -> Vec<String> {
    let chars: Vec<char> = key.chars().collect();
    (1..=WORD_FORM_MAX_EXTRA_LETTERS)
        .take_while(|&dropped| chars.len() >= WORD_FORM_MIN_KEY_CHARS + dropped)
        .take_while(|&dropped| chars[chars.len() - dropped].is_alphabetic())
        .map(|dropped| chars[..chars.len() - dropped].iter().collect())
        .collect()
}

/// Registration numbers and Open Supply Hub ids compare without case or spaces.
fn identifier_key(identifier: &str) -> String {
    identifier
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Factories seen so far (earlier rows, or the registry), each with how to refer to it.
#[derive(Default)]
struct DuplicateIndex {
    names: HashMap<String, String>,
    name_stems: HashMap<String, String>,
    registration_numbers: HashMap<String, String>,
    osh_ids: HashMap<String, String>,
}

impl DuplicateIndex {
    fn of_registered(registered: &[RegisteredFactory]) -> Self {
        let mut index = DuplicateIndex::default();
        for factory in registered {
            index.add(
                &factory.name,
                factory.registration_number.as_deref(),
                factory.osh_id.as_deref(),
                &factory.name,
            );
        }
        index
    }

    fn insert(&mut self, input: &FactoryInput, origin: String) {
        self.add(
            &input.name,
            input.registration_number.as_deref(),
            input.osh_id.as_deref(),
            &origin,
        );
    }

    fn add(&mut self, name: &str, registration: Option<&str>, osh_id: Option<&str>, origin: &str) {
        let key = name_key(name);
        if !key.is_empty() {
            for stem in word_form_stems(&key) {
                self.name_stems
                    .entry(stem)
                    .or_insert_with(|| origin.to_owned());
            }
            self.names.entry(key).or_insert_with(|| origin.to_owned());
        }
        for (identifier, map) in [
            (registration, &mut self.registration_numbers),
            (osh_id, &mut self.osh_ids),
        ] {
            let key = identifier.map(identifier_key).unwrap_or_default();
            if !key.is_empty() {
                map.entry(key).or_insert_with(|| origin.to_owned());
            }
        }
    }

    /// Who has the same name, or the same name but for a short trailing word form.
    fn same_name(&self, name: &str) -> Option<&String> {
        let key = name_key(name);
        if key.is_empty() {
            return None;
        }
        self.names
            .get(&key)
            .or_else(|| self.name_stems.get(&key))
            .or_else(|| {
                word_form_stems(&key)
                    .iter()
                    .find_map(|stem| self.names.get(stem))
            })
    }

    fn same_identifier<'a>(
        map: &'a HashMap<String, String>,
        identifier: Option<&str>,
    ) -> Option<&'a String> {
        let key = identifier_key(identifier?);
        map.get(&key)
    }
}

/// The row's duplicates among earlier rows of the file and among registered factories.
fn duplicate_errors(
    line: usize,
    input: &FactoryInput,
    earlier: &DuplicateIndex,
    known: &DuplicateIndex,
) -> Vec<ImportRowError> {
    let mut errors = Vec::new();
    for (index, code) in [
        (earlier, "duplicate_in_file"),
        (known, "duplicate_of_registered"),
    ] {
        let matches = [
            ("name", index.same_name(&input.name)),
            (
                "registration_number",
                DuplicateIndex::same_identifier(
                    &index.registration_numbers,
                    input.registration_number.as_deref(),
                ),
            ),
            (
                "osh_id",
                DuplicateIndex::same_identifier(&index.osh_ids, input.osh_id.as_deref()),
            ),
        ];
        for (field, origin) in matches {
            if let Some(origin) = origin {
                errors.push(ImportRowError {
                    duplicate_of: Some(origin.clone()),
                    ..row_error(line, field, code)
                });
            }
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::factory::PROVINCES;

    const REFERENCE: &str = include_str!("../../tests/fixtures/cambodia_facilities_sample.csv");

    fn error(line: usize, field: &str, code: &str) -> ImportRowError {
        row_error(line, field, code)
    }

    fn duplicate(line: usize, field: &str, code: &str, of: &str) -> ImportRowError {
        ImportRowError {
            duplicate_of: Some(of.to_owned()),
            ..row_error(line, field, code)
        }
    }

    fn reference_without_its_duplicate() -> String {
        REFERENCE
            .lines()
            .filter(|line| !line.starts_with("yi da manufacturer"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn the_reference_file_is_refused_only_for_its_genuine_duplicate() {
        assert_eq!(
            parse_factory_csv(REFERENCE, &[]),
            Err(vec![duplicate(21, "name", "duplicate_in_file", "line 20")])
        );
    }

    #[test]
    fn the_reference_file_without_its_duplicate_imports_every_row_with_its_province() {
        let inputs = parse_factory_csv(&reference_without_its_duplicate(), &[]).unwrap();
        let provinces: Vec<(&str, &str)> = inputs
            .iter()
            .map(|input| (input.name.as_str(), input.province.as_str()))
            .collect();
        assert_eq!(
            provinces,
            [
                ("Injae Garment Co. Ltd.", "Phnom Penh"),
                ("CPCG International Co. Ltd", "Kampong Cham"),
                (
                    "Sabrina (Cambodia) Garment Manufacturing Corp.",
                    "Kampong Speu"
                ),
                (
                    "Reliable Source Industrial (Cambodia) Co. Ltd.",
                    "Phnom Penh"
                ),
                ("Yorks (Cambodia) Co Ltd", "Svay Rieng"),
                ("I-CHENG CORPORATION", "Takeo"),
                ("Hulu Garment Co ltd", "Phnom Penh"),
                ("JD & Toyoshima Co.", "Takeo"),
                ("Liutan International(Cambodia) Co.", "Kampong Speu"),
                ("Makalot Garments(Cambodia) Co.", "Phnom Penh"),
                ("Morning Glory Garment Enterprise Co.Ltd", "Phnom Penh"),
                ("Perfect Growth Private Co.", "Kandal"),
                ("Solamoda (Cambodia) Garments Co.", "Phnom Penh"),
                ("Tai Yang Enterprise Co.", "Kandal"),
                ("Eastex Garment Co. Ltd (Cambodia)", "Phnom Penh"),
                ("King Fashion Garment Co.Ltd", "Phnom Penh"),
                ("Crystal Martin (Cambodia) Ltd", "Kandal"),
                ("Jifa S.Ok Garment (Cambodia) Co. Ltd", "Svay Rieng"),
                ("Yida Manufacture Co.Ltd", "Kandal"),
            ]
        );
        assert!(inputs.iter().all(|input| input.product_type == "garment"));
        let without_coordinates: Vec<&str> = inputs
            .iter()
            .filter(|input| input.latitude.is_none() && input.longitude.is_none())
            .map(|input| input.name.as_str())
            .collect();
        assert_eq!(
            without_coordinates,
            [
                "Eastex Garment Co. Ltd (Cambodia)",
                "King Fashion Garment Co.Ltd",
                "Crystal Martin (Cambodia) Ltd",
                "Jifa S.Ok Garment (Cambodia) Co. Ltd",
                "Yida Manufacture Co.Ltd",
            ]
        );
        assert_eq!(inputs[0].latitude, Some(11.5881713));
        assert_eq!(inputs[0].longitude, Some(104.8996818));
        assert_eq!(
            inputs[9].address,
            "Blok Pajagan Desa Sinar Jati Kec. Dawuan Majalengka Building H Soun Ouksahakam \
             Vattanak Sangkat Stung MeanChey Khan MeanChey Phnom Penh Cambodia"
        );
    }

    #[test]
    fn a_missing_required_column_is_reported_on_line_1() {
        let text = "Name,Province\nInjae Garment,Phnom Penh\n";
        assert_eq!(
            parse_factory_csv(text, &[]),
            Err(vec![error(1, "address", "columns_missing")])
        );
        assert_eq!(
            parse_factory_csv("", &[]),
            Err(vec![
                error(1, "name", "columns_missing"),
                error(1, "address", "columns_missing"),
            ])
        );
    }

    #[test]
    fn columns_are_found_by_any_alias_in_any_order_and_case() {
        let text = "Sector,ADDRESS,Province,Workers,Women Percent,Union_Presence,Email,\
                    OS_ID,Longitude,Latitude,Name,Extra\n\
                    Footwear,Street 1,kompong  speu province,\"1,200\",85%,yes,a@b.kh,\
                    kh2019abc,104.5,11.4,Shoe Factory,whatever\n";
        let inputs = parse_factory_csv(text, &[]).unwrap();
        let expected = FactoryInput {
            name: "Shoe Factory".into(),
            address: "Street 1".into(),
            province: "Kampong Speu".into(),
            product_type: "footwear".into(),
            total_workers: Some(1200),
            women_share_percent: Some(85.0),
            union_presence: Some(true),
            contact_email: Some("a@b.kh".into()),
            osh_id: Some("KH2019ABC".into()),
            latitude: Some(11.4),
            longitude: Some(104.5),
            ..FactoryInput::default()
        };
        assert_eq!(inputs, [expected]);
    }

    #[test]
    fn an_unknown_province_in_a_province_column_is_refused() {
        let text = "name,address,province\nA Factory,Phnom Penh,Narnia\n";
        assert_eq!(
            parse_factory_csv(text, &[]),
            Err(vec![error(2, "province", "province_unknown")])
        );
    }

    #[test]
    fn an_address_without_a_province_is_refused() {
        let text = "name,address\nA Factory,Somewhere near the river\n";
        assert_eq!(
            parse_factory_csv(text, &[]),
            Err(vec![error(2, "province", "province_unknown")])
        );
    }

    #[test]
    fn every_province_has_its_own_name_among_its_spellings() {
        let listed: Vec<&str> = PROVINCE_SPELLINGS
            .iter()
            .map(|(province, _)| *province)
            .collect();
        assert_eq!(listed, PROVINCES);
        for province in PROVINCES {
            assert_eq!(province_named(province), Some(province));
            assert_eq!(
                province_in_address(&format!("Street 1, {province}")),
                Some(province)
            );
        }
    }

    #[test]
    fn province_spellings_must_be_exact_and_short_ones_whole_words() {
        assert_eq!(province_in_address("Prey Vihear Commune"), None);
        assert_eq!(province_in_address("Kep City"), Some("Kep"));
        assert_eq!(
            province_in_address("Kepler Road, Sihanoukville"),
            Some("Preah Sihanouk")
        );
        assert_eq!(province_in_address("road 5 keptown"), None);
        assert_eq!(province_named("Phnompenh"), Some("Phnom Penh"));
        assert_eq!(province_named("KANDAAL province"), Some("Kandal"));
        assert_eq!(province_named("Thakeo"), Some("Takeo"));
        assert_eq!(province_named("Prey Vihear"), None);
    }

    #[test]
    fn coordinates_outside_cambodia_are_refused_with_the_rows_line() {
        let text = "name,address,lat,lng\n\
                    Injae,Phnom Penh,11.58,104.89\n\
                    Dhaka Garments,Phnom Penh,23.8,90.4\n";
        assert_eq!(
            parse_factory_csv(text, &[]),
            Err(vec![error(3, "latitude", "coordinates_outside_cambodia")])
        );
    }

    #[test]
    fn a_bad_number_is_refused_on_its_field() {
        let text = "name,address,lat,lng,total_workers\n\
                    Injae,Phnom Penh,11.58,104.8x,many\n";
        assert_eq!(
            parse_factory_csv(text, &[]),
            Err(vec![
                error(2, "longitude", "number_invalid"),
                error(2, "total_workers", "number_invalid"),
            ])
        );
    }

    #[test]
    fn an_unknown_sector_or_a_foreign_country_code_is_refused() {
        let text = "name,address,sector,country_code\n\
                    Toy Factory,Phnom Penh,Toys,KH\n\
                    Dhaka Garments,Phnom Penh,Apparel,BD\n";
        assert_eq!(
            parse_factory_csv(text, &[]),
            Err(vec![
                error(2, "product_type", "product_type_unknown"),
                error(3, "country_code", "country_code_invalid"),
            ])
        );
    }

    #[test]
    fn a_duplicate_of_a_registered_factory_is_refused() {
        let registered = [RegisteredFactory {
            id: 7,
            name: "Injae Garment Co., Ltd.".into(),
            registration_number: Some("MOC-123".into()),
            osh_id: Some("KH2019ABC".into()),
        }];
        let text = "name,address,registration_number,osh_id\n\
                    INJAE GARMENT,Phnom Penh,,\n\
                    Another Factory,Phnom Penh,moc-123,kh2019abc\n\
                    A Third Factory,Phnom Penh,MOC-124,\n";
        assert_eq!(
            parse_factory_csv(text, &registered),
            Err(vec![
                duplicate(
                    2,
                    "name",
                    "duplicate_of_registered",
                    "Injae Garment Co., Ltd."
                ),
                duplicate(
                    3,
                    "registration_number",
                    "duplicate_of_registered",
                    "Injae Garment Co., Ltd."
                ),
                duplicate(
                    3,
                    "osh_id",
                    "duplicate_of_registered",
                    "Injae Garment Co., Ltd."
                ),
            ])
        );
    }

    #[test]
    fn duplicate_registration_numbers_in_the_file_are_refused() {
        let text = "name,address,registration_number\n\
                    First Factory,Phnom Penh,MOC 1\n\
                    Second Factory,Phnom Penh,MOC 2\n\
                    Third Factory,Phnom Penh,moc  1\n";
        assert_eq!(
            parse_factory_csv(text, &[]),
            Err(vec![duplicate(
                4,
                "registration_number",
                "duplicate_in_file",
                "line 2"
            )])
        );
    }

    #[test]
    fn names_match_across_legal_forms_and_short_word_forms_only() {
        let same = |a: &str, b: &str| {
            let mut index = DuplicateIndex::default();
            index.add(a, None, None, "a");
            index.same_name(b).is_some()
        };
        assert!(same(
            "yida manufacture co.ltd",
            "yi da manufacturer co. ltd."
        ));
        assert!(same("Yi Da Manufacturer Co. Ltd.", "yida manufacture"));
        assert!(same("Hulu Garments Co ltd", "HULU GARMENT"));
        assert!(!same("Quantum Clothing", "Quantum Clothing 2"));
        assert!(!same("Yorks (Cambodia) Co Ltd", "Yorkshire Ltd"));
        assert!(!same("Tai Yang Enterprise Co.", "Tai Yang Co."));
    }

    #[test]
    fn a_quoted_multi_line_address_keeps_line_numbers_right() {
        let text = "name,address,lat,lng\n\
                    Injae,\"Toul Kor Village,\nSt. 598,\nPhnom Penh\",11.58,104.89\n\
                    Dhaka Garments,Phnom Penh,23.8,90.4\n";
        assert_eq!(
            parse_factory_csv(text, &[]),
            Err(vec![error(5, "latitude", "coordinates_outside_cambodia")])
        );
        let good = text.replace("23.8,90.4", "11.5,104.9");
        let inputs = parse_factory_csv(&good, &[]).unwrap();
        assert_eq!(inputs[0].address, "Toul Kor Village, St. 598, Phnom Penh");
    }

    #[test]
    fn line_numbers_are_right_with_windows_line_endings() {
        let text = "name,address,lat,lng\r\n\
                    Injae,\"Toul Kor,\r\nPhnom Penh\",11.58,104.89\r\n\
                    \r\n\
                    Dhaka Garments,Phnom Penh,23.8,90.4\r\n";
        assert_eq!(
            parse_factory_csv(text, &[]),
            Err(vec![error(5, "latitude", "coordinates_outside_cambodia")])
        );
        let old_mac = text.replace("\r\n", "\r");
        assert_eq!(
            parse_factory_csv(&old_mac, &[]),
            Err(vec![error(5, "latitude", "coordinates_outside_cambodia")])
        );
    }

    #[test]
    fn a_byte_order_mark_is_ignored() {
        let text = "\u{feff}name,address\nInjae,Phnom Penh\n";
        let inputs = parse_factory_csv(text, &[]).unwrap();
        assert_eq!(inputs[0].name, "Injae");
        assert_eq!(inputs[0].province, "Phnom Penh");
    }

    #[test]
    fn a_file_with_only_a_header_imports_nothing() {
        assert_eq!(parse_factory_csv("name,address\n", &[]), Ok(vec![]));
        assert_eq!(parse_factory_csv("name,address\n,\n\n", &[]), Ok(vec![]));
    }

    #[test]
    fn a_row_with_more_cells_than_columns_is_unreadable() {
        let text = "name,address\nInjae,Toul Kor, Phnom Penh\n";
        assert_eq!(
            parse_factory_csv(text, &[]),
            Err(vec![error(2, "file", "file_unreadable")])
        );
    }
}
