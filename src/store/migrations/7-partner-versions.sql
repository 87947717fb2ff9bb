-- 7 (issue 13, items 1 and 5): what the first frame reads without reading
-- every record.
--
-- partner_versions: a counter per partner, bumped in the same transaction
-- as every insert, update or delete of a record that partner's derivation
-- reads (the records `Store::load_partner` reads: its own, a fund one of
-- its requests names, an expense naming one of its requests, a plan entry
-- naming one of its campaigns), by whichever program writes (the screen,
-- a command, an undo, an import, another jmo). Row 0 counts every record
-- change: a commit that leaves it as it was changed summaries only.
--
-- partner_summaries: a partner's marks in the Partners pane and its share
-- of the status bar's counts, derived for one version, one day and one
-- configuration (`inputs`); a row whose version, day or inputs are not the
-- current ones is stale and never shown as current.
CREATE TABLE partner_versions (
    partner_id INTEGER PRIMARY KEY,
    version    INTEGER NOT NULL
);
CREATE TABLE partner_summaries (
    partner_id INTEGER PRIMARY KEY,
    version    INTEGER NOT NULL,
    as_of      TEXT NOT NULL,
    inputs     TEXT NOT NULL,
    active     INTEGER NOT NULL,
    errors     INTEGER NOT NULL,
    warnings   INTEGER NOT NULL,
    ready      INTEGER NOT NULL
);
CREATE TRIGGER partners_versions_i AFTER INSERT ON partners BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT NEW.id, 1 WHERE NEW.id IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER partners_versions_u AFTER UPDATE ON partners BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT OLD.id, 1 WHERE OLD.id IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT NEW.id, 1 WHERE NEW.id IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER partners_versions_d AFTER DELETE ON partners BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT OLD.id, 1 WHERE OLD.id IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER campaigns_versions_i AFTER INSERT ON campaigns BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT NEW.partner_id, 1 WHERE NEW.partner_id IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER campaigns_versions_u AFTER UPDATE ON campaigns BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT OLD.partner_id, 1 WHERE OLD.partner_id IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT NEW.partner_id, 1 WHERE NEW.partner_id IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER campaigns_versions_d AFTER DELETE ON campaigns BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT OLD.partner_id, 1 WHERE OLD.partner_id IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER funds_versions_i AFTER INSERT ON funds BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT NEW.partner_id, 1 WHERE NEW.partner_id IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT DISTINCT c.partner_id, 1 FROM mdf_requests r JOIN campaigns c ON c.id = r.campaign_id WHERE r.fund_id = NEW.id ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER funds_versions_u AFTER UPDATE ON funds BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT OLD.partner_id, 1 WHERE OLD.partner_id IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT DISTINCT c.partner_id, 1 FROM mdf_requests r JOIN campaigns c ON c.id = r.campaign_id WHERE r.fund_id = OLD.id ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT NEW.partner_id, 1 WHERE NEW.partner_id IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT DISTINCT c.partner_id, 1 FROM mdf_requests r JOIN campaigns c ON c.id = r.campaign_id WHERE r.fund_id = NEW.id ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER funds_versions_d AFTER DELETE ON funds BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT OLD.partner_id, 1 WHERE OLD.partner_id IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT DISTINCT c.partner_id, 1 FROM mdf_requests r JOIN campaigns c ON c.id = r.campaign_id WHERE r.fund_id = OLD.id ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER contacts_versions_i AFTER INSERT ON contacts BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT NEW.partner_id, 1 WHERE NEW.partner_id IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER contacts_versions_u AFTER UPDATE ON contacts BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT OLD.partner_id, 1 WHERE OLD.partner_id IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT NEW.partner_id, 1 WHERE NEW.partner_id IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER contacts_versions_d AFTER DELETE ON contacts BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT OLD.partner_id, 1 WHERE OLD.partner_id IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER meetings_versions_i AFTER INSERT ON meetings BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT NEW.partner_id, 1 WHERE NEW.partner_id IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER meetings_versions_u AFTER UPDATE ON meetings BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT OLD.partner_id, 1 WHERE OLD.partner_id IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT NEW.partner_id, 1 WHERE NEW.partner_id IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER meetings_versions_d AFTER DELETE ON meetings BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT OLD.partner_id, 1 WHERE OLD.partner_id IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER plans_versions_i AFTER INSERT ON plans BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT NEW.partner_id, 1 WHERE NEW.partner_id IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER plans_versions_u AFTER UPDATE ON plans BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT OLD.partner_id, 1 WHERE OLD.partner_id IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT NEW.partner_id, 1 WHERE NEW.partner_id IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER plans_versions_d AFTER DELETE ON plans BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT OLD.partner_id, 1 WHERE OLD.partner_id IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER milestones_versions_i AFTER INSERT ON milestones BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT partner_id FROM campaigns WHERE id = NEW.campaign_id), 1 WHERE (SELECT partner_id FROM campaigns WHERE id = NEW.campaign_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER milestones_versions_u AFTER UPDATE ON milestones BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT partner_id FROM campaigns WHERE id = OLD.campaign_id), 1 WHERE (SELECT partner_id FROM campaigns WHERE id = OLD.campaign_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT partner_id FROM campaigns WHERE id = NEW.campaign_id), 1 WHERE (SELECT partner_id FROM campaigns WHERE id = NEW.campaign_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER milestones_versions_d AFTER DELETE ON milestones BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT partner_id FROM campaigns WHERE id = OLD.campaign_id), 1 WHERE (SELECT partner_id FROM campaigns WHERE id = OLD.campaign_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER responsibilities_versions_i AFTER INSERT ON responsibilities BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT partner_id FROM campaigns WHERE id = NEW.campaign_id), 1 WHERE (SELECT partner_id FROM campaigns WHERE id = NEW.campaign_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER responsibilities_versions_u AFTER UPDATE ON responsibilities BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT partner_id FROM campaigns WHERE id = OLD.campaign_id), 1 WHERE (SELECT partner_id FROM campaigns WHERE id = OLD.campaign_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT partner_id FROM campaigns WHERE id = NEW.campaign_id), 1 WHERE (SELECT partner_id FROM campaigns WHERE id = NEW.campaign_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER responsibilities_versions_d AFTER DELETE ON responsibilities BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT partner_id FROM campaigns WHERE id = OLD.campaign_id), 1 WHERE (SELECT partner_id FROM campaigns WHERE id = OLD.campaign_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER assets_versions_i AFTER INSERT ON assets BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT partner_id FROM campaigns WHERE id = NEW.campaign_id), 1 WHERE (SELECT partner_id FROM campaigns WHERE id = NEW.campaign_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER assets_versions_u AFTER UPDATE ON assets BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT partner_id FROM campaigns WHERE id = OLD.campaign_id), 1 WHERE (SELECT partner_id FROM campaigns WHERE id = OLD.campaign_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT partner_id FROM campaigns WHERE id = NEW.campaign_id), 1 WHERE (SELECT partner_id FROM campaigns WHERE id = NEW.campaign_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER assets_versions_d AFTER DELETE ON assets BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT partner_id FROM campaigns WHERE id = OLD.campaign_id), 1 WHERE (SELECT partner_id FROM campaigns WHERE id = OLD.campaign_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER results_versions_i AFTER INSERT ON results BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT partner_id FROM campaigns WHERE id = NEW.campaign_id), 1 WHERE (SELECT partner_id FROM campaigns WHERE id = NEW.campaign_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER results_versions_u AFTER UPDATE ON results BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT partner_id FROM campaigns WHERE id = OLD.campaign_id), 1 WHERE (SELECT partner_id FROM campaigns WHERE id = OLD.campaign_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT partner_id FROM campaigns WHERE id = NEW.campaign_id), 1 WHERE (SELECT partner_id FROM campaigns WHERE id = NEW.campaign_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER results_versions_d AFTER DELETE ON results BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT partner_id FROM campaigns WHERE id = OLD.campaign_id), 1 WHERE (SELECT partner_id FROM campaigns WHERE id = OLD.campaign_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER mdf_requests_versions_i AFTER INSERT ON mdf_requests BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT partner_id FROM campaigns WHERE id = NEW.campaign_id), 1 WHERE (SELECT partner_id FROM campaigns WHERE id = NEW.campaign_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER mdf_requests_versions_u AFTER UPDATE ON mdf_requests BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT partner_id FROM campaigns WHERE id = OLD.campaign_id), 1 WHERE (SELECT partner_id FROM campaigns WHERE id = OLD.campaign_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT partner_id FROM campaigns WHERE id = NEW.campaign_id), 1 WHERE (SELECT partner_id FROM campaigns WHERE id = NEW.campaign_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER mdf_requests_versions_d AFTER DELETE ON mdf_requests BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT partner_id FROM campaigns WHERE id = OLD.campaign_id), 1 WHERE (SELECT partner_id FROM campaigns WHERE id = OLD.campaign_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER claims_versions_i AFTER INSERT ON claims BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT c.partner_id FROM mdf_requests r JOIN campaigns c ON c.id = r.campaign_id WHERE r.id = NEW.request_id), 1 WHERE (SELECT c.partner_id FROM mdf_requests r JOIN campaigns c ON c.id = r.campaign_id WHERE r.id = NEW.request_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER claims_versions_u AFTER UPDATE ON claims BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT c.partner_id FROM mdf_requests r JOIN campaigns c ON c.id = r.campaign_id WHERE r.id = OLD.request_id), 1 WHERE (SELECT c.partner_id FROM mdf_requests r JOIN campaigns c ON c.id = r.campaign_id WHERE r.id = OLD.request_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT c.partner_id FROM mdf_requests r JOIN campaigns c ON c.id = r.campaign_id WHERE r.id = NEW.request_id), 1 WHERE (SELECT c.partner_id FROM mdf_requests r JOIN campaigns c ON c.id = r.campaign_id WHERE r.id = NEW.request_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER claims_versions_d AFTER DELETE ON claims BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT c.partner_id FROM mdf_requests r JOIN campaigns c ON c.id = r.campaign_id WHERE r.id = OLD.request_id), 1 WHERE (SELECT c.partner_id FROM mdf_requests r JOIN campaigns c ON c.id = r.campaign_id WHERE r.id = OLD.request_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER expenses_versions_i AFTER INSERT ON expenses BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT partner_id FROM campaigns WHERE id = NEW.campaign_id), 1 WHERE (SELECT partner_id FROM campaigns WHERE id = NEW.campaign_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT c.partner_id FROM mdf_requests r JOIN campaigns c ON c.id = r.campaign_id WHERE r.id = NEW.request_id), 1 WHERE (SELECT c.partner_id FROM mdf_requests r JOIN campaigns c ON c.id = r.campaign_id WHERE r.id = NEW.request_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER expenses_versions_u AFTER UPDATE ON expenses BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT partner_id FROM campaigns WHERE id = OLD.campaign_id), 1 WHERE (SELECT partner_id FROM campaigns WHERE id = OLD.campaign_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT c.partner_id FROM mdf_requests r JOIN campaigns c ON c.id = r.campaign_id WHERE r.id = OLD.request_id), 1 WHERE (SELECT c.partner_id FROM mdf_requests r JOIN campaigns c ON c.id = r.campaign_id WHERE r.id = OLD.request_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT partner_id FROM campaigns WHERE id = NEW.campaign_id), 1 WHERE (SELECT partner_id FROM campaigns WHERE id = NEW.campaign_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT c.partner_id FROM mdf_requests r JOIN campaigns c ON c.id = r.campaign_id WHERE r.id = NEW.request_id), 1 WHERE (SELECT c.partner_id FROM mdf_requests r JOIN campaigns c ON c.id = r.campaign_id WHERE r.id = NEW.request_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER expenses_versions_d AFTER DELETE ON expenses BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT partner_id FROM campaigns WHERE id = OLD.campaign_id), 1 WHERE (SELECT partner_id FROM campaigns WHERE id = OLD.campaign_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT c.partner_id FROM mdf_requests r JOIN campaigns c ON c.id = r.campaign_id WHERE r.id = OLD.request_id), 1 WHERE (SELECT c.partner_id FROM mdf_requests r JOIN campaigns c ON c.id = r.campaign_id WHERE r.id = OLD.request_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER plan_entries_versions_i AFTER INSERT ON plan_entries BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT partner_id FROM plans WHERE id = NEW.plan_id), 1 WHERE (SELECT partner_id FROM plans WHERE id = NEW.plan_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT partner_id FROM campaigns WHERE id = NEW.campaign_id), 1 WHERE (SELECT partner_id FROM campaigns WHERE id = NEW.campaign_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER plan_entries_versions_u AFTER UPDATE ON plan_entries BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT partner_id FROM plans WHERE id = OLD.plan_id), 1 WHERE (SELECT partner_id FROM plans WHERE id = OLD.plan_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT partner_id FROM campaigns WHERE id = OLD.campaign_id), 1 WHERE (SELECT partner_id FROM campaigns WHERE id = OLD.campaign_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT partner_id FROM plans WHERE id = NEW.plan_id), 1 WHERE (SELECT partner_id FROM plans WHERE id = NEW.plan_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT partner_id FROM campaigns WHERE id = NEW.campaign_id), 1 WHERE (SELECT partner_id FROM campaigns WHERE id = NEW.campaign_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER plan_entries_versions_d AFTER DELETE ON plan_entries BEGIN
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT partner_id FROM plans WHERE id = OLD.plan_id), 1 WHERE (SELECT partner_id FROM plans WHERE id = OLD.plan_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
    INSERT INTO partner_versions (partner_id, version) SELECT (SELECT partner_id FROM campaigns WHERE id = OLD.campaign_id), 1 WHERE (SELECT partner_id FROM campaigns WHERE id = OLD.campaign_id) IS NOT NULL ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
