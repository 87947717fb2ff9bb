//! The MDF ledger, packets, proof files, results and reports, and partners
//! as a program (issue 5), driven from the keys as a user drives them.

use super::tests::*;
use super::*;
use crossterm::event::KeyCode;
use ratatui::layout::Rect;

#[test]
fn the_mdf_ledger_follows_fund_request_expense_and_claim() {
    let mut app = app_with_campaign();
    let c = app.selected_campaign().unwrap().id;
    // A fund.
    keys(&mut app, "4af");
    set(&mut app, "name", "FY27 co-op");
    set(&mut app, "period_start", "2026-11-01");
    set(&mut app, "period_end", "2027-06-30");
    set(&mut app, "allocated", "20000");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.status);
    // An approved request on it.
    keys(&mut app, "ar");
    set(&mut app, "amount", "3000");
    set(&mut app, "status", "approved");
    set(&mut app, "submitted_on", "2026-11-02");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.status);
    let r = app.program.requests_of(c)[0].id;
    assert_eq!(app.selected_row(Pane::Mdf), Some(Row::Request(r)));
    // Into the request: its ledger.
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mdf_drill, vec![Drill::Request(r)]);
    assert!(
        app.rows(Pane::Mdf)
            .contains(&Row::Heading(view::Heading::Expenses))
    );
    // An expense with its proof: half of it is claimable (50 % share).
    keys(&mut app, "ae");
    set(&mut app, "category", "webinar platform");
    set(&mut app, "amount", "4000");
    set(&mut app, "spent_on", "2026-12-10");
    set(&mut app, "invoice_ref", "INV-1");
    set(
        &mut app,
        "proof",
        "attendee lead list: https://files/leads.csv; recording URL: https://v/1",
    );
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.status);
    let b = app.derived.request(r).unwrap();
    assert_eq!(
        (b.spent, b.claimable),
        (
            rust_decimal::Decimal::from(4000),
            rust_decimal::Decimal::from(2000)
        )
    );
    // A claim: its amount defaults to what is claimable.
    keys(&mut app, "ac");
    assert_eq!(form(&app).value("amount"), "2000");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.status);
    assert_eq!(
        app.derived.request(r).unwrap().claimed,
        rust_decimal::Decimal::from(2000)
    );
    // Withdraw the expense (never deleted): nothing is claimable, M7 says so.
    let e = app.program.expenses_of_request(r)[0].id;
    let rows = app.rows(Pane::Mdf);
    let i = rows.iter().position(|x| *x == Row::Expense(e)).unwrap();
    app.update(Action::Click {
        pane: Pane::Mdf,
        row: i,
    });
    keys(&mut app, "d");
    keys(&mut app, "duplicate invoice");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.program.expenses.get(e).unwrap().withdrawn.as_deref(),
        Some("duplicate invoice")
    );
    assert_eq!(
        app.derived.request(r).unwrap().claimable,
        rust_decimal::Decimal::ZERO
    );
    assert!(
        app.selection_findings()
            .iter()
            .any(|f| f.rule == guardrails::Rule::M7)
    );
    // Esc goes back to the overview, onto the request it came from.
    press(&mut app, KeyCode::Esc);
    assert!(app.mdf_drill.is_empty());
    assert_eq!(app.selected_row(Pane::Mdf), Some(Row::Request(r)));
    // A claim went out: the request cannot be withdrawn, nor cancelled in
    // its form (docs/domain.md §11); nothing changes.
    keys(&mut app, "d");
    assert!(matches!(app.mode, Mode::Normal));
    let said = app.status.as_ref().unwrap().text.clone();
    assert!(
        said.starts_with("Not withdrawn: claims for $2,000.00 went out"),
        "{said}"
    );
    keys(&mut app, "e");
    set(&mut app, "status", "cancelled");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Form(_)), "the form stays open");
    assert!(
        form(&app)
            .field("status")
            .and_then(|f| f.error.clone())
            .is_some_and(|e| e.contains("it stays approved")),
    );
    press(&mut app, KeyCode::Esc);
    assert_eq!(
        app.program.requests.get(r).unwrap().status,
        RequestStatus::Approved
    );
    // Into the request again, then undo back past its creation: the
    // drill-down level goes with it, and the pane shows the overview.
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.mdf_drill, vec![Drill::Request(r)]);
    for _ in 0..4 {
        keys(&mut app, "u"); // withdrawal, claim, expense, request
    }
    assert!(app.program.requests.get(r).is_none());
    assert!(app.mdf_drill.is_empty(), "{:?}", app.mdf_drill);
    assert!(app.rows(Pane::Mdf).contains(&Row::FundsHeader));
}

