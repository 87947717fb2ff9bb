#![allow(clippy::unwrap_used)]
use super::*;
use crate::crm::profile::Target;

#[test]
fn a_domain_is_kept_without_scheme_www_path_or_user() {
    assert_eq!(
        domain_of("https://www.Acme.com/about?x=1"),
        Some("acme.com".into())
    );
    assert_eq!(domain_of("ann@Initech.IO"), Some("initech.io".into()));
    assert_eq!(domain_of("globex.io:8080"), Some("globex.io".into()));
    assert_eq!(domain_of("  "), None);
}

/// Every shipped profile parses, and each evidence target has one.
#[test]
fn the_shipped_profiles_read() {
    let set = profiles().unwrap();
    assert_eq!(set.0.len(), 10);
    for t in &Target::ALL[1..] {
        assert!(set.0.iter().any(|p| p.target == *t), "{t:?}");
    }
}
