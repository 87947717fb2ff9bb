//! MDF (market development funds): funds, requests (pre-approvals) and
//! claims (docs/domain.md §11), the program policy, and the per-campaign money summary.
//!
//! Balances are derived from these records, never typed in (docs/domain.md §11).

use super::dates::shift;
use super::ids::{CampaignId, ClaimId, FundId, PartnerId, Record, RequestId};
use super::keyed::keyed_enum;
use super::money::amount_error;
use super::validation::{FieldError, Invalid};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// An MDF program policy (docs/domain.md §11 table); one per fund, named in config.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Policy {
    /// Days after the activity (campaign) end within which a claim must be
    /// submitted. Default 30 (docs/domain.md §6.2 G4, §11).
    pub claim_window_days: i64,
    /// Pre-approval lead time before activity start. Default 10.
    pub lead_time: i64,
    /// Whether `lead_time` counts business days (Mon–Fri). Default true.
    pub lead_time_business_days: bool,
    /// Maximum vendor share of the activity cost, in percent. Default 50.
    pub max_share_percent: Decimal,
    /// Minimum request, in the database's currency. Default 1,000.
    pub min_request: Decimal,
    /// Expense categories that are never eligible (compared ignoring case).
    pub ineligible_categories: Vec<String>,
    /// Proof of performance required per activity type key (`event`,
    /// `webinar`, `digital_ads`, `email`, `content`): the kinds of proof a
    /// request's expenses must carry between them before anything is
    /// claimable (docs/domain.md §11 table).
    pub proof: std::collections::BTreeMap<String, Vec<String>>,
}

impl Policy {
    /// The proof kinds an activity needs under this policy (may be empty).
    pub fn required_proof(&self, activity: ActivityType) -> &[String] {
        self.proof.get(activity.key()).map_or(&[], Vec::as_slice)
    }

    /// Whether an expense category is ineligible under this policy.
    pub fn is_ineligible(&self, category: &str) -> bool {
        let c = category.trim();
        self.ineligible_categories
            .iter()
            .any(|i| i.trim().eq_ignore_ascii_case(c))
    }
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            claim_window_days: 30,
            lead_time: 10,
            lead_time_business_days: true,
            max_share_percent: Decimal::from(50),
            min_request: Decimal::from(1000),
            ineligible_categories: [
                "alcohol",
                "cash",
                "charity",
                "discounts",
                "travel",
                "lodging",
                "capital expenses",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect(),
            proof: [
                (
                    "event",
                    &["attendee lead list", "photo or recording URL"][..],
                ),
                ("webinar", &["attendee lead list", "recording URL"][..]),
                (
                    "digital_ads",
                    &["screenshot", "landing URL", "click report"][..],
                ),
                ("email", &["copy", "send report"][..]),
                ("content", &["final asset"][..]),
            ]
            .iter()
            .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
            .collect(),
        }
    }
}

/// An MDF fund: money a vendor allocates to a partner for a period (docs/domain.md §11).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fund {
    /// The partner the fund is allocated to.
    pub partner_id: PartnerId,
    /// Name, e.g. "FY26 H2 co-op".
    pub name: String,
    /// First day of the fund period.
    pub period_start: NaiveDate,
    /// Last day of the fund period.
    pub period_end: NaiveDate,
    /// Amount allocated, in the database's currency.
    pub allocated: Decimal,
    /// Name of the program policy (config `[policies.NAME]`); "default" = the defaults of docs/domain.md §11.2.
    #[serde(default = "default_policy_name")]
    pub policy: String,
}

fn default_policy_name() -> String {
    "default".into()
}

impl Record for Fund {
    type Id = FundId;
    type Parent = PartnerId;
    fn parent(&self) -> PartnerId {
        self.partner_id
    }
}

impl Fund {
    /// Checks the fields: a name; period start ≤ end; allocation ≥ 0.
    /// Errors: [`Invalid`].
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut errors = Vec::new();
        if self.name.trim().is_empty() {
            errors.push(FieldError::new("name", "a fund needs a name"));
        }
        if self.period_end < self.period_start {
            errors.push(FieldError::new(
                "period_end",
                format!(
                    "the period must end on or after its start ({})",
                    self.period_start
                ),
            ));
        }
        if let Some(m) = amount_error(self.allocated) {
            errors.push(FieldError::new("allocated", m));
        }
        Invalid::check(errors)
    }
}

