//! Responsibilities: the campaign checklist, split ours / partner / shared
//! (docs/domain.md §5), and the templates that generate it.
//!
//! Templates are data (`assets/templates.toml`, overridable by the user); this
//! module parses them and turns them into checklist items for a campaign.

use super::campaign::CampaignType;
use super::dates::shift;
use super::ids::{CampaignId, Record, ResponsibilityId};
use super::keyed::keyed_enum;
use super::validation::{FieldError, Invalid};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

keyed_enum!(
    /// Who does the work (docs/domain.md §5).
    Side {
        /// Our team.
        Ours = ("ours", "Ours"),
        /// The partner's team.
        Partner = ("partner", "Partner"),
        /// Both teams together.
        Shared = ("shared", "Shared"),
    }
);

/// One checklist item (docs/domain.md §5).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Responsibility {
    /// The campaign it belongs to.
    pub campaign_id: CampaignId,
    /// Ours, partner or shared.
    pub side: Side,
    /// What to do, e.g. "Create landing page".
    pub title: String,
    /// Who does it (a person's name; may be empty = unassigned).
    #[serde(default)]
    pub owner: String,
    /// When it is due, if dated.
    #[serde(default)]
    pub due: Option<NaiveDate>,
    /// The date it was ticked; `None` = not done.
    #[serde(default)]
    pub done_on: Option<NaiveDate>,
    /// Sort position within its side (ascending).
    #[serde(default)]
    pub position: i64,
}

impl Record for Responsibility {
    type Id = ResponsibilityId;
    type Parent = CampaignId;
    fn parent(&self) -> CampaignId {
        self.campaign_id
    }
}

impl Responsibility {
    /// Whether the item is ticked.
    pub fn is_done(&self) -> bool {
        self.done_on.is_some()
    }

    /// Not done and due before `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        !self.is_done() && self.due.is_some_and(|d| d < today)
    }

    /// The item after one press of Space on `today`: ticked (dated today) or
    /// unticked.
    pub fn toggled(&self, today: NaiveDate) -> Responsibility {
        let mut next = self.clone();
        next.done_on = if self.is_done() { None } else { Some(today) };
        next
    }

    /// Checks the fields: a title (≤ 120 chars). Errors: [`Invalid`].
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut errors = Vec::new();
        if self.title.trim().is_empty() {
            errors.push(FieldError::new("title", "a checklist item needs a title"));
        } else if self.title.chars().count() > 120 {
            errors.push(FieldError::new("title", "at most 120 characters"));
        }
        Invalid::check(errors)
    }
}

/// A date relative to a campaign's dates, written `start+7`, `launch-14`,
/// `end+3` in templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueRule {
    /// Which campaign date it counts from.
    pub anchor: Anchor,
    /// Days after (positive) or before (negative) the anchor.
    pub offset_days: i64,
}

/// A campaign date a template item's due date counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// The kickoff date.
    Start,
    /// The launch date.
    Launch,
    /// The end date.
    End,
}

impl DueRule {
    /// Parses `start`, `launch-14`, `end+3`. Errors: a message naming the text.
    pub fn parse(text: &str) -> Result<DueRule, String> {
        let t = text.trim();
        let split = t.find(['+', '-']).unwrap_or(t.len());
        let (name, offset) = t.split_at(split);
        let anchor = match name.trim() {
            "start" => Anchor::Start,
            "launch" => Anchor::Launch,
            "end" => Anchor::End,
            other => return Err(format!("'{other}' is not start, launch or end (in '{t}')")),
        };
        let offset_days = if offset.is_empty() {
            0
        } else {
            offset
                .replace(' ', "")
                .parse::<i64>()
                .map_err(|_| format!("'{t}': the offset must be whole days, e.g. launch-14"))?
        };
        Ok(DueRule {
            anchor,
            offset_days,
        })
    }

    /// The due date for a campaign with these dates.
    pub fn resolve(self, start: NaiveDate, launch: NaiveDate, end: NaiveDate) -> NaiveDate {
        let base = match self.anchor {
            Anchor::Start => start,
            Anchor::Launch => launch,
            Anchor::End => end,
        };
        shift(base, self.offset_days)
    }
}

/// One item of a template as written in `templates.toml`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateItem {
    /// What to do.
    pub title: String,
    /// When it is due, e.g. `launch-14` (see [`DueRule::parse`]).
    pub due: String,
    /// Owner override; default: the [`Owners`] of its side
    /// ([`super::new_campaign::default_owners`]).
    #[serde(default)]
    pub owner: Option<String>,
}

