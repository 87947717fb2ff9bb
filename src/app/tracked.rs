//! A value that counts its changes (issue 13, item 2): every mutable
//! borrow bumps its version, so a cache keyed by the version cannot miss a
//! change, whoever makes it and however (an edit re-read from the store,
//! a reload, a re-derivation, a test poking at it).

use std::ops::{Deref, DerefMut};

/// `T` with a version that grows on every mutable borrow (`&mut`, method
/// calls taking `&mut self`, `*tracked = new`). Reads go through [`Deref`]
/// as if it were `T`. A borrow that ends up changing nothing still bumps
/// the version: a cache may rebuild once for nothing, never miss a change.
#[derive(Debug, Clone, Default)]
pub struct Tracked<T> {
    value: T,
    version: u64,
}

impl<T> Tracked<T> {
    /// `value` at version 0.
    pub fn new(value: T) -> Tracked<T> {
        Tracked { value, version: 0 }
    }

    /// How many times `this` was borrowed mutably (wrapping). An
    /// associated function, so it never hides a method of `T`.
    pub fn version(this: &Tracked<T>) -> u64 {
        this.version
    }
}

impl<T> Deref for Tracked<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T> DerefMut for Tracked<T> {
    fn deref_mut(&mut self) -> &mut T {
        self.version = self.version.wrapping_add(1);
        &mut self.value
    }
}

#[cfg(test)]
mod tests {
    use super::Tracked;

    #[test]
    fn reads_keep_the_version_and_every_mutable_borrow_bumps_it() {
        let mut t = Tracked::new(vec![1, 2]);
        assert_eq!(t.len(), 2);
        assert_eq!(Tracked::version(&t), 0);
        t.push(3);
        assert_eq!(Tracked::version(&t), 1);
        *t = vec![];
        assert_eq!(Tracked::version(&t), 2);
        let v: &mut Vec<i32> = &mut t;
        v.clear();
        assert_eq!(Tracked::version(&t), 3);
        assert!(t.is_empty());
    }
}
