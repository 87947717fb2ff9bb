//! The range checks of the config values: a value out of range is reset
//! to its default (or the value before the file), with a warning naming
//! the section, the field and the range (the file is described in the
//! module docs of `app::config`; policies in docs/domain.md §11.2,
//! guardrails in §6).

use super::MAX_POLICY_DAYS;
use crate::domain::guardrails::Thresholds;
use crate::domain::mdf::Policy;
use crate::domain::partner::TierBudget;
use crate::domain::performance::ProgramTargets;

/// Resets an `[evidence]` setting out of range to its default, with a
/// warning: the window is 1 to 730 days; the tolerance 0 to 100 %.
pub(super) fn in_range_evidence(
    mut t: crate::domain::evidence::EvidenceRules,
    warnings: &mut Vec<String>,
) -> crate::domain::evidence::EvidenceRules {
    let d = crate::domain::evidence::EvidenceRules::default();
    if !(1..=730).contains(&t.window_days) {
        warnings.push(format!(
            "[evidence] window_days: {} is out of range (1 to 730 days); {} kept",
            t.window_days, d.window_days
        ));
        t.window_days = d.window_days;
    }
    if t.tolerance_percent < rust_decimal::Decimal::ZERO
        || t.tolerance_percent > rust_decimal::Decimal::ONE_HUNDRED
    {
        warnings.push(format!(
            "[evidence] tolerance_percent: {} is out of range (0 to 100 %); {} kept",
            t.tolerance_percent, d.tolerance_percent
        ));
        t.tolerance_percent = d.tolerance_percent;
    }
    t
}

/// Resets a tier base that is not a valid amount (negative, fractions of
/// a cent, too large) to its default, with a warning.
pub(super) fn in_range_tier_budget(mut t: TierBudget, warnings: &mut Vec<String>) -> TierBudget {
    let d = TierBudget::default();
    for (field, v, dv) in [
        ("registered", &mut t.registered, d.registered),
        ("silver", &mut t.silver, d.silver),
        ("gold", &mut t.gold, d.gold),
        ("platinum", &mut t.platinum, d.platinum),
    ] {
        if crate::domain::money::amount_error(*v).is_some() {
            warnings.push(format!(
                "[tier_budget] {field}: out of range (an amount from 0 to 1,000,000,000,000, with at most 2 decimals); default kept"
            ));
            *v = dv;
        }
    }
    t
}

/// Resets program targets that make no sense (a month outside 1–12, a
/// negative target, a percentage above 1,000) to their defaults, with a
/// warning each.
pub(super) fn in_range_program(
    mut t: ProgramTargets,
    warnings: &mut Vec<String>,
) -> ProgramTargets {
    use rust_decimal::Decimal;
    let d = ProgramTargets::default();
    let mut warn = |field: &str, range: &str| {
        warnings.push(format!(
            "[program] {field}: out of range ({range}); default kept"
        ))
    };
    if !(1..=12).contains(&t.fiscal_year_start_month) {
        warn("fiscal_year_start_month", "a month, 1–12");
        t.fiscal_year_start_month = d.fiscal_year_start_month;
    }
    let most = Decimal::from(1000);
    if crate::domain::money::amount_error(t.sourced_pipeline).is_some() {
        warn(
            "sourced_pipeline",
            "an amount from 0 to 1,000,000,000,000, with at most 2 decimals",
        );
        t.sourced_pipeline = d.sourced_pipeline;
    }
    for (field, v, dv) in [
        ("roi_multiple", &mut t.roi_multiple, d.roi_multiple),
        (
            "lead_to_mql_percent",
            &mut t.lead_to_mql_percent,
            d.lead_to_mql_percent,
        ),
        (
            "promotion_engagement_percent",
            &mut t.promotion_engagement_percent,
            d.promotion_engagement_percent,
        ),
        (
            "mdf_utilization_percent",
            &mut t.mdf_utilization_percent,
            d.mdf_utilization_percent,
        ),
    ] {
        if v.is_sign_negative() || *v > most {
            warn(field, "0–1000");
            *v = dv;
        }
    }
    t
}

/// Resets thresholds that make no sense (a negative number of days, a
/// limit of zero active campaigns) to their defaults, with a warning each.
pub(super) fn in_range_thresholds(mut t: Thresholds, warnings: &mut Vec<String>) -> Thresholds {
    let d = Thresholds::default();
    let mut check = |ok: bool, field: &str, range: &str, reset: &mut dyn FnMut()| {
        if !ok {
            warnings.push(format!(
                "[guardrails] {field}: out of range ({range}); default kept"
            ));
            reset();
        }
    };
    check(
        t.max_active_campaigns >= 1,
        "max_active_campaigns",
        "1 or more",
        &mut || t.max_active_campaigns = d.max_active_campaigns,
    );
    check(
        t.event_lead_time_days >= 0,
        "event_lead_time_days",
        "0 days or more",
        &mut || t.event_lead_time_days = d.event_lead_time_days,
    );
    check(
        t.attribution_warning_days >= 0,
        "attribution_warning_days",
        "0 days or more",
        &mut || t.attribution_warning_days = d.attribution_warning_days,
    );
    check(
        t.claim_warning_days >= 0,
        "claim_warning_days",
        "0 days or more",
        &mut || t.claim_warning_days = d.claim_warning_days,
    );
    t
}

/// Resets policy fields out of range (days outside 0–[`MAX_POLICY_DAYS`],
/// negative money, a share above 100 %) to the policy's value before the
/// file (`d`: the built-in one, or the defaults of docs/domain.md §11.2), with a warning each.
pub(super) fn in_range_policy(
    mut p: Policy,
    d: &Policy,
    what: &str,
    warnings: &mut Vec<String>,
) -> Policy {
    let days = 0..=MAX_POLICY_DAYS;
    if !days.contains(&p.claim_window_days) {
        warnings.push(format!(
            "{what} claim_window_days: out of range (0–{MAX_POLICY_DAYS}); default kept"
        ));
        p.claim_window_days = d.claim_window_days;
    }
    if !days.contains(&p.lead_time) {
        warnings.push(format!(
            "{what} lead_time: out of range (0–{MAX_POLICY_DAYS}); default kept"
        ));
        p.lead_time = d.lead_time;
    }
    if p.max_share_percent.is_sign_negative()
        || p.max_share_percent > rust_decimal::Decimal::ONE_HUNDRED
    {
        warnings.push(format!(
            "{what} max_share_percent: out of range (0–100); default kept"
        ));
        p.max_share_percent = d.max_share_percent;
    }
    if p.min_request.is_sign_negative() {
        warnings.push(format!(
            "{what} min_request: out of range (an amount of 0 or more); default kept"
        ));
        p.min_request = d.min_request;
    }
    use crate::domain::mdf::ActivityType;
    let unknown: Vec<String> = p
        .proof
        .keys()
        .filter(|k| !ActivityType::ALL.iter().any(|a| a.key() == k.as_str()))
        .cloned()
        .collect();
    for k in unknown {
        warnings.push(format!(
            "{what} proof: unknown activity type '{k}' skipped (valid: {})",
            ActivityType::keys()
        ));
        p.proof.remove(&k);
    }
    p
}
