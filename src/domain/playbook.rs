//! Playbooks (docs/domain.md §3): ready-made campaign shapes. Data, loaded from
//! `assets/playbooks.toml` (or the user's override).

use super::campaign::CampaignType;
use super::dates::shift;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Deserialize;

/// One playbook: type, duration, budget and when the campaign goes live.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Playbook {
    /// Name, e.g. "Quick Win Webinar".
    pub name: String,
    /// The campaign type it creates.
    #[serde(rename = "type")]
    pub campaign_type: CampaignType,
    /// Duration start → end, in weeks.
    pub duration_weeks: i64,
    /// Days from start to launch (must fit in the duration).
    pub launch_after_days: i64,
    /// Budget, in the database's currency.
    pub budget: Decimal,
    /// What it is best for.
    pub best_outcome: String,
}

impl Playbook {
    /// `(start, launch, end)` for a campaign of this playbook starting on `start`.
    pub fn dates(&self, start: NaiveDate) -> (NaiveDate, NaiveDate, NaiveDate) {
        (
            start,
            shift(start, self.launch_after_days),
            shift(start, self.duration_weeks * 7),
        )
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlaybookFile {
    playbook: Vec<Playbook>,
}

/// Parses a playbooks TOML document (`[[playbook]]` tables).
///
/// Errors: a message naming the bad playbook (launch outside the duration,
/// negative budget) or the TOML error.
pub fn parse_playbooks(text: &str) -> Result<Vec<Playbook>, String> {
    let file: PlaybookFile = toml::from_str(text).map_err(|e| format!("playbooks: {e}"))?;
    for p in &file.playbook {
        if p.duration_weeks <= 0
            || p.launch_after_days < 0
            || p.launch_after_days > p.duration_weeks * 7
        {
            return Err(format!(
                "playbook '{}': launch_after_days must be between 0 and the duration ({} days)",
                p.name,
                p.duration_weeks * 7
            ));
        }
        if p.budget.is_sign_negative() {
            return Err(format!("playbook '{}': budget cannot be negative", p.name));
        }
    }
    Ok(file.playbook)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_dates_a_playbook() {
        let pbs = parse_playbooks(
            r#"
            [[playbook]]
            name = "Quick Win Webinar"
            type = "webinar"
            duration_weeks = 4
            launch_after_days = 21
            budget = "5000"
            best_outcome = "brand awareness"
            "#,
        )
        .unwrap();
        let start = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let (s, l, e) = pbs[0].dates(start);
        assert_eq!(
            (s, l.to_string(), e.to_string()),
            (start, "2026-03-23".into(), "2026-03-30".into())
        );
    }

    #[test]
    fn refuses_a_launch_after_the_end() {
        let err = parse_playbooks(
            "[[playbook]]\nname='X'\ntype='email'\nduration_weeks=1\nlaunch_after_days=8\nbudget='1'\nbest_outcome=''",
        )
        .unwrap_err();
        assert!(err.contains("playbook 'X'"), "{err}");
    }
}

#[cfg(test)]
mod shipped {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn shipped_playbooks_match_spec_section_3() {
        let pbs = parse_playbooks(include_str!("../../assets/playbooks.toml")).unwrap();
        let got: Vec<_> = pbs
            .iter()
            .map(|p| (p.name.as_str(), p.campaign_type, p.duration_weeks, p.budget))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Quick Win Webinar", CampaignType::Webinar, 4, dec!(5000)),
                ("Content Series", CampaignType::Content, 8, dec!(15000)),
                (
                    "Virtual Summit",
                    CampaignType::VirtualEvent,
                    12,
                    dec!(50000)
                ),
                ("Account-Based", CampaignType::DigitalAds, 6, dec!(20000)),
            ]
        );
        // The summit leaves the 6 weeks' lead time events need (G7).
        let summit = &pbs[2];
        assert!(summit.launch_after_days >= 42);
    }
}

#[cfg(test)]
mod shipped_order {
    use super::*;

    /// "Promotion begins" (launch − 7) must not fall before "Assets
    /// finalized" (start + 21) in any shipped playbook.
    #[test]
    fn shipped_playbooks_keep_milestones_in_order() {
        for p in parse_playbooks(include_str!("../../assets/playbooks.toml")).unwrap() {
            assert!(p.launch_after_days - 7 >= 21, "{}", p.name);
        }
    }
}
