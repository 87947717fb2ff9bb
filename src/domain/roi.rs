//! ROI figures of a campaign (docs/domain.md §7, seed 000 "calculateCampaignROI").
//!
//! ```text
//! total_cost        = budget + internal_cost
//! roi_percent       = (revenue − total_cost) / total_cost × 100
//! cost_per_lead     = total_cost / leads
//! cost_per_mql      = total_cost / mqls
//! pipeline_to_spend = sourced pipeline / total_cost     (shown "4.2x")
//! revenue_to_spend  = revenue / total_cost              (the "ROI multiple")
//! net_cost          = total_cost − MDF reimbursed
//! ```
//! A zero denominator or a figure not reported yet gives `None` ("n/a"),
//! never NaN, infinity or a panic. Results are exact `Decimal`s (28
//! significant digits); rounding is for display only.

use super::campaign::Campaign;
use super::results::CampaignResults;
use rust_decimal::Decimal;

/// The ROI figures of one campaign. Money in the database's currency; `roi_percent` in percent;
/// `*_to_spend` as multiples.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Roi {
    /// Budget + internal cost.
    #[serde(serialize_with = "super::figure::money")]
    pub total_cost: Decimal,
    /// (revenue − total cost) / total cost × 100.
    #[serde(serialize_with = "super::figure::optional_percent")]
    pub roi_percent: Option<Decimal>,
    /// Total cost per lead.
    #[serde(serialize_with = "super::figure::optional_money")]
    pub cost_per_lead: Option<Decimal>,
    /// Total cost per MQL.
    #[serde(serialize_with = "super::figure::optional_money")]
    pub cost_per_mql: Option<Decimal>,
    /// Sourced pipeline / total cost. Only the **sourced** class counts here
    /// (docs/domain.md §8: classes are never added silently).
    #[serde(serialize_with = "super::figure::optional_multiple")]
    pub pipeline_to_spend: Option<Decimal>,
    /// Revenue / total cost (the ROI multiple, docs/domain.md §9).
    #[serde(serialize_with = "super::figure::optional_multiple")]
    pub revenue_to_spend: Option<Decimal>,
    /// Total cost − MDF reimbursed.
    #[serde(serialize_with = "super::figure::money")]
    pub net_cost: Decimal,
}

/// `a / b`, or `None` when `b` is zero or the quotient overflows.
pub fn ratio(a: Decimal, b: Decimal) -> Option<Decimal> {
    if b.is_zero() { None } else { a.checked_div(b) }
}

/// Computes the ROI figures from raw inputs (docs/domain.md §7). `None` inputs are
/// "not reported" and give `None` outputs.
pub fn compute(
    budget: Decimal,
    internal_cost: Decimal,
    results: Option<&CampaignResults>,
    reimbursed: Decimal,
) -> Roi {
    let total_cost = budget + internal_cost;
    let revenue = results.and_then(|r| r.revenue);
    let leads = results.and_then(|r| r.leads).map(Decimal::from);
    let mqls = results.and_then(|r| r.mqls).map(Decimal::from);
    let pipeline = results.and_then(|r| r.pipeline_sourced);
    Roi {
        total_cost,
        roi_percent: revenue
            .and_then(|rev| ratio(rev - total_cost, total_cost))
            .and_then(|x| x.checked_mul(Decimal::ONE_HUNDRED)),
        cost_per_lead: leads.and_then(|l| ratio(total_cost, l)),
        cost_per_mql: mqls.and_then(|m| ratio(total_cost, m)),
        pipeline_to_spend: pipeline.and_then(|p| ratio(p, total_cost)),
        revenue_to_spend: revenue.and_then(|rev| ratio(rev, total_cost)),
        net_cost: total_cost - reimbursed,
    }
}

/// The ROI figures of `campaign` (docs/domain.md §7).
pub fn of_campaign(
    campaign: &Campaign,
    results: Option<&CampaignResults>,
    reimbursed: Decimal,
) -> Roi {
    compute(campaign.budget, campaign.internal_cost, results, reimbursed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::CampaignId;
    use rust_decimal_macros::dec;

    fn results(leads: i64, mqls: i64, pipeline: Decimal, revenue: Decimal) -> CampaignResults {
        CampaignResults {
            campaign_id: CampaignId(1),
            leads: Some(leads),
            mqls: Some(mqls),
            pipeline_sourced: Some(pipeline),
            revenue: Some(revenue),
            ..CampaignResults::default()
        }
    }

    #[test]
    fn worked_example_exact() {
        // budget 8,000 + internal 2,000 = 10,000 total cost.
        let r = results(250, 80, dec!(42000), dec!(55000));
        let roi = compute(dec!(8000), dec!(2000), Some(&r), dec!(3000));
        assert_eq!(roi.total_cost, dec!(10000));
        assert_eq!(roi.roi_percent, Some(dec!(450)));
        assert_eq!(roi.cost_per_lead, Some(dec!(40)));
        assert_eq!(roi.cost_per_mql, Some(dec!(125)));
        assert_eq!(roi.pipeline_to_spend, Some(dec!(4.2)));
        assert_eq!(roi.revenue_to_spend, Some(dec!(5.5)));
        assert_eq!(roi.net_cost, dec!(7000));
    }

    #[test]
    fn losses_give_negative_roi() {
        let r = results(10, 1, dec!(0), dec!(2500));
        let roi = compute(dec!(4000), dec!(1000), Some(&r), dec!(0));
        assert_eq!(roi.roi_percent, Some(dec!(-50)));
        assert_eq!(roi.pipeline_to_spend, Some(dec!(0)));
    }

    #[test]
    fn zero_denominators_are_na() {
        let r = results(0, 0, dec!(1000), dec!(1000));
        let roi = compute(dec!(0), dec!(0), Some(&r), dec!(0));
        assert_eq!(roi.total_cost, dec!(0));
        assert_eq!(roi.roi_percent, None);
        assert_eq!(roi.cost_per_lead, None);
        assert_eq!(roi.cost_per_mql, None);
        assert_eq!(roi.pipeline_to_spend, None);
        assert_eq!(roi.revenue_to_spend, None);
        let roi = compute(dec!(100), dec!(0), Some(&r), dec!(0));
        assert_eq!(roi.cost_per_lead, None);
        assert_eq!(roi.cost_per_mql, None);
        assert_eq!(roi.revenue_to_spend, Some(dec!(10)));
    }

    #[test]
    fn missing_results_are_na_not_zero() {
        let roi = compute(dec!(5000), dec!(0), None, dec!(0));
        assert_eq!(roi.roi_percent, None);
        assert_eq!(roi.cost_per_lead, None);
        assert_eq!(roi.net_cost, dec!(5000));
    }

    #[test]
    fn thirds_stay_exact_to_28_digits() {
        let r = results(3, 3, dec!(1), dec!(1));
        let roi = compute(dec!(1), dec!(0), Some(&r), dec!(0));
        assert_eq!(
            roi.cost_per_lead,
            Some(dec!(0.3333333333333333333333333333))
        );
    }
}
