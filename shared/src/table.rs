//! Tables as the UI shows them and as CSV files that spreadsheets open: the same cells in the
//! same order, so a downloaded file always matches the table on screen.

/// A table's header row and body rows, every cell already formatted for display.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableData {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl TableData {
    /// The table as RFC 4180 CSV with CRLF line ends. A byte-order mark goes first so that
    /// spreadsheet programs read Khmer and Chinese text as UTF-8.
    pub fn to_csv(&self) -> String {
        let mut csv = String::from("\u{feff}");
        for row in std::iter::once(&self.headers).chain(self.rows.iter()) {
            let line: Vec<String> = row.iter().map(|cell| csv_field(cell)).collect();
            csv.push_str(&line.join(","));
            csv.push_str("\r\n");
        }
        csv
    }
}

/// A cell quoted when it holds a comma, quote or line break (quotes doubled).
fn csv_field(cell: &str) -> String {
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_with_separators_are_quoted_and_quotes_doubled() {
        let table = TableData {
            headers: vec!["Factory".into(), "Rate".into()],
            rows: vec![
                vec!["Injae Garment Co., Ltd.".into(), "25%".into()],
                vec!["The \"Best\" Factory".into(), "–".into()],
                vec!["រោងចក្រ".into(), "line\nbreak".into()],
            ],
        };
        assert_eq!(
            table.to_csv(),
            "\u{feff}Factory,Rate\r\n\"Injae Garment Co., Ltd.\",25%\r\n\
             \"The \"\"Best\"\" Factory\",–\r\nរោងចក្រ,\"line\nbreak\"\r\n"
        );
    }

    #[test]
    fn an_empty_table_is_its_header() {
        let table = TableData {
            headers: vec!["A".into()],
            rows: vec![],
        };
        assert_eq!(table.to_csv(), "\u{feff}A\r\n");
    }
}