#[test]
fn p_writes_the_packet_or_says_what_it_still_needs() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in_memory().unwrap();
    let mut loaded = config::defaults();
    loaded.config.packet_dir = Some(dir.path().to_path_buf());
    let mut app = App::new(Setup {
        store,
        loaded,
        display: Display {
            ascii: false,
            color: true,
        },
        clock: Clock::Fixed(d(TODAY)),
    })
    .unwrap();
    app.set_areas(crate::ui::areas(Rect::new(0, 0, 160, 45)));
    keys(&mut app, "x"); // the example plan
    // A request whose proof of performance is incomplete: not claimable.
    let r = app
        .program
        .requests
        .iter()
        .find(|r| {
            app.derived
                .request(r.id)
                .is_some_and(|b| !b.missing_proof.is_empty())
        })
        .map(|r| r.id)
        .expect("the example plan has a request missing proof");
    app.reveal(RecordRef::Request(r));
    keys(&mut app, "P");
    let Mode::Notice(views::notice::Notice { lines, .. }) = &app.mode else {
        panic!("no notice: {:?}", app.status)
    };
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("proof of performance missing")),
        "{lines:?}"
    );
    assert!(
        std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "nothing is written"
    );
    keys(&mut app, "d"); // a draft anyway
    let written: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(written.len(), 2, "{written:?}");
    assert!(
        written.iter().any(|f| f.ends_with(".md")) && written.iter().any(|f| f.ends_with(".csv"))
    );
    assert!(
        app.status
            .as_ref()
            .unwrap()
            .text
            .starts_with("Draft packet written"),
        "{:?}",
        app.status
    );
}

/// An approved request with one expense carrying `proof`, on a new fund.
fn app_with_an_expense(proof: &str) -> (App, ExpenseId) {
    let mut app = app_with_campaign();
    let c = app.selected_campaign().unwrap().id;
    keys(&mut app, "4af");
    set(&mut app, "name", "FY27 co-op");
    set(&mut app, "period_start", "2026-11-01");
    set(&mut app, "period_end", "2027-06-30");
    set(&mut app, "allocated", "20000");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "ar");
    set(&mut app, "amount", "3000");
    set(&mut app, "status", "approved");
    set(&mut app, "submitted_on", "2026-11-02");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter); // into the request
    keys(&mut app, "ae");
    set(&mut app, "category", "webinar platform");
    set(&mut app, "amount", "4000");
    set(&mut app, "spent_on", "2026-12-10");
    set(&mut app, "invoice_ref", "INV-1");
    set(&mut app, "proof", proof);
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.status);
    let e = app.program.expenses_of(c)[0].id;
    (app, e)
}

#[test]
fn a_proof_file_moved_or_put_back_shows_within_a_few_ticks() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("leads.csv");
    std::fs::write(&file, "email\n").unwrap();
    let (mut app, e) = app_with_an_expense(&format!(
        "attendee lead list: {}; recording URL: https://v/1",
        file.display()
    ));
    let m8 = |app: &App| {
        app.derived
            .all_findings()
            .iter()
            .any(|f| f.rule == guardrails::Rule::M8 && f.record == RecordRef::Expense(e))
    };
    assert!(!m8(&app));
    std::fs::remove_file(&file).unwrap();
    for _ in 1..FILES_EVERY {
        app.tick();
        crate::app::effects::run_files(&mut app);
    }
    assert!(!m8(&app), "not looked at yet");
    app.tick();
    crate::app::effects::run_files(&mut app);
    assert!(m8(&app), "the file is gone: M8");
    assert!(app.missing_files.contains_key(&e));
    std::fs::write(&file, "email\n").unwrap();
    for _ in 0..FILES_EVERY {
        app.tick();
        crate::app::effects::run_files(&mut app);
    }
    assert!(!m8(&app), "put back: no M8");
}

