//! What the screen is showing: which pane has focus, the rows of each pane,
//! and each pane's selection, scroll offset and filter.
//!
//! Rows are derived from the program on demand, and kept until what they
//! show changes ([`crate::app::App::rows`]);
//! a pane remembers its selected *row* (a record), not an index, so an edit
//! that re-sorts the list keeps the same record selected.

use crate::domain::*;
use ratatui::layout::Rect;

/// The four panes of the main screen, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Pane {
    /// The partners list.
    Partners,
    /// The selected partner's campaigns and milestones.
    Timeline,
    /// The selected campaign's responsibilities and assets.
    Checklist,
    /// The selected partner's funds and the selected campaign's money.
    Mdf,
}

impl Pane {
    /// All panes in Tab order.
    pub const ALL: [Pane; 4] = [Pane::Partners, Pane::Timeline, Pane::Checklist, Pane::Mdf];

    /// The pane's title.
    pub fn title(self) -> &'static str {
        match self {
            Pane::Partners => "Partners",
            Pane::Timeline => "Timeline",
            Pane::Checklist => "Checklist",
            Pane::Mdf => "MDF",
        }
    }

    /// Its number key (1–4).
    pub fn number(self) -> usize {
        self.index() + 1
    }

    /// Position in [`Pane::ALL`].
    pub fn index(self) -> usize {
        match self {
            Pane::Partners => 0,
            Pane::Timeline => 1,
            Pane::Checklist => 2,
            Pane::Mdf => 3,
        }
    }

    /// The next pane in Tab order (wrapping).
    pub fn next(self) -> Pane {
        Pane::ALL[(self.index() + 1) % 4]
    }

    /// The previous pane in Tab order (wrapping).
    pub fn prev(self) -> Pane {
        Pane::ALL[(self.index() + 3) % 4]
    }
}

/// A money line of the MDF pane that is derived, not edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MoneyLine {
    /// Budget + internal cost.
    TotalCost,
    /// MDF requested.
    Requested,
    /// MDF approved.
    Approved,
    /// MDF expenses in force under the campaign's requests.
    Spent,
    /// MDF claimable under the campaign's requests (the ledger).
    Claimable,
    /// MDF claimed.
    Claimed,
    /// MDF reimbursed.
    Reimbursed,
    /// Total cost − reimbursed.
    NetCost,
    /// ROI %.
    RoiPercent,
    /// Cost per lead.
    CostPerLead,
    /// Cost per MQL.
    CostPerMql,
    /// Sourced pipeline / total cost.
    PipelineToSpend,
    /// Revenue / total cost.
    RevenueToSpend,
}

/// Where the MDF pane is drilled to: Enter on a fund shows its requests,
/// Enter on a request its expenses and claims (issue 3); Esc goes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Drill {
    /// A fund: its balances and the requests drawing on it.
    Fund(FundId),
    /// A request: its balances, proof of performance, expenses and claims.
    Request(RequestId),
}

/// A ledger figure shown in a drill-down (docs/domain.md §11 balances).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Balance {
    /// Allocated to the fund.
    Allocated,
    /// Requested.
    Requested,
    /// Approved (committed).
    Approved,
    /// Allocated − approved.
    Remaining,
    /// Spent (expenses in force).
    Spent,
    /// Expenses not held.
    Eligible,
    /// Expenses held.
    Held,
    /// Claimable now.
    Claimable,
    /// Claimed.
    Claimed,
    /// Reimbursed.
    Reimbursed,
    /// Claimed ÷ allocated.
    Utilization,
    /// Unclaimed money of a fund ending within 30 days.
    Expiring,
}

/// A section heading in a drill-down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Heading {
    /// The requests drawing on a fund.
    Requests,
    /// A request's proof of performance.
    Proof,
    /// A request's expenses (`a` adds one).
    Expenses,
    /// A request's claims (`a` adds one).
    Claims,
}

