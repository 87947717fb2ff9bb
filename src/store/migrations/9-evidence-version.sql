-- 9 (docs/domain.md §15, issue 14): the pipeline evidence in the partners'
-- marks. A counter bumped in the same transaction as every insert, update
-- or delete of an evidence record, by whichever program writes: the
-- summaries are derived under it (a summary derived before an evidence
-- change is stale), and row 0 of partner_versions moves with it, so a
-- screen open on the file reads again after another program's import.
CREATE TABLE evidence_version (
    id      INTEGER PRIMARY KEY CHECK (id = 0),
    version INTEGER NOT NULL
);
INSERT INTO evidence_version (id, version) VALUES (0, 0);
CREATE TRIGGER accounts_evidence_i AFTER INSERT ON accounts BEGIN
    UPDATE evidence_version SET version = version + 1 WHERE id = 0;
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER accounts_evidence_u AFTER UPDATE ON accounts BEGIN
    UPDATE evidence_version SET version = version + 1 WHERE id = 0;
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER accounts_evidence_d AFTER DELETE ON accounts BEGIN
    UPDATE evidence_version SET version = version + 1 WHERE id = 0;
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER overlaps_evidence_i AFTER INSERT ON overlaps BEGIN
    UPDATE evidence_version SET version = version + 1 WHERE id = 0;
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER overlaps_evidence_u AFTER UPDATE ON overlaps BEGIN
    UPDATE evidence_version SET version = version + 1 WHERE id = 0;
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER overlaps_evidence_d AFTER DELETE ON overlaps BEGIN
    UPDATE evidence_version SET version = version + 1 WHERE id = 0;
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER leads_evidence_i AFTER INSERT ON leads BEGIN
    UPDATE evidence_version SET version = version + 1 WHERE id = 0;
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER leads_evidence_u AFTER UPDATE ON leads BEGIN
    UPDATE evidence_version SET version = version + 1 WHERE id = 0;
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER leads_evidence_d AFTER DELETE ON leads BEGIN
    UPDATE evidence_version SET version = version + 1 WHERE id = 0;
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER opportunities_evidence_i AFTER INSERT ON opportunities BEGIN
    UPDATE evidence_version SET version = version + 1 WHERE id = 0;
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER opportunities_evidence_u AFTER UPDATE ON opportunities BEGIN
    UPDATE evidence_version SET version = version + 1 WHERE id = 0;
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER opportunities_evidence_d AFTER DELETE ON opportunities BEGIN
    UPDATE evidence_version SET version = version + 1 WHERE id = 0;
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER touches_evidence_i AFTER INSERT ON touches BEGIN
    UPDATE evidence_version SET version = version + 1 WHERE id = 0;
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER touches_evidence_u AFTER UPDATE ON touches BEGIN
    UPDATE evidence_version SET version = version + 1 WHERE id = 0;
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
CREATE TRIGGER touches_evidence_d AFTER DELETE ON touches BEGIN
    UPDATE evidence_version SET version = version + 1 WHERE id = 0;
    INSERT INTO partner_versions (partner_id, version) VALUES (0, 1) ON CONFLICT (partner_id) DO UPDATE SET version = version + 1;
END;