#[test]
fn results_view_edit_and_reports_from_the_keys() {
    let mut app = app_with_campaign();
    let dir = tempfile::tempdir().unwrap();
    app.config.packet_dir = Some(dir.path().to_path_buf());
    let c = app.selected_campaign().unwrap().id;
    // R opens the results view; nothing entered yet.
    keys(&mut app, "R");
    assert!(
        matches!(app.mode, Mode::Results(views::results::Results { campaign, .. }) if campaign == c)
    );
    let p = app.performance_of(c).unwrap();
    // The webinar's default leads target: 100 (docs/domain.md §2), no actuals.
    assert_eq!(
        p.line(crate::domain::performance::Metric::Leads)
            .and_then(|l| l.target),
        Some(crate::domain::performance::Figure::Count(100))
    );
    // e opens the results form; typed figures are saved as one edit.
    keys(&mut app, "e");
    assert!(matches!(app.mode, Mode::Form(_)));
    form_field(&mut app, "leads");
    retype(&mut app, "120");
    form_field(&mut app, "mqls");
    retype(&mut app, "30");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.status);
    let r = app.program.results_of(c).unwrap();
    assert_eq!((r.leads, r.mqls), (Some(120), Some(30)));
    assert_eq!(r.reported_on, Some(d(TODAY)));
    // W writes the plan and, results being in, the results report.
    keys(&mut app, "W");
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        vec![
            "northwind-launch-webinar-plan.md",
            "northwind-launch-webinar-results.md"
        ]
    );
    let results =
        std::fs::read_to_string(dir.path().join("northwind-launch-webinar-results.md")).unwrap();
    assert!(
        results.contains("| Leads | 100 | 120 | 120.0% |"),
        "{results}"
    );
    // D opens the dashboard of today's fiscal year; W there writes the
    // program report; Esc closes.
    keys(&mut app, "D");
    let Mode::Dashboard(views::dashboard::Dashboard { dash, .. }) = &app.mode else {
        panic!("no dashboard: {:?}", app.mode);
    };
    assert_eq!(dash.year.year, 2026);
    keys(&mut app, "W");
    assert!(dir.path().join("program-fy2026.md").exists());
    press(&mut app, KeyCode::Right);
    let Mode::Dashboard(views::dashboard::Dashboard { dash, .. }) = &app.mode else {
        panic!("no dashboard");
    };
    assert_eq!(dash.year.year, 2027);
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.mode, Mode::Normal));
}

// ---- issue 5: partners as a program ---------------------------------------

fn profile_partner(app: &App) -> PartnerId {
    match &app.mode {
        Mode::Profile(views::profile::Profile { partner, .. }) => *partner,
        other => panic!("no profile open: {other:?}"),
    }
}

#[test]
fn the_profile_opens_on_enter_and_its_forms_come_back_to_it() {
    let mut app = app_with_campaign();
    keys(&mut app, "1");
    press(&mut app, KeyCode::Enter);
    let p = profile_partner(&app);
    assert!(!app.readiness_of(p).complete());
    // c: a contact, saved, and back on the profile.
    keys(&mut app, "c");
    keys(&mut app, "Ana Ruiz");
    set(&mut app, "email", "ana@northwind");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        form(&app).field("email").unwrap().error.as_deref(),
        Some("'ana@northwind' is not an e-mail address (name@company.com)")
    );
    assert!(app.program.contacts.is_empty(), "nothing saved yet");
    set(&mut app, "email", "ana@northwind.example");
    press(&mut app, KeyCode::Enter);
    assert_eq!(profile_partner(&app), p);
    let contacts = app.program.contacts_of(p);
    assert_eq!(contacts.len(), 1);
    assert_eq!(contacts[0].email, "ana@northwind.example");
    let marketing = app.readiness_of(p).items[1].clone();
    assert!(marketing.ok, "{marketing:?}");
    // a: the agreement; the tier numbers then earn a tier.
    keys(&mut app, "a");
    set(&mut app, "agreement_start", "2026-01-01");
    set(&mut app, "termination_notice_days", "30");
    press(&mut app, KeyCode::Enter);
    assert_eq!(profile_partner(&app), p);
    let stored = app.program.partners.get(p).unwrap();
    assert_eq!(stored.termination_notice_days, Some(30));
    assert_eq!(stored.earned_tier(), Some(Tier::Registered));
    // Esc closes the profile.
    press(&mut app, KeyCode::Esc);
    assert!(matches!(app.mode, Mode::Normal));
}