/// One line of a pane. Some rows are records (selectable), some are
/// headers, markers or derived figures (skipped by the cursor).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Row {
    /// A partner (Partners pane).
    Partner(PartnerId),
    /// A campaign header (Timeline).
    Campaign(CampaignId),
    /// A milestone (Timeline).
    Milestone(MilestoneId),
    /// The "today" marker inside a campaign's milestones (Timeline).
    Today(CampaignId),
    /// A side's header with its done/total count (Checklist).
    SideHeader(Side),
    /// A checklist item (Checklist).
    Item(ResponsibilityId),
    /// The assets header (Checklist).
    AssetsHeader,
    /// An asset (Checklist).
    Asset(AssetId),
    /// The funds header (MDF).
    FundsHeader,
    /// A fund (MDF).
    Fund(FundId),
    /// The selected campaign's money header (MDF).
    MoneyHeader(CampaignId),
    /// The campaign's budget (MDF; edits the costs).
    Budget(CampaignId),
    /// The campaign's internal cost (MDF; edits the costs).
    InternalCost(CampaignId),
    /// An MDF request (MDF).
    Request(RequestId),
    /// A claim (MDF).
    Claim(ClaimId),
    /// A derived money figure (MDF).
    Money(MoneyLine),
    /// The campaign's CRM heading: linked, or not in the CRM yet with G8's
    /// mark (MDF; docs/domain.md §6.2 G8, §13).
    Crm(CampaignId),
    /// The campaign's CRM record under that heading: its Salesforce
    /// `Name` ("Partner: X - Y") and its Id, if any (MDF).
    CrmRecord(CampaignId),
    /// The results header / line (MDF; edits the results).
    Results(CampaignId),
    /// "nothing here yet" with a hint, per pane.
    Empty(Pane),

    /// A ledger figure of the fund or request drilled into (MDF).
    Balance(Balance),
    /// A section heading in a drill-down (MDF).
    Heading(Heading),
    /// One proof-of-performance kind the request needs, by index (MDF).
    Proof(usize),
    /// An expense (MDF).
    Expense(ExpenseId),
}

impl Row {
    /// Whether the cursor can stop on this row. Group headers are
    /// selectable so that `a` on them adds to that group.
    pub fn selectable(self) -> bool {
        !matches!(
            self,
            Row::Today(_)
                | Row::MoneyHeader(_)
                | Row::Crm(_)
                | Row::CrmRecord(_)
                | Row::Money(_)
                | Row::Empty(_)
                | Row::Balance(_)
                | Row::Proof(_)
                | Row::Heading(Heading::Requests)
                | Row::Heading(Heading::Proof)
        )
    }

    /// The record this row shows, if it is one record.
    pub fn record(self) -> Option<RecordRef> {
        Some(match self {
            Row::Partner(id) => RecordRef::Partner(id),
            Row::Campaign(id) | Row::Budget(id) | Row::InternalCost(id) => RecordRef::Campaign(id),
            Row::Milestone(id) => RecordRef::Milestone(id),
            Row::Item(id) => RecordRef::Responsibility(id),
            Row::Asset(id) => RecordRef::Asset(id),
            Row::Fund(id) => RecordRef::Fund(id),
            Row::Request(id) => RecordRef::Request(id),
            Row::Claim(id) => RecordRef::Claim(id),
            Row::Expense(id) => RecordRef::Expense(id),
            _ => return None,
        })
    }
}

/// One pane's cursor, scroll and filter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PaneState {
    /// The selected row (a record), if any.
    pub selected: Option<Row>,
    /// Its index when last seen (to stay near it if it disappears).
    pub index: usize,
    /// First row shown.
    pub offset: usize,
    /// The filter text ("" = no filter), matched case-insensitively.
    pub filter: String,
}

/// The screen's layout as last drawn: the inner (row) area of each pane.
/// The event loop sets it from the UI's layout before each draw; the app
/// uses it for page sizes, scrolling and mouse clicks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    /// Row areas, indexed by [`Pane::index`].
    pub panes: [Rect; 4],
    /// The window is below the minimum size: the panes are not drawn, so
    /// keys other than quit must do nothing.
    pub too_small: bool,
    /// The inner area of a full view (profile, plan): the main area
    /// inside its border, above the bottom bar.
    pub view: Rect,
    /// How far the open scrolling view (help, history, results, dashboard,
    /// plan) scrolls as laid out at this size; `None` when none is open
    /// or the layout did not say (the view's own bound is used then).
    pub scroll: Option<Scrolling>,
}

/// The room a scrolling view has, as laid out: its last useful scroll
/// offset and how many of its lines show at once.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scrolling {
    /// Lines beyond the visible ones (0 = everything shows).
    pub max: usize,
    /// Lines visible at once (a page).
    pub page: usize,
}

impl Areas {
    /// The pane and row index (before scrolling) under a screen cell.
    pub fn hit(&self, x: u16, y: u16) -> Option<(Pane, usize)> {
        Pane::ALL.iter().find_map(|&p| {
            let r = self.panes[p.index()];
            (x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height)
                .then(|| (p, usize::from(y - r.y)))
        })
    }

