//! Options declared as data: one [`Opt`] per command-line option, turned
//! into clap arguments and, once parsed, into a JSON object of payload
//! fields that the SDK's payload types read.

use clap::{Arg, ArgAction, ArgMatches, Command};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::error::{CliError, CliResult};

/// How an option's text becomes a payload value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text.
    Str,
    /// A whole number.
    Int,
    /// A decimal amount, sent as the SDK's `Decimal` (text).
    Dec,
    /// A floating-point number.
    Float,
    /// A flag: `true` when given, unset otherwise.
    Flag,
    /// `--x` / `--no-x`: `true`, `false`, or unset.
    Toggle,
    /// `true` or `false` as a value.
    Bool,
    /// Comma-separated text, sent as a list (`a, b` → `["a", "b"]`).
    List,
    /// Comma-separated text, sent as text with the items trimmed (`a, b` → `"a,b"`).
    CommaText,
    /// Repeatable option, sent as a list.
    Many,
    /// A JSON document given inline.
    Json,
    /// A JSON document read from the file at the given path.
    JsonFile,
}

/// One command-line option and the payload field it sets.
#[derive(Debug, Clone, Copy)]
pub struct Opt {
    /// The long name (`--long`).
    pub long: &'static str,
    /// The short form (`-s`).
    pub short: Option<char>,
    /// The payload field, dotted for nested objects (`marketing_consent.email`).
    pub key: &'static str,
    /// How the value is read.
    pub kind: Kind,
    /// One line of help.
    pub help: &'static str,
    /// Whether the option must be given.
    pub required: bool,
    /// The value when the option is not given.
    pub default: Option<&'static str>,
    /// Allowed values.
    pub choices: Option<&'static [&'static str]>,
    /// Another long name of a toggle's negative form (`--no-x`).
    pub no_alias: Option<&'static str>,
}