#[test]
fn budget_factors_out_of_range_are_refused_at_the_field_and_the_text_kept() {
    let mut app = app_with_campaign();
    keys(&mut app, "1");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "b");
    set(&mut app, "pipeline_potential", "2.5");
    press(&mut app, KeyCode::Enter);
    let f = form(&app).field("pipeline_potential").unwrap();
    assert_eq!(
        f.error.as_deref(),
        Some("must be between 0.5 and 2 (e.g. 1.2), not 2.5")
    );
    assert_eq!(form(&app).value("pipeline_potential"), "2.5");
    let p = app.program.partners.iter().next().unwrap();
    assert_eq!(p.pipeline_potential, rust_decimal::Decimal::ONE);
    set(&mut app, "pipeline_potential", "1.5");
    set(&mut app, "strategic_value", "1.2");
    press(&mut app, KeyCode::Enter);
    let p = app.program.partners.iter().next().unwrap();
    // Registered base $0 by default: the suggestion is $0 until Silver.
    assert_eq!(
        p.budget_suggestion(&app.config.tier_budget),
        rust_decimal::Decimal::ZERO
    );
    assert_eq!(p.strategic_value, rust_decimal::Decimal::new(12, 1));
}

#[test]
fn n_opens_todays_check_in_notes_and_a_second_n_edits_them() {
    let mut app = app_with_campaign();
    keys(&mut app, "n");
    assert_eq!(form(&app).value("held_on"), TODAY);
    keys(&mut app, "Landing page live");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal));
    let meetings: Vec<_> = app.program.meetings.iter().collect();
    assert_eq!(meetings.len(), 1);
    assert_eq!(meetings[0].progress, "Landing page live");
    assert_eq!(meetings[0].kind, MeetingKind::CheckIn);
    keys(&mut app, "n");
    assert_eq!(form(&app).value("progress"), "Landing page live");
    press(&mut app, KeyCode::Tab);
    keys(&mut app, "Webinar on Dec 15");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.program.meetings.len(), 1, "edited, not duplicated");
    let m = app.program.meetings.iter().next().unwrap();
    assert_eq!(m.upcoming, "Webinar on Dec 15");
    // A meeting is recorded once held.
    keys(&mut app, "n");
    set(&mut app, "held_on", "+1");
    press(&mut app, KeyCode::Enter);
    assert!(form(&app).field("held_on").unwrap().error.is_some());
}

#[test]
fn going_live_with_readiness_incomplete_asks_first() {
    let mut app = app_with_campaign();
    keys(&mut app, "2");
    let c = app.selected_campaign().unwrap().id;
    keys(&mut app, "s");
    match &app.mode {
        Mode::Confirm(views::confirm::Confirm { message, then }) => {
            assert_eq!(*then, Confirmed::GoLive(c));
            assert!(message.contains("Brand guidelines"), "{message}");
        }
        other => panic!("no question: {other:?}"),
    }
    keys(&mut app, "n");
    assert_eq!(
        app.program.campaigns.get(c).unwrap().status,
        CampaignStatus::Planned
    );
    keys(&mut app, "s");
    keys(&mut app, "y");
    assert_eq!(
        app.program.campaigns.get(c).unwrap().status,
        CampaignStatus::Live
    );
    // Through the form: the first Enter warns, the second saves.
    keys(&mut app, "u");
    keys(&mut app, "e");
    set(&mut app, "status", "live");
    press(&mut app, KeyCode::Enter);
    assert!(
        form(&app)
            .error
            .as_deref()
            .is_some_and(|e| e.contains("Enter again to go live anyway")),
        "{:?}",
        form(&app).error
    );
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(
        app.program.campaigns.get(c).unwrap().status,
        CampaignStatus::Live
    );
}

#[test]
fn j_plans_the_quarter_with_its_campaigns_links_and_takes_out() {
    let mut app = app_with_campaign();
    let c = app.program.campaigns.iter().next().unwrap().id;
    keys(&mut app, "J");
    // No plan yet: the form, on the current quarter.
    assert_eq!(form(&app).value("period"), "2026Q4");
    set(&mut app, "period", "2026");
    keys(&mut app, "");
    press(&mut app, KeyCode::Enter);
    let plan = match &app.mode {
        Mode::Plan(views::plan::Plan { plan, .. }) => *plan,
        other => panic!("no plan view: {other:?}"),
    };
    let sheet = app.plan_sheet(plan).unwrap();
    assert_eq!(sheet.period, jmp::Period::Year(2026));
    assert_eq!(sheet.lines.len(), 1, "the campaign launching in 2026");
    assert_eq!(sheet.lines[0].campaign, c);
    // e: the pipeline target and the partner's co-investment.
    keys(&mut app, "e");
    set(&mut app, "pipeline_target", "90000");
    set(&mut app, "partner_investment", "1200");
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.mode, Mode::Plan(_)));
    let sheet = app.plan_sheet(plan).unwrap();
    assert_eq!(
        sheet.totals.pipeline_target,
        rust_decimal::Decimal::from(90000)
    );
    assert_eq!(
        sheet.lines[0].our_net,
        sheet.lines[0].cost - rust_decimal::Decimal::from(1200)
    );
    // x takes it out (asks), l links it back.
    keys(&mut app, "x");
    keys(&mut app, "y");
    assert!(matches!(app.mode, Mode::Plan(_)));
    assert!(app.plan_sheet(plan).unwrap().lines.is_empty());
    keys(&mut app, "l");
    assert!(matches!(app.mode, Mode::Menu(_)));
    keys(&mut app, "a");
    assert_eq!(app.plan_sheet(plan).unwrap().lines.len(), 1);
    // A second plan for the same period is refused at the field.
    press(&mut app, KeyCode::Esc);
    keys(&mut app, "1");
    press(&mut app, KeyCode::Enter);
    keys(&mut app, "p");
    set(&mut app, "period", "2026");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        form(&app).field("period").unwrap().error.as_deref(),
        Some("there is already a 2026 plan with this partner")
    );
}

