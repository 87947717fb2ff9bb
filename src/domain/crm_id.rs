//! What a campaign's CRM id may be (issue 12; `docs/domain.md §13`,
//! docs/crm.md "Import"). A value starting with `701` — Salesforce's key
//! prefix for Campaign records — must be a Salesforce id: 15 ASCII letters
//! or digits, or 18 whose last 3 are the checksum of the first 15
//! ([`salesforce_suffix`]). Other CRMs' ids (HubSpot GUIDs, numbers) are
//! free text without whitespace inside. Used by [`super::Campaign::validate`],
//! so the campaign form (`e`) and every import check it the same way.

/// Salesforce's key prefix of Campaign ids.
pub const CAMPAIGN_PREFIX: &str = "701";

/// The 3-character suffix Salesforce appends to a 15-character id to make
/// its case-insensitive 18-character form: for each 5-character chunk, a
/// 5-bit number whose bit `i` is set when character `i` is an upper-case
/// ASCII letter, written as `A`–`Z`, `0`–`5`. `None` unless `id15` is 15
/// ASCII letters or digits.
pub fn salesforce_suffix(id15: &str) -> Option<String> {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    let bytes = id15.as_bytes();
    if bytes.len() != 15 || !bytes.iter().all(u8::is_ascii_alphanumeric) {
        return None;
    }
    Some(
        bytes
            .chunks(5)
            .map(|chunk| {
                let bits = chunk
                    .iter()
                    .enumerate()
                    .filter(|(_, b)| b.is_ascii_uppercase())
                    .fold(0usize, |n, (i, _)| n | (1 << i));
                char::from(ALPHABET[bits])
            })
            .collect(),
    )
}

/// Why `id` (as stored: already trimmed) cannot be a campaign's CRM id, as
/// a phrase that follows the id: "is not a Salesforce Campaign id: …" or
/// "has whitespace inside"; `None` when it can be.
pub fn crm_id_problem(id: &str) -> Option<String> {
    if id.chars().any(char::is_whitespace) {
        return Some("has whitespace inside".into());
    }
    if !id.starts_with(CAMPAIGN_PREFIX) {
        return None;
    }
    let not = "is not a Salesforce Campaign id:";
    if !id.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Some(format!("{not} only letters and digits"));
    }
    match id.len() {
        15 => None,
        18 => {
            let (head, tail) = id.split_at(15);
            let want = salesforce_suffix(head)?;
            (want != tail).then(|| {
                format!("{not} an 18-character id ends in its checksum '{want}', not '{tail}'")
            })
        }
        n => Some(format!("{not} 15 or 18 characters, not {n}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_suffix_is_salesforces_checksum() {
        // Ids of the example plan and of Salesforce's documentation.
        assert_eq!(salesforce_suffix("701D000000AaAaA").as_deref(), Some("IAV"));
        assert_eq!(salesforce_suffix("001A0000006Vm9r").as_deref(), Some("IAC"));
        assert_eq!(salesforce_suffix("701000000000011").as_deref(), Some("AAA"));
        assert_eq!(salesforce_suffix("701D000000AaAa"), None);
    }

    #[test]
    fn a_campaign_id_is_checked_and_other_crms_ids_are_free() {
        assert_eq!(crm_id_problem("701D000000AaAaAIAV"), None);
        assert_eq!(crm_id_problem("701D000000AaAaA"), None);
        assert_eq!(
            crm_id_problem("701D000000AaAaAAAA").as_deref(),
            Some(
                "is not a Salesforce Campaign id: an 18-character id ends in its \
                 checksum 'IAV', not 'AAA'"
            )
        );
        assert_eq!(
            crm_id_problem("701XYZ").as_deref(),
            Some("is not a Salesforce Campaign id: 15 or 18 characters, not 6")
        );
        assert!(crm_id_problem("701D000000-aAaA").is_some());
        assert_eq!(crm_id_problem("9b0c1e2a-4f6d-4c1b-8a3e-2d5f7a9c1b30"), None);
        assert_eq!(crm_id_problem("12345"), None);
        assert_eq!(
            crm_id_problem("12 345").as_deref(),
            Some("has whitespace inside")
        );
    }
}
