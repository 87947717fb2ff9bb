//! jmo remembers where you were (issue 11, item 8): on quitting the
//! screen, the selected partner, campaign, focused pane and the record of
//! its selected row (by record id,
//! never by row number) are written to a small state file, one entry per
//! database; on the next start on that database they are selected again
//! if those records still exist (else the usual first partner, silently).
//!
//! The file is `<state dir>/where.json` ([`state_file`]: on Linux
//! `$XDG_STATE_HOME/jmo/where.json`, by default
//! `~/.local/state/jmo/where.json`; elsewhere jmo's local data folder),
//! private to its owner (0600), written whole through a temporary file
//! renamed over it. Only the screen writes it: commands that open the
//! database read-only never do.

use super::view::Pane;
use super::{App, Mode};
use crate::domain::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where the screen was: the selection and focus to start on again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// The selected partner.
    pub partner: PartnerId,
    /// The selected campaign, if one was.
    pub campaign: Option<CampaignId>,
    /// The focused pane, by its title in lower case ("checklist").
    pub pane: PaneName,
    /// The record of the focused pane's selected row (a milestone, a
    /// checklist item), if it is one; absent in files written before it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row: Option<RecordRef>,
}

/// A pane as the state file names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PaneName {
    /// The Partners pane.
    Partners,
    /// The Timeline pane.
    Timeline,
    /// The Checklist pane.
    Checklist,
    /// The MDF pane.
    Mdf,
}

impl From<Pane> for PaneName {
    fn from(p: Pane) -> PaneName {
        match p {
            Pane::Partners => PaneName::Partners,
            Pane::Timeline => PaneName::Timeline,
            Pane::Checklist => PaneName::Checklist,
            Pane::Mdf => PaneName::Mdf,
        }
    }
}

impl From<PaneName> for Pane {
    fn from(p: PaneName) -> Pane {
        match p {
            PaneName::Partners => Pane::Partners,
            PaneName::Timeline => Pane::Timeline,
            PaneName::Checklist => Pane::Checklist,
            PaneName::Mdf => Pane::Mdf,
        }
    }
}

/// The state file's contents: one place per database, by the database
/// file's absolute path.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct Places {
    databases: BTreeMap<PathBuf, Place>,
}

/// The state file: `where.json` in jmo's state folder (the `directories`
/// crate's `state_dir`, on Linux `$XDG_STATE_HOME/jmo`), else in its local
/// data folder; `None` when the platform names neither (no home folder).
pub fn state_file() -> Option<PathBuf> {
    let dirs = super::config::project_dirs()?;
    let dir = dirs
        .state_dir()
        .map_or_else(|| dirs.data_local_dir().to_path_buf(), Path::to_path_buf);
    Some(dir.join("where.json"))
}

/// The key of a database in the state file: its absolute path, links
/// resolved where it exists.
fn key_of(database: &Path) -> PathBuf {
    std::fs::canonicalize(database)
        .or_else(|_| std::path::absolute(database))
        .unwrap_or_else(|_| database.to_path_buf())
}

fn read(file: &Path) -> Places {
    std::fs::read_to_string(file)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// The place saved in `file` for `database`; `None` when there is none,
/// or the file is missing or unreadable (a start is never refused for it).
pub fn load(file: &Path, database: &Path) -> Option<Place> {
    read(file).databases.get(&key_of(database)).copied()
}

/// Saves `place` for `database` in `file`, keeping the other databases'
/// entries: written whole to a private temporary file in the same folder
/// (created 0700 if missing), then renamed over the file, which is 0600.
///
/// Errors: I/O errors (nothing is changed then).
pub fn save(file: &Path, database: &Path, place: Place) -> std::io::Result<()> {
    use std::io::Write;
    let mut all = read(file);
    all.databases.insert(key_of(database), place);
    let text = serde_json::to_string_pretty(&all).map_err(std::io::Error::other)?;
    let dir = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    crate::store::file::create_private_dirs(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".where.")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    tmp.persist(file).map_err(|e| e.error)?;
    Ok(())
}

impl App {
    /// Where the screen is now: the selected partner and campaign and
    /// the focused pane (the main screen's, under any open view); `None`
    /// with no partner selected (an empty database).
    pub fn place(&self) -> Option<Place> {
        Some(Place {
            partner: self.selected_partner()?.id,
            campaign: self.selected_campaign().map(|c| c.id),
            pane: self.focus.into(),
            row: self.selected_row(self.focus).and_then(|r| r.record()),
        })
    }

    /// The pane a record's row shows in, for the records a cursor can
    /// be left on (`None` for profile records).
    fn pane_of(&self, record: RecordRef) -> Option<Pane> {
        Some(match record {
            RecordRef::Partner(_) => Pane::Partners,
            RecordRef::Campaign(_) | RecordRef::Milestone(_) => Pane::Timeline,
            RecordRef::Responsibility(_) | RecordRef::Asset(_) => Pane::Checklist,
            RecordRef::Fund(_)
            | RecordRef::Request(_)
            | RecordRef::Claim(_)
            | RecordRef::Expense(_) => Pane::Mdf,
            _ => return None,
        })
    }

    /// Starts on `place` when its partner still exists (and its campaign,
    /// if it is still that partner's); else stays on the default
    /// selection, silently.
    pub fn resume(&mut self, place: Place) {
        if !matches!(self.mode, Mode::Normal) || self.program.partners.get(place.partner).is_none()
        {
            return;
        }
        self.hold(place.partner);
        let campaign = place
            .campaign
            .and_then(|c| self.program.campaigns.get(c))
            .filter(|c| c.partner_id == place.partner)
            .map(|c| c.id);
        let status = self.status.take();
        match campaign {
            Some(c) => self.reveal(RecordRef::Campaign(c)),
            None => self.reveal(RecordRef::Partner(place.partner)),
        }
        // The row left selected in the focused pane, when it is still
        // there under that partner and campaign.
        let pane: Pane = place.pane.into();
        if let Some(row) = place.row
            && self.program.partner_of(row) == Some(place.partner)
            && self.pane_of(row) == Some(pane)
            && (matches!(pane, Pane::Partners | Pane::Mdf)
                || self.program.campaign_of(row) == campaign)
        {
            self.reveal(row);
        }
        // Revealing says nothing worth keeping; the start-up's own
        // message (a config warning) stays.
        self.status = status;
        self.focus = pane;
    }
}
