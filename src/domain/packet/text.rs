//! The packet's two texts (docs/domain.md §11): the Markdown summary,
//! section by section, and the CSV of the expense lines ([`super::CSV_HEADER`]),
//! as methods of the gathered [`Facts`].

use super::{CSV_HEADER, DRAFT_MARK, Facts, fix, is_line_hold};
use crate::domain::dates::{days_between, iso};
use crate::domain::expense::{Expense, ProofRef};
use crate::domain::ledger::{self, Hold, Line};
use crate::domain::markdown::{Align, Md, dash, inline};
use crate::domain::mdf::ClaimStatus;
use crate::domain::money::{format_multiple, round_cents};
use chrono::NaiveDate;
use rust_decimal::Decimal;

impl Facts<'_> {
    pub(super) fn markdown(
        &self,
        today: NaiveDate,
        missing: &[String],
        warnings: &[String],
    ) -> String {
        let mut md = Md::default();
        md.line(format!(
            "# MDF reimbursement packet: {} — {} — request R{}",
            inline(self.partner_name()),
            inline(self.campaign_name()),
            self.request.id
        ));
        md.blank();
        if !missing.is_empty() {
            md.line(format!("> **{DRAFT_MARK}.** A final packet still needs:"));
            md.line(">");
            for m in missing {
                md.line(format!("> - {}", inline(m)));
            }
            md.blank();
        }
        for w in warnings {
            md.line(format!("> **Warning:** {}", inline(w)));
            md.blank();
        }
        md.line(format!(
            "Prepared on {} by jmo. All amounts in {}.",
            iso(today),
            self.currency.code()
        ));
        md.blank();
        self.request_section(&mut md);
        self.claim_section(&mut md);
        self.deadline_section(&mut md, today);
        self.proof_section(&mut md);
        self.lines_section(&mut md);
        self.held_section(&mut md);
        self.totals_section(&mut md);
        let mut text = md.0.trim_end().to_string();
        text.push('\n');
        text
    }

    fn request_section(&self, md: &mut Md) {
        let r = self.request;
        let c = self.campaign;
        let share = percent(self.policy.max_share_percent);
        let fund = match self.fund {
            Some(f) => format!(
                "{} ({} to {}, allocated {})",
                f.name,
                iso(f.period_start),
                iso(f.period_end),
                self.money(f.allocated)
            ),
            None => "none chosen".into(),
        };
        let (name, known) = &self.policy_name;
        let policy = format!(
            "{name}{}: vendor share up to {share}, claim window {} days",
            if *known {
                ""
            } else {
                " (not in the config: docs/domain.md §11 defaults apply)"
            },
            self.policy.claim_window_days
        );
        let campaign = match c {
            Some(c) => format!(
                "{} ({}, {} to {})",
                c.name,
                c.campaign_type,
                iso(c.start),
                iso(c.end)
            ),
            None => self.campaign_name().to_string(),
        };
        let date = |d: Option<NaiveDate>| d.map_or_else(|| "—".to_string(), iso);
        let mut rows = vec![
            vec!["Partner".into(), self.partner_name().to_string()],
            vec!["Campaign".into(), campaign],
            vec!["Request".into(), format!("R{}", r.id)],
            vec!["Status".into(), r.status.to_string()],
            vec!["Activity".into(), r.activity.to_string()],
            vec!["Fund".into(), fund],
            vec!["Policy".into(), policy],
            vec!["Requested".into(), self.money(r.amount)],
            vec!["Approved".into(), self.money(self.balance.approved)],
            vec!["Submitted".into(), date(r.submitted_on)],
            vec!["Decided".into(), date(r.decided_on)],
            vec!["Justification".into(), dash(&r.justification)],
            vec![
                "Expected ROI".into(),
                r.expected_roi
                    .map_or_else(|| "not stated".into(), |x| format_multiple(Some(x))),
            ],
        ];
        if let Some(reason) = r.reason.as_deref().filter(|s| !s.trim().is_empty()) {
            rows.push(vec!["Reason".into(), reason.to_string()]);
        }
        md.heading("Request");
        md.table(&[("field", Align::Left), ("value", Align::Left)], rows);
    }

    fn claim_section(&self, md: &mut Md) {
        let b = &self.balance;
        let share = self.policy.max_share_percent;
        md.heading("Claim");
        md.line(format!(
            "**Claim amount: {}** (the claimable amount).",
            self.money(b.claimable)
        ));
        md.blank();
        md.line("How it was computed:");
        md.blank();
        md.line(format!(
            "1. Each eligible line's vendor part is its amount × {} (the policy's maximum vendor share), rounded to the cent half away from zero (0.005 → 0.01), line by line.",
            percent(share)
        ));
        md.line(format!(
                        "2. Lines are taken in date order and the claim is capped at the approved {}: the line that crosses it counts for what is left of it, and lines after it are held.",
            self.money(b.approved)
        ));
        md.line(
            "3. The fund never pays more than it allocated: its requests share the allocation in the order they were submitted, and a line past it is capped or held the same way.",
        );
        md.line(
            "4. Held lines count for nothing; the claim is the sum of the counted vendor parts.",
        );
        md.blank();
        if b.lines.is_empty() {
            md.line("No expense line yet: nothing to compute.");
            md.blank();
        } else {
            self.computation_table(md);
        }
        for l in &b.lines {
            let Some(cap) = l.capped else { continue };
            let limit = match cap {
                ledger::Cap::Approved => format!("the approved {}", self.money(b.approved)),
                ledger::Cap::Allocation => "the fund's allocation".to_string(),
            };
            md.line(if l.claimable.is_zero() {
                format!(
                    "Capped: nothing of {limit} was left for E{}, so it is held.",
                    l.id
                )
            } else {
                format!(
                    "Capped: E{} counts {} of its vendor part of {}, what was left of {limit}.",
                    l.id,
                    self.money(l.claimable),
                    self.money(l.part)
                )
            });
        }
        if b.lines.iter().any(|l| l.capped.is_some()) {
            md.blank();
        }
        md.line("Claims recorded against this request:");
        md.blank();
        if self.claims.is_empty() {
            md.line("None yet.");
            md.blank();
        } else {
            let date = |d: Option<NaiveDate>| d.map_or_else(|| "—".to_string(), iso);
            let rows = self
                .claims
                .iter()
                .map(|c| {
                    vec![
                        c.id.to_string(),
                        c.status.to_string(),
                        self.money(c.amount),
                        date(c.submitted_on),
                        date(c.paid_on),
                        c.paid_amount.map_or_else(|| "—".into(), |a| self.money(a)),
                        dash(&c.note),
                    ]
                })
                .collect();
            md.table(
                &[
                    ("claim", Align::Left),
                    ("status", Align::Left),
                    ("amount", Align::Right),
                    ("submitted", Align::Left),
                    ("paid on", Align::Left),
                    ("paid", Align::Right),
                    ("note", Align::Left),
                ],
                rows,
            );
        }
        let left = (b.claimable - b.claimed).max(Decimal::ZERO);
        md.line(format!(
            "Claimed so far (submitted, not rejected): {}. Left to claim: {}.",
            self.money(b.claimed),
            self.money(left)
        ));
        let disputed = self
            .claims
            .iter()
            .filter(|c| c.status == ClaimStatus::Disputed)
            .count();
        if disputed > 0 {
            md.line(format!("{disputed} claim(s) in dispute."));
        }
        md.blank();
    }

    /// The claim line by line: amount × share, rounded to the cent,
    /// counted or held, and the running total.
    fn computation_table(&self, md: &mut Md) {
        let b = &self.balance;
        let share = self.policy.max_share_percent;
        let mut running = Decimal::ZERO;
        let mut rows = Vec::new();
        for line in &b.lines {
            let exact = line.amount * share / Decimal::ONE_HUNDRED;
            running += line.claimable;
            let counted = match (&line.hold, line.capped) {
                (None, None) => "yes".to_string(),
                (None, Some(cap)) => format!(
                    "{} only: capped at {}",
                    self.money(line.claimable),
                    cap.label()
                ),
                (Some(h), _) => format!("no: held, {}", h.message()),
            };
            let date = self
                .expenses
                .get(&line.id)
                .map_or_else(String::new, |e| iso(e.spent_on));
            rows.push(vec![
                format!("E{}", line.id),
                date,
                self.money(line.amount),
                self.currency.format_exact(exact),
                self.money(round_cents(exact)),
                counted,
                self.money(running),
            ]);
        }
        let mut total = vec![String::new(); 6];
        total[0] = "**claim**".into();
        total.push(format!("**{}**", self.money(b.claimable)));
        rows.push(total);
        let times = format!("amount × {}", percent(share));
        md.table(
            &[
                ("expense", Align::Left),
                ("date", Align::Left),
                ("amount", Align::Right),
                (times.as_str(), Align::Right),
                ("vendor part", Align::Right),
                ("counted", Align::Left),
                ("running claim", Align::Right),
            ],
            rows,
        );
    }

    fn deadline_section(&self, md: &mut Md, today: NaiveDate) {
        md.heading("Deadline");
        let Some((end, deadline)) = self.deadline() else {
            md.line("Unknown: the request's campaign is missing.");
            md.blank();
            return;
        };
        let days = days_between(today, deadline);
        let state = match days {
            d if d > 1 => format!("{d} days left"),
            1 => "1 day left".into(),
            0 => "today is the last day".into(),
            -1 => "passed 1 day ago".into(),
            d => format!("passed {} days ago", -d),
        };
        md.line(format!(
            "Activity end {} + {} days' claim window ({} policy) = **{}**: {state} as of {}.",
            iso(end),
            self.policy.claim_window_days,
            self.policy_name.0,
            iso(deadline),
            iso(today)
        ));
        if let Some(s) = self.first_submission() {
            md.blank();
            md.line(format!(
                "First claim submitted on {}: {}.",
                iso(s),
                if s <= deadline { "in time" } else { "late" }
            ));
        }
        md.blank();
    }

    /// Lines whose proof counts (the ledger's rule): not held for a reason
    /// of their own.
    fn proof_counts(&self, line: &Line) -> bool {
        !line.hold.as_ref().is_some_and(is_line_hold)
    }

    fn proof_section(&self, md: &mut Md) {
        md.heading("Proof of performance");
        if self.required.is_empty() {
            md.line("Nothing is required for this activity.");
            md.blank();
            return;
        }
        let source = if self.request.proof_required.trim().is_empty() {
            format!(
                "Required by the {} policy for {}.",
                self.policy_name.0, self.request.activity
            )
        } else {
            "Required as agreed on the request.".to_string()
        };
        md.line(source);
        md.blank();
        let refs_of = |kind: &str, counting: bool| -> Vec<String> {
            self.balance
                .lines
                .iter()
                .filter(|l| self.proof_counts(l) == counting)
                .filter_map(|l| self.expenses.get(&l.id))
                .flat_map(|e| {
                    e.proofs()
                        .into_iter()
                        .filter(|p| ledger::proof_meets(kind, &p.kind))
                        .map(|p| format!("E{}: {}", e.id, p.reference))
                        .collect::<Vec<_>>()
                })
                .collect()
        };
        let rows = self
            .required
            .iter()
            .map(|kind| {
                let missing = self
                    .missing_proof
                    .iter()
                    .any(|m| m.trim().eq_ignore_ascii_case(kind.trim()));
                let (status, refs) = if missing {
                    let held = refs_of(kind, false);
                    let note = if held.is_empty() {
                        "—".to_string()
                    } else {
                        format!("only on held lines: {}", held.join("; "))
                    };
                    ("**missing**".to_string(), note)
                } else {
                    ("on file".to_string(), refs_of(kind, true).join("; "))
                };
                vec![kind.clone(), status, refs]
            })
            .collect();
        md.table(
            &[
                ("required proof", Align::Left),
                ("status", Align::Left),
                ("references", Align::Left),
            ],
            rows,
        );
    }

    fn lines_section(&self, md: &mut Md) {
        let b = &self.balance;
        md.heading("Expense lines");
        if b.lines.is_empty() {
            md.line("No expense is recorded under this request.");
            md.blank();
        } else {
            let mut rows: Vec<Vec<String>> = b
                .lines
                .iter()
                .map(|l| {
                    let e = self.expenses.get(&l.id);
                    let field = |f: fn(&Expense) -> String| e.map(|e| f(e)).unwrap_or_default();
                    vec![
                        format!("E{}", l.id),
                        field(|e| iso(e.spent_on)),
                        field(|e| dash(&e.category)),
                        field(|e| dash(&e.vendor)),
                        field(|e| dash(&e.invoice_ref)),
                        self.money(l.amount),
                        self.money(l.claimable),
                        match (&l.hold, l.capped) {
                            (None, None) => "eligible".into(),
                            (None, Some(cap)) => format!("eligible, capped at {}", cap.label()),
                            (Some(h), _) => format!("held: {}", h.message()),
                        },
                        dash(&e.map(|e| proof_text(&e.proofs(), "; ")).unwrap_or_default()),
                    ]
                })
                .collect();
            rows.push(vec![
                "**total**".into(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                format!("**{}**", self.money(b.spent)),
                format!("**{}**", self.money(b.claimable)),
                String::new(),
                String::new(),
            ]);
            md.table(
                &[
                    ("expense", Align::Left),
                    ("date", Align::Left),
                    ("category", Align::Left),
                    ("vendor", Align::Left),
                    ("invoice", Align::Left),
                    ("amount", Align::Right),
                    ("vendor part", Align::Right),
                    ("status", Align::Left),
                    ("proof", Align::Left),
                ],
                rows,
            );
        }
        if !self.withdrawn.is_empty() {
            md.line("Withdrawn, not counted:");
            md.blank();
            for e in &self.withdrawn {
                md.line(format!(
                    "- E{} ({}, {}, {}): {}",
                    e.id,
                    iso(e.spent_on),
                    inline(&e.category),
                    self.money(e.amount),
                    inline(e.withdrawn.as_deref().unwrap_or(""))
                ));
            }
            md.blank();
        }
    }

    fn held_section(&self, md: &mut Md) {
        md.heading("Held lines and why");
        let held: Vec<(&Line, &Hold)> = self
            .balance
            .lines
            .iter()
            .filter_map(|l| l.hold.as_ref().map(|h| (l, h)))
            .collect();
        if held.is_empty() {
            md.line("None: every line is eligible.");
        } else {
            for (line, h) in held {
                md.line(format!(
                    "- {}: {}. To do: {}.",
                    self.line_label(line),
                    inline(&h.message()),
                    fix(h)
                ));
            }
        }
        md.blank();
    }

    fn totals_section(&self, md: &mut Md) {
        let b = &self.balance;
        md.heading("Totals");
        let row = |k: &str, v: Decimal| vec![k.to_string(), self.money(v)];
        md.table(
            &[("total", Align::Left), ("amount", Align::Right)],
            vec![
                row("Requested", b.requested),
                row("Approved", b.approved),
                row("Spent (lines in force)", b.spent),
                row("Eligible", b.eligible),
                row("Held", b.held),
                row("Claimable (this claim)", b.claimable),
                row("Claimed (submitted claims)", b.claimed),
                row("Reimbursed", b.reimbursed),
            ],
        );
    }

    pub(super) fn csv(&self) -> Result<String, csv::Error> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(CSV_HEADER)?;
        let share = self.policy.max_share_percent.normalize().to_string();
        for l in &self.balance.lines {
            let e = self.expenses.get(&l.id);
            let text = |f: fn(&Expense) -> String| e.map(|e| f(e)).unwrap_or_default();
            w.write_record([
                l.id.to_string(),
                text(|e| iso(e.spent_on)),
                text(|e| inert(e.category.trim())),
                text(|e| inert(e.vendor.trim())),
                text(|e| inert(e.invoice_ref.trim())),
                self.currency.plain(l.amount),
                share.clone(),
                self.currency.plain(l.claimable),
                if l.hold.is_some() { "held" } else { "eligible" }.to_string(),
                match (&l.hold, l.capped) {
                    (Some(h), _) => h.message(),
                    (None, Some(cap)) => format!("capped at {}", cap.label()),
                    (None, None) => String::new(),
                },
                e.map(|e| inert(&proof_text(&e.proofs(), " | ")))
                    .unwrap_or_default(),
                self.currency.code().to_string(),
            ])?;
        }
        let bytes = w.into_inner().map_err(|e| e.into_error())?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}

/// A typed text made inert for spreadsheets: a cell that starts with `=`,
/// `+`, `-`, `@`, a tab or a carriage return is prefixed with `'`, so a
/// spreadsheet opening the CSV shows it as text and never runs it as a
/// formula (OWASP "CSV injection").
pub(super) fn inert(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// `kind: reference` joined with `sep`.
fn proof_text(refs: &[ProofRef], sep: &str) -> String {
    refs.iter()
        .map(|p| format!("{}: {}", p.kind, p.reference))
        .collect::<Vec<_>>()
        .join(sep)
}

/// A percentage for text: `50%`, `62.5%`.
fn percent(p: Decimal) -> String {
    format!("{}%", p.normalize())
}
