//! Exporting and importing a checklist version as CSV (format: `backend/checklists/FORMAT.md`).
//!
//! Administrators edit checklists in a spreadsheet, so a file is one row per question with its
//! cluster and compliance point repeated on every row. Repetition invites mistakes (a cluster
//! renamed on some rows only, a point pasted twice in different places), and a checklist
//! version never changes once an assessment has used it, so the import is strict: the whole
//! file or nothing, with every problem found and the line where a spreadsheet shows it.
//! Nothing is guessed or silently picked from one of several conflicting rows.

use std::collections::HashMap;

use shared::checklist::{
    ChecklistContent, ChecklistQuestion, Cluster, CompliancePoint, QuestionKind, Translated,
};
use shared::factory::ImportRowError;

/// Numbers of the publicly disclosed critical issues a question may evidence.
const CRITICAL_ISSUES: std::ops::RangeInclusive<i64> = 1..=21;

/// The columns of a checklist file, in the order FORMAT.md lists them and export writes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    ClusterCode,
    ClusterScored,
    ClusterEn,
    ClusterKm,
    ClusterZh,
    PointCode,
    PointEn,
    PointKm,
    PointZh,
    QuestionCode,
    Kind,
    QuestionEn,
    QuestionKm,
    QuestionZh,
    LegalReference,
    GuidanceEn,
    CriticalIssue,
    PubliclyReported,
}

impl Column {
    const ALL: [Column; 18] = [
        Column::ClusterCode,
        Column::ClusterScored,
        Column::ClusterEn,
        Column::ClusterKm,
        Column::ClusterZh,
        Column::PointCode,
        Column::PointEn,
        Column::PointKm,
        Column::PointZh,
        Column::QuestionCode,
        Column::Kind,
        Column::QuestionEn,
        Column::QuestionKm,
        Column::QuestionZh,
        Column::LegalReference,
        Column::GuidanceEn,
        Column::CriticalIssue,
        Column::PubliclyReported,
    ];

    fn name(self) -> &'static str {
        match self {
            Column::ClusterCode => "cluster_code",
            Column::ClusterScored => "cluster_scored",
            Column::ClusterEn => "cluster_en",
            Column::ClusterKm => "cluster_km",
            Column::ClusterZh => "cluster_zh",
            Column::PointCode => "point_code",
            Column::PointEn => "point_en",
            Column::PointKm => "point_km",
            Column::PointZh => "point_zh",
            Column::QuestionCode => "question_code",
            Column::Kind => "kind",
            Column::QuestionEn => "question_en",
            Column::QuestionKm => "question_km",
            Column::QuestionZh => "question_zh",
            Column::LegalReference => "legal_reference",
            Column::GuidanceEn => "guidance_en",
            Column::CriticalIssue => "critical_issue",
            Column::PubliclyReported => "publicly_reported",
        }
    }
}

/// Reads a checklist CSV; the whole file or nothing: every problem found is returned.
pub fn parse_checklist_csv(text: &str) -> Result<ChecklistContent, Vec<ImportRowError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(vec![row_error(1, "file", "file_empty")]);
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        // Cell counts are checked below, so that a bad row is reported and the rest of the
        // file still read: one run shows every problem.
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(headers) => headers.clone(),
        Err(_) => return Err(vec![row_error(1, "file", "unreadable")]),
    };
    let columns = Columns::from_headers(&headers)?;

    let mut checks = FileChecks::default();
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut lines = LineNumbers::new(text);
    let mut last_line = 1;
    let mut data_rows = 0;
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let line = error
                    .position()
                    .map_or(last_line + 1, |position| lines.at(position.byte()));
                errors.push(row_error(line, "file", "unreadable"));
                break;
            }
        };
        let line = record
            .position()
            .map_or(last_line + 1, |position| lines.at(position.byte()));
        last_line = line;
        // Spreadsheets leave rows of empty cells below the data; they are not questions.
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        data_rows += 1;
        if record.len() != headers.len() {
            // Usually an unquoted comma, which shifts every later value into the wrong column.
            errors.push(row_error(line, "file", "unreadable"));
            continue;
        }
        let cells = Cells {
            columns: &columns,
            record: &record,
        };
        let (row, mut problems) = read_row(&cells);
        problems.extend(checks.of_row(line, &row));
        // Reported in column order, the order a reader scans the row.
        problems.sort_by_key(|problem| problem.column as usize);
        errors.extend(problems.into_iter().map(|problem| ImportRowError {
            duplicate_of: problem.duplicate_of,
            ..row_error(line, problem.column.name(), problem.code)
        }));
        rows.push(row);
    }
    if data_rows == 0 {
        return Err(vec![row_error(1, "file", "file_empty")]);
    }
    if errors.is_empty() {
        Ok(build_tree(rows))
    } else {
        Err(errors)
    }
}