impl Opt {
    /// An option `--long` setting `key`.
    pub const fn new(long: &'static str, key: &'static str, kind: Kind, help: &'static str) -> Opt {
        Opt { long, short: None, key, kind, help, required: false, default: None, choices: None, no_alias: None }
    }
    /// A text option `--long` setting `key`.
    pub const fn text(long: &'static str, key: &'static str, help: &'static str) -> Opt {
        Opt::new(long, key, Kind::Str, help)
    }
    /// With the short form `-c`.
    pub const fn short(mut self, c: char) -> Opt {
        self.short = Some(c);
        self
    }
    /// Required.
    pub const fn required(mut self) -> Opt {
        self.required = true;
        self
    }
    /// With a default value.
    pub const fn default(mut self, value: &'static str) -> Opt {
        self.default = Some(value);
        self
    }
    /// Restricted to these values.
    pub const fn choices(mut self, values: &'static [&'static str]) -> Opt {
        self.choices = Some(values);
        self
    }
    /// The negative form of a toggle also accepted as `--alias`.
    pub const fn no_alias(mut self, alias: &'static str) -> Opt {
        self.no_alias = Some(alias);
        self
    }

    /// The clap argument id.
    fn id(&self) -> &'static str {
        self.long
    }

    /// The clap argument.
    pub fn arg(&self) -> Arg {
        let mut arg = Arg::new(self.id()).help(self.help);
        arg = arg.long(self.long).value_name(self.long.to_uppercase().replace('-', "_"));
        if let Some(c) = self.short {
            arg = arg.short(c);
        }
        arg = match self.kind {
            Kind::Flag => arg.action(ArgAction::SetTrue),
            Kind::Toggle => arg.action(ArgAction::SetTrue).overrides_with(self.negated()),
            Kind::Many => arg.action(ArgAction::Append),
            Kind::Int => arg.value_parser(clap::value_parser!(i64)),
            Kind::Float => arg.value_parser(clap::value_parser!(f64)),
            Kind::Bool => arg.value_parser(clap::value_parser!(bool)),
            Kind::JsonFile => arg.value_name("PATH").value_hint(clap::ValueHint::FilePath),
            _ => arg,
        };
        if !matches!(self.kind, Kind::Flag | Kind::Toggle) {
            // As the reference tool: the next word is the value, even when
            // it starts with `-` (`--ordering -created_at`).
            arg = arg.allow_hyphen_values(true);
        }
        if let Some(values) = self.choices {
            arg = arg.value_parser(clap::builder::PossibleValuesParser::new(values.iter().copied()));
        }
        if let Some(d) = self.default {
            arg = arg.default_value(d);
        }
        arg.required(self.required)
    }

    /// The id and long name of a toggle's `--no-<long>`.
    fn negated(&self) -> String {
        format!("no-{}", self.long)
    }

    /// Adds this option (and `--no-x` for a toggle) to `cmd`.
    pub fn add_to(&self, cmd: Command) -> Command {
        let cmd = cmd.arg(self.arg());
        if self.kind == Kind::Toggle {
            let neg = self.negated();
            let mut arg = Arg::new(neg.clone())
                .long(neg)
                .action(ArgAction::SetTrue)
                .help(format!("The opposite of --{}", self.long))
                .overrides_with(self.id());
            if let Some(a) = self.no_alias {
                arg = arg.visible_alias(a);
            }
            cmd.arg(arg)
        } else {
            cmd
        }
    }

    /// The value given (or defaulted) for this option, as JSON.
    fn value(&self, m: &ArgMatches) -> CliResult<Option<Value>> {
        let id = self.id();
        let text = || m.get_one::<String>(id).cloned();
        Ok(match self.kind {
            Kind::Flag => m.get_flag(id).then_some(Value::Bool(true)),
            Kind::Toggle => {
                if m.get_flag(id) {
                    Some(Value::Bool(true))
                } else if m.get_flag(&self.negated()) {
                    Some(Value::Bool(false))
                } else {
                    None
                }
            }
            Kind::Int => m.get_one::<i64>(id).map(|n| Value::from(*n)),
            Kind::Float => {
                m.get_one::<f64>(id).map(|n| serde_json::Number::from_f64(*n).map_or(Value::Null, Value::Number))
            }
            Kind::Bool => m.get_one::<bool>(id).map(|b| Value::Bool(*b)),
            Kind::Dec => match text() {
                Some(t) => {
                    let t = t.trim().to_string();
                    t.parse::<konigle_blocking::Decimal>()
                        .map_err(|_| CliError::usage(format!("--{}: `{t}` is not a decimal amount", self.long)))?;
                    Some(Value::String(t))
                }
                None => None,
            },
            Kind::List => text().map(|t| Value::Array(split_list(&t).into_iter().map(Value::String).collect())),
            Kind::CommaText => text().map(|t| Value::String(split_list(&t).join(","))),
            Kind::Many => m
                .get_many::<String>(id)
                .map(|vals| Value::Array(vals.flat_map(|v| split_list(v)).map(Value::String).collect())),
            Kind::Json => match text() {
                Some(t) => Some(
                    serde_json::from_str(&t)
                        .map_err(|e| CliError::usage(format!("--{}: not valid JSON: {e}", self.long)))?,
                ),
                None => None,
            },
            Kind::JsonFile => match text() {
                Some(path) => {
                    let data = read_file(self.long, &path)?;
                    Some(
                        serde_json::from_str(&data)
                            .map_err(|e| CliError::usage(format!("{path}: not valid JSON: {e}")))?,
                    )
                }
                None => None,
            },
            Kind::Str => text().map(Value::String),
        })
    }
}

fn read_file(option: &str, path: &str) -> CliResult<String> {
    std::fs::read_to_string(path).map_err(|e| CliError::usage(format!("--{option}: cannot read {path}: {e}")))
}

