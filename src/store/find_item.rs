//! Finding a checklist item by its title without reading the database
//! (issue 13, targets: `jmo tick ITEM`): a scan of the items' ids, titles
//! and sides only, and one line per candidate for the message that lists
//! what the user may have meant.

use super::{Store, StoreError};
use crate::domain::{CampaignId, ResponsibilityId, Side};

/// One checklist item as a message names it: `item:12  Create landing
/// page (ours) in 'Q1 Webinar' (Acme)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemName {
    /// The item's id.
    pub id: ResponsibilityId,
    /// Its title, as stored.
    pub title: String,
    /// Its side; `None` for a side this jmo does not know.
    pub side: Option<Side>,
    /// Whether it is ticked.
    pub done: bool,
    /// Its campaign.
    pub campaign_id: CampaignId,
    /// The campaign's name.
    pub campaign: String,
    /// The campaign's partner's name.
    pub partner: String,
}

impl Store {
    /// The checklist items (docs/domain.md §5) that `keep` accepts, given
    /// each item's title and side key (`ours`, `partner`, `shared`), in id
    /// order. Reads only the items' ids, titles and sides, whatever the
    /// size of the database.
    ///
    /// Errors: SQLite errors.
    pub fn find_items(
        &self,
        mut keep: impl FnMut(&str, &str) -> bool,
    ) -> Result<Vec<ResponsibilityId>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, title, side FROM responsibilities ORDER BY id")?;
        let mut rows = stmt.query([])?;
        let mut hits = Vec::new();
        while let Some(row) = rows.next()? {
            let title = row.get_ref(1)?.as_str().unwrap_or_default();
            let side = row.get_ref(2)?.as_str().unwrap_or_default();
            if keep(title, side) {
                hits.push(ResponsibilityId(row.get(0)?));
            }
        }
        Ok(hits)
    }

    /// Each of `ids` with its campaign and partner named, for a message;
    /// an id that names no item is left out. One indexed query per id.
    ///
    /// Errors: SQLite errors.
    pub fn item_names(&self, ids: &[ResponsibilityId]) -> Result<Vec<ItemName>, StoreError> {
        use rusqlite::OptionalExtension;
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.title, r.side, r.done_on IS NOT NULL, c.id, c.name, p.name \
             FROM responsibilities r JOIN campaigns c ON c.id = r.campaign_id \
             JOIN partners p ON p.id = c.partner_id WHERE r.id = ?1",
        )?;
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            let found = stmt
                .query_row([id.0], |r| {
                    Ok(ItemName {
                        id,
                        title: r.get(0)?,
                        side: Side::from_key(&r.get::<_, String>(1)?),
                        done: r.get(2)?,
                        campaign_id: CampaignId(r.get(3)?),
                        campaign: r.get(4)?,
                        partner: r.get(5)?,
                    })
                })
                .optional()?;
            out.extend(found);
        }
        Ok(out)
    }
}