keyed_enum!(
    /// Status of an MDF request (docs/domain.md §11):
    /// draft → submitted → approved | returned | rejected | expired | cancelled.
    RequestStatus {
        /// Being written.
        Draft = ("draft", "draft"),
        /// Sent for pre-approval.
        Submitted = ("submitted", "submitted"),
        /// Pre-approved.
        Approved = ("approved", "approved"),
        /// Sent back for changes.
        Returned = ("returned", "returned"),
        /// Refused.
        Rejected = ("rejected", "rejected"),
        /// Lapsed unused.
        Expired = ("expired", "expired"),
        /// Withdrawn.
        Cancelled = ("cancelled", "cancelled"),
    }
);

keyed_enum!(
    /// The activity an MDF request pays for (docs/domain.md §11 proof-of-performance table).
    ActivityType {
        /// Events (virtual or in person).
        Event = ("event", "Event"),
        /// Webinars.
        Webinar = ("webinar", "Webinar"),
        /// Digital ads.
        DigitalAds = ("digital_ads", "Digital ads"),
        /// Email.
        Email = ("email", "Email"),
        /// Content.
        Content = ("content", "Content"),
    }
);

impl ActivityType {
    /// The activity type that matches a campaign type.
    pub fn for_campaign(t: super::campaign::CampaignType) -> ActivityType {
        use super::campaign::CampaignType as C;
        match t {
            C::Webinar => ActivityType::Webinar,
            C::Content => ActivityType::Content,
            C::VirtualEvent | C::InPersonEvent => ActivityType::Event,
            C::DigitalAds => ActivityType::DigitalAds,
            C::Email => ActivityType::Email,
        }
    }
}

/// An MDF request (pre-approval) for a campaign (docs/domain.md §11).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MdfRequest {
    /// The campaign the money is for.
    pub campaign_id: CampaignId,
    /// The fund it draws on, if chosen.
    #[serde(default)]
    pub fund_id: Option<FundId>,
    /// The activity type.
    pub activity: ActivityType,
    /// Amount requested, in the database's currency.
    pub amount: Decimal,
    /// Amount approved, in the database's currency (may be less than requested); set when approved.
    #[serde(default)]
    pub approved_amount: Option<Decimal>,
    /// Status.
    pub status: RequestStatus,
    /// When it was submitted.
    #[serde(default)]
    pub submitted_on: Option<NaiveDate>,
    /// When it was approved / returned / rejected.
    #[serde(default)]
    pub decided_on: Option<NaiveDate>,
    /// Why the partner should fund it.
    #[serde(default)]
    pub justification: String,
    /// Expected return, as a multiple of the activity's cost (revenue ÷
    /// cost, docs/domain.md §7), e.g. 5 for "5x".
    #[serde(default)]
    pub expected_roi: Option<Decimal>,
    /// The proof of performance agreed for this request, one kind per
    /// line (prefilled from the policy's list for the activity).
    #[serde(default)]
    pub proof_required: String,
    /// Why it was returned, rejected, expired or cancelled.
    #[serde(default)]
    pub reason: Option<String>,
}

impl Record for MdfRequest {
    type Id = RequestId;
    type Parent = CampaignId;
    fn parent(&self) -> CampaignId {
        self.campaign_id
    }
}

impl MdfRequest {
    /// The amount counted as approved: the approved amount, else the
    /// requested amount; zero unless the status is approved.
    pub fn approved(&self) -> Decimal {
        if self.status == RequestStatus::Approved {
            self.approved_amount.unwrap_or(self.amount)
        } else {
            Decimal::ZERO
        }
    }

