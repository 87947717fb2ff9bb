//! The rows of each pane, derived from the program, the selection and the
//! pane's filter. [`App::rows`] (`row_cache.rs`) builds them here only when
//! something they depend on changed.

use super::App;
use super::view::{Balance, Drill, Heading, MoneyLine, Pane, Row};
use crate::domain::ledger;
use crate::domain::*;

fn matches(filter: &str, texts: &[&str]) -> bool {
    filter.is_empty() || texts.iter().any(|t| t.to_lowercase().contains(filter))
}

impl App {
    /// The rows of `pane`, top to bottom, built from the records now (what
    /// [`App::rows`] caches; the tests compare the two).
    pub(crate) fn build_rows(&self, pane: Pane) -> Vec<Row> {
        let filter = self.pane(pane).filter.trim().to_lowercase();
        let rows = match pane {
            Pane::Partners => self.partner_rows(&filter),
            Pane::Timeline => self.timeline_rows(&filter),
            Pane::Checklist => self.checklist_rows(&filter),
            Pane::Mdf => self.mdf_rows(&filter),
        };
        if rows.is_empty() {
            vec![Row::Empty(pane)]
        } else {
            rows
        }
    }

    /// The partners in display order (name, case-insensitive, then id),
    /// from the order [`Derived`](super::derived::Derived) keeps, so that
    /// no key press re-sorts a thousand names.
    fn partner_rows(&self, filter: &str) -> Vec<Row> {
        let mut ids: Vec<PartnerId> = self
            .derived
            .partner_order()
            .iter()
            .filter_map(|&id| self.program.partners.get(id))
            .filter(|p| self.partner_shown(p))
            .filter(|p| {
                matches(
                    filter,
                    &[&p.name, p.tier.label(), p.partnership_type.label()],
                )
            })
            .map(|p| p.id)
            .collect();
        self.sort_partners(&mut ids);
        ids.into_iter().map(Row::Partner).collect()
    }

    /// Whether a campaign's milestones are shown: open campaigns are
    /// expanded and closed ones collapsed, unless the user flipped it (Enter).
    pub fn is_expanded(&self, c: &Stored<Campaign>) -> bool {
        let open = !c.status.is_closed();
        open ^ self.flipped.contains(&c.id)
    }

    fn timeline_rows(&self, filter: &str) -> Vec<Row> {
        let Some(p) = self.selected_partner() else {
            return Vec::new();
        };
        let mut rows = Vec::new();
        for c in self.program.campaigns_of(p.id) {
            let milestones = self.program.milestones_of(c.id);
            let campaign_hit = matches(
                filter,
                &[&c.name, c.campaign_type.label(), c.status.label()],
            );
            let shown: Vec<_> = milestones
                .iter()
                .filter(|m| campaign_hit || matches(filter, &[&m.name]))
                .collect();
            if !campaign_hit && shown.is_empty() {
                continue;
            }
            rows.push(Row::Campaign(c.id));
            if !self.is_expanded(c) && filter.is_empty() {
                continue;
            }
            // The "today" marker sits among the milestones of a campaign
            // whose span (kickoff → last milestone) includes today.
            let last = milestones.last().map_or(c.end, |m| m.due.max(c.end));
            let mut marker =
                (c.start <= self.today && self.today <= last).then_some(Row::Today(c.id));
            for m in shown {
                if m.due >= self.today
                    && let Some(t) = marker.take()
                {
                    rows.push(t);
                }
                rows.push(Row::Milestone(m.id));
            }
            rows.extend(marker);
        }
        rows
    }

    fn checklist_rows(&self, filter: &str) -> Vec<Row> {
        let Some(c) = self.selected_campaign() else {
            return Vec::new();
        };
        let items = self.program.checklist_of(c.id);
        let mut rows = Vec::new();
        for side in Side::ALL {
            rows.push(Row::SideHeader(*side));
            rows.extend(
                items
                    .iter()
                    .filter(|r| r.side == *side && matches(filter, &[&r.title, &r.owner]))
                    .map(|r| Row::Item(r.id)),
            );
        }
        rows.push(Row::AssetsHeader);
        rows.extend(
            self.program
                .assets_of(c.id)
                .iter()
                .filter(|a| matches(filter, &[&a.name, &a.kind]))
                .map(|a| Row::Asset(a.id)),
        );
        rows
    }

