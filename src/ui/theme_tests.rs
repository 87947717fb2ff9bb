//! Every text colour of each palette reads on its background: WCAG
//! contrast of at least 4.5:1 (tests of `theme.rs`).

use super::*;

/// xterm's colours 0–15 (what the named colours show as in xterm).
const XTERM_16: [(u8, u8, u8); 16] = [
    (0x00, 0x00, 0x00),
    (0xcd, 0x00, 0x00),
    (0x00, 0xcd, 0x00),
    (0xcd, 0xcd, 0x00),
    (0x00, 0x00, 0xee),
    (0xcd, 0x00, 0xcd),
    (0x00, 0xcd, 0xcd),
    (0xe5, 0xe5, 0xe5),
    (0x7f, 0x7f, 0x7f),
    (0xff, 0x00, 0x00),
    (0x00, 0xff, 0x00),
    (0xff, 0xff, 0x00),
    (0x5c, 0x5c, 0xff),
    (0xff, 0x00, 0xff),
    (0x00, 0xff, 0xff),
    (0xff, 0xff, 0xff),
];

/// The RGB a colour shows as: xterm's for the 16 named ones, the standard
/// values of the 256-colour cube and grey ramp.
fn rgb(c: Color) -> (u8, u8, u8) {
    let named = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    match c {
        Color::Rgb(r, g, b) => (r, g, b),
        Color::Indexed(i @ 0..=15) => XTERM_16[usize::from(i)],
        Color::Indexed(i @ 16..=231) => {
            let level = |n: u8| if n == 0 { 0 } else { 55 + 40 * n };
            let i = i - 16;
            (level(i / 36), level(i / 6 % 6), level(i % 6))
        }
        Color::Indexed(i) => {
            let v = 8 + 10 * (i - 232);
            (v, v, v)
        }
        other => match named.iter().position(|n| *n == other) {
            Some(i) => XTERM_16[i],
            None => panic!("no RGB for {other:?}"),
        },
    }
}

/// WCAG 2 relative luminance.
fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let lin = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.040_45 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/// WCAG 2 contrast ratio, 1 to 21.
fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Every meaning's style, by name.
fn meanings(t: &Theme) -> Vec<(&'static str, Style)> {
    vec![
        ("text", t.text()),
        ("title", t.title()),
        ("focus", t.focus()),
        ("border", t.border()),
        ("selected", t.selected()),
        ("selected_unfocused", t.selected_unfocused()),
        ("muted", t.muted()),
        ("error", t.error()),
        ("warning", t.warning()),
        ("good", t.good()),
        ("accent", t.accent()),
        ("key", t.key()),
        ("header", t.header()),
    ]
}

#[test]
fn the_contrast_sums_are_right() {
    assert!((contrast((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
    // The complaint of issue 11: yellow and cyan on white.
    let white = (255, 255, 255);
    assert!(contrast(rgb(Color::Yellow), white) < 1.8);
    assert!(contrast(rgb(Color::Cyan), white) < 2.1);
    assert_eq!(rgb(Color::Indexed(24)), (0x00, 0x5f, 0x87));
    assert_eq!(rgb(Color::Indexed(242)), (0x6c, 0x6c, 0x6c));
}

#[test]
fn every_colour_reads_on_its_background() {
    for (light, background) in [(false, (0, 0, 0)), (true, (255, 255, 255))] {
        let theme = Theme::with_background(true, light);
        let mut coloured = 0;
        for (name, style) in meanings(&theme) {
            assert_eq!(style.bg, None, "{name} sets a background");
            let Some(fg) = style.fg else { continue };
            coloured += 1;
            let ratio = contrast(rgb(fg), background);
            assert!(
                ratio >= 4.5,
                "{name} ({fg:?}) is {ratio:.2}:1 on {}",
                if light { "white" } else { "black" }
            );
        }
        assert_eq!(coloured, 9);
    }
}

#[test]
fn the_light_palette_is_its_own_and_no_colour_is_no_colour() {
    let (dark, light) = (
        Theme::with_background(true, false),
        Theme::with_background(true, true),
    );
    assert_eq!(dark, Theme::new(true));
    assert_ne!(dark.warning(), light.warning());
    assert_ne!(dark.accent(), light.accent());
    for light in [false, true] {
        let plain = Theme::with_background(false, light);
        for (name, style) in meanings(&plain) {
            assert_eq!((style.fg, style.bg), (None, None), "{name}");
        }
        assert_eq!(meanings(&plain), meanings(&Theme::new(false)));
    }
}