    /// Checks the fields: amount ≥ 0 and approved ≤ requested; a request
    /// that went out (any status but draft or cancelled) has a submission
    /// date. Errors: [`Invalid`].
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut errors = Vec::new();
        if let Some(m) = amount_error(self.amount) {
            errors.push(FieldError::new("amount", m));
        }
        if let Some(a) = self.approved_amount {
            if let Some(m) = amount_error(a) {
                errors.push(FieldError::new("approved_amount", m));
            } else if a > self.amount {
                errors.push(FieldError::new(
                    "approved_amount",
                    "cannot approve more than was requested",
                ));
            }
        }
        // A draft, or a draft cancelled before it went out, has no date.
        let needs_date = !matches!(self.status, RequestStatus::Draft | RequestStatus::Cancelled);
        if needs_date && self.submitted_on.is_none() {
            errors.push(FieldError::new("submitted_on", "when was it submitted?"));
        }
        Invalid::check(errors)
    }

    /// Checks a request as a user records it on `today` (the form): it is
    /// not submitted or decided in the future, nor decided before it was
    /// submitted, and a returned or rejected request says why. Stored and
    /// imported records need not meet these (older builds did not ask).
    /// Errors: [`Invalid`] at the field.
    pub fn validate_as_of(&self, today: NaiveDate) -> Result<(), Invalid> {
        let mut errors = not_after(
            today,
            &[
                ("submitted_on", self.submitted_on),
                ("decided_on", self.decided_on),
            ],
        );
        if let (Some(s), Some(d)) = (self.submitted_on, self.decided_on)
            && d < s
        {
            errors.push(FieldError::new(
                "decided_on",
                format!("decided before it was submitted ({s})"),
            ));
        }
        let no_reason = self.reason.as_deref().is_none_or(|r| r.trim().is_empty());
        if matches!(
            self.status,
            RequestStatus::Returned | RequestStatus::Rejected
        ) && no_reason
        {
            errors.push(FieldError::new(
                "reason",
                format!(
                    "say why it was {}: the reason stays with the request",
                    self.status
                ),
            ));
        }
        Invalid::check(errors)
    }
}

keyed_enum!(
    /// Status of an MDF claim (docs/domain.md §11):
    /// draft → submitted → approved → paid | rejected | disputed.
    ClaimStatus {
        /// Being prepared.
        Draft = ("draft", "draft"),
        /// Sent to the vendor.
        Submitted = ("submitted", "submitted"),
        /// Accepted for payment.
        Approved = ("approved", "approved"),
        /// Paid out.
        Paid = ("paid", "paid"),
        /// Refused.
        Rejected = ("rejected", "rejected"),
        /// In dispute.
        Disputed = ("disputed", "disputed"),
    }
);

/// A claim for reimbursement against an approved request (docs/domain.md §11).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// The request it claims against.
    pub request_id: RequestId,
    /// Amount claimed, in the database's currency.
    pub amount: Decimal,
    /// Status.
    pub status: ClaimStatus,
    /// When it was submitted.
    #[serde(default)]
    pub submitted_on: Option<NaiveDate>,
    /// When it was paid.
    #[serde(default)]
    pub paid_on: Option<NaiveDate>,
    /// Amount paid, in the database's currency.
    #[serde(default)]
    pub paid_amount: Option<Decimal>,
    /// Notes (e.g. the dispute).
    #[serde(default)]
    pub note: String,
}

impl Record for Claim {
    type Id = ClaimId;
    type Parent = RequestId;
    fn parent(&self) -> RequestId {
        self.request_id
    }
}

impl Claim {
    /// Submitted to the vendor (any status past draft).
    pub fn is_submitted(&self) -> bool {
        self.status != ClaimStatus::Draft
    }

    /// Checks a claim as a user records it on `today` (the form): a
    /// submitted claim asks for more than $0; it is not submitted or paid
    /// in the future, nor paid before it was submitted; a disputed claim
    /// says what is disputed. Stored and imported records need not meet
    /// these (older builds did not ask; G4 ignores $0 claims).
    /// Errors: [`Invalid`] at the field.
    pub fn validate_as_of(&self, today: NaiveDate) -> Result<(), Invalid> {
        let mut errors = not_after(
            today,
            &[
                ("submitted_on", self.submitted_on),
                ("paid_on", self.paid_on),
            ],
        );
        if self.is_submitted() && self.amount.is_zero() {
            errors.push(FieldError::new(
                "amount",
                "a submitted claim asks for more than zero (keep it a draft until it does)",
            ));
        }
        if let (Some(s), Some(p)) = (self.submitted_on, self.paid_on)
            && p < s
        {
            errors.push(FieldError::new(
                "paid_on",
                format!("paid before it was submitted ({s})"),
            ));
        }
        if self.status == ClaimStatus::Disputed && self.note.trim().is_empty() {
            errors.push(FieldError::new(
                "note",
                "say what is disputed and what was asked for",
            ));
        }
        Invalid::check(errors)
    }

