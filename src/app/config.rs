//! The config file (`config.toml` in the platform config folder, or
//! `--config PATH`): display, team, guardrail thresholds (docs/domain.md §6), MDF
//! program policies (docs/domain.md §11) and key overrides.
//!
//! Loading is lenient: a missing file gives the defaults; a bad section or
//! entry is warned about (the warnings show in the status bar) and the
//! default is used for it. jmo never refuses to start over its config.
//!
//! ```toml
//! ascii = false            # true: ASCII icons instead of emoji
//! color = true             # false: no colour (as NO_COLOR=1 does)
//! theme = "auto"           # "dark", "light", or "auto": ask the terminal
//! our_owner = "Dana"       # default owner of our side's checklist items
//!
//! [guardrails]
//! max_active_campaigns = 3
//! event_lead_time_days = 42
//! attribution_warning_days = 14
//! claim_warning_days = 7
//! type_range_warnings = true
//!
//! [policies.default]       # docs/domain.md §11 defaults; add [policies.NAME] for others
//! claim_window_days = 30
//!
//! [program]              # docs/domain.md §9 targets and the fiscal year
//! fiscal_year_start_month = 2
//! sourced_pipeline = 2000000
//!
//! [tier_budget]          # docs/domain.md §10 co-marketing budget base per tier, in the database's currency
//! silver = 10000
//! gold = 25000
//!
//! [evidence]             # docs/domain.md §15: attribution window (days), reported vs evidenced tolerance (%)
//! window_days = 90
//! tolerance_percent = 10
//!
//! [crm.salesforce.types]  # docs/crm.md: jmo type = Salesforce Campaign Type
//! content = "Partners"
//!
//! [keys]
//! toggle = "space"
//!
//! [keys.profile]         # one view's keys, over [keys]
//! archive = "A"
//! ```

use super::keymap::KeySpec;
use crate::domain::guardrails::Thresholds;
use crate::domain::mdf::Policy;
use crate::domain::partner::TierBudget;
use crate::domain::performance::ProgramTargets;
use crate::domain::playbook::{Playbook, parse_playbooks};
use crate::domain::responsibility::Templates;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The shipped responsibility templates (docs/domain.md §5).
pub const SHIPPED_TEMPLATES: &str = include_str!("../../assets/templates.toml");
/// The shipped playbooks (docs/domain.md §3).
pub const SHIPPED_PLAYBOOKS: &str = include_str!("../../assets/playbooks.toml");

/// Everything the config file can set.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Force ASCII icons (`Some(true)`) or emoji (`Some(false)`); `None` =
    /// decide from the terminal.
    pub ascii: Option<bool>,
    /// `Some(false)` turns colour off (as `NO_COLOR` does).
    pub color: Option<bool>,
    /// The palette: for a dark or a light background, or `Auto` (decided
    /// at start-up, see [`ThemeSetting::resolve`]).
    pub theme: ThemeSetting,
    /// Default owner of our side's checklist items. Default "Us".
    pub our_owner: String,
    /// Guardrail thresholds (docs/domain.md §6).
    pub guardrails: Thresholds,
    /// MDF program policies by name (docs/domain.md §11); "default" is always there.
    pub policies: BTreeMap<String, Policy>,
    /// Key overrides by action name (`[keys]`): in every view with an
    /// action of that name.
    pub keys: BTreeMap<String, KeySpec>,
    /// Key overrides of one view (`[keys.VIEW]`), by view, then by action
    /// name: over `[keys]`, in that view only.
    pub view_keys: BTreeMap<String, BTreeMap<String, KeySpec>>,
    /// Where the screen writes reimbursement packets (`P`) and reports
    /// (`W`); `None` = the folder jmo was started in.
    pub packet_dir: Option<PathBuf>,
    /// The program's targets and fiscal year (docs/domain.md §9), `[program]`.
    pub program: ProgramTargets,
    /// The co-marketing budget base per tier (docs/domain.md §10), `[tier_budget]`.
    pub tier_budget: TierBudget,
    /// CRM settings (`[crm]`, docs/crm.md): Salesforce's type picklist.
    pub crm: crate::crm::salesforce::SalesforceSettings,
    /// Pipeline evidence (`[evidence]`, docs/domain.md §15.2–§15.3): the
    /// attribution window (days) and the reported-vs-evidenced tolerance (%).
    pub evidence: crate::domain::evidence::EvidenceRules,
}