/// The three sides of one campaign type's template.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeTemplate {
    /// Our team's items.
    #[serde(default)]
    pub ours: Vec<TemplateItem>,
    /// The partner's items.
    #[serde(default)]
    pub partner: Vec<TemplateItem>,
    /// Shared items.
    #[serde(default)]
    pub shared: Vec<TemplateItem>,
}

/// The responsibility templates of all campaign types (docs/domain.md §5), as loaded
/// from `assets/templates.toml` or the user's override.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Templates {
    by_type: BTreeMap<CampaignType, TypeTemplate>,
}

/// Names for the default owners of generated checklist items, by side
/// (the usual ones: [`super::new_campaign::default_owners`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Owners<'a> {
    /// Owner of our side's items (from config; default "Us").
    pub ours: &'a str,
    /// Owner of the partner's items (its marketing contact).
    pub partner: &'a str,
    /// Owner of shared items ([`super::new_campaign::SHARED_OWNER`]).
    pub shared: &'a str,
}

impl<'a> Owners<'a> {
    /// The owner of `side`'s items.
    pub fn of(&self, side: Side) -> &'a str {
        match side {
            Side::Ours => self.ours,
            Side::Partner => self.partner,
            Side::Shared => self.shared,
        }
    }
}

impl Templates {
    /// Parses templates TOML: a table per campaign type key, each with
    /// `ours`, `partner`, `shared` arrays of `{ title, due, owner? }`.
    ///
    /// Errors: a message naming the bad type key, item or due rule.
    pub fn parse(text: &str) -> Result<Templates, String> {
        let raw: BTreeMap<String, TypeTemplate> =
            toml::from_str(text).map_err(|e| format!("templates: {e}"))?;
        let mut by_type = BTreeMap::new();
        for (key, template) in raw {
            let t = CampaignType::from_key(&key).ok_or_else(|| {
                format!(
                    "templates: unknown campaign type '{key}'; expected one of {}",
                    CampaignType::keys()
                )
            })?;
            for item in template
                .ours
                .iter()
                .chain(&template.partner)
                .chain(&template.shared)
            {
                DueRule::parse(&item.due)
                    .map_err(|e| format!("templates.{key} '{}': {e}", item.title))?;
            }
            by_type.insert(t, template);
        }
        Ok(Templates { by_type })
    }

    /// The template of one type, if defined.
    pub fn get(&self, t: CampaignType) -> Option<&TypeTemplate> {
        self.by_type.get(&t)
    }

