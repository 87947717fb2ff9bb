//! What `jmo mdf packet TARGET` names (docs/domain.md §11): a request
//! (`R12`, `12`) or a campaign (its name, or a unique part of it), with
//! the candidates listed when the text names none or several.

use crate::domain::campaign::Campaign;
use crate::domain::ids::{CampaignId, RequestId, Stored};
use crate::domain::program::Program;
use std::fmt;
/// What a packet target names: one request, or a campaign (one packet per
/// request, see [`packet_requests`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// One MDF request.
    Request(RequestId),
    /// A campaign.
    Campaign(CampaignId),
}

/// Why a packet target names nothing, or more than one thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetError {
    /// Nothing matches; `candidates` are what the user may have meant
    /// (near names, or the existing records), one line each.
    Unknown {
        /// What the user typed.
        target: String,
        /// Lines naming candidates, e.g. `campaign:3  Webinar (Acme)`.
        candidates: Vec<String>,
    },
    /// Where only a campaign is taken (`jmo results`, `jmo report
    /// plan|results`): no campaign has that name or id; `candidates` as
    /// for [`TargetError::Unknown`].
    NoCampaign {
        /// What the user typed.
        target: String,
        /// Lines naming candidates, e.g. `campaign:3  Webinar (Acme)`.
        candidates: Vec<String>,
    },
    /// Several campaigns have that name.
    Ambiguous {
        /// What the user typed.
        target: String,
        /// One line per match, e.g. `campaign:3  Webinar (Acme)`.
        candidates: Vec<String>,
    },
}

impl fmt::Display for TargetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (head, candidates) = match self {
            TargetError::Unknown { target, candidates } => (
                format!(
                    "no MDF request or campaign matches '{target}' (use R12, request:12, a campaign's name or campaign:ID)"
                ),
                candidates,
            ),
            TargetError::NoCampaign { target, candidates } => (
                format!("no campaign matches '{target}' (use its name or campaign:ID)"),
                candidates,
            ),
            TargetError::Ambiguous { target, candidates } => (
                format!("'{target}' names several campaigns; use campaign:ID"),
                candidates,
            ),
        };
        f.write_str(&head)?;
        if !candidates.is_empty() {
            f.write_str("; candidates:")?;
            for c in candidates {
                write!(f, "\n  {c}")?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for TargetError {}

/// How many candidates a [`TargetError`] lists at most.
pub const MAX_CANDIDATES: usize = 20;

/// Resolves what the user typed as a packet target: `R12`, `request:12` or
/// a bare number is request 12; `campaign:7` is campaign 7; anything else is
/// a campaign name, matched exactly ignoring case and surrounding spaces.
///
/// Errors: [`TargetError::Unknown`] (no such request, campaign or name,
/// with candidates) or [`TargetError::Ambiguous`] (several campaigns of
/// that name, listed).
pub fn resolve_target(program: &Program, text: &str) -> Result<Target, TargetError> {
    let typed = text.trim();
    let lower = typed.to_lowercase();
    let unknown = |candidates| TargetError::Unknown {
        target: typed.to_string(),
        candidates,
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let request_id = match lower.strip_prefix("request:") {
        Some(rest) => Some(rest.trim()),
        None => Some(lower.strip_prefix('r').unwrap_or(&lower)).filter(|s| digits(s)),
    };
    if let Some(text) = request_id {
        let id = Some(text)
            .filter(|s| digits(s))
            .and_then(|s| s.parse::<i64>().ok())
            .map(RequestId);
        return match id.filter(|&id| program.requests.get(id).is_some()) {
            Some(id) => Ok(Target::Request(id)),
            None => Err(unknown(request_lines(program))),
        };
    }
    campaign_named(program, typed, unknown).map(Target::Campaign)
}

/// Resolves a campaign alone (`jmo results`, `jmo report plan|results`):
/// `campaign:ID`, or its name ignoring case.
///
/// Errors: [`TargetError::NoCampaign`] with the near names (else every
/// campaign) as candidates; [`TargetError::Ambiguous`].
pub fn resolve_campaign(program: &Program, text: &str) -> Result<CampaignId, TargetError> {
    let typed = text.trim();
    campaign_named(program, typed, |candidates| TargetError::NoCampaign {
        target: typed.to_string(),
        candidates,
    })
}

/// `campaign:ID` or a campaign's name (ignoring case); `unknown` makes
/// the error for no match from its candidates.
fn campaign_named(
    program: &Program,
    typed: &str,
    unknown: impl Fn(Vec<String>) -> TargetError,
) -> Result<CampaignId, TargetError> {
    let lower = typed.to_lowercase();
    if let Some(rest) = lower.strip_prefix("campaign:") {
        let id = rest.trim().parse::<i64>().ok().map(CampaignId);
        return match id.filter(|&id| program.campaigns.get(id).is_some()) {
            Some(id) => Ok(id),
            None => Err(unknown(campaign_lines(program, |_| true))),
        };
    }
    let exact: Vec<&Stored<Campaign>> = program
        .campaigns
        .iter()
        .filter(|c| c.name.trim().to_lowercase() == lower)
        .collect();
    match exact.as_slice() {
        [one] => Ok(one.id),
        [] => {
            let near = campaign_lines(program, |c| {
                !lower.is_empty() && c.name.to_lowercase().contains(&lower)
            });
            Err(unknown(if near.is_empty() {
                campaign_lines(program, |_| true)
            } else {
                near
            }))
        }
        _ => Err(TargetError::Ambiguous {
            target: typed.to_string(),
            candidates: exact.iter().map(|c| campaign_line(program, c)).collect(),
        }),
    }
}

fn campaign_line(program: &Program, c: &Stored<Campaign>) -> String {
    let partner = program
        .partners
        .get(c.partner_id)
        .map_or("?", |p| p.name.as_str());
    format!("campaign:{}  {} ({partner})", c.id, c.name.trim())
}

fn campaign_lines(program: &Program, keep: impl Fn(&Campaign) -> bool) -> Vec<String> {
    program
        .campaigns
        .iter()
        .filter(|c| keep(c))
        .take(MAX_CANDIDATES)
        .map(|c| campaign_line(program, c))
        .collect()
}

fn request_lines(program: &Program) -> Vec<String> {
    program
        .requests
        .iter()
        .take(MAX_CANDIDATES)
        .map(|r| {
            let campaign = program.campaigns.get(r.campaign_id);
            let partner = campaign
                .and_then(|c| program.partners.get(c.partner_id))
                .map_or("?", |p| p.name.as_str());
            format!(
                "R{}  {partner} / {} ({}, {})",
                r.id,
                campaign.map_or("?", |c| c.name.as_str()),
                r.status,
                program.currency.format(r.amount)
            )
        })
        .collect()
}

pub(super) fn no_such_request(request: RequestId) -> String {
    format!("there is no MDF request R{request}")
}