/// Writes a checklist version in the same format, so export → import gives back the same content.
pub fn write_checklist_csv(content: &ChecklistContent) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let header = Column::ALL.map(Column::name);
    writer
        .write_record(header)
        .expect("writing CSV to memory cannot fail");
    for cluster in &content.clusters {
        let scored = if cluster.scored { "yes" } else { "no" };
        for point in &cluster.points {
            for question in &point.questions {
                let critical_issue = question
                    .critical_issue
                    .map(|issue| issue.to_string())
                    .unwrap_or_default();
                let publicly_reported = if question.publicly_reported {
                    "yes"
                } else {
                    "no"
                };
                let record: [&str; 18] = [
                    &cluster.code,
                    scored,
                    &cluster.name.en,
                    &cluster.name.km,
                    &cluster.name.zh,
                    &point.code,
                    &point.name.en,
                    &point.name.km,
                    &point.name.zh,
                    &question.code,
                    question.kind.as_str(),
                    &question.text.en,
                    &question.text.km,
                    &question.text.zh,
                    &question.legal_reference,
                    &question.guidance,
                    &critical_issue,
                    publicly_reported,
                ];
                writer
                    .write_record(record)
                    .expect("writing CSV to memory cannot fail");
            }
        }
    }
    let bytes = writer
        .into_inner()
        .expect("writing CSV to memory cannot fail");
    String::from_utf8(bytes).expect("CSV written from strings is UTF-8")
}

fn row_error(line: usize, field: &str, code: &str) -> ImportRowError {
    ImportRowError {
        line,
        field: field.to_owned(),
        code: code.to_owned(),
        duplicate_of: None,
    }
}

/// One problem of a row, before it gets its line.
struct Problem {
    column: Column,
    code: &'static str,
    duplicate_of: Option<String>,
}

impl Problem {
    fn new(column: Column, code: &'static str) -> Self {
        Problem {
            column,
            code,
            duplicate_of: None,
        }
    }
}

/// Which cell of a row holds each column.
struct Columns([usize; 18]);

impl Columns {
    /// Headers are matched by name, trimmed and in any case, in any order; unknown columns are
    /// ignored (a spreadsheet user may add a notes column). When a name appears twice, the
    /// first one counts. Every column must be present: a missing one would silently empty a
    /// field of every question, and each missing column is reported.
    fn from_headers(headers: &csv::StringRecord) -> Result<Self, Vec<ImportRowError>> {
        let names: Vec<String> = headers
            .iter()
            .map(|header| header.trim().to_lowercase())
            .collect();
        let mut indexes = [0; 18];
        let mut missing = Vec::new();
        for column in Column::ALL {
            match names.iter().position(|name| name == column.name()) {
                Some(index) => indexes[column as usize] = index,
                None => missing.push(row_error(1, column.name(), "columns_missing")),
            }
        }
        if missing.is_empty() {
            Ok(Columns(indexes))
        } else {
            Err(missing)
        }
    }
}

struct Cells<'a> {
    columns: &'a Columns,
    record: &'a csv::StringRecord,
}

impl Cells<'_> {
    /// The cell of `column`, trimmed. Line breaks inside a quoted cell are kept (guidance is
    /// often several lines) but written as `\n` whatever the file's line endings are.
    fn get(&self, column: Column) -> String {
        let cell = self
            .record
            .get(self.columns.0[column as usize])
            .unwrap_or_default();
        cell.trim().replace("\r\n", "\n")
    }

    fn translated(&self, en: Column, km: Column, zh: Column) -> Translated {
        Translated {
            en: self.get(en),
            km: self.get(km),
            zh: self.get(zh),
        }
    }
}

/// What one row says, each code only when it is valid (so that a bad code is reported once,
/// on its own cell, and not again as a broken structure).
struct Row {
    cluster_code: Option<String>,
    scored: Option<bool>,
    cluster_name: Translated,
    point_code: Option<String>,
    point_name: Translated,
    question_code: Option<String>,
    /// Only when every cell of the question is valid.
    question: Option<ChecklistQuestion>,
}

