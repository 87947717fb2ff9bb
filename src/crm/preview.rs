//! The words of an import's preview (issue 12 items 2 and 3, docs/crm.md
//! "Import"): one line per planned record and the counts line, the same on
//! standard output (`jmo crm import`) and in the screen's preview.

use super::import::{Counts, Outcome, Planned};
use crate::domain::Program;

/// One preview line: `line 3: link 'Partner: X - Y' → campaign 10 by
/// external id; crm id ← 701…` (`record N` when there is no line;
/// `Campaign.json record N` when a tree plan named several files).
pub fn preview_line(p: &Planned, program: &Program) -> String {
    let place = super::import::place(p.file.as_deref(), p.line, p.index);
    let body = match &p.outcome {
        Outcome::Link {
            campaign,
            by,
            changes,
            ..
        } => {
            let verb = if p.outcome.is_update() {
                "update"
            } else {
                "link"
            };
            let mut s = format!(
                "{verb} '{}' → campaign {} by {}",
                p.name,
                campaign.0,
                by.words().trim_start_matches("by ")
            );
            if let Some(c) = program.campaigns.get(*campaign)
                && !p.name.trim().ends_with(c.name.trim())
            {
                s.push_str(&format!(" ('{}')", c.name));
            }
            for c in changes {
                if c.field == "crm id" && c.old == "none" {
                    s.push_str(&format!("; crm id ← {}", c.new));
                } else {
                    s.push_str(&format!("; {} {} → {}", c.field, c.old, c.new));
                }
            }
            s
        }
        Outcome::Create {
            partner_name,
            campaign,
            ..
        } => format!(
            "create '{}' under {partner_name}: {}, {} to {}, launch {}, budget {:.2}, {}{}",
            campaign.name,
            campaign.campaign_type.key(),
            campaign.start,
            campaign.end,
            campaign.launch,
            campaign.budget,
            campaign.status.key(),
            campaign
                .crm_id
                .as_ref()
                .map_or_else(String::new, |id| format!("; crm id {id}"))
        ),
        Outcome::Skip(why) => format!("skip '{}': {why}", p.name),
    };
    format!("{place}: {body}")
}

/// The counts line under (or over) the preview, `invalid` being the number
/// of records that could not be read: `3 link, 1 update, 1 create, 5 skip,
/// 0 invalid`.
pub fn counts_line(n: &Counts, invalid: usize) -> String {
    format!(
        "{} link, {} update, {} create, {} skip, {invalid} invalid",
        n.link, n.update, n.create, n.skip
    )
}
