//! A campaign's results: the form (each metric with its target), its
//! rules and save step (the first save inserts, later ones update).

use super::{Draft, FormTarget, Kind, OpenForm, mismatch, opt_count, opt_date, opt_money};
use crate::app::App;
use crate::app::form::{Form, Parse};
use crate::domain::Currency;
use crate::domain::money::format_count;
use crate::domain::performance::{self, ProgramTargets, TargetSource};
use crate::domain::program::Program;
use crate::domain::*;
use crate::store::StoreError;
use chrono::NaiveDate;

/// The results form (docs/domain.md §8, issue 4): the day the figures are as of,
/// each metric with its target (an empty target shows its default in the
/// hint: see [`performance::targets`]), pipeline in its three classes,
/// lead sources and promotion reach. Updating it again keeps the earlier
/// version in the change history.
pub fn results_form(
    c: &Stored<Campaign>,
    existing: Option<&Stored<CampaignResults>>,
    today: NaiveDate,
    goals: &ProgramTargets,
    cur: Currency,
) -> OpenForm {
    let r = existing
        .map(|s| s.value.clone())
        .unwrap_or_else(|| CampaignResults::empty(c.id));
    let defaults = performance::targets(&c.value, None, goals);
    let default_hint = |t: Option<String>| match t {
        Some(text) => format!("empty = {text}"),
        None => "empty = no target".to_string(),
    };
    let count_hint = |t: &Option<(i64, TargetSource)>| {
        default_hint(t.as_ref().map(|(n, s)| match s {
            TargetSource::Default(why) => format!("{} ({why})", format_count(*n)),
            TargetSource::Set => format_count(*n),
        }))
    };
    let revenue_hint = default_hint(defaults.revenue.as_ref().map(|(d, s)| match s {
        TargetSource::Default(why) => format!("{} ({why})", cur.format(*d)),
        TargetSource::Set => cur.format(*d),
    }));
    let reported = r.reported_on.or(existing.is_none().then_some(today));
    let form = Form::new(format!("Results — {}", c.name), today)
        .in_currency(cur)
        .text(
            "reported_on",
            "Figures as of",
            &opt_date(reported),
            Parse::OptDate,
            "the day these figures are from; earlier versions stay in the history (H)",
        )
        .text(
            "registrations",
            "Registrations",
            &opt_count(r.registrations),
            Parse::OptCount,
            "empty = not reported",
        )
        .text(
            "target_registrations",
            "  target",
            &opt_count(r.target_registrations),
            Parse::OptCount,
            "empty = no target",
        )
        .text(
            "attendees",
            "Attendees",
            &opt_count(r.attendees),
            Parse::OptCount,
            "",
        )
        .text(
            "target_attendees",
            "  target",
            &opt_count(r.target_attendees),
            Parse::OptCount,
            "empty = no target; attendance target = attendees ÷ registrations targets",
        )
        .text("leads", "Leads", &opt_count(r.leads), Parse::OptCount, "")
        .text(
            "target_leads",
            "  target",
            &opt_count(r.target_leads),
            Parse::OptCount,
            count_hint(&defaults.leads),
        )
        .text("mqls", "MQLs", &opt_count(r.mqls), Parse::OptCount, "")
        .text(
            "target_mqls",
            "  target",
            &opt_count(r.target_mqls),
            Parse::OptCount,
            format!(
                "empty = {}% of the leads target (docs/domain.md §9)",
                goals.lead_to_mql_percent.normalize()
            ),
        )
        .text(
            "pipeline_sourced",
            "Pipeline sourced",
            &opt_money(r.pipeline_sourced),
            Parse::OptMoney,
            cur.hint(),
        )
        .text(
            "target_pipeline",
            "  target",
            &opt_money(r.target_pipeline),
            Parse::OptMoney,
            "sourced pipeline; empty = no target",
        )
        .text(
            "pipeline_influenced",
            "Pipeline influenced",
            &opt_money(r.pipeline_influenced),
            Parse::OptMoney,
            "kept apart from sourced (docs/domain.md §8)",
        )
        .text(
            "pipeline_partner_assisted",
            "Pipeline partner-assisted",
            &opt_money(r.pipeline_partner_assisted),
            Parse::OptMoney,
            "kept apart from sourced (docs/domain.md §8)",
        )
        .text(
            "revenue",
            "Revenue",
            &opt_money(r.revenue),
            Parse::OptMoney,
            cur.hint(),
        )
        .text(
            "target_revenue",
            "  target",
            &opt_money(r.target_revenue),
            Parse::OptMoney,
            revenue_hint,
        )
        .text(
            "leads_ours",
            "Leads: ours",
            &opt_count(r.leads_ours),
            Parse::OptCount,
            "leads from our own promotion; the four sources add up to at most the leads",
        )
        .text(
            "leads_partner",
            "Leads: partner",
            &opt_count(r.leads_partner),
            Parse::OptCount,
            "",
        )
        .text(
            "leads_paid",
            "Leads: paid ads",
            &opt_count(r.leads_paid),
            Parse::OptCount,
            "",
        )
        .text(
            "leads_organic",
            "Leads: organic",
            &opt_count(r.leads_organic),
            Parse::OptCount,
            "",
        )
        .text(
            "reach_ours",
            "Reach: ours",
            &opt_count(r.reach_ours),
            Parse::OptCount,
            "people our promotion reached",
        )
        .text(
            "reach_partner",
            "Reach: partner",
            &opt_count(r.reach_partner),
            Parse::OptCount,
            format!(
                "people the partner reached; target {}% of ours (docs/domain.md §9)",
                goals.promotion_engagement_percent.normalize()
            ),
        );
    OpenForm::new(form, FormTarget::Results(c.id))
}