/// Reads the cells of one row, with the problems each cell has on its own.
fn read_row(cells: &Cells) -> (Row, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut refuse = |column: Column, code: &'static str| problems.push(Problem::new(column, code));
    let required = |column: Column, refuse: &mut dyn FnMut(Column, &'static str)| {
        let value = cells.get(column);
        if value.is_empty() {
            refuse(column, "required");
        }
        value
    };

    let cluster_code = required(Column::ClusterCode, &mut refuse);
    let cluster_code = valid_code(cluster_code, Column::ClusterCode, &mut refuse, |code| {
        (2..=4).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_uppercase())
    });
    // The scored flag decides how a whole cluster is scored, so an empty cell is not taken
    // to mean "no" (unlike publicly_reported, where "no" is the safe reading).
    let scored = match yes_no(&cells.get(Column::ClusterScored)) {
        Ok(Some(scored)) => Some(scored),
        Ok(None) => {
            refuse(Column::ClusterScored, "required");
            None
        }
        Err(()) => {
            refuse(Column::ClusterScored, "yes_no_invalid");
            None
        }
    };
    required(Column::ClusterEn, &mut refuse);
    let cluster_name = cells.translated(Column::ClusterEn, Column::ClusterKm, Column::ClusterZh);

    let point_code = required(Column::PointCode, &mut refuse);
    let point_code = valid_code(point_code, Column::PointCode, &mut refuse, |code| {
        child_code(code, cluster_code.as_deref())
    });
    required(Column::PointEn, &mut refuse);
    let point_name = cells.translated(Column::PointEn, Column::PointKm, Column::PointZh);

    let question_code = required(Column::QuestionCode, &mut refuse);
    let question_code = valid_code(question_code, Column::QuestionCode, &mut refuse, |code| {
        child_code(code, point_code.as_deref())
    });
    let kind = required(Column::Kind, &mut refuse);
    let kind = if kind.is_empty() {
        None
    } else {
        let parsed = QuestionKind::parse(&kind.to_lowercase());
        if parsed.is_none() {
            refuse(Column::Kind, "kind_invalid");
        }
        parsed
    };
    required(Column::QuestionEn, &mut refuse);
    let text = cells.translated(Column::QuestionEn, Column::QuestionKm, Column::QuestionZh);

    // A scored answer must rest on the law: a monitor has to be able to cite it to a factory.
    let legal_reference = cells.get(Column::LegalReference);
    if legal_reference.is_empty() && kind == Some(QuestionKind::YesNo) && scored == Some(true) {
        refuse(Column::LegalReference, "required");
    }
    let guidance = cells.get(Column::GuidanceEn);

    let critical_issue = cells.get(Column::CriticalIssue);
    let critical_issue = if critical_issue.is_empty() {
        Ok(None)
    } else {
        match critical_issue.parse::<i64>() {
            Ok(issue) if CRITICAL_ISSUES.contains(&issue) => Ok(Some(issue)),
            _ => {
                refuse(Column::CriticalIssue, "critical_issue_invalid");
                Err(())
            }
        }
    };
    let publicly_reported = match yes_no(&cells.get(Column::PubliclyReported)) {
        Ok(value) => Some(value.unwrap_or(false)),
        Err(()) => {
            refuse(Column::PubliclyReported, "yes_no_invalid");
            None
        }
    };

    let question = match (&question_code, kind, critical_issue, publicly_reported) {
        (Some(code), Some(kind), Ok(critical_issue), Some(publicly_reported))
            if !text.en.is_empty() =>
        {
            Some(ChecklistQuestion {
                code: code.clone(),
                kind,
                text,
                legal_reference,
                guidance,
                critical_issue,
                publicly_reported,
            })
        }
        _ => None,
    };
    let row = Row {
        cluster_code,
        scored,
        cluster_name,
        point_code,
        point_name,
        question_code,
        question,
    };
    (row, problems)
}