    /// Counted as claimed (docs/domain.md §11): submitted, and not rejected.
    pub fn counts_as_claimed(&self) -> bool {
        self.is_submitted() && self.status != ClaimStatus::Rejected
    }

    /// Uses the request's claim window (docs/domain.md §6.2 G4): counted as claimed and
    /// for more than $0. A rejected claim leaves the window open.
    pub fn uses_claim_window(&self) -> bool {
        self.counts_as_claimed() && self.amount > Decimal::ZERO
    }

    /// Checks the fields: money ≥ 0; paid ≤ claimed; a submitted claim has a
    /// submission date; a paid claim has a paid date and amount.
    /// Errors: [`Invalid`].
    pub fn validate(&self) -> Result<(), Invalid> {
        let mut errors = Vec::new();
        if let Some(m) = amount_error(self.amount) {
            errors.push(FieldError::new("amount", m));
        }
        if self.is_submitted() && self.submitted_on.is_none() {
            errors.push(FieldError::new("submitted_on", "when was it submitted?"));
        }
        if let Some(p) = self.paid_amount {
            if let Some(m) = amount_error(p) {
                errors.push(FieldError::new("paid_amount", m));
            } else if p > self.amount {
                errors.push(FieldError::new(
                    "paid_amount",
                    "cannot be paid more than was claimed",
                ));
            }
        }
        if self.status == ClaimStatus::Paid {
            if self.paid_on.is_none() {
                errors.push(FieldError::new("paid_on", "when was it paid?"));
            }
            if self.paid_amount.is_none() {
                errors.push(FieldError::new("paid_amount", "how much was paid?"));
            }
        }
        Invalid::check(errors)
    }
}

