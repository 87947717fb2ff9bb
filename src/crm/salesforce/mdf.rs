//! The MDF records as Salesforce's channel objects (docs/domain.md §13,
//! docs/crm.md "Export"): PartnerMarketingBudget, PartnerFundAllocation,
//! PartnerFundRequest and PartnerFundClaim, one [`Table`] each, related by
//! external id.

use super::export::{Cell, Row, Table, col, rel};
use super::mapping::{self, EXTERNAL_ID_FIELD};
use crate::domain::Program;
/// PartnerMarketingBudget, PartnerFundAllocation, PartnerFundRequest and
/// PartnerFundClaim (docs/domain.md §13): a fund is a budget and its allocation to
/// the fund's partner.
pub(super) fn mdf_tables(program: &Program, cur: &str) -> [Table; 4] {
    let text = |s: &str| Cell::Text(s.to_owned());
    let money = Cell::Money;
    use mapping::external_id as ext;
    let mut budgets = Table {
        object: "PartnerMarketingBudget",
        columns: vec![
            col(EXTERNAL_ID_FIELD),
            col("Title"),
            col("Amount"),
            col("StartDate"),
            col("EndDate"),
            col("CurrencyIsoCode"),
        ],
        rows: Vec::new(),
    };
    let mut allocations = Table {
        object: "PartnerFundAllocation",
        columns: vec![
            col(EXTERNAL_ID_FIELD),
            col("Title"),
            col("Amount"),
            rel(
                "Budget.Jmo_Id__c",
                Some("BudgetId"),
                "PartnerMarketingBudget",
            ),
            rel("ChannelPartner.Jmo_Id__c", None, "Account"),
            col("CurrencyIsoCode"),
        ],
        rows: Vec::new(),
    };
    for f in program.funds.iter() {
        let partner = program
            .partners
            .get(f.partner_id)
            .map_or(String::new(), |p| p.name.clone());
        budgets.rows.push(Row {
            external_id: ext("fund", f.id),
            cells: vec![
                text(&ext("fund", f.id)),
                text(&f.name),
                money(f.allocated),
                Cell::Date(f.period_start),
                Cell::Date(f.period_end),
                text(cur),
            ],
        });
        allocations.rows.push(Row {
            external_id: ext("allocation", f.id),
            cells: vec![
                text(&ext("allocation", f.id)),
                Cell::Text(format!("{partner}: {}", f.name)),
                money(f.allocated),
                Cell::Ref(ext("fund", f.id)),
                Cell::Ref(ext("partner", f.partner_id)),
                text(cur),
            ],
        });
    }
    let mut requests = Table {
        object: "PartnerFundRequest",
        columns: vec![
            col(EXTERNAL_ID_FIELD),
            col("Title"),
            col("Activity"),
            col("RequestedAmount"),
            col("Amount"),
            col("DesiredOutcome"),
            col("Status"),
            rel("Campaign.Jmo_Id__c", Some("CampaignId"), "Campaign"),
            rel(
                "Allocation.Jmo_Id__c",
                Some("AllocationId"),
                "PartnerFundAllocation",
            ),
            col("CurrencyIsoCode"),
        ],
        rows: Vec::new(),
    };
    let mut claims = Table {
        object: "PartnerFundClaim",
        columns: vec![
            col(EXTERNAL_ID_FIELD),
            col("Title"),
            col("Amount"),
            col("Description"),
            col("Status"),
            rel("Request.Jmo_Id__c", Some("RequestId"), "PartnerFundRequest"),
            col("CurrencyIsoCode"),
        ],
        rows: Vec::new(),
    };
    for r in program.requests.iter() {
        let Some(c) = program.campaigns.get(r.campaign_id) else {
            continue;
        };
        let approved = (r.status == crate::domain::RequestStatus::Approved).then(|| r.approved());
        requests.rows.push(Row {
            external_id: ext("request", r.id),
            cells: vec![
                text(&ext("request", r.id)),
                Cell::Text(format!("R{} {}", r.id, c.name)),
                text(mapping::activity(r.activity)),
                money(r.amount),
                approved.map_or(Cell::Empty, money),
                if r.justification.trim().is_empty() {
                    Cell::Empty
                } else {
                    text(r.justification.trim())
                },
                text(mapping::request_status(r.status)),
                Cell::Ref(ext("campaign", c.id)),
                r.fund_id
                    .filter(|f| program.funds.get(*f).is_some())
                    .map_or(Cell::Empty, |f| Cell::Ref(ext("allocation", f))),
                text(cur),
            ],
        });
        for k in program.claims_of(r.id) {
            let mut description = format!("jmo status: {}", k.status.label());
            if !k.note.trim().is_empty() {
                description.push_str(&format!("; {}", k.note.trim()));
            }
            claims.rows.push(Row {
                external_id: ext("claim", k.id),
                cells: vec![
                    text(&ext("claim", k.id)),
                    Cell::Text(format!("Claim {} on R{}", k.id, r.id)),
                    money(k.amount),
                    Cell::Text(description),
                    text(mapping::claim_status(k.status)),
                    Cell::Ref(ext("request", r.id)),
                    text(cur),
                ],
            });
        }
    }
    [budgets, allocations, requests, claims]
}
