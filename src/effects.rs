//! [`Effects`]: what one `update()` asks the outside world to do. It is
//! the only way work leaves `update()`: the model holds no "please save"
//! flags or queues, so every caller (the key path, the tick, a worker's
//! result) runs what it is handed, through [`crate::runner`].

use crate::action::Effect;

/// The effects of one action, in the order they were asked for, each
/// once (asking to save twice saves once).
#[must_use = "effects do nothing unless the runner runs them"]
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Effects(Vec<Effect>);

impl Effects {
    /// No effects.
    pub fn none() -> Effects {
        Effects::default()
    }

    /// Adds `effect` unless it is already asked for.
    pub fn push(&mut self, effect: Effect) {
        if !self.0.contains(&effect) {
            self.0.push(effect);
        }
    }

    /// Adds every effect of `other`.
    pub fn extend(&mut self, other: Effects) {
        for effect in other.0 {
            self.push(effect);
        }
    }

    pub fn contains(&self, effect: &Effect) -> bool {
        self.0.contains(effect)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// True when quire is to end once the other effects are done.
    pub fn quits(&self) -> bool {
        self.contains(&Effect::Quit)
    }

    /// The effects as a slice, for tests and matching.
    pub fn as_slice(&self) -> &[Effect] {
        &self.0
    }
}

impl IntoIterator for Effects {
    type Item = Effect;
    type IntoIter = std::vec::IntoIter<Effect>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// What an `update()` arm returns today (`None` or one effect) is an
/// [`Effects`] as it is, so arms stay as they are written.
impl From<Option<Effect>> for Effects {
    fn from(effect: Option<Effect>) -> Effects {
        Effects(effect.into_iter().collect())
    }
}

impl From<Effect> for Effects {
    fn from(effect: Effect) -> Effects {
        Effects(vec![effect])
    }
}

impl<const N: usize> From<[Effect; N]> for Effects {
    fn from(effects: [Effect; N]) -> Effects {
        let mut all = Effects::none();
        for effect in effects {
            all.push(effect);
        }
        all
    }
}

/// `effects == Some(effect)` reads as "exactly this one effect", so tests
/// written against single effects keep their shape.
impl PartialEq<Option<Effect>> for Effects {
    fn eq(&self, other: &Option<Effect>) -> bool {
        self.0.as_slice() == other.as_slice()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_effect_asked_twice_is_run_once() {
        let mut effects = Effects::from(Effect::SaveBookmarks);
        effects.extend(Effects::from([Effect::SaveBookmarks, Effect::Quit]));
        assert_eq!(effects.as_slice(), [Effect::SaveBookmarks, Effect::Quit]);
        assert!(effects.quits());
        assert_eq!(Effects::from(None), None);
        assert_eq!(Effects::none(), None, "a bare None compares too");
        assert_eq!(Effects::from(Effect::Quit), Some(Effect::Quit));
    }
}