#[test]
fn archiving_hides_a_partner_and_its_findings_and_a_shows_it() {
    let mut app = app_with_campaign();
    keys(&mut app, "1");
    keys(&mut app, "a");
    keys(&mut app, "Contoso");
    press(&mut app, KeyCode::Enter);
    let contoso = app.selected_partner().unwrap().id;
    assert_eq!(app.program.partners.get(contoso).unwrap().name, "Contoso");
    keys(&mut app, "1");
    press(&mut app, KeyCode::Enter);
    assert_eq!(profile_partner(&app), contoso);
    keys(&mut app, "X");
    keys(&mut app, "y");
    assert!(app.program.partners.get(contoso).unwrap().is_archived());
    press(&mut app, KeyCode::Esc);
    let shown = |app: &App| app.rows(Pane::Partners).contains(&Row::Partner(contoso));
    assert!(!shown(&app));
    assert!(app.derived.findings_of(contoso).is_empty());
    keys(&mut app, "A");
    assert!(shown(&app));
    keys(&mut app, "A");
    assert!(!shown(&app));
    // Nothing was deleted: undo brings it back to the list.
    keys(&mut app, "u");
    assert!(shown(&app));
}

#[test]
fn the_partner_list_filters_by_tier_and_type_and_sorts_by_tier() {
    let mut app = new_app();
    for (name, tier) in [
        ("Alpha", "silver"),
        ("Beta", "platinum"),
        ("Gamma", "silver"),
    ] {
        keys(&mut app, "a");
        keys(&mut app, name);
        set(&mut app, "tier", tier);
        press(&mut app, KeyCode::Enter);
    }
    let names = |app: &App| -> Vec<String> {
        app.rows(Pane::Partners)
            .iter()
            .filter_map(|r| match r {
                Row::Partner(id) => app.program.partners.get(*id).map(|p| p.name.clone()),
                _ => None,
            })
            .collect()
    };
    assert_eq!(names(&app), ["Alpha", "Beta", "Gamma"]);
    keys(&mut app, "o");
    assert_eq!(
        names(&app),
        ["Beta", "Alpha", "Gamma"],
        "highest tier first"
    );
    keys(&mut app, "t"); // Registered
    assert!(names(&app).is_empty());
    keys(&mut app, "t"); // Silver
    assert_eq!(names(&app), ["Alpha", "Gamma"]);
    keys(&mut app, "ttt"); // Gold, Platinum, all
    assert_eq!(names(&app).len(), 3);
    keys(&mut app, "y"); // Technology: every new partner's default type
    assert_eq!(names(&app).len(), 3);
    keys(&mut app, "y"); // Affiliate
    assert!(names(&app).is_empty());
}

/// `d` on a partner whose campaigns have MDF requests says what to do for
/// a partner (archive it), not for a campaign (review 2 of issue 10, N11).
#[test]
fn delete_on_a_partner_with_mdf_says_to_archive_it() {
    let mut app = new_app();
    keys(&mut app, "x");
    let partner = app
        .program
        .partners
        .iter()
        .find(|p| p.name == "Northwind Analytics")
        .map(|p| p.id)
        .unwrap();
    app.reveal(RecordRef::Partner(partner));
    keys(&mut app, "1d");
    assert!(matches!(app.mode, Mode::Normal));
    assert_eq!(
        app.status.as_ref().unwrap().text,
        "Its campaigns have MDF requests, which are never deleted: archive the partner instead (Enter opens its profile, X archives)"
    );
    assert!(app.program.partners.get(partner).is_some());
}