    /// A fund's drill-down: its balances, then the requests drawing on it.
    fn fund_rows(&self, fund: FundId, filter: &str) -> Vec<Row> {
        let mut rows = Vec::new();
        rows.extend(
            [
                Balance::Allocated,
                Balance::Requested,
                Balance::Approved,
                Balance::Remaining,
                Balance::Spent,
                Balance::Claimable,
                Balance::Claimed,
                Balance::Reimbursed,
                Balance::Utilization,
            ]
            .map(Row::Balance),
        );
        if self
            .derived
            .fund(fund)
            .is_some_and(|b| !b.expiring.is_zero())
        {
            rows.push(Row::Balance(Balance::Expiring));
        }
        rows.push(Row::Heading(Heading::Requests));
        rows.extend(
            self.program
                .requests_on_fund(fund)
                .into_iter()
                .filter(|r| {
                    let campaign = self
                        .program
                        .campaigns
                        .get(r.campaign_id)
                        .map_or("", |c| c.name.as_str());
                    matches(filter, &[campaign, r.status.label(), &r.justification])
                })
                .map(|r| Row::Request(r.id)),
        );
        rows
    }

    /// A request's drill-down: balances, proof of performance, expenses
    /// (with their holds) and claims.
    fn request_rows(&self, request: RequestId, filter: &str) -> Vec<Row> {
        let mut rows = Vec::new();
        rows.extend(
            [
                Balance::Requested,
                Balance::Approved,
                Balance::Spent,
                Balance::Eligible,
                Balance::Held,
                Balance::Claimable,
                Balance::Claimed,
                Balance::Reimbursed,
            ]
            .map(Row::Balance),
        );
        let proof = self.required_proof(request);
        if !proof.is_empty() {
            rows.push(Row::Heading(Heading::Proof));
            rows.extend((0..proof.len()).map(Row::Proof));
        }
        rows.push(Row::Heading(Heading::Expenses));
        rows.extend(
            self.program
                .expenses_of_request(request)
                .iter()
                .filter(|e| matches(filter, &[&e.category, &e.vendor, &e.invoice_ref]))
                .map(|e| Row::Expense(e.id)),
        );
        rows.push(Row::Heading(Heading::Claims));
        rows.extend(
            self.program
                .claims_of(request)
                .iter()
                .map(|c| Row::Claim(c.id)),
        );
        rows
    }

    /// The proof-of-performance kinds a request needs: those agreed on the
    /// request, else its policy's for the activity (docs/domain.md §11).
    pub fn required_proof(&self, request: RequestId) -> Vec<String> {
        let Some(r) = self.program.requests.get(request) else {
            return Vec::new();
        };
        let policy = ledger::policy_of(&self.program, r, &self.config.policies);
        ledger::required_proof(r, &policy)
    }

    fn mdf_rows(&self, filter: &str) -> Vec<Row> {
        let Some(p) = self.selected_partner() else {
            return Vec::new();
        };
        match self.mdf_drill.last() {
            Some(Drill::Fund(f)) => return self.fund_rows(*f, filter),
            Some(Drill::Request(r)) => return self.request_rows(*r, filter),
            None => {}
        }
        let mut rows = vec![Row::FundsHeader];
        rows.extend(
            self.program
                .funds_of(p.id)
                .iter()
                .filter(|f| matches(filter, &[&f.name, &f.policy]))
                .map(|f| Row::Fund(f.id)),
        );
        let Some(c) = self.selected_campaign() else {
            return rows;
        };
        rows.extend([
            Row::MoneyHeader(c.id),
            Row::Budget(c.id),
            Row::InternalCost(c.id),
            Row::Money(MoneyLine::TotalCost),
        ]);
        // Expenses not (yet) under a request.
        rows.extend(
            self.program
                .expenses_of(c.id)
                .iter()
                .filter(|e| e.request_id.is_none())
                .map(|e| Row::Expense(e.id)),
        );
        for r in self.program.requests_of(c.id) {
            rows.push(Row::Request(r.id));
            rows.extend(
                self.program
                    .claims_of(r.id)
                    .iter()
                    .map(|cl| Row::Claim(cl.id)),
            );
        }
        rows.extend(
            [
                MoneyLine::Requested,
                MoneyLine::Approved,
                MoneyLine::Spent,
                MoneyLine::Claimable,
                MoneyLine::Claimed,
                MoneyLine::Reimbursed,
                MoneyLine::NetCost,
            ]
            .map(Row::Money),
        );
        rows.extend([Row::Crm(c.id), Row::CrmRecord(c.id)]);
        rows.push(Row::Results(c.id));
        rows.extend(
            [
                MoneyLine::RoiPercent,
                MoneyLine::CostPerLead,
                MoneyLine::CostPerMql,
                MoneyLine::PipelineToSpend,
                MoneyLine::RevenueToSpend,
            ]
            .map(Row::Money),
        );
        rows
    }
}