/// A non-empty code that `is_valid` accepts; an empty code was already reported as required.
fn valid_code(
    code: String,
    column: Column,
    refuse: &mut impl FnMut(Column, &'static str),
    is_valid: impl Fn(&str) -> bool,
) -> Option<String> {
    if code.is_empty() {
        None
    } else if is_valid(&code) {
        Some(code)
    } else {
        refuse(column, "code_invalid");
        None
    }
}

/// Whether `code` is its parent's code, a dot and two digits (`CHI.01`, `CHI.01.03`). When the
/// row's parent code is missing or invalid (already reported on its own cell), any parent part
/// is accepted, so that one mistake is not reported again on every code below it.
fn child_code(code: &str, parent: Option<&str>) -> bool {
    let Some((prefix, number)) = code.rsplit_once('.') else {
        return false;
    };
    let number_ok = number.len() == 2 && number.bytes().all(|b| b.is_ascii_digit());
    let prefix_ok = match parent {
        Some(parent) => prefix == parent,
        None => !prefix.is_empty(),
    };
    number_ok && prefix_ok
}

/// A yes/no cell: yes/no, true/false or 1/0 in any case; `Ok(None)` when empty.
fn yes_no(value: &str) -> Result<Option<bool>, ()> {
    match value.to_lowercase().as_str() {
        "" => Ok(None),
        "yes" | "true" | "1" => Ok(Some(true)),
        "no" | "false" | "0" => Ok(Some(false)),
        _ => Err(()),
    }
}

/// What the rows read so far establish, to check the structure of the file across rows.
#[derive(Default)]
struct FileChecks {
    /// Names and scored flag of each cluster as its first row gives them.
    clusters: HashMap<String, (Translated, Option<bool>)>,
    /// Names of each point as its first row gives them.
    points: HashMap<String, Translated>,
    /// Line of the first row of each question code.
    questions: HashMap<String, usize>,
    current_cluster: Option<String>,
    current_point: Option<String>,
}

impl FileChecks {
    fn of_row(&mut self, line: usize, row: &Row) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut cluster_reappears = false;
        if let Some(code) = &row.cluster_code {
            if self.current_cluster.as_ref() != Some(code) {
                if self.clusters.contains_key(code) {
                    cluster_reappears = true;
                    problems.push(Problem::new(Column::ClusterCode, "not_contiguous"));
                }
                self.current_cluster = Some(code.clone());
            }
            match self.clusters.get(code) {
                Some((name, scored)) => {
                    problems.extend(differing_names(
                        name,
                        &row.cluster_name,
                        [Column::ClusterEn, Column::ClusterKm, Column::ClusterZh],
                    ));
                    if let (Some(first), Some(this)) = (scored, row.scored) {
                        if *first != this {
                            problems
                                .push(Problem::new(Column::ClusterScored, "inconsistent_names"));
                        }
                    }
                }
                None => {
                    self.clusters
                        .insert(code.clone(), (row.cluster_name.clone(), row.scored));
                }
            }
        }
        if let Some(code) = &row.point_code {
            if self.current_point.as_ref() != Some(code) {
                // A point cannot be contiguous when its cluster is not; that is reported once.
                if self.points.contains_key(code) && !cluster_reappears {
                    problems.push(Problem::new(Column::PointCode, "not_contiguous"));
                }
                self.current_point = Some(code.clone());
            }
            match self.points.get(code) {
                Some(name) => problems.extend(differing_names(
                    name,
                    &row.point_name,
                    [Column::PointEn, Column::PointKm, Column::PointZh],
                )),
                None => {
                    self.points.insert(code.clone(), row.point_name.clone());
                }
            }
        }
        if let Some(code) = &row.question_code {
            match self.questions.get(code) {
                Some(first) => problems.push(Problem {
                    duplicate_of: Some(format!("line {first}")),
                    ..Problem::new(Column::QuestionCode, "duplicate_in_file")
                }),
                None => {
                    self.questions.insert(code.clone(), line);
                }
            }
        }
        problems
    }
}

/// The name columns (en, km, zh) where a row differs from the first row of its cluster or
/// point. Every translation counts: keeping one row's text and dropping another's would lose
/// an edit without saying so.
/// An empty English name was already reported as required, so it is not compared.
fn differing_names(first: &Translated, this: &Translated, columns: [Column; 3]) -> Vec<Problem> {
    let english_differs = !first.en.is_empty() && !this.en.is_empty() && first.en != this.en;
    [english_differs, first.km != this.km, first.zh != this.zh]
        .into_iter()
        .zip(columns)
        .filter(|(differs, _)| *differs)
        .map(|(_, column)| Problem::new(column, "inconsistent_names"))
        .collect()
}

/// The tree of a file whose rows were all found good (so clusters and points are contiguous).
fn build_tree(rows: Vec<Row>) -> ChecklistContent {
    let mut clusters: Vec<Cluster> = Vec::new();
    for row in rows {
        let (Some(cluster_code), Some(scored), Some(point_code), Some(question)) =
            (row.cluster_code, row.scored, row.point_code, row.question)
        else {
            continue;
        };
        if clusters.last().map(|cluster| &cluster.code) != Some(&cluster_code) {
            clusters.push(Cluster {
                code: cluster_code,
                scored,
                name: row.cluster_name,
                points: Vec::new(),
            });
        }
        let Some(cluster) = clusters.last_mut() else {
            continue;
        };
        if cluster.points.last().map(|point| &point.code) != Some(&point_code) {
            cluster.points.push(CompliancePoint {
                code: point_code,
                name: row.point_name,
                questions: Vec::new(),
            });
        }
        if let Some(point) = cluster.points.last_mut() {
            point.questions.push(question);
        }
    }
    ChecklistContent { clusters }
}