impl Default for Config {
    fn default() -> Self {
        let mut policies = BTreeMap::new();
        policies.insert("default".to_string(), Policy::default());
        policies.insert("fast-track".to_string(), fast_track());
        Config {
            ascii: None,
            color: None,
            theme: ThemeSetting::Auto,
            our_owner: "Us".into(),
            guardrails: Thresholds::default(),
            policies,
            keys: BTreeMap::new(),
            view_keys: BTreeMap::new(),
            packet_dir: None,
            program: ProgramTargets::default(),
            tier_budget: TierBudget::default(),
            crm: Default::default(),
            evidence: Default::default(),
        }
    }
}

/// The `theme` setting: which palette the screen uses (`ui::theme`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeSetting {
    /// Ask the terminal at start-up; dark when it cannot tell.
    #[default]
    Auto,
    /// Colours for a dark background (the terminal's own palette where it
    /// reads well).
    Dark,
    /// Colours for a light background, each at least 4.5:1 against white.
    Light,
}

impl ThemeSetting {
    /// The luma (0 = black, 1 = white) above which a background is light.
    pub const LIGHT_LUMA: f32 = 0.6;

    /// The setting for a config value: `"auto"`, `"dark"` or `"light"`
    /// (any case); `None` for anything else.
    fn parse(value: &toml::Value) -> Option<ThemeSetting> {
        match value.as_str()?.trim().to_ascii_lowercase().as_str() {
            "auto" => Some(ThemeSetting::Auto),
            "dark" => Some(ThemeSetting::Dark),
            "light" => Some(ThemeSetting::Light),
            _ => None,
        }
    }

    /// `Dark` or `Light`: this setting, or for `Auto` what the terminal's
    /// background luma says (`background_luma` is only called then; `None`
    /// when the terminal cannot tell, which gives `Dark`).
    pub fn resolve(self, background_luma: impl FnOnce() -> Option<f32>) -> ThemeSetting {
        match self {
            ThemeSetting::Auto => match background_luma() {
                Some(luma) if luma > Self::LIGHT_LUMA => ThemeSetting::Light,
                _ => ThemeSetting::Dark,
            },
            other => other,
        }
    }
}

/// The second built-in MDF policy, "fast-track", from the variants real
/// programs use (docs/domain.md §11 "seen in real programs"): a 45-day claim window,
/// 14 calendar days' pre-approval, up to 100 % vendor share, $500 minimum.
/// A config file can redefine it like any other.
pub fn fast_track() -> Policy {
    Policy {
        claim_window_days: 45,
        lead_time: 14,
        lead_time_business_days: false,
        max_share_percent: rust_decimal::Decimal::ONE_HUNDRED,
        min_request: rust_decimal::Decimal::from(500),
        ..Policy::default()
    }
}

/// The platform folders jmo uses (from the `directories` crate).
pub fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "jmo")
}

/// The default database: `<data dir>/jmo.db`, e.g. `~/.local/share/jmo/jmo.db`.
pub fn default_db_path() -> Option<PathBuf> {
    project_dirs().map(|d| d.data_dir().join("jmo.db"))
}

/// The default config file: `<config dir>/config.toml`, e.g. `~/.config/jmo/config.toml`.
pub fn default_config_path() -> Option<PathBuf> {
    project_dirs().map(|d| d.config_dir().join("config.toml"))
}

