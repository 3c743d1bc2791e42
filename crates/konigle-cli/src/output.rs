//! Printing results: a table or a key/value view on a terminal, the API's
//! JSON with `--output json`, colour only on a terminal without `NO_COLOR`.

use std::io::{IsTerminal, Write};

use serde_json::Value;

use crate::error::CliResult;

/// A table column: its header and the (dotted) field it shows.
pub type Column = (&'static str, &'static str);

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Tables and key/value views.
    Table,
    /// The API's JSON, one document.
    Json,
}

/// The output settings of one run.
#[derive(Debug, Clone, Copy)]
pub struct Output {
    /// The format of results.
    pub format: Format,
    /// Whether to colour stdout.
    pub color: bool,
    /// Whether stdout is a terminal (cells are shortened there).
    pub stdout_tty: bool,
    /// Whether stderr is a terminal (progress is shown there only).
    pub stderr_tty: bool,
}

/// Longest table cell on a terminal.
const MAX_CELL: usize = 48;

impl Output {
    /// Settings for `format`, from the terminal and `NO_COLOR`.
    pub fn detect(format: Format) -> Self {
        let stdout_tty = std::io::stdout().is_terminal();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Output { format, color: stdout_tty && !no_color, stdout_tty, stderr_tty: std::io::stderr().is_terminal() }
    }

    /// Whether results are JSON.
    pub fn json(&self) -> bool {
        self.format == Format::Json
    }

    /// A human message: stdout in table mode, stderr in JSON mode (stdout
    /// then holds one JSON document only).
    pub fn say(&self, message: impl AsRef<str>) {
        if self.json() {
            eprintln!("{}", message.as_ref());
        } else {
            println!("{}", message.as_ref());
        }
    }

    fn bold(&self, text: &str) -> String {
        if self.color {
            format!("\x1b[1m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    /// Prints a JSON document.
    pub fn print_json(&self, value: &Value) -> CliResult<()> {
        let mut out = std::io::stdout().lock();
        serde_json::to_writer_pretty(&mut out, value)?;
        writeln!(out)?;
        Ok(())
    }

    /// Prints one resource: JSON, or one `key: value` line per field.
    pub fn print_one(&self, value: &Value) -> CliResult<()> {
        if self.json() {
            return self.print_json(value);
        }
        let mut out = std::io::stdout().lock();
        match value {
            Value::Object(map) => {
                let width = map.keys().map(|k| k.chars().count()).max().unwrap_or(0);
                for (key, v) in map {
                    let value = cell(v, usize::MAX);
                    if value.is_empty() {
                        writeln!(out, "{}", self.bold(key))?;
                    } else {
                        let pad = " ".repeat(width - key.chars().count());
                        writeln!(out, "{}{pad}  {value}", self.bold(key))?;
                    }
                }
            }
            other => writeln!(out, "{}", cell(other, usize::MAX))?,
        }
        Ok(())
    }

    /// Prints a list: a JSON array, or a table of `columns`.
    pub fn print_list(&self, items: &[Value], columns: &[Column], empty: &str) -> CliResult<()> {
        if self.json() {
            return self.print_json(&Value::Array(items.to_vec()));
        }
        if items.is_empty() {
            println!("{empty}");
            return Ok(());
        }
        let max = if self.stdout_tty { MAX_CELL } else { usize::MAX };
        let rows: Vec<Vec<String>> =
            items.iter().map(|item| columns.iter().map(|(_, key)| cell(field(item, key), max)).collect()).collect();
        let widths: Vec<usize> = columns
            .iter()
            .enumerate()
            .map(|(i, (h, _))| rows.iter().map(|r| r[i].chars().count()).chain([h.len()]).max().unwrap_or(0))
            .collect();
        let mut out = std::io::stdout().lock();
        let header: Vec<String> = columns.iter().zip(&widths).map(|((h, _), w)| format!("{h:<w$}", w = *w)).collect();
        writeln!(out, "{}", self.bold(header.join("  ").trim_end()))?;
        for row in rows {
            let line: Vec<String> = row.iter().zip(&widths).map(|(c, w)| pad(c, *w)).collect();
            writeln!(out, "{}", line.join("  ").trim_end())?;
        }
        Ok(())
    }
}

fn pad(text: &str, width: usize) -> String {
    let n = text.chars().count();
    format!("{text}{}", " ".repeat(width.saturating_sub(n)))
}

/// The value at a dotted path (`computer.name`), or null.
pub fn field<'a>(value: &'a Value, path: &str) -> &'a Value {
    path.split('.').try_fold(value, |v, key| v.get(key)).unwrap_or(&Value::Null)
}

/// A value as one table cell: strings bare, lists joined, objects as JSON,
/// shortened to `max` characters.
pub fn cell(value: &Value, max: usize) -> String {
    let text = match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.iter().all(|i| !i.is_object() && !i.is_array()) => {
            items.iter().map(|i| cell(i, usize::MAX)).collect::<Vec<_>>().join(", ")
        }
        other => other.to_string(),
    };
    let text = text.replace(['\n', '\r', '\t'], " ");
    if text.chars().count() > max {
        let short: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{short}…")
    } else {
        text
    }
}