    /// The pane whose block (area plus a one-cell border) contains a cell.
    pub fn pane_at(&self, x: u16, y: u16) -> Option<Pane> {
        Pane::ALL.iter().copied().find(|&p| {
            let r = self.panes[p.index()];
            x + 1 >= r.x && x <= r.x + r.width && y + 1 >= r.y && y <= r.y + r.height
        })
    }

    /// Visible lines of a full view (at least 1).
    pub fn view_height(&self) -> usize {
        usize::from(self.view.height).max(1)
    }

    /// Visible rows of a pane (at least 1).
    pub fn height(&self, pane: Pane) -> usize {
        usize::from(self.panes[pane.index()].height).max(1)
    }
}

/// The cursor logic shared by all panes: given the rows and the state,
/// find the selected index (or the nearest selectable row). A pane lists
/// each row once, so the selected row still at its index is found without
/// walking the list.
pub fn resolve(rows: &[Row], state: &PaneState) -> Option<usize> {
    if let Some(sel) = state.selected {
        if rows.get(state.index) == Some(&sel) {
            return Some(state.index);
        }
        if let Some(i) = rows.iter().position(|r| *r == sel) {
            return Some(i);
        }
    }
    nearest_selectable(rows, state.index.min(rows.len().saturating_sub(1)))
}

/// The selectable row at or after `from`, else before it.
pub fn nearest_selectable(rows: &[Row], from: usize) -> Option<usize> {
    (from..rows.len())
        .find(|&i| rows[i].selectable())
        .or_else(|| {
            (0..from.min(rows.len()))
                .rev()
                .find(|&i| rows[i].selectable())
        })
}

/// The selectable row `delta` selectable steps from `from` (clamped).
pub fn step(rows: &[Row], from: usize, delta: i64) -> Option<usize> {
    let selectable: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].selectable()).collect();
    if selectable.is_empty() {
        return None;
    }
    let pos = selectable
        .iter()
        .position(|&i| i >= from)
        .unwrap_or(selectable.len() - 1);
    let target = (pos as i64 + delta).clamp(0, selectable.len() as i64 - 1) as usize;
    Some(selectable[target])
}

/// The last row of the block that starts at `index`: the row before the
/// next selectable one (the derived lines that follow a record belong to
/// it, e.g. the ROI figures under "Results").
pub fn block_end(rows: &[Row], index: usize) -> usize {
    (index + 1..rows.len())
        .find(|&i| rows[i].selectable())
        .map_or(rows.len().saturating_sub(1), |next| next - 1)
        .max(index)
}

/// The scroll offset that keeps row `index` visible in `height` rows,
/// moving as little as possible from `offset`.
pub fn keep_visible(offset: usize, index: usize, height: usize, len: usize) -> usize {
    let height = height.max(1);
    let mut off = offset.min(len.saturating_sub(1));
    if index < off {
        off = index;
    } else if index >= off + height {
        off = index + 1 - height;
    }
    // Do not leave empty space at the bottom when the list could fill it.
    let max_off = len.saturating_sub(height);
    off.min(max_off)
}

/// The header a row sits under, when it has one the cursor should keep
/// in sight: a checklist item's side header (or the assets header above
/// an asset), a milestone's campaign row. `None` for other rows.
pub fn group_header(rows: &[Row], index: usize) -> Option<usize> {
    let is_header: fn(&Row) -> bool = match rows.get(index)? {
        Row::Item(_) | Row::Asset(_) => |r| matches!(r, Row::SideHeader(_) | Row::AssetsHeader),
        Row::Milestone(_) => |r| matches!(r, Row::Campaign(_)),
        _ => return None,
    };
    (0..index).rev().find(|&i| is_header(&rows[i]))
}