/// A loaded configuration with what was wrong in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The configuration (defaults where the file was silent or wrong).
    pub config: Config,
    /// The checklist templates (the file's folder `templates.toml`, else shipped).
    pub templates: Templates,
    /// The playbooks (the file's folder `playbooks.toml`, else shipped).
    pub playbooks: Vec<Playbook>,
    /// One message per problem found; empty when all is well.
    pub warnings: Vec<String>,
    /// The config file read, or that would be read (the default path when
    /// there is none yet); `None` when there is no such path.
    pub path: Option<PathBuf>,
}

impl Loaded {
    /// How messages name the config file: its path, or "the config file"
    /// when there is none (e.g. guardrail M9, "add [policies.NAME] to …").
    pub fn file_label(&self) -> String {
        file_label(self.path.as_deref())
    }
}

/// How messages name a config file: its path, or "the config file".
pub fn file_label(path: Option<&Path>) -> String {
    path.map_or_else(|| "the config file".into(), |p| p.display().to_string())
}

/// Loads the config from `path` (or the default path): config file, then
/// templates and playbooks overrides from the same folder.
///
/// A missing default file is fine; a missing explicit `path` is a warning.
pub fn load(path: Option<&Path>) -> Loaded {
    let mut warnings = Vec::new();
    let explicit = path.is_some();
    let path = path.map(Path::to_path_buf).or_else(default_config_path);
    let config = match &path {
        Some(p) => match std::fs::read_to_string(p) {
            Ok(text) => {
                let (c, w) = parse(&text);
                warnings.extend(w.into_iter().map(|w| format!("{}: {w}", p.display())));
                c
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => Config::default(),
            Err(e) => {
                warnings.push(format!("{}: {e}; using defaults", p.display()));
                Config::default()
            }
        },
        None => Config::default(),
    };
    let dir = path.as_deref().and_then(Path::parent);
    let templates = override_or_shipped(
        dir,
        "templates.toml",
        SHIPPED_TEMPLATES,
        Templates::parse,
        &mut warnings,
    );
    let playbooks = override_or_shipped(
        dir,
        "playbooks.toml",
        SHIPPED_PLAYBOOKS,
        parse_playbooks,
        &mut warnings,
    );
    Loaded {
        config,
        templates,
        playbooks,
        warnings,
        path,
    }
}

/// The shipped templates and playbooks with the default config (tests,
/// benchmarks, and the CLI when no config applies).
pub fn defaults() -> Loaded {
    let mut warnings = Vec::new();
    let templates =
        override_or_shipped(None, "", SHIPPED_TEMPLATES, Templates::parse, &mut warnings);
    let playbooks =
        override_or_shipped(None, "", SHIPPED_PLAYBOOKS, parse_playbooks, &mut warnings);
    Loaded {
        config: Config::default(),
        templates,
        playbooks,
        warnings,
        path: None,
    }
}

fn override_or_shipped<T: Default>(
    dir: Option<&Path>,
    name: &str,
    shipped: &str,
    parse: impl Fn(&str) -> Result<T, String>,
    warnings: &mut Vec<String>,
) -> T {
    if let Some(file) = dir.map(|d| d.join(name)).filter(|f| f.is_file()) {
        match std::fs::read_to_string(&file)
            .map_err(|e| e.to_string())
            .and_then(|t| parse(&t))
        {
            Ok(v) => return v,
            Err(e) => warnings.push(format!("{}: {e}; using the shipped {name}", file.display())),
        }
    }
    match parse(shipped) {
        Ok(v) => v,
        Err(e) => {
            // The shipped files are tested; this only guards against a broken build.
            warnings.push(format!("shipped {name} is invalid: {e}"));
            T::default()
        }
    }
}

/// Parses config text leniently: each top-level entry and each section is
/// read on its own; what cannot be read is reported and left at default.
pub fn parse(text: &str) -> (Config, Vec<String>) {
    let mut config = Config::default();
    let mut warnings = Vec::new();
    let table: toml::Table = match toml::from_str(text) {
        Ok(t) => t,
        Err(e) => {
            let line = e
                .span()
                .map(|at| format!(" at line {}", 1 + text[..at.start].matches('\n').count()))
                .unwrap_or_default();
            warnings.push(format!(
                "not valid TOML{line}: {}; using defaults",
                plain(e.message())
            ));
            return (config, warnings);
        }
    };
    for (key, value) in table {
        match key.as_str() {
            "ascii" => set(&mut config.ascii, "ascii", value, &mut warnings, Some),
            "color" => set(&mut config.color, "color", value, &mut warnings, Some),
            "theme" => match ThemeSetting::parse(&value) {
                Some(t) => config.theme = t,
                None => warnings.push(format!(
                    "theme: must be \"auto\", \"dark\" or \"light\", not {value}; \"auto\" kept"
                )),
            },
            "our_owner" => set(
                &mut config.our_owner,
                "our_owner",
                value,
                &mut warnings,
                |s| s,
            ),
            "packet_dir" => set(
                &mut config.packet_dir,
                "packet_dir",
                value,
                &mut warnings,
                |s: String| Some(PathBuf::from(s)),
            ),
            "guardrails" => {
                let t = merge_lenient(Thresholds::default(), "[guardrails]", value, &mut warnings);
                config.guardrails = in_range_thresholds(t, &mut warnings);
            }
            "policies" => match value {
                toml::Value::Table(t) => {
                    for (name, v) in t {
                        // A built-in policy ("default", "fast-track") is
                        // amended entry by entry; a new one starts from the defaults (docs/domain.md §11.2).
                        let base = config.policies.get(&name).cloned().unwrap_or_default();
                        let what = format!("[policies.{name}]");
                        let p = merge_lenient(base.clone(), &what, v, &mut warnings);
                        let p = in_range_policy(p, &base, &what, &mut warnings);
                        config.policies.insert(name, p);
                    }
                }
                _ => warnings.push("policies must be a table of [policies.NAME]; skipped".into()),
            },
            "program" => {
                let t = merge_lenient(ProgramTargets::default(), "[program]", value, &mut warnings);
                config.program = in_range_program(t, &mut warnings);
            }
            "tier_budget" => {
                let t = merge_lenient(TierBudget::default(), "[tier_budget]", value, &mut warnings);
                config.tier_budget = in_range_tier_budget(t, &mut warnings);
            }
            "evidence" => {
                let base = crate::domain::evidence::EvidenceRules::default();
                let t = merge_lenient(base, "[evidence]", value, &mut warnings);
                config.evidence = in_range_evidence(t, &mut warnings);
            }
            "crm" => {
                config.crm =
                    crate::crm::salesforce::mapping::settings_from_toml(value, &mut warnings)
            }
            "keys" => match value {
                toml::Value::Table(t) => {
                    for (name, v) in t {
                        if let toml::Value::Table(entries) = v {
                            // [keys.VIEW]: that view's own keys.
                            let view = config.view_keys.entry(name.clone()).or_default();
                            for (action, v) in entries {
                                match KeySpec::deserialize_from(v) {
                                    Ok(spec) => {
                                        view.insert(action, spec);
                                    }
                                    Err(e) => warnings
                                        .push(format!("[keys.{name}] {action}: {e}; skipped")),
                                }
                            }
                            continue;
                        }
                        match KeySpec::deserialize_from(v) {
                            Ok(spec) => {
                                config.keys.insert(name, spec);
                            }
                            Err(e) => warnings.push(format!("[keys] {name}: {e}; skipped")),
                        }
                    }
                }
                _ => warnings.push("keys must be a table; skipped".into()),
            },
            other => warnings.push(format!("unknown setting '{other}' skipped")),
        }
    }
    (config, warnings)
}

/// Applies the entries of `value` (a table) onto `base` one by one: an
/// entry that does not fit (unknown name, wrong type) is warned about and
/// skipped; the others apply.
fn merge_lenient<T: Serialize + DeserializeOwned + Clone>(
    base: T,
    what: &str,
    value: toml::Value,
    warnings: &mut Vec<String>,
) -> T {
    let toml::Value::Table(entries) = value else {
        warnings.push(format!("{what} must be a table; defaults kept"));
        return base;
    };
    let mut current = base;
    for (key, v) in entries {
        let Ok(toml::Value::Table(mut table)) = toml::Value::try_from(&current) else {
            return current;
        };
        if !table.contains_key(&key) {
            let valid: Vec<&str> = table.keys().map(String::as_str).collect();
            warnings.push(format!(
                "{what}: unknown setting '{key}' skipped (valid: {})",
                valid.join(", ")
            ));
            continue;
        }
        table.insert(key.clone(), v);
        match toml::Value::Table(table).try_into::<T>() {
            Ok(next) => current = next,
            Err(e) => warnings.push(format!(
                "{what} {key}: {}; default kept",
                plain(e.message())
            )),
        }
    }
    current
}

/// The longest claim window or lead time a policy may set, in days: a year.
pub const MAX_POLICY_DAYS: i64 = 365;

/// A TOML or serde message in the words of the config file: "invalid
/// type: string \"travel\", expected a sequence" becomes "must be a list
/// in brackets, e.g. [\"a\", \"b\"], not the text \"travel\""; a message
/// of another shape is returned trimmed.
fn plain(message: &str) -> String {
    let message = message.trim();
    let Some((got, expected)) = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
        .and_then(|rest| rest.split_once(", expected "))
    else {
        return message.to_string();
    };
    let number = |kind: &str| {
        got.strip_prefix(kind)
            .map(|n| n.trim().trim_matches('`').to_string())
    };
    if let Some(n) = number("integer ").filter(|n| n.ends_with(" as i128")) {
        return format!(
            "the number {} is out of range (whole numbers go from -9223372036854775808 to 9223372036854775807)",
            n.trim_end_matches(" as i128").trim_end_matches('`')
        );
    }
    let got = if let Some(text) = got.strip_prefix("string ") {
        format!("the text {text}")
    } else if let Some(n) = number("integer ").or_else(|| number("floating point ")) {
        format!("the number {n}")
    } else if let Some(b) = number("boolean ") {
        b
    } else {
        match got {
            "sequence" => "a list".into(),
            "map" => "a table".into(),
            other => other.into(),
        }
    };
    let expected = match expected {
        "a sequence" => "a list in brackets, e.g. [\"a\", \"b\"]",
        "a boolean" => "true or false",
        "a string" => "text in quotes",
        "a map" => "a table",
        "f64" | "f32" => "a number",
        "i64" | "i32" | "i16" | "i8" | "u64" | "u32" | "u16" | "u8" | "usize" | "an integer" => {
            "a whole number"
        }
        e if e.starts_with("a Decimal") => "a number, e.g. 1000 or 1250.50",
        e if e.starts_with("struct ") => "a table",
        other => other,
    };
    format!("must be {expected}, not {got}")
}

fn set<T, V: DeserializeOwned>(
    slot: &mut T,
    what: &str,
    value: toml::Value,
    warnings: &mut Vec<String>,
    wrap: impl FnOnce(V) -> T,
) {
    match value.try_into::<V>() {
        Ok(v) => *slot = wrap(v),
        Err(e) => warnings.push(format!("{what}: {}; default kept", plain(e.message()))),
    }
}

impl KeySpec {
    fn deserialize_from(v: toml::Value) -> Result<KeySpec, String> {
        v.try_into::<KeySpec>()
            .map_err(|_| "expected a key name or a list of key names".to_string())
    }
}

mod checks;

use checks::{
    in_range_evidence, in_range_policy, in_range_program, in_range_thresholds, in_range_tier_budget,
};

#[cfg(test)]
#[path = "config_tests.rs"]
mod tests;