/// Splits `a, b,,c` into `["a", "b", "c"]`.
pub fn split_list(text: &str) -> Vec<String> {
    text.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

/// Adds every option of `opts` to `cmd`. When one of them takes `-h`
/// (`--handle/-h`, as the reference tool), help stays on `--help` only.
pub fn add_all(cmd: Command, opts: &[Opt]) -> Command {
    let cmd = if opts.iter().any(|o| o.short == Some('h')) {
        cmd.disable_help_flag(true).arg(Arg::new("help").long("help").action(ArgAction::Help).help("Print help"))
    } else {
        cmd
    };
    opts.iter().fold(cmd, |cmd, o| o.add_to(cmd))
}

/// The payload fields the given options set, as a JSON object. Later
/// options win over earlier ones for the same field (so `--content-file`
/// declared after `--content` takes precedence).
pub fn collect(opts: &[Opt], m: &ArgMatches) -> CliResult<Values> {
    let mut map = Map::new();
    for opt in opts {
        if opt.key.is_empty() {
            continue;
        }
        if let Some(value) = opt.value(m)? {
            insert_dotted(&mut map, opt.key, value);
        }
    }
    Ok(Values(map))
}

fn insert_dotted(map: &mut Map<String, Value>, key: &str, value: Value) {
    match key.split_once('.') {
        None => {
            map.insert(key.to_string(), value);
        }
        Some((head, rest)) => {
            let slot = map.entry(head.to_string()).or_insert_with(|| Value::Object(Map::new()));
            if !slot.is_object() {
                *slot = Value::Object(Map::new());
            }
            if let Value::Object(inner) = slot {
                insert_dotted(inner, rest, value);
            }
        }
    }
}

/// Parsed option values by payload field.
#[derive(Debug, Clone, Default)]
pub struct Values(pub Map<String, Value>);

impl Values {
    /// Whether no field is set.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// A field read as `T`, if set.
    pub fn get<T: DeserializeOwned>(&self, key: &str) -> CliResult<Option<T>> {
        match self.0.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => serde_json::from_value(v.clone())
                .map(Some)
                .map_err(|e| CliError::usage(format!("{}: {e}", key.replace('_', "-")))),
        }
    }

    /// A required field read as `T`.
    pub fn req<T: DeserializeOwned>(&self, key: &str) -> CliResult<T> {
        self.get(key)?.ok_or_else(|| CliError::usage(format!("missing value for {}", key.replace('_', "-"))))
    }

    /// A text field, if set.
    pub fn str(&self, key: &str) -> Option<String> {
        self.0.get(key).and_then(Value::as_str).map(str::to_string)
    }

    /// Removes a field and returns it.
    pub fn take(&mut self, key: &str) -> Option<Value> {
        self.0.remove(key)
    }

    /// The whole object read as `T` (a payload type that reads its fields by name).
    pub fn into_payload<T: DeserializeOwned>(self) -> CliResult<T> {
        serde_json::from_value(Value::Object(self.0)).map_err(|e| CliError::usage(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_split_and_trimmed() {
        assert_eq!(split_list(" a, b,,c ,"), ["a", "b", "c"]);
        assert!(split_list("").is_empty());
    }

    #[test]
    fn dotted_keys_build_nested_objects() {
        let mut map = Map::new();
        insert_dotted(&mut map, "consent.email", Value::Bool(false));
        insert_dotted(&mut map, "consent.sms", Value::Bool(true));
        insert_dotted(&mut map, "name", Value::from("x"));
        assert_eq!(Value::Object(map), serde_json::json!({"consent": {"email": false, "sms": true}, "name": "x"}));
    }

    #[test]
    fn options_become_payload_fields() {
        const OPTS: &[Opt] = &[
            Opt::text("name", "name", "").short('n'),
            Opt::new("tag", "tags", Kind::Many, ""),
            Opt::new("price", "price", Kind::Dec, ""),
            Opt::new("live", "live", Kind::Toggle, ""),
        ];
        let cmd = add_all(Command::new("t"), OPTS);
        let m = cmd
            .try_get_matches_from(["t", "-n", "Tee", "--tag", "a,b", "--tag", "c", "--price", "9.50", "--no-live"])
            .unwrap();
        let v = collect(OPTS, &m).unwrap();
        assert_eq!(
            Value::Object(v.0),
            serde_json::json!({"name": "Tee", "tags": ["a", "b", "c"], "price": "9.50", "live": false})
        );
        let bad = add_all(Command::new("t"), OPTS).try_get_matches_from(["t", "--price", "abc"]).unwrap();
        assert!(collect(OPTS, &bad).is_err());
    }
}
