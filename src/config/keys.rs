//! Reading the `[keys.<mode>]` tables. Every check (mode name, action name,
//! key syntax, a key given twice) happens while serde walks the TOML, so the
//! error carries the position of the offending name or value.

use crate::action::Action;
use crate::keymap::{Key, Keymap, Mode, Override};
use serde::Deserialize as _;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// How keys are written, for error messages.
pub const KEY_SYNTAX: &str = "a key is a character (\"j\", \"?\") or a name (Enter, Esc, Tab, Space, Backspace, Delete, Up, Down, Left, Right, Home, End, PgUp, PgDn), with Ctrl-, Alt- or Shift- before it (\"Ctrl-d\"); \"none\" or [] unbinds the action";

/// `deserialize_with` for the `keys` field.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Override>, D::Error> {
    d.deserialize_map(Modes)
}

struct Modes;

impl<'de> Visitor<'de> for Modes {
    type Value = Vec<Override>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("tables of keys by mode, like [keys.reader]")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(mode) = map.next_key_seed(ModeName)? {
            out.extend(map.next_value_seed(Bindings(mode))?);
        }
        Ok(out)
    }
}

/// A mode's name, checked.
struct ModeName;

impl<'de> DeserializeSeed<'de> for ModeName {
    type Value = Mode;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Mode, D::Error> {
        let name = String::deserialize(d)?;
        Mode::from_name(&name).ok_or_else(|| {
            let modes: Vec<&str> = Mode::ALL.iter().map(|m| m.name()).collect();
            de::Error::custom(format!(
                "unknown mode `{name}` in [keys]; the modes are {}",
                modes.join(", ")
            ))
        })
    }
}

/// The table of one mode: action name = keys.
struct Bindings(Mode);

impl<'de> DeserializeSeed<'de> for Bindings {
    type Value = Vec<Override>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Bindings {
    type Value = Vec<Override>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a table of action = keys for [keys.{}]", self.0.name())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out: Vec<Override> = Vec::new();
        while let Some(action) = map.next_key_seed(ActionName(self.0))? {
            let keys = map.next_value_seed(KeyList {
                mode: self.0,
                action: &action,
                taken: &out,
            })?;
            out.push(Override {
                mode: self.0,
                action,
                keys,
            });
        }
        Ok(out)
    }
}

/// An action's name, checked against the actions of the mode.
struct ActionName(Mode);

impl<'de> DeserializeSeed<'de> for ActionName {
    type Value = Action;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Action, D::Error> {
        let name = String::deserialize(d)?;
        let actions = Keymap::default().actions(self.0);
        match Action::from_name(&name) {
            Some(action) if actions.contains(&action) => Ok(action),
            found => {
                let names: Vec<&str> = actions.iter().map(Action::name).collect();
                let what = if found.is_some() {
                    "is not available"
                } else {
                    "is not an action"
                };
                Err(de::Error::custom(format!(
                    "`{name}` {what} in [keys.{}]; the actions there are {}",
                    self.0.name(),
                    names.join(", ")
                )))
            }
        }
    }
}

/// The keys of one action: a string or a list of strings.
struct KeyList<'a> {
    mode: Mode,
    action: &'a Action,
    /// The actions already read in this mode, so one key cannot mean two.
    taken: &'a [Override],
}

impl KeyList<'_> {
    fn key<E: de::Error>(&self, text: &str) -> Result<Key, E> {
        let key = Key::parse(text)
            .map_err(|_| E::custom(format!("`{text}` is not a key: {KEY_SYNTAX}")))?;
        if let Some(other) = self.taken.iter().find(|o| o.keys.contains(&key)) {
            return Err(E::custom(format!(
                "`{key}` is already bound to {} in [keys.{}]; a key can do one thing per mode",
                other.action,
                self.mode.name()
            )));
        }
        Ok(key)
    }
}

impl<'de> DeserializeSeed<'de> for KeyList<'_> {
    type Value = Vec<Key>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<Key>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for KeyList<'_> {
    type Value = Vec<Key>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a key or a list of keys for {} (like \"j\" or [\"j\", \"Down\"]; \"none\" unbinds it)",
            self.action
        )
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Vec<Key>, E> {
        if text.eq_ignore_ascii_case("none") {
            return Ok(Vec::new());
        }
        Ok(vec![self.key(text)?])
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Key>, A::Error> {
        let mut keys = Vec::new();
        while let Some(text) = seq.next_element::<String>()? {
            if text.eq_ignore_ascii_case("none") {
                continue;
            }
            let key = self.key::<A::Error>(&text)?;
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        Ok(keys)
    }
}