    /// The checklist items for a new campaign of type `t` with these dates,
    /// in side order (ours, partner, shared), positions 0, 1, 2… per side.
    pub fn generate(
        &self,
        campaign_id: CampaignId,
        t: CampaignType,
        (start, launch, end): (NaiveDate, NaiveDate, NaiveDate),
        owners: &Owners<'_>,
    ) -> Vec<Responsibility> {
        let Some(template) = self.by_type.get(&t) else {
            return Vec::new();
        };
        let sides = [
            (Side::Ours, &template.ours, owners.ours),
            (Side::Partner, &template.partner, owners.partner),
            (Side::Shared, &template.shared, owners.shared),
        ];
        let mut out = Vec::new();
        for (side, items, default_owner) in sides {
            for (position, item) in items.iter().enumerate() {
                let due = DueRule::parse(&item.due)
                    .ok()
                    .map(|r| r.resolve(start, launch, end));
                out.push(Responsibility {
                    campaign_id,
                    side,
                    title: item.title.clone(),
                    owner: item
                        .owner
                        .clone()
                        .unwrap_or_else(|| default_owner.to_string()),
                    due,
                    done_on: None,
                    position: position as i64,
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn due_rules_parse_and_resolve() {
        let (s, l, e) = (d("2026-03-02"), d("2026-04-13"), d("2026-04-20"));
        assert_eq!(DueRule::parse("start").unwrap().resolve(s, l, e), s);
        assert_eq!(
            DueRule::parse("launch-14").unwrap().resolve(s, l, e),
            d("2026-03-30")
        );
        assert_eq!(
            DueRule::parse("end + 3").unwrap().resolve(s, l, e),
            d("2026-04-23")
        );
        assert!(
            DueRule::parse("kickoff+1")
                .unwrap_err()
                .contains("not start, launch or end")
        );
        assert!(
            DueRule::parse("launch-x")
                .unwrap_err()
                .contains("whole days")
        );
    }

    #[test]
    fn templates_generate_items_per_side() {
        let t = Templates::parse(
            r#"
            [webinar]
            ours = [{ title = "Create landing page", due = "launch-21" }]
            partner = [{ title = "Provide speaker", due = "start+7" }]
            shared = [{ title = "Follow-up sequence", due = "end+3", owner = "Dana" }]
            "#,
        )
        .unwrap();
        let owners = Owners {
            ours: "Us",
            partner: "Acme",
            shared: "Both",
        };
        let items = t.generate(
            CampaignId(9),
            CampaignType::Webinar,
            (d("2026-03-02"), d("2026-04-13"), d("2026-04-20")),
            &owners,
        );
        let got: Vec<_> = items
            .iter()
            .map(|r| (r.side, r.title.as_str(), r.owner.as_str(), r.due))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    Side::Ours,
                    "Create landing page",
                    "Us",
                    Some(d("2026-03-23"))
                ),
                (
                    Side::Partner,
                    "Provide speaker",
                    "Acme",
                    Some(d("2026-03-09"))
                ),
                (
                    Side::Shared,
                    "Follow-up sequence",
                    "Dana",
                    Some(d("2026-04-23"))
                ),
            ]
        );
        assert!(
            t.generate(
                CampaignId(9),
                CampaignType::Email,
                (d("2026-03-02"), d("2026-04-13"), d("2026-04-20")),
                &owners
            )
            .is_empty()
        );
    }

    #[test]
    fn bad_templates_are_refused_with_the_place() {
        let err = Templates::parse("[podcast]\nours = []").unwrap_err();
        assert!(err.contains("unknown campaign type 'podcast'"), "{err}");
        let err =
            Templates::parse("[email]\nours = [{ title = \"Copy\", due = \"soon\" }]").unwrap_err();
        assert!(err.contains("templates.email 'Copy'"), "{err}");
    }

    #[test]
    fn toggling_records_the_date() {
        let r = Responsibility {
            campaign_id: CampaignId(1),
            side: Side::Ours,
            title: "x".into(),
            owner: String::new(),
            due: Some(d("2026-03-01")),
            done_on: None,
            position: 0,
        };
        assert!(r.is_overdue(d("2026-03-02")));
        let t = r.toggled(d("2026-03-02"));
        assert_eq!(t.done_on, Some(d("2026-03-02")));
        assert!(!t.is_overdue(d("2026-03-02")));
        assert_eq!(t.toggled(d("2026-03-03")).done_on, None);
    }
}

#[cfg(test)]
mod shipped_templates {
    use super::*;

    /// The shipped templates parse, cover all six types, and hold exactly
    /// the items of docs/domain.md §5.2.
    #[test]
    fn shipped_templates_match_spec_section_5() {
        let t = Templates::parse(include_str!("../../assets/templates.toml")).unwrap();
        for ty in CampaignType::ALL {
            assert!(t.get(*ty).is_some(), "no template for {ty:?}");
        }
        let webinar = t.get(CampaignType::Webinar).unwrap();
        let titles =
            |items: &[TemplateItem]| items.iter().map(|i| i.title.clone()).collect::<Vec<_>>();
        assert_eq!(
            titles(&webinar.ours),
            [
                "Create landing page",
                "Set up webinar platform",
                "Promote to our database",
                "Handle registrations"
            ]
        );
        assert_eq!(
            titles(&webinar.partner),
            [
                "Provide speaker",
                "Promote to their database",
                "Share on social",
                "Provide customer reference"
            ]
        );
        assert_eq!(
            titles(&webinar.shared),
            [
                "Create presentation",
                "Develop talking points",
                "Follow-up sequence"
            ]
        );
        let ads = t.get(CampaignType::DigitalAds).unwrap();
        assert_eq!(
            titles(&ads.shared),
            ["Define targeting", "Weekly performance review"]
        );
        let total: usize = CampaignType::ALL
            .iter()
            .map(|ty| {
                let x = t.get(*ty).unwrap();
                x.ours.len() + x.partner.len() + x.shared.len()
            })
            .sum();
        assert_eq!(total, 11 + 10 + 10 + 9 + 7 + 8);
    }
}
