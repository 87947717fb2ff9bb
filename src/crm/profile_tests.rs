//! Tests for import profiles: the built-in one, a user's own, and each
//! validation error's message.

use super::*;

fn with(extra: &str) -> Result<Profile, ProfileError> {
    Profile::from_toml(&format!(
        "name = \"Test\"\nobject = \"Campaign\"\ntarget = \"campaign\"\n\n{extra}"
    ))
}

const NAME: &str = "[fields.name]\ncolumns = [\"Name\"]\ntype = \"text\"\nrequired = true\n";

#[test]
fn the_built_in_salesforce_profile_reads_and_maps_every_campaign_field() {
    let p = Profile::salesforce_campaign().unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(
        (p.name.as_str(), p.object.as_str(), p.target),
        ("Salesforce Campaign", "Campaign", Target::Campaign)
    );
    let mapped: Vec<&str> = p.fields.iter().map(|f| f.field).collect();
    let all: Vec<&str> = Target::Campaign.fields().iter().map(|f| f.name).collect();
    assert_eq!(mapped, all, "in the target's order, none left out");
    let status = p.field("status").and_then(|f| f.values.as_ref());
    assert_eq!(status.and_then(|m| m.get("in progress")), Some("live"));
    assert_eq!(status.and_then(|m| m.get(" ABORTED ")), Some("cancelled"));
    let types = p.field("type").and_then(|f| f.values.as_ref());
    assert_eq!(types.and_then(|m| m.get("Direct Mail")), None);
    assert!(
        p.field("name")
            .is_some_and(|f| f.required && f.matches("NAME"))
    );
    assert!(
        p.field("crm_id")
            .is_some_and(|f| f.matches("sf__Id") && f.matches("ID"))
    );
}

#[test]
fn a_users_profile_for_another_crm() {
    let p = with(&format!(
        "{NAME}\n[fields.start]\ncolumns = [\"Start date\", \"Launch\"]\ntype = \"date\"\n\n\
         [fields.status]\ncolumns = [\"Stage\"]\ntype = \"text\"\n[values.status]\n\"Running\" = \"live\"\n"
    ))
    .unwrap_or_else(|e| unreachable!("{e}"));
    assert_eq!(p.fields.len(), 3);
    assert!(
        p.field("start")
            .is_some_and(|f| f.matches("launch") && !f.required)
    );
    assert_eq!(
        p.field("status")
            .and_then(|f| f.values.as_ref())
            .and_then(|m| m.get("running")),
        Some("live")
    );
}

#[test]
fn each_mistake_gets_its_own_message() {
    let cases = [
        (
            "[fields.nmae]\ncolumns = [\"Name\"]\ntype = \"text\"\n".to_owned(),
            "unknown field \"nmae\" for a campaign (one of: crm_id, external_id, name, type, status, start, end, budgeted_cost, actual_cost, expected_revenue, expected_response, number_sent, active, description, parent_id, parent_external_id, currency)",
        ),
        (
            "[fields.start]\ncolumns = [\"S\"]\ntype = \"day\"\n".to_owned(),
            "field start: unknown type \"day\" (one of: text, date, decimal, percent, bool, id, amount)",
        ),
        (
            "[fields.start]\ncolumns = [\"S\"]\ntype = \"text\"\n".to_owned(),
            "field start is a date in jmo, not a text",
        ),
        (
            "[fields.start]\ncolumns = []\ntype = \"date\"\n".to_owned(),
            "field start needs at least one column name (and no blank ones)",
        ),
        (
            format!("{NAME}[fields.description]\ncolumns = [\"NAME\"]\ntype = \"text\"\n"),
            "column \"NAME\" is mapped twice: to name and to description",
        ),
        (
            format!("{NAME}[values.status]\n\"Planned\" = \"planned\"\n"),
            "[values.status]: only a mapped text field can have a value map",
        ),
        (
            format!(
                "{NAME}[fields.status]\ncolumns = [\"Status\"]\ntype = \"text\"\n[values.status]\n\"Live\" = \"live\"\n\"LIVE\" = \"live\"\n"
            ),
            "[values.status]: \"LIVE\" and \"Live\" are the same value (case is ignored)",
        ),
        (
            format!(
                "{NAME}[fields.status]\ncolumns = [\"Status\"]\ntype = \"text\"\n[values.status]\n\"Running\" = \"running\"\n"
            ),
            "[values.status]: \"Running\" maps to \"running\", which is not one of: planned, live, completed, cancelled",
        ),
    ];
    for (toml, want) in cases {
        assert_eq!(
            with(&toml).map(|_| ()).map_err(|e| e.to_string()),
            Err(want.to_owned()),
            "{toml}"
        );
    }
}

#[test]
fn bad_toml_unknown_keys_and_targets_are_refused() {
    let e =
        with("[fields.name]\ncolumns = [\"Name\"]\ntype = \"text\"\nrequird = true\n").unwrap_err();
    assert!(
        matches!(&e, ProfileError::Toml(m) if m.contains("requird") && m.contains("line 8")),
        "{e}"
    );
    let e = Profile::from_toml("name = \"T\"\nobject = \"Deal\"\ntarget = \"deal\"\n[fields]\n")
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "unknown target \"deal\" (one of: campaign, account, overlap, lead, opportunity, opportunity_partner, touch)"
    );
    // An evidence target needs no name field; a campaign still does.
    let account =
        Profile::from_toml("name = \"T\"\nobject = \"Account\"\ntarget = \"account\"\n[fields]\n");
    assert_eq!(account.map(|p| p.target), Ok(Target::Account));
    assert!(matches!(
        Profile::from_toml("name = "),
        Err(ProfileError::Toml(_))
    ));
}

#[test]
fn the_type_map_is_supplied_at_run_time() {
    let mut p = Profile::salesforce_campaign().unwrap_or_else(|e| unreachable!("{e}"));
    let reverse =
        ValueMap::new([("Public Relations".to_owned(), "content".to_owned())]).unwrap_or_default();
    assert_eq!(p.set_values("type", reverse), Ok(()));
    let types = p.field("type").and_then(|f| f.values.as_ref());
    assert_eq!(
        types.and_then(|m| m.get("public relations")),
        Some("content")
    );
    assert_eq!(
        types.and_then(|m| m.get("Webinar")),
        None,
        "replaced, not merged"
    );

    let wrong = ValueMap::new([("Webinar".to_owned(), "seminar".to_owned())]).unwrap_or_default();
    assert!(matches!(
        p.set_values("type", wrong),
        Err(ProfileError::UnknownKey { .. })
    ));
    assert_eq!(
        p.set_values("start", ValueMap::default()),
        Err(ProfileError::ValuesForUnmappedField("start".into()))
    );
}

#[test]
fn value_maps_refuse_duplicates_ignoring_case() {
    let dup = ValueMap::new([
        ("A".to_owned(), "x".to_owned()),
        (" a".to_owned(), "y".to_owned()),
    ]);
    assert_eq!(dup, Err(("A".to_owned(), " a".to_owned())));
}
