//! Hand edits of the pipeline evidence (docs/domain.md §15.1): a partner
//! touch or an overlap mark added in the Journey view, and a hand-added
//! touch deleted. Each runs inside the caller's edit transaction ([`Tx`]),
//! so it is one change set in the history and one undo.
//!
//! Imported records (those with a CRM id) are the CRM's: they change by
//! re-importing the CRM's file, never by hand here.

use super::{StoreError, Tx};
use crate::domain::RecordRef;
use crate::domain::evidence::{Overlap, OverlapId, Touch, TouchId};
use crate::domain::ids::Stored;

impl Tx<'_> {
    /// Adds a partner touch typed by hand (no CRM id): validated with
    /// [`Touch::validate`], then inserted and recorded in the history.
    /// Returns its id.
    ///
    /// Errors: [`StoreError::Invalid`] (nothing written); SQLite errors
    /// (a partner, account or opportunity that is gone).
    pub fn add_touch(&mut self, touch: &Touch) -> Result<TouchId, StoreError> {
        touch.validate().map_err(|errors| StoreError::Invalid {
            what: "partner touch",
            errors,
        })?;
        if !touch.crm_id.is_empty() {
            return Err(StoreError::Refused(
                "a touch added by hand has no CRM id (the import writes the CRM's)".into(),
            ));
        }
        self.insert(touch)
    }

    /// Marks an account as overlapping with a partner on a snapshot day
    /// (an overlap row typed by hand, docs/domain.md §15.1). Returns its id.
    ///
    /// Errors: [`StoreError::Refused`] when the partner already has the
    /// account in its snapshot of that day (one row per partner, account
    /// and day, as an import keeps it); [`StoreError::Invalid`]; SQLite
    /// errors.
    pub fn add_overlap(&mut self, overlap: &Overlap) -> Result<OverlapId, StoreError> {
        overlap.validate().map_err(|errors| StoreError::Invalid {
            what: "account overlap",
            errors,
        })?;
        let day = crate::domain::dates::iso(overlap.snapshot_on);
        let same = self.query_i64(
            "SELECT count(*) FROM overlaps WHERE partner_id = ?1 AND account_id = ?2 \
             AND snapshot_on = ?3",
            &[&overlap.partner_id.0, &overlap.account_id.0, &day],
        )?;
        if same > 0 {
            return Err(StoreError::Refused(format!(
                "the partner's snapshot of {day} has this account already: select it in the \
                 journey and press d to delete it, then mark it again"
            )));
        }
        self.insert(overlap)
    }

    /// Deletes a touch added by hand (empty CRM id); returns it as it was.
    ///
    /// Errors: [`StoreError::NotFound`] when it is gone;
    /// [`StoreError::Refused`] for an imported touch (re-import the CRM's
    /// file instead: the CRM is where it lives); SQLite errors.
    pub fn delete_hand_touch(&mut self, id: TouchId) -> Result<Stored<Touch>, StoreError> {
        let Some(touch) = self.get::<Touch>(id)? else {
            return Err(StoreError::NotFound(RecordRef::Touch(id)));
        };
        if !touch.crm_id.is_empty() {
            return Err(StoreError::Refused(imported_touch(&touch.crm_id)));
        }
        self.delete(RecordRef::Touch(id))?;
        Ok(touch)
    }
}

impl Tx<'_> {
    /// Deletes touch `id`, added by hand or imported (the user said yes
    /// to deleting an imported one: an E1 settled with the partners; a
    /// later import of a file that still holds it writes it again).
    /// Returns it as it was.
    ///
    /// Errors: [`StoreError::NotFound`] when it is gone; SQLite errors.
    pub fn delete_touch(&mut self, id: TouchId) -> Result<Stored<Touch>, StoreError> {
        let Some(touch) = self.get::<Touch>(id)? else {
            return Err(StoreError::NotFound(RecordRef::Touch(id)));
        };
        self.delete(RecordRef::Touch(id))?;
        Ok(touch)
    }
}

/// Why an imported touch is not deleted by hand, in words.
pub fn imported_touch(crm_id: &str) -> String {
    format!(
        "this touch was imported from the CRM (id {crm_id}): remove it there and re-import \
         the file instead (jmo crm import)"
    )
}

#[cfg(test)]
mod tests {
    use crate::domain::evidence::*;
    use crate::store::Store;
    use chrono::NaiveDate;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    /// A store with one partner and one account; their ids.
    fn store() -> (Store, crate::domain::PartnerId, AccountId) {
        let mut s = Store::open_in_memory().unwrap();
        let p = s
            .edit("p", |tx| {
                tx.insert(&crate::store::tests::partner("Northwind"))
            })
            .unwrap()
            .value;
        let a = s
            .edit("a", |tx| {
                tx.insert(&Account {
                    crm_id: "001A".into(),
                    name: "Acme".into(),
                    domain: String::new(),
                    owner: String::new(),
                })
            })
            .unwrap()
            .value;
        (s, p, a)
    }

    fn touch(p: crate::domain::PartnerId, a: AccountId, crm_id: &str) -> Touch {
        Touch {
            partner_id: p,
            account_id: Some(a),
            opportunity_id: None,
            on: day(3),
            kind: TouchKind::Referral,
            campaign_id: None,
            crm_id: crm_id.into(),
            note: "met at the summit".into(),
        }
    }

    #[test]
    fn a_hand_touch_is_added_deleted_and_undone() {
        let (mut s, p, a) = store();
        let id = s
            .edit("Add touch", |tx| tx.add_touch(&touch(p, a, "")))
            .unwrap()
            .value;
        assert_eq!(
            s.get::<Touch>(id).unwrap().unwrap().note,
            "met at the summit"
        );
        s.undo().unwrap();
        assert!(s.get::<Touch>(id).unwrap().is_none(), "undo removes it");
        s.redo().unwrap();
        let gone = s
            .edit("Delete touch", |tx| tx.delete_hand_touch(id))
            .unwrap()
            .value;
        assert_eq!(gone.kind, TouchKind::Referral);
        assert!(s.get::<Touch>(id).unwrap().is_none());
    }

    #[test]
    fn an_imported_touch_is_not_deleted_by_hand() {
        let (mut s, p, a) = store();
        let id = s
            .edit("import", |tx| tx.insert(&touch(p, a, "00TX1")))
            .unwrap()
            .value;
        let err = s
            .edit("Delete touch", |tx| tx.delete_hand_touch(id))
            .unwrap_err();
        assert!(err.to_string().contains("re-import"), "{err}");
        assert!(s.get::<Touch>(id).unwrap().is_some());
    }

    #[test]
    fn an_overlap_is_marked_once_a_day() {
        let (mut s, p, a) = store();
        let o = Overlap {
            partner_id: p,
            account_id: a,
            population: Population::Prospect,
            snapshot_on: day(5),
            excluded: false,
        };
        s.edit("Mark overlap", |tx| tx.add_overlap(&o)).unwrap();
        let err = s.edit("Mark overlap", |tx| tx.add_overlap(&o)).unwrap_err();
        assert!(err.to_string().contains("already"), "{err}");
        let touchless = Touch {
            account_id: None,
            ..touch(p, a, "")
        };
        let err = s
            .edit("Add touch", |tx| tx.add_touch(&touchless))
            .unwrap_err();
        assert!(
            matches!(err, crate::store::StoreError::Invalid { .. }),
            "{err}"
        );
    }
}