/// The results' write side.
pub(super) struct ResultsForms;

impl Kind for ResultsForms {
    fn read(
        &self,
        form: &Form,
        target: FormTarget,
        _program: &Program,
        _base: Option<&Draft>,
    ) -> Option<Draft> {
        let FormTarget::Results(campaign) = target else {
            return None;
        };
        Some(Draft::Results(CampaignResults {
            campaign_id: campaign,
            registrations: form.get_opt_count("registrations")?,
            attendees: form.get_opt_count("attendees")?,
            leads: form.get_opt_count("leads")?,
            mqls: form.get_opt_count("mqls")?,
            pipeline_sourced: form.get_opt_money("pipeline_sourced")?,
            pipeline_influenced: form.get_opt_money("pipeline_influenced")?,
            pipeline_partner_assisted: form.get_opt_money("pipeline_partner_assisted")?,
            revenue: form.get_opt_money("revenue")?,
            reported_on: form.get_opt_date("reported_on")?,
            leads_ours: form.get_opt_count("leads_ours")?,
            leads_partner: form.get_opt_count("leads_partner")?,
            leads_paid: form.get_opt_count("leads_paid")?,
            leads_organic: form.get_opt_count("leads_organic")?,
            reach_ours: form.get_opt_count("reach_ours")?,
            reach_partner: form.get_opt_count("reach_partner")?,
            target_registrations: form.get_opt_count("target_registrations")?,
            target_attendees: form.get_opt_count("target_attendees")?,
            target_leads: form.get_opt_count("target_leads")?,
            target_mqls: form.get_opt_count("target_mqls")?,
            target_pipeline: form.get_opt_money("target_pipeline")?,
            target_revenue: form.get_opt_money("target_revenue")?,
        }))
    }

    fn check(
        &self,
        draft: &Draft,
        _target: FormTarget,
        _program: &Program,
        _today: NaiveDate,
    ) -> Result<(), Invalid> {
        match draft {
            Draft::Results(r) => r.validate(),
            _ => Ok(()),
        }
    }

    fn save(&self, app: &mut App, open: &OpenForm, draft: Draft) -> Result<(), StoreError> {
        let (Draft::Results(r), FormTarget::Results(campaign)) = (draft, open.target) else {
            return Err(mismatch());
        };
        let existing = app.program.results_of(campaign).map(|x| x.id);
        let name = app
            .program
            .campaigns
            .get(campaign)
            .map(|c| c.name.clone())
            .unwrap_or_default();
        let label = format!("Results of '{name}'");
        match existing {
            // Also when results were entered elsewhere after the form
            // opened: the form's base is then the empty results, and only
            // the figures typed here are written.
            Some(id) => app.save_over(&label, id, open, &r)?,
            None => {
                app.commit(&label, |tx| tx.insert(&r))?;
            }
        }
        Ok(())
    }
}
