-- 8 (docs/domain.md §15.1): the pipeline-evidence records. Every column is
-- the domain field of the same name (src/domain/evidence/mod.rs); money is
-- TEXT (the exact Decimal), days TEXT YYYY-MM-DD, enums TEXT keys, flags
-- INTEGER 0/1. A CRM id is unique per table; a touch added by hand has an
-- empty one, so touches keep it unique only when not empty.
CREATE TABLE accounts (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    crm_id TEXT NOT NULL UNIQUE,
    name   TEXT NOT NULL,
    domain TEXT NOT NULL DEFAULT '',
    owner  TEXT NOT NULL DEFAULT ''
);
-- accounts by crm_id: the UNIQUE constraint's own index.
CREATE INDEX accounts_by_domain ON accounts(lower(domain));
CREATE INDEX accounts_by_name ON accounts(lower(name));

CREATE TABLE overlaps (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    partner_id  INTEGER NOT NULL REFERENCES partners(id),
    account_id  INTEGER NOT NULL REFERENCES accounts(id),
    population  TEXT NOT NULL,
    snapshot_on TEXT NOT NULL,
    excluded    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX overlaps_by_partner ON overlaps(partner_id);
CREATE INDEX overlaps_by_account ON overlaps(account_id);

CREATE TABLE leads (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    crm_id      TEXT NOT NULL UNIQUE,
    account_id  INTEGER REFERENCES accounts(id),
    account_ref TEXT NOT NULL DEFAULT '',
    campaign_id INTEGER REFERENCES campaigns(id),
    source      TEXT NOT NULL,
    created_on  TEXT NOT NULL,
    mql_on      TEXT
);
CREATE INDEX leads_by_campaign ON leads(campaign_id);
CREATE INDEX leads_by_account ON leads(account_id);

CREATE TABLE opportunities (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    crm_id        TEXT NOT NULL UNIQUE,
    account_id    INTEGER REFERENCES accounts(id),
    account_ref   TEXT NOT NULL DEFAULT '',
    name          TEXT NOT NULL,
    amount        TEXT NOT NULL,
    stage         TEXT NOT NULL DEFAULT '',
    created_on    TEXT NOT NULL,
    close_on      TEXT NOT NULL,
    outcome       TEXT NOT NULL,
    lead_source   TEXT NOT NULL DEFAULT '',
    registered_by INTEGER REFERENCES partners(id),
    campaign_id   INTEGER REFERENCES campaigns(id)
);
CREATE INDEX opportunities_by_account ON opportunities(account_id);
CREATE INDEX opportunities_by_campaign ON opportunities(campaign_id);
CREATE INDEX opportunities_by_registered_by ON opportunities(registered_by);

CREATE TABLE touches (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    partner_id     INTEGER NOT NULL REFERENCES partners(id),
    account_id     INTEGER REFERENCES accounts(id),
    opportunity_id INTEGER REFERENCES opportunities(id),
    "on"           TEXT NOT NULL,
    kind           TEXT NOT NULL,
    campaign_id    INTEGER REFERENCES campaigns(id),
    crm_id         TEXT NOT NULL DEFAULT '',
    note           TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX touches_by_crm_id ON touches(crm_id) WHERE crm_id <> '';
CREATE INDEX touches_by_partner ON touches(partner_id);
CREATE INDEX touches_by_account ON touches(account_id);
CREATE INDEX touches_by_opportunity ON touches(opportunity_id);