/// Spreadsheet line numbers of records, from their byte offsets. (The csv crate's own
/// `Position::line` is one short for files with CRLF line endings, as Windows writes them.)
/// The same counting as in `factory_import`, kept private to each import.
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

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "cluster_code,cluster_scored,cluster_en,cluster_km,cluster_zh,\
                          point_code,point_en,point_km,point_zh,question_code,kind,\
                          question_en,question_km,question_zh,legal_reference,guidance_en,\
                          critical_issue,publicly_reported";

    /// A good row, with the cells that differ between rows given.
    fn row(cluster: &str, point: &str, question: &str, kind: &str, critical: &str) -> String {
        let (cluster_name, scored) = match cluster {
            "CHI" => ("Child Labour", "yes"),
            "WT" => ("Working Time", "yes"),
            _ => ("Workplace Facts", "no"),
        };
        format!(
            "{cluster},{scored},{cluster_name},ពលកម្មកុមារ,童工,{point},Point {point},,,\
             {question},{kind},Question {question}?,,,Labour Law 1997 Art. 177,\
             Check the register,{critical},yes"
        )
    }

    fn file(rows: &[String]) -> String {
        let mut text = String::from(HEADER);
        for row in rows {
            text.push('\n');
            text.push_str(row);
        }
        text.push('\n');
        text
    }

    fn valid_rows() -> Vec<String> {
        vec![
            row("CHI", "CHI.01", "CHI.01.01", "yes_no", "1"),
            row("CHI", "CHI.01", "CHI.01.02", "yes_no", ""),
            row("CHI", "CHI.02", "CHI.02.01", "number", ""),
            row("WT", "WT.01", "WT.01.01", "yes_no", "21"),
        ]
    }

    fn error(line: usize, field: &str, code: &str) -> ImportRowError {
        row_error(line, field, code)
    }

    fn translated(en: &str, km: &str, zh: &str) -> Translated {
        Translated {
            en: en.into(),
            km: km.into(),
            zh: zh.into(),
        }
    }

    fn question(code: &str, kind: QuestionKind, critical_issue: Option<i64>) -> ChecklistQuestion {
        ChecklistQuestion {
            code: code.into(),
            kind,
            text: translated(&format!("Question {code}?"), "", ""),
            legal_reference: "Labour Law 1997 Art. 177".into(),
            guidance: "Check the register".into(),
            critical_issue,
            publicly_reported: true,
        }
    }

    /// Parses a file with one row replaced, expecting it refused.
    fn refused_with_row(index: usize, replacement: String) -> Vec<ImportRowError> {
        let mut rows = valid_rows();
        rows[index] = replacement;
        parse_checklist_csv(&file(&rows)).unwrap_err()
    }

    #[test]
    fn a_small_valid_file_with_two_clusters_parses_into_the_right_tree() {
        let content = parse_checklist_csv(&file(&valid_rows())).unwrap();
        let expected = ChecklistContent {
            clusters: vec![
                Cluster {
                    code: "CHI".into(),
                    scored: true,
                    name: translated("Child Labour", "ពលកម្មកុមារ", "童工"),
                    points: vec![
                        CompliancePoint {
                            code: "CHI.01".into(),
                            name: translated("Point CHI.01", "", ""),
                            questions: vec![
                                question("CHI.01.01", QuestionKind::YesNo, Some(1)),
                                question("CHI.01.02", QuestionKind::YesNo, None),
                            ],
                        },
                        CompliancePoint {
                            code: "CHI.02".into(),
                            name: translated("Point CHI.02", "", ""),
                            questions: vec![question("CHI.02.01", QuestionKind::Number, None)],
                        },
                    ],
                },
                Cluster {
                    code: "WT".into(),
                    scored: true,
                    name: translated("Working Time", "ពលកម្មកុមារ", "童工"),
                    points: vec![CompliancePoint {
                        code: "WT.01".into(),
                        name: translated("Point WT.01", "", ""),
                        questions: vec![question("WT.01.01", QuestionKind::YesNo, Some(21))],
                    }],
                },
            ],
        };
        assert_eq!(content, expected);
    }

    #[test]
    fn writing_then_parsing_gives_back_the_same_content() {
        let mut content = parse_checklist_csv(&file(&valid_rows())).unwrap();
        content.clusters.push(Cluster {
            code: "PRO".into(),
            scored: false,
            name: translated("Workplace, facts", "ព័ត៌មាន", "\"事实\""),
            points: vec![CompliancePoint {
                code: "PRO.01".into(),
                name: translated("Workers", "", ""),
                questions: vec![ChecklistQuestion {
                    code: "PRO.01.01".into(),
                    kind: QuestionKind::Text,
                    text: translated("Which products, if any?", "", ""),
                    legal_reference: String::new(),
                    guidance: "Ask the manager.\nSee the order book, \"current\" season.".into(),
                    critical_issue: None,
                    publicly_reported: false,
                }],
            }],
        });
        let written = write_checklist_csv(&content);
        assert!(written.starts_with(HEADER));
        assert!(!written.contains('\r'));
        assert_eq!(parse_checklist_csv(&written), Ok(content));
    }

    #[test]
    fn the_written_file_has_one_plain_row_per_question() {
        let content = parse_checklist_csv(&file(&valid_rows())).unwrap();
        let written = write_checklist_csv(&content);
        let lines: Vec<&str> = written.lines().collect();
        assert_eq!(lines.len(), 5);
        assert_eq!(
            lines[3],
            "CHI,yes,Child Labour,ពលកម្មកុមារ,童工,CHI.02,Point CHI.02,,,CHI.02.01,number,\
             Question CHI.02.01?,,,Labour Law 1997 Art. 177,Check the register,,yes"
        );
        assert!(written.ends_with("yes\n"));
    }

    #[test]
    fn columns_are_found_by_name_in_any_order_and_case_and_extra_columns_are_ignored() {
        let mut headers: Vec<String> = HEADER.split(',').map(str::to_owned).collect();
        headers.reverse();
        headers[0] = " PUBLICLY_Reported ".into();
        headers.push("notes".into());
        let rows: Vec<String> = valid_rows()
            .iter()
            .map(|row| {
                let mut cells: Vec<&str> = row.split(',').collect();
                cells.reverse();
                cells.push("a note");
                cells.join(",")
            })
            .collect();
        let text = format!("{}\n{}\n", headers.join(","), rows.join("\n"));
        assert_eq!(
            parse_checklist_csv(&text),
            parse_checklist_csv(&file(&valid_rows()))
        );
    }

    #[test]
    fn missing_columns_are_each_reported_on_line_1() {
        let header = HEADER
            .replace("kind,", "")
            .replace(",publicly_reported", "");
        let text = format!("{header}\nCHI\n");
        assert_eq!(
            parse_checklist_csv(&text),
            Err(vec![
                error(1, "kind", "columns_missing"),
                error(1, "publicly_reported", "columns_missing"),
            ])
        );
    }

    #[test]
    fn an_empty_file_or_a_file_without_data_rows_is_refused() {
        let empty = Err(vec![error(1, "file", "file_empty")]);
        assert_eq!(parse_checklist_csv(""), empty);
        assert_eq!(parse_checklist_csv("\u{feff}\r\n"), empty);
        assert_eq!(parse_checklist_csv(&format!("{HEADER}\n")), empty);
        assert_eq!(
            parse_checklist_csv(&format!("{HEADER}\n,,,,,,,,,,,,,,,,,\n\n")),
            empty
        );
    }

    #[test]
    fn a_row_with_the_wrong_number_of_cells_is_unreadable() {
        let errors = refused_with_row(1, format!("{},extra", valid_rows()[1]));
        assert_eq!(errors, [error(3, "file", "unreadable")]);
        let errors = refused_with_row(2, "CHI,yes,Child Labour".into());
        assert_eq!(errors, [error(4, "file", "unreadable")]);
    }

    #[test]
    fn empty_required_cells_are_refused() {
        let required = [
            ("cluster_code", 0),
            ("cluster_en", 2),
            ("point_code", 5),
            ("point_en", 6),
            ("question_code", 9),
            ("kind", 10),
            ("question_en", 11),
        ];
        for (field, index) in required {
            let mut cells: Vec<String> = valid_rows()[2].split(',').map(str::to_owned).collect();
            cells[index] = "  ".into();
            let errors = refused_with_row(2, cells.join(","));
            assert_eq!(errors, [error(4, field, "required")], "{field}");
        }
        let errors = refused_with_row(2, valid_rows()[2].replacen("CHI,yes,", "CHI, ,", 1));
        assert_eq!(errors, [error(4, "cluster_scored", "required")]);
    }

    #[test]
    fn translations_may_be_empty() {
        let text = file(&[
            "CHI,yes,Child Labour,,,CHI.01,Age,,,CHI.01.01,yes_no,Over 15?,,,Art. 177,,,".into(),
        ]);
        let content = parse_checklist_csv(&text).unwrap();
        let question = &content.clusters[0].points[0].questions[0];
        assert_eq!(question.text, translated("Over 15?", "", ""));
        assert!(!question.publicly_reported);
        assert_eq!(question.guidance, "");
    }

    #[test]
    fn badly_formed_codes_are_refused() {
        let cases = [
            (
                row("CHI", "CHI.01", "CHI.01.01", "yes_no", "").replace("CHI,", "chi,"),
                "cluster_code",
            ),
            (
                row("CHILD", "CHILD.01", "CHILD.01.01", "yes_no", ""),
                "cluster_code",
            ),
            (row("C", "C.01", "C.01.01", "yes_no", ""), "cluster_code"),
            (row("CHI", "CHI.1", "CHI.01.01", "yes_no", ""), "point_code"),
            (row("CHI", "WT.01", "WT.01.09", "yes_no", ""), "point_code"),
            (row("CHI", "CHI01", "CHI.01.01", "yes_no", ""), "point_code"),
            (
                row("CHI", "CHI.01", "CHI.01.001", "yes_no", ""),
                "question_code",
            ),
            (
                row("CHI", "CHI.01", "CHI.02.01", "yes_no", ""),
                "question_code",
            ),
            (
                row("CHI", "CHI.01", "CHI.01", "yes_no", ""),
                "question_code",
            ),
        ];
        for (replacement, field) in cases {
            let errors = refused_with_row(0, replacement.clone());
            assert_eq!(errors, [error(2, field, "code_invalid")], "{replacement}");
        }
    }

    #[test]
    fn yes_no_cells_accept_true_false_and_digits_in_any_case() {
        let text = file(&[
            row("CHI", "CHI.01", "CHI.01.01", "yes_no", "").replace(",yes,", ",TRUE,"),
            row("CHI", "CHI.01", "CHI.01.02", "Yes_No", "").replace(",yes,", ",1,"),
        ]);
        let text = text.replace(",yes\n", ",No\n");
        let content = parse_checklist_csv(&text).unwrap();
        assert!(content.clusters[0].scored);
        assert!(content
            .questions()
            .all(|question| !question.publicly_reported));
        assert!(content
            .questions()
            .all(|question| question.kind == QuestionKind::YesNo));
    }

    #[test]
    fn a_yes_no_cell_with_another_word_is_refused() {
        let good = valid_rows()[1].clone();
        let errors = refused_with_row(1, good.replacen(",yes,", ",maybe,", 1));
        assert_eq!(errors, [error(3, "cluster_scored", "yes_no_invalid")]);
        let errors = refused_with_row(1, format!("{}nope", good.trim_end_matches("yes")));
        assert_eq!(errors, [error(3, "publicly_reported", "yes_no_invalid")]);
    }

    #[test]
    fn an_unknown_kind_is_refused() {
        let errors = refused_with_row(3, row("WT", "WT.01", "WT.01.01", "choice", ""));
        assert_eq!(errors, [error(5, "kind", "kind_invalid")]);
    }

    #[test]
    fn a_critical_issue_outside_1_to_21_is_refused() {
        for value in ["0", "22", "-1", "3.5", "ten"] {
            let errors = refused_with_row(3, row("WT", "WT.01", "WT.01.01", "yes_no", value));
            assert_eq!(
                errors,
                [error(5, "critical_issue", "critical_issue_invalid")],
                "{value}"
            );
        }
    }

    #[test]
    fn a_scored_yes_no_question_needs_a_legal_reference() {
        let without = |row: String| row.replace("Labour Law 1997 Art. 177", "");
        let errors = refused_with_row(0, without(valid_rows()[0].clone()));
        assert_eq!(errors, [error(2, "legal_reference", "required")]);
        // Fact-gathering questions and report sections that are not scored need none.
        let mut rows = valid_rows();
        rows[2] = without(rows[2].clone());
        rows.push(without(row("PRO", "PRO.01", "PRO.01.01", "yes_no", "")));
        assert!(parse_checklist_csv(&file(&rows)).is_ok());
    }

    #[test]
    fn a_question_code_used_twice_points_at_its_first_line() {
        let errors = refused_with_row(1, row("CHI", "CHI.01", "CHI.01.01", "yes_no", ""));
        assert_eq!(
            errors,
            [ImportRowError {
                duplicate_of: Some("line 2".into()),
                ..error(3, "question_code", "duplicate_in_file")
            }]
        );
    }

    #[test]
    fn a_cluster_or_point_that_reappears_later_is_not_contiguous() {
        let mut rows = valid_rows();
        rows.push(row("CHI", "CHI.03", "CHI.03.01", "yes_no", ""));
        assert_eq!(
            parse_checklist_csv(&file(&rows)),
            Err(vec![error(6, "cluster_code", "not_contiguous")])
        );
        let mut rows = valid_rows();
        rows.insert(3, row("CHI", "CHI.01", "CHI.01.03", "yes_no", ""));
        assert_eq!(
            parse_checklist_csv(&file(&rows)),
            Err(vec![error(5, "point_code", "not_contiguous")])
        );
    }

    #[test]
    fn a_cluster_or_point_named_differently_on_a_later_row_is_inconsistent() {
        let errors = refused_with_row(2, valid_rows()[2].replacen("Child Labour", "Children", 1));
        assert_eq!(errors, [error(4, "cluster_en", "inconsistent_names")]);
        let errors = refused_with_row(2, valid_rows()[2].replacen(",yes,", ",no,", 1));
        assert_eq!(errors, [error(4, "cluster_scored", "inconsistent_names")]);
        let errors = refused_with_row(1, valid_rows()[1].replacen(",童工,", ",,", 1));
        assert_eq!(errors, [error(3, "cluster_zh", "inconsistent_names")]);
        let errors = refused_with_row(1, valid_rows()[1].replacen("Point CHI.01,,", "Age,,", 1));
        assert_eq!(errors, [error(3, "point_en", "inconsistent_names")]);
    }

    #[test]
    fn every_problem_of_a_file_is_reported_in_line_and_column_order() {
        let rows = [
            row("CHI", "CHI.01", "CHI.01.01", "yes_no", "30"),
            row("CHI", "CHI.01", "CHI.01.01", "yes_no", ""),
            row("WT", "WT.1", "WT.01.01", "ask", ""),
            row("CHI", "CHI.02", "CHI.02.01", "number", "").replacen("Child Labour", "Kids", 1),
        ];
        assert_eq!(
            parse_checklist_csv(&file(&rows)),
            Err(vec![
                error(2, "critical_issue", "critical_issue_invalid"),
                ImportRowError {
                    duplicate_of: Some("line 2".into()),
                    ..error(3, "question_code", "duplicate_in_file")
                },
                error(4, "point_code", "code_invalid"),
                error(4, "kind", "kind_invalid"),
                error(5, "cluster_code", "not_contiguous"),
                error(5, "cluster_en", "inconsistent_names"),
            ])
        );
    }

    #[test]
    fn a_byte_order_mark_and_windows_line_endings_are_accepted() {
        let text = format!("\u{feff}{}", file(&valid_rows()).replace('\n', "\r\n"));
        assert_eq!(
            parse_checklist_csv(&text),
            parse_checklist_csv(&file(&valid_rows()))
        );
        let mut rows = valid_rows();
        rows[3] = row("WT", "WT.01", "WT.01.01", "yes_no", "99");
        let text = format!("\u{feff}{}", file(&rows).replace('\n', "\r\n"));
        assert_eq!(
            parse_checklist_csv(&text),
            Err(vec![error(5, "critical_issue", "critical_issue_invalid")])
        );
    }

    #[test]
    fn quoted_cells_with_commas_and_line_breaks_survive_and_keep_line_numbers_right() {
        let mut rows = valid_rows();
        rows[0] = rows[0].replace(
            "Check the register",
            "\"Check the register, the IDs\r\nand \"\"interview\"\" workers.\"",
        );
        rows[3] = row("WT", "WT.01", "WT.01.01", "yes_no", "0");
        let text = file(&rows);
        assert_eq!(
            parse_checklist_csv(&text),
            Err(vec![error(6, "critical_issue", "critical_issue_invalid")])
        );
        let good = text.replace(",0,yes", ",,yes");
        let content = parse_checklist_csv(&good).unwrap();
        assert_eq!(
            content.clusters[0].points[0].questions[0].guidance,
            "Check the register, the IDs\nand \"interview\" workers."
        );
    }

    #[test]
    fn the_shipped_default_checklist_is_complete() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/checklists/cambodia_default.csv"
        );
        let Ok(text) = std::fs::read_to_string(path) else {
            return;
        };
        let content = parse_checklist_csv(&text).unwrap();
        assert!(
            content.question_count() >= 250,
            "{}",
            content.question_count()
        );
        let scored = content.clusters.iter().filter(|cluster| cluster.scored);
        assert_eq!(scored.count(), 8);
        for issue in CRITICAL_ISSUES {
            assert!(
                content
                    .questions()
                    .any(|question| question.critical_issue == Some(issue)),
                "critical issue {issue} is on no question"
            );
        }
    }
}