/// The scroll offset that shows rows `start..=end` (a campaign and its
/// milestones) in `height` rows: the whole block, moving as little as
/// possible from `offset`, when it fits; else `start` as the first row.
pub fn show_block(offset: usize, start: usize, end: usize, height: usize, len: usize) -> usize {
    let height = height.max(1);
    let off = if end + 1 - start <= height {
        offset.clamp((end + 1).saturating_sub(height), start)
    } else {
        start
    };
    off.min(len.saturating_sub(height))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows with markers and derived lines the cursor must skip.
    fn rows() -> Vec<Row> {
        vec![
            Row::MoneyHeader(CampaignId(1)),
            Row::Item(ResponsibilityId(1)),
            Row::Item(ResponsibilityId(2)),
            Row::Today(CampaignId(1)),
            Row::Item(ResponsibilityId(3)),
            Row::Money(MoneyLine::NetCost),
        ]
    }

    #[test]
    fn stepping_skips_headers_and_clamps() {
        let r = rows();
        assert_eq!(step(&r, 1, 1), Some(2));
        assert_eq!(step(&r, 2, 1), Some(4));
        assert_eq!(step(&r, 4, 1), Some(4));
        assert_eq!(step(&r, 1, -1), Some(1));
        assert_eq!(step(&r, 4, -10), Some(1));
        assert_eq!(step(&[Row::Today(CampaignId(1))], 0, 1), None);
        assert!(Row::SideHeader(Side::Ours).selectable());
    }

    #[test]
    fn selection_follows_the_record_or_stays_near() {
        let r = rows();
        let st = PaneState {
            selected: Some(Row::Item(ResponsibilityId(3))),
            index: 1,
            ..PaneState::default()
        };
        assert_eq!(resolve(&r, &st), Some(4));
        let gone = PaneState {
            selected: Some(Row::Item(ResponsibilityId(9))),
            index: 3,
            ..PaneState::default()
        };
        assert_eq!(resolve(&r, &gone), Some(4));
        let at_end = PaneState {
            selected: None,
            index: 99,
            ..PaneState::default()
        };
        assert_eq!(resolve(&r, &at_end), Some(4));
    }

    #[test]
    fn scrolling_keeps_the_cursor_in_view() {
        assert_eq!(keep_visible(0, 3, 5, 20), 0);
        assert_eq!(keep_visible(0, 7, 5, 20), 3);
        assert_eq!(keep_visible(10, 4, 5, 20), 4);
        assert_eq!(keep_visible(18, 19, 5, 20), 15);
        assert_eq!(keep_visible(0, 0, 5, 0), 0);
    }

    #[test]
    fn trailing_derived_lines_belong_to_the_row_above() {
        let r = rows();
        assert_eq!(block_end(&r, 2), 3);
        assert_eq!(block_end(&r, 4), 5);
        assert_eq!(block_end(&r, 1), 1);
    }

    #[test]
    fn hit_testing_maps_cells_to_rows() {
        let mut a = Areas::default();
        a.panes[1] = Rect::new(30, 2, 40, 10);
        assert_eq!(a.hit(31, 4), Some((Pane::Timeline, 2)));
        assert_eq!(a.hit(29, 4), None);
        assert_eq!(a.pane_at(29, 1), Some(Pane::Timeline));
    }
}

/// How the Partners pane is ordered (issue 5, item 2; `o` cycles).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PartnerSort {
    /// By name (case-insensitive).
    #[default]
    Name,
    /// By tier, highest first, then name.
    Tier,
    /// By partnership type, then name.
    Type,
}

impl PartnerSort {
    /// The next order (`o`).
    pub fn next(self) -> PartnerSort {
        match self {
            PartnerSort::Name => PartnerSort::Tier,
            PartnerSort::Tier => PartnerSort::Type,
            PartnerSort::Type => PartnerSort::Name,
        }
    }

    /// A short label: "name", "tier", "type".
    pub fn label(self) -> &'static str {
        match self {
            PartnerSort::Name => "name",
            PartnerSort::Tier => "tier",
            PartnerSort::Type => "type",
        }
    }
}

/// The Partners pane's order and filters (issue 5, items 2 and 8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PartnerView {
    /// The order.
    pub sort: PartnerSort,
    /// Only partners set at this tier (`t` cycles).
    pub tier: Option<Tier>,
    /// Only partners of this partnership type (`y` cycles).
    pub partnership_type: Option<PartnershipType>,
    /// Archived partners shown too (`A`).
    pub show_archived: bool,
}

impl PartnerView {
    /// What the pane title adds, e.g. " · Gold · Reseller · by tier ·
    /// +archived" (empty for the default view).
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(t) = self.tier {
            parts.push(t.label().to_string());
        }
        if let Some(t) = self.partnership_type {
            parts.push(t.label().to_string());
        }
        if self.sort != PartnerSort::Name {
            parts.push(format!("by {}", self.sort.label()));
        }
        if self.show_archived {
            parts.push("+archived".to_string());
        }
        parts.iter().map(|p| format!(" · {p}")).collect()
    }
}
