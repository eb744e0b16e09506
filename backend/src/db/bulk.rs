//! Multi-row inserts for loading many rows at once: the industry generator writes millions of
//! answers, and one statement per row would take hours on PostgreSQL.

use sqlx::AnyConnection;

use crate::db::flag;

/// One value of a row to insert.
#[derive(Clone, Debug)]
pub enum Value {
    Int(i64),
    MaybeInt(Option<i64>),
    Real(f64),
    /// Bound as a number and a known flag: see `factories::known_float`.
    MaybeReal(Option<f64>),
    Text(String),
    MaybeText(Option<String>),
}

impl From<i64> for Value {
    fn from(value: i64) -> Value {
        Value::Int(value)
    }
}
impl From<Option<i64>> for Value {
    fn from(value: Option<i64>) -> Value {
        Value::MaybeInt(value)
    }
}
impl From<f64> for Value {
    fn from(value: f64) -> Value {
        Value::Real(value)
    }
}
impl From<String> for Value {
    fn from(value: String) -> Value {
        Value::Text(value)
    }
}
impl From<Option<f64>> for Value {
    fn from(value: Option<f64>) -> Value {
        Value::MaybeReal(value)
    }
}
impl From<Option<String>> for Value {
    fn from(value: Option<String>) -> Value {
        Value::MaybeText(value)
    }
}
impl From<Option<&str>> for Value {
    fn from(value: Option<&str>) -> Value {
        Value::MaybeText(value.map(str::to_owned))
    }
}
impl From<&str> for Value {
    fn from(value: &str) -> Value {
        Value::Text(value.to_owned())
    }
}

/// Values per statement. Both databases allow thousands, but sqlx binds parameters in time
/// that grows with the square of their number: 300 loaded 3 times faster than 3,000.
const VALUES_PER_STATEMENT: usize = 300;

/// Rows waiting to be inserted into one table.
pub struct RowBuffer {
    /// `table (column, column, ...)`
    target: &'static str,
    width: usize,
    /// Which columns hold nullable floats (two bound values each), from the first row.
    nullable_real: Vec<bool>,
    values: Vec<Value>,
}

impl RowBuffer {
    pub fn new(target: &'static str, width: usize) -> RowBuffer {
        RowBuffer {
            target,
            width,
            nullable_real: Vec::new(),
            values: Vec::new(),
        }
    }

    pub fn push<const N: usize>(&mut self, row: [Value; N]) {
        debug_assert_eq!(N, self.width, "row width of {}", self.target);
        if self.nullable_real.is_empty() {
            self.nullable_real = row
                .iter()
                .map(|value| matches!(value, Value::MaybeReal(_)))
                .collect();
        }
        self.values.extend(row);
    }

    pub fn rows(&self) -> usize {
        self.values.len() / self.width
    }

    /// Inserts every buffered row and empties the buffer.
    pub async fn flush(&mut self, connection: &mut AnyConnection) -> Result<(), sqlx::Error> {
        let binds_per_row = self.width + self.nullable_real.iter().filter(|n| **n).count();
        let rows_per_statement = (VALUES_PER_STATEMENT / binds_per_row).max(1);
        let values = std::mem::take(&mut self.values);
        for chunk in values.chunks(rows_per_statement * self.width) {
            let sql = insert_sql(self.target, &self.nullable_real, chunk.len() / self.width);
            let mut query = sqlx::query(&sql);
            for value in chunk {
                query = match value {
                    Value::Int(v) => query.bind(*v),
                    Value::MaybeInt(v) => query.bind(*v),
                    Value::Real(v) => query.bind(*v),
                    Value::MaybeReal(v) => {
                        query.bind(v.unwrap_or_default()).bind(flag(v.is_some()))
                    }
                    Value::Text(v) => query.bind(v.as_str()),
                    Value::MaybeText(v) => query.bind(v.as_deref()),
                };
            }
            query.execute(&mut *connection).await?;
        }
        Ok(())
    }
}

/// `insert into target values ($1, $2), ($3, $4)`; a nullable float column takes two
/// values: `case when $flag = 1 then $value end`.
fn insert_sql(target: &str, nullable_real: &[bool], rows: usize) -> String {
    let mut sql = format!("insert into {target} values ");
    let mut next = 1;
    for row in 0..rows {
        if row > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for (column, nullable) in nullable_real.iter().enumerate() {
            if column > 0 {
                sql.push_str(", ");
            }
            if *nullable {
                sql.push_str(&format!("case when ${} = 1 then ${} end", next + 1, next));
                next += 2;
            } else {
                sql.push_str(&format!("${next}"));
                next += 1;
            }
        }
        sql.push(')');
    }
    sql
}

#[cfg(test)]
mod tests {
    #[test]
    fn placeholders_are_numbered_across_rows() {
        assert_eq!(
            super::insert_sql("t (a, b)", &[false, false], 2),
            "insert into t (a, b) values ($1, $2), ($3, $4)"
        );
        assert_eq!(
            super::insert_sql("t (a, b)", &[false, true], 2),
            "insert into t (a, b) values ($1, case when $3 = 1 then $2 end), ($4, case when $6 = 1 then $5 end)"
        );
    }
}
