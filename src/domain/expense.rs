//! MDF expenses (docs/domain.md §11, seed 004): what was spent on a funded activity,
//! with its invoice and proof of performance.
//!
//! Whether an expense is eligible or **held** is never stored: it is
//! derived by the ledger ([`crate::domain::ledger`]) from the policy, the
//! fund and the other expenses. An expense is never deleted: a wrong one is
//! withdrawn with a reason and stays, greyed, in the history.

use super::ids::{CampaignId, ExpenseId, Record, RequestId};
use super::money::amount_error;
use super::validation::{FieldError, Invalid};
use chrono::NaiveDate;

/// Local proof files that were not found, by expense: each reference as
/// typed (docs/domain.md §11: jmo stores proof references and checks that a path
/// exists). The caller looks at the disk; the domain only reads this, so
/// it stays pure. An expense with every file present is absent.
pub type MissingFiles = std::collections::BTreeMap<ExpenseId, Vec<String>>;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One expense line of a campaign, usually under an MDF request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expense {
    /// The campaign the money was spent on.
    pub campaign_id: CampaignId,
    /// The MDF request it is claimed under, if any.
    #[serde(default)]
    pub request_id: Option<RequestId>,
    /// Category, e.g. "venue", "paid social", "catering" (policy decides
    /// which are ineligible).
    pub category: String,
    /// Amount spent, in the database's currency.
    pub amount: Decimal,
    /// When it was spent (invoice date).
    pub spent_on: NaiveDate,
    /// Who was paid.
    #[serde(default)]
    pub vendor: String,
    /// Invoice number or reference.
    #[serde(default)]
    pub invoice_ref: String,
    /// Proof of performance, one per line: `kind: reference`, e.g.
    /// `attendee lead list: /share/leads.csv` or
    /// `recording URL: https://…` (see [`proof_refs`]).
    #[serde(default)]
    pub proof: String,
    /// Why it was withdrawn; `None` = in force. Withdrawn expenses are kept
    /// but never counted.
    #[serde(default)]
    pub withdrawn: Option<String>,
}

impl Record for Expense {
    type Id = ExpenseId;
    type Parent = CampaignId;
    fn parent(&self) -> CampaignId {
        self.campaign_id
    }
}

/// One proof-of-performance reference: what it proves and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProofRef {
    /// The kind, e.g. "attendee lead list" (matched ignoring case).
    pub kind: String,
    /// A file path or URL.
    pub reference: String,
}

impl ProofRef {
    /// Whether the reference is a URL (not a local path).
    pub fn is_url(&self) -> bool {
        let r = self.reference.to_ascii_lowercase();
        r.starts_with("http://") || r.starts_with("https://")
    }
}

/// Parses proof lines `kind: reference` (blank lines skipped). A line
/// without a colon is a reference of kind "proof".
pub fn proof_refs(text: &str) -> Vec<ProofRef> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| {
            // "https://x" must not split at the scheme's colon.
            let split = line
                .find(": ")
                .or_else(|| line.find(':').filter(|&i| !line[i..].starts_with("://")));
            match split {
                Some(i) => ProofRef {
                    kind: line[..i].trim().to_string(),
                    reference: line[i + 1..].trim().to_string(),
                },
                None => ProofRef {
                    kind: "proof".into(),
                    reference: line.to_string(),
                },
            }
        })
        .collect()
}

impl Expense {
    /// In force (not withdrawn).
    pub fn is_active(&self) -> bool {
        self.withdrawn.is_none()
    }

    /// Its proof references.
    pub fn proofs(&self) -> Vec<ProofRef> {
        proof_refs(&self.proof)
    }

    /// Checks the fields: a category; amount ≥ 0 in cents; a withdrawal
    /// says why. Errors: [`Invalid`].
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut errors = Vec::new();
        if self.category.trim().is_empty() {
            errors.push(FieldError::new(
                "category",
                "what was it for? e.g. venue, paid social",
            ));
        }
        if let Some(m) = amount_error(self.amount) {
            errors.push(FieldError::new("amount", m));
        }
        if self
            .withdrawn
            .as_deref()
            .is_some_and(|r| r.trim().is_empty())
        {
            errors.push(FieldError::new("withdrawn", "say why it is withdrawn"));
        }
        for p in self.proofs() {
            if p.reference.is_empty() {
                errors.push(FieldError::new(
                    "proof",
                    format!("'{}' has no path or URL", p.kind),
                ));
                break;
            }
        }
        Invalid::check(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proof_lines_parse_with_urls_intact() {
        let refs = proof_refs(
            "attendee lead list: /share/leads.csv\n\n recording URL: https://vimeo.com/1 \nhttps://x.io/a\n",
        );
        assert_eq!(
            refs,
            vec![
                ProofRef {
                    kind: "attendee lead list".into(),
                    reference: "/share/leads.csv".into()
                },
                ProofRef {
                    kind: "recording URL".into(),
                    reference: "https://vimeo.com/1".into()
                },
                ProofRef {
                    kind: "proof".into(),
                    reference: "https://x.io/a".into()
                },
            ]
        );
        assert!(refs[1].is_url() && !refs[0].is_url());
    }
}
