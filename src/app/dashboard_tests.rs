//! The dashboard's figures (docs/domain.md §15.3, issue 14): on the
//! example plan, which has pipeline evidence, `D` counts each campaign
//! with its evidenced figures where it has some, `v` switches to the
//! reported ones and back, and `W` writes the report of what is shown.

use super::consent_tests::{example_app, keys};
use super::*;
use crate::domain::dashboard::{Basis, Dashboard};
use rust_decimal::Decimal;

fn shown(app: &App) -> &views::dashboard::Dashboard {
    match &app.mode {
        Mode::Dashboard(d) => d,
        other => panic!("no dashboard: {other:?}"),
    }
}

fn sourced(d: &Dashboard) -> Decimal {
    let g = d.gauges.iter().find(|g| g.key == "sourced_pipeline");
    g.and_then(|g| g.value).unwrap()
}

#[test]
fn the_dashboard_uses_the_evidenced_figures_and_v_switches_to_the_reported() {
    let (mut app, dir) = example_app();
    keys(&mut app, "D");
    let view = shown(&app).clone();
    let evidenced = view.evidenced.as_deref().expect("the example has evidence");
    assert!(view.show_evidenced);
    let dash = &view.dash;
    assert_eq!(dash.figures.basis, Basis::Evidenced);
    // Each of the year's campaigns counts with its evidenced pipeline if
    // it has some, else its reported one.
    let year: Vec<_> = dash.campaigns.clone();
    let with_evidence = year.iter().filter(|c| evidenced.contains_key(c)).count();
    assert!(with_evidence > 0 && with_evidence < year.len(), "{year:?}");
    assert_eq!(dash.figures.evidenced, with_evidence);
    assert_eq!(dash.figures.campaigns, year.len());
    let expected: Decimal = year
        .iter()
        .filter_map(|c| {
            evidenced
                .get(c)
                .or(app.program.results_of(*c).map(|r| &r.value))
                .and_then(|r| r.pipeline_sourced)
        })
        .sum();
    assert_eq!(sourced(dash), expected);

    // v: the reported figures, as typed.
    keys(&mut app, "v");
    let reported = shown(&app).clone();
    assert!(!reported.show_evidenced);
    assert_eq!(reported.dash.figures.basis, Basis::Reported);
    assert_eq!(reported.dash.figures.evidenced, 0);
    let typed: Decimal = year
        .iter()
        .filter_map(|c| app.program.results_of(*c)?.pipeline_sourced)
        .sum();
    assert_eq!(sourced(&reported.dash), typed);
    assert_ne!(typed, expected, "the evidence changes the pipeline");
    // W writes what is shown, and says so.
    keys(&mut app, "W");
    let text = std::fs::read_to_string(dir.path().join("program-fy2026.md")).unwrap();
    assert!(text.contains("**Figures**: reported (as typed)"), "{text}");

    // v again: back to the evidenced figures; the year's change keeps them.
    keys(&mut app, "v");
    assert_eq!(shown(&app).dash.figures.basis, Basis::Evidenced);
    assert_eq!(sourced(&shown(&app).dash), expected);
    keys(&mut app, "W");
    let text = std::fs::read_to_string(dir.path().join("program-fy2026.md")).unwrap();
    assert!(
        text.contains(&format!(
            "**Figures**: evidenced where the CRM supports it ({with_evidence} of {}",
            year.len()
        )),
        "{text}"
    );
    keys(&mut app, "h");
    assert_eq!(shown(&app).dash.year.year, 2025);
    assert!(shown(&app).show_evidenced);
    assert_eq!(shown(&app).dash.figures.basis, Basis::Evidenced);
}

/// `W` in the Results view writes the results report of the figures
/// shown: the evidenced ones by default where the campaign has evidence,
/// the reported ones after `v`; `W` on the Timeline as `jmo report
/// results` does (evidenced where there is evidence).
#[test]
fn the_results_report_is_written_on_the_figures_shown() {
    let (mut app, dir) = example_app();
    let webinar = app
        .program
        .campaigns
        .iter()
        .find(|c| c.name == "Modern Data Stack Webinar")
        .map(|c| c.id)
        .unwrap();
    let written = |dir: &tempfile::TempDir| {
        let file = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.to_string_lossy().ends_with("-results.md"))
            .expect("a results report");
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::remove_file(file).unwrap();
        text
    };
    app.reveal(RecordRef::Campaign(webinar));
    keys(&mut app, "R");
    assert!(matches!(&app.mode, Mode::Results(r) if r.show_evidenced));
    keys(&mut app, "W");
    let text = written(&dir);
    assert!(text.contains("**Figures**: evidenced"), "{text}");
    keys(&mut app, "v");
    keys(&mut app, "W");
    let text = written(&dir);
    assert!(text.contains("**Figures**: reported"), "{text}");
    keys(&mut app, "q");
    assert!(matches!(app.mode, Mode::Normal), "{:?}", app.mode);
    keys(&mut app, "W");
    let text = written(&dir);
    assert!(text.contains("**Figures**: evidenced"), "{text}");
}
