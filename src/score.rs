//! The guide's one scoring rule, the one its selection-process chapter teaches: on each
//! criterion a stack earns its level's position on the criterion's scale (1 for the least
//! favourable level, 2 for the next...), times the reader's weight for that criterion (none 0,
//! low 1, medium 2, high 3); its score is the sum. Stacks are ranked by score, highest first;
//! equal scores keep the order of the stack list (by id, A to Z), so a ranking never depends on
//! anything but the data and the weights.
//!
//! The pre-rendered rankings of `/priorities/` use this module; the page's script repeats the
//! same arithmetic on the positions the build gives it (`render::priorities`).

use crate::model::{LevelIndex, Site, Stack, StackId, Weight};

/// What a level earns before weighting: its position on its criterion's scale, from 1.
pub(crate) fn points(level: LevelIndex) -> u32 {
    u32::try_from(level.0).map_or(u32::MAX, |p| p.saturating_add(1))
}

/// What a rating at `level` adds to a score under `weight`.
pub(crate) fn contribution(level: LevelIndex, weight: Weight) -> u32 {
    points(level).saturating_mul(weight.factor())
}

/// A stack's score under some weights, criterion by criterion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Scored {
    pub stack: StackId,
    /// What each criterion adds, in the order of `Site::criteria`.
    pub parts: Vec<u32>,
    pub total: u32,
}

/// `stack`'s score under `weights` (one per criterion, in the order of `Site::criteria`).
pub(crate) fn score(id: StackId, stack: &Stack, weights: &[Weight]) -> Scored {
    let parts: Vec<u32> = stack.ratings.iter().zip(weights).map(|(r, &w)| contribution(r.level, w)).collect();
    let total = parts.iter().fold(0u32, |sum, &p| sum.saturating_add(p));
    Scored { stack: id, parts, total }
}

/// Every stack of the site scored under `weights`, highest score first; equal scores in the
/// order of the stack list (by id).
pub(crate) fn rank(site: &Site, weights: &[Weight]) -> Vec<Scored> {
    let mut all: Vec<Scored> = site.stacks().map(|(id, s)| score(id, s, weights)).collect();
    // A stable sort: ties stay in id order.
    all.sort_by_key(|s| std::cmp::Reverse(s.total));
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_level_earns_its_position_times_the_weight() {
        assert_eq!(points(LevelIndex(0)), 1);
        assert_eq!(points(LevelIndex(3)), 4);
        assert_eq!(contribution(LevelIndex(3), Weight::High), 12);
        assert_eq!(contribution(LevelIndex(2), Weight::Medium), 6);
        assert_eq!(contribution(LevelIndex(1), Weight::Low), 2);
        assert_eq!(contribution(LevelIndex(3), Weight::None), 0);
        let factors = Weight::ALL.map(Weight::factor);
        assert_eq!(factors, [0, 1, 2, 3]);
        assert_eq!(Weight::ALL.map(Weight::id), ["none", "low", "medium", "high"]);
    }
}