/// One error per recorded date after `today` (what was submitted, decided
/// or paid has happened), at its field.
fn not_after(today: NaiveDate, dates: &[(&'static str, Option<NaiveDate>)]) -> Vec<FieldError> {
    dates
        .iter()
        .filter_map(|(field, d)| {
            d.filter(|d| *d > today).map(|d| {
                FieldError::new(
                    field,
                    format!("{d} has not happened yet (today is {today})"),
                )
            })
        })
        .collect()
}

/// The policy named `name` in `policies`; the defaults of docs/domain.md §11.2 when the
/// name is missing or unknown (a fund without a policy, a request without a
/// fund).
pub fn policy_for(
    policies: &std::collections::BTreeMap<String, Policy>,
    name: Option<&str>,
) -> Policy {
    name.and_then(|n| policies.get(n))
        .cloned()
        .unwrap_or_default()
}

impl Claim {
    /// Checks the claim against its request (docs/domain.md §11): a claim that counts
    /// as claimed goes against an approved request, never for more than was
    /// approved. (A draft or rejected claim may stay on a request withdrawn
    /// after it; new claims need an approved request, which the claim form
    /// checks.)
    ///
    /// Errors: [`Invalid`] at `amount` (too much, the approved amount shown
    /// in `currency`) or `request` (not approved).
    pub fn validate_against(
        &self,
        request: &MdfRequest,
        currency: super::currency::Currency,
    ) -> Result<(), Invalid> {
        let mut errors = Vec::new();
        if request.status != RequestStatus::Approved && self.counts_as_claimed() {
            errors.push(FieldError::new(
                "request",
                format!(
                    "the request is {}, not approved: claim once it is approved",
                    request.status
                ),
            ));
        } else if request.status == RequestStatus::Approved && self.amount > request.approved() {
            errors.push(FieldError::new(
                "amount",
                format!(
                    "more than the approved {}",
                    currency.format(request.approved())
                ),
            ));
        }
        Invalid::check(errors)
    }
}

/// The claim deadline of a campaign that ended on `end` under `policy`:
/// `end + claim_window_days` (docs/domain.md §6.2 G4). A claim submitted on the deadline
/// is in time; the day after, the window has passed.
pub fn claim_deadline(end: NaiveDate, policy: &Policy) -> NaiveDate {
    shift(end, policy.claim_window_days)
}

/// One campaign's MDF money, derived from its requests and claims (docs/domain.md §11).
/// All amounts in the database's currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MdfSummary {
    /// Requested: submitted, approved or returned requests (not drafts, not
    /// rejected / expired / cancelled).
    pub requested: Decimal,
    /// Approved: the approved amount of approved requests.
    pub approved: Decimal,
    /// Claimed: claims submitted (any status past draft, except rejected).
    pub claimed: Decimal,
    /// Reimbursed: the paid amount of paid claims.
    pub reimbursed: Decimal,
}

impl MdfSummary {
    /// Sums the requests and their claims.
    pub fn of<'a>(
        requests: impl IntoIterator<Item = &'a MdfRequest>,
        claims: impl IntoIterator<Item = &'a Claim>,
    ) -> MdfSummary {
        let mut s = MdfSummary::default();
        for r in requests {
            if matches!(
                r.status,
                RequestStatus::Submitted | RequestStatus::Approved | RequestStatus::Returned
            ) {
                s.requested += r.amount;
            }
            s.approved += r.approved();
        }
        for c in claims {
            if c.is_submitted() && c.status != ClaimStatus::Rejected {
                s.claimed += c.amount;
            }
            if c.status == ClaimStatus::Paid {
                s.reimbursed += c.paid_amount.unwrap_or(Decimal::ZERO);
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn request(amount: Decimal, status: RequestStatus) -> MdfRequest {
        MdfRequest {
            campaign_id: CampaignId(1),
            fund_id: None,
            activity: ActivityType::Webinar,
            amount,
            approved_amount: None,
            status,
            submitted_on: Some(d("2026-01-01")),
            decided_on: None,
            justification: String::new(),
            expected_roi: None,
            proof_required: String::new(),
            reason: None,
        }
    }

    fn claim(amount: Decimal, status: ClaimStatus, paid: Option<Decimal>) -> Claim {
        Claim {
            request_id: RequestId(1),
            amount,
            status,
            submitted_on: Some(d("2026-02-01")),
            paid_on: paid.map(|_| d("2026-03-01")),
            paid_amount: paid,
            note: String::new(),
        }
    }

    #[test]
    fn summary_counts_each_status_once() {
        let mut approved = request(dec!(5000), RequestStatus::Approved);
        approved.approved_amount = Some(dec!(4000));
        let requests = [
            approved,
            request(dec!(1000), RequestStatus::Submitted),
            request(dec!(700), RequestStatus::Draft),
            request(dec!(300), RequestStatus::Rejected),
        ];
        let claims = [
            claim(dec!(2500), ClaimStatus::Paid, Some(dec!(2400))),
            claim(dec!(900), ClaimStatus::Submitted, None),
            claim(dec!(100), ClaimStatus::Draft, None),
            claim(dec!(50), ClaimStatus::Rejected, None),
        ];
        let s = MdfSummary::of(&requests, &claims);
        assert_eq!(
            s,
            MdfSummary {
                requested: dec!(6000),
                approved: dec!(4000),
                claimed: dec!(3400),
                reimbursed: dec!(2400),
            }
        );
    }

    #[test]
    fn deadline_is_end_plus_the_policy_window() {
        let p = Policy::default();
        assert_eq!(claim_deadline(d("2026-01-31"), &p), d("2026-03-02"));
        let p45 = Policy {
            claim_window_days: 45,
            ..Policy::default()
        };
        assert_eq!(claim_deadline(d("2026-01-31"), &p45), d("2026-03-17"));
    }

    #[test]
    fn claims_go_against_approved_requests_up_to_the_approved_amount() {
        let mut r = request(dec!(5000), RequestStatus::Approved);
        r.approved_amount = Some(dec!(4000));
        let ok = claim(dec!(4000), ClaimStatus::Submitted, None);
        assert!(
            ok.validate_against(&r, crate::domain::Currency::USD)
                .is_ok()
        );
        let too_much = claim(dec!(4000.01), ClaimStatus::Submitted, None);
        let err = too_much
            .validate_against(&r, crate::domain::Currency::USD)
            .unwrap_err();
        assert_eq!(err.0[0].field, "amount");
        assert!(err.0[0].message.contains("$4,000.00"), "{err}");
        r.status = RequestStatus::Submitted;
        let err = ok
            .validate_against(&r, crate::domain::Currency::USD)
            .unwrap_err();
        assert_eq!(err.0[0].field, "request");
        assert!(
            err.0[0].message.contains("submitted, not approved"),
            "{err}"
        );
        // A draft or rejected claim may stay on a request withdrawn after it.
        r.status = RequestStatus::Cancelled;
        assert!(
            claim(dec!(10), ClaimStatus::Draft, None)
                .validate_against(&r, crate::domain::Currency::USD)
                .is_ok()
        );
        assert!(
            claim(dec!(10), ClaimStatus::Rejected, None)
                .validate_against(&r, crate::domain::Currency::USD)
                .is_ok()
        );
        assert!(
            claim(dec!(10), ClaimStatus::Disputed, None)
                .validate_against(&r, crate::domain::Currency::USD)
                .is_err()
        );
    }

    #[test]
    fn what_was_submitted_decided_or_paid_has_happened_in_order() {
        // Entered today (forms): a submitted claim asks for more than $0; a
        // draft may be $0. Stored records (older builds) are not refused.
        let today = d("2026-06-01");
        let zero = claim(dec!(0), ClaimStatus::Submitted, None);
        assert_eq!(zero.validate_as_of(today).unwrap_err().0[0].field, "amount");
        assert!(zero.validate().is_ok());
        assert!(
            claim(dec!(0), ClaimStatus::Draft, None)
                .validate_as_of(today)
                .is_ok()
        );
        // Paid before it was submitted.
        let mut c = claim(dec!(500), ClaimStatus::Paid, Some(dec!(500)));
        c.paid_on = Some(d("2026-01-31"));
        assert_eq!(c.validate_as_of(today).unwrap_err().0[0].field, "paid_on");
        assert!(c.validate().is_ok());
        c.paid_on = Some(d("2026-02-01")); // the same day is fine
        assert!(c.validate_as_of(today).is_ok());
        // Not in the future: submitted Feb 1, paid Feb 1.
        assert!(c.validate_as_of(d("2026-02-01")).is_ok());
        let err = c.validate_as_of(d("2026-01-31")).unwrap_err();
        let fields: Vec<_> = err.0.iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["submitted_on", "paid_on"]);
        assert!(err.0[0].message.contains("has not happened yet"), "{err}");
        // A request decided before it was submitted, or in the future.
        let mut r = request(dec!(1000), RequestStatus::Approved);
        r.decided_on = Some(d("2025-12-31"));
        assert_eq!(
            r.validate_as_of(today).unwrap_err().0[0].field,
            "decided_on"
        );
        assert!(r.validate().is_ok());
        r.decided_on = Some(d("2026-01-02"));
        assert!(r.validate_as_of(today).is_ok());
        assert!(r.validate_as_of(d("2026-01-02")).is_ok());
        assert_eq!(
            r.validate_as_of(d("2026-01-01")).unwrap_err().0[0].field,
            "decided_on"
        );
    }

    #[test]
    fn request_and_claim_validation() {
        let mut r = request(dec!(1000), RequestStatus::Approved);
        r.approved_amount = Some(dec!(1200));
        assert_eq!(r.validate().unwrap_err().0[0].field, "approved_amount");
        r.approved_amount = Some(dec!(900));
        r.submitted_on = None;
        assert_eq!(r.validate().unwrap_err().0[0].field, "submitted_on");
        let mut c = claim(dec!(500), ClaimStatus::Paid, None);
        let fields: Vec<_> = {
            c.paid_on = None;
            c.validate()
                .unwrap_err()
                .0
                .iter()
                .map(|e| e.field)
                .collect()
        };
        assert_eq!(fields, vec!["paid_on", "paid_amount"]);
        c = claim(dec!(500), ClaimStatus::Paid, Some(dec!(600)));
        assert_eq!(c.validate().unwrap_err().0[0].field, "paid_amount");
    }
}
