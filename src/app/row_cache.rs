//! Each pane's rows, built at most once per change of what they show
//! (issue 13, item 2: every key costs what it shows).
//!
//! [`App::rows`] keeps the rows of each pane with the key they were built
//! for: the versions of what they are built from ([`Tracked`] program,
//! derived figures and unfolded campaigns, whose every change bumps them;
//! the partner list's order, re-sorted only when an edit touched a
//! partner, [`super::derived::Derived::order_version`]), the date, the
//! pane's filter, the Partners pane's order and filters, and the
//! selection the pane follows (the partner, the campaign, the MDF
//! drill-down). A key press that changes none of them reuses the rows; no
//! place has to remember to clear the cache.

use super::App;
use super::tracked::Tracked;
use super::view::{Drill, Pane, PartnerView, Row};
use crate::domain::*;
use chrono::NaiveDate;
use std::cell::{Cell, RefCell};
use std::ops::Deref;
use std::rc::Rc;

/// A pane's rows, top to bottom, with the indexes of the rows the cursor
/// can stop on ([`Row::selectable`]), so the cursor and the draw never
/// walk the whole list. Reads as a `[Row]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaneRows {
    rows: Vec<Row>,
    selectable: Vec<usize>,
}

/// A pane's rows as [`App::rows`] hands them out: shared with the cache,
/// so handing them out copies nothing.
pub type Rows = Rc<PaneRows>;

impl PaneRows {
    /// Wraps rows built from the records, noting the selectable ones.
    pub fn new(rows: Vec<Row>) -> PaneRows {
        // [`super::view::resolve`] relies on it.
        debug_assert!(
            {
                let mut seen = std::collections::HashSet::new();
                rows.iter().all(|r| seen.insert(*r))
            },
            "a pane lists a row twice: {rows:?}"
        );
        let selectable = (0..rows.len()).filter(|&i| rows[i].selectable()).collect();
        PaneRows { rows, selectable }
    }

    /// How many rows the cursor can stop on (for the Partners pane: how
    /// many partners show).
    pub fn selectable_count(&self) -> usize {
        self.selectable.len()
    }

    /// How many selectable rows are at or above row `index` (the "12/40"
    /// position in a pane's border).
    pub fn selectable_up_to(&self, index: usize) -> usize {
        self.selectable.partition_point(|&i| i <= index)
    }

    /// [`super::view::step`] without walking the rows: the selectable row
    /// `delta` selectable steps from `from` (clamped), `None` when no row
    /// is selectable.
    pub fn step(&self, from: usize, delta: i64) -> Option<usize> {
        let last = self.selectable.len().checked_sub(1)?;
        let pos = self.selectable.partition_point(|&i| i < from).min(last);
        let target = (pos as i64).saturating_add(delta).clamp(0, last as i64) as usize;
        Some(self.selectable[target])
    }
}

impl Deref for PaneRows {
    type Target = [Row];

    fn deref(&self) -> &[Row] {
        &self.rows
    }
}

/// Everything a pane's rows are built from; rows built for an equal key
/// are the same rows. Fields a pane does not depend on stay at their
/// default, so a change there does not rebuild it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Key {
    /// Versions of the records (and figures) the rows are built from.
    data: (u64, u64),
    /// The version of the unfolded campaigns (Timeline).
    flipped: u64,
    /// Today (Timeline: the "today" marker).
    today: Option<NaiveDate>,
    /// The pane's filter as typed.
    filter: String,
    /// The Partners pane's order and filters.
    view: Option<PartnerView>,
    /// The selected partner (Timeline, MDF).
    partner: Option<PartnerId>,
    /// The selected campaign (Checklist, MDF).
    campaign: Option<CampaignId>,
    /// The MDF drill-down path.
    drill: Vec<Drill>,
}

/// The rows last built for each pane, by [`Pane::index`], with their key,
/// and how many times each pane's rows were built.
#[derive(Debug, Default)]
pub struct RowCache {
    slots: RefCell<[Option<(Key, Rows)>; 4]>,
    builds: Cell<[usize; 4]>,
}

impl App {
    /// The rows of `pane`, top to bottom (never empty: a pane with nothing
    /// to show has its [`Row::Empty`] row). Built from the records at most
    /// once per change of what they depend on; otherwise the rows built
    /// before, shared.
    pub fn rows(&self, pane: Pane) -> Rows {
        let key = self.rows_key(pane);
        if let Some((k, rows)) = &self.row_cache.slots.borrow()[pane.index()]
            && *k == key
        {
            return Rc::clone(rows);
        }
        let rows = Rc::new(PaneRows::new(self.build_rows(pane)));
        let mut builds = self.row_cache.builds.get();
        builds[pane.index()] += 1;
        self.row_cache.builds.set(builds);
        self.row_cache.slots.borrow_mut()[pane.index()] = Some((key, Rc::clone(&rows)));
        rows
    }

    /// How many times each pane's rows were built from the records since
    /// start-up, by [`Pane::index`]: a diagnostic for the tests and the
    /// benchmark (a cursor move in the Partners pane builds none of the
    /// Partners rows, and each other pane's at most once).
    pub fn row_builds(&self) -> [usize; 4] {
        self.row_cache.builds.get()
    }

    /// What `pane`'s rows are built from, now.
    fn rows_key(&self, pane: Pane) -> Key {
        let filter = self.pane(pane).filter.clone();
        let program = Tracked::version(&self.program);
        let partner = || self.selected_partner().map(|p| p.id);
        let campaign = || self.selected_campaign().map(|c| c.id);
        match pane {
            Pane::Partners => Key {
                data: (self.derived.order_version(), 0),
                filter,
                view: Some(self.partner_view),
                ..Key::default()
            },
            Pane::Timeline => Key {
                data: (program, 0),
                flipped: Tracked::version(&self.flipped),
                today: Some(self.today),
                filter,
                partner: partner(),
                ..Key::default()
            },
            Pane::Checklist => Key {
                data: (program, 0),
                filter,
                campaign: campaign(),
                ..Key::default()
            },
            Pane::Mdf => Key {
                data: (program, Tracked::version(&self.derived)),
                filter,
                partner: partner(),
                campaign: campaign(),
                drill: self.mdf_drill.clone(),
                ..Key::default()
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::view;

    fn rows() -> Vec<Row> {
        vec![
            Row::MoneyHeader(CampaignId(1)),
            Row::Item(ResponsibilityId(1)),
            Row::Item(ResponsibilityId(2)),
            Row::Today(CampaignId(1)),
            Row::Item(ResponsibilityId(3)),
            Row::Money(view::MoneyLine::NetCost),
        ]
    }

    #[test]
    fn stepping_by_the_index_matches_stepping_by_the_rows() {
        let r = rows();
        let p = PaneRows::new(r.clone());
        for from in 0..r.len() + 2 {
            for delta in [-100, -2, -1, 0, 1, 2, 100, i64::MIN / 2, i64::MAX / 2] {
                assert_eq!(
                    p.step(from, delta),
                    view::step(&r, from, delta),
                    "{from} {delta}"
                );
            }
        }
        let none = PaneRows::new(vec![Row::Today(CampaignId(1))]);
        assert_eq!(none.step(0, 1), None);
    }

    #[test]
    fn the_position_counts_selectable_rows_at_or_above() {
        let p = PaneRows::new(rows());
        assert_eq!(p.selectable_count(), 3);
        assert_eq!(p.selectable_up_to(0), 0);
        assert_eq!(p.selectable_up_to(1), 1);
        assert_eq!(p.selectable_up_to(3), 2);
        assert_eq!(p.selectable_up_to(5), 3);
    }
}
