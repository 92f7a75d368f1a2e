//! Superscripts and subscripts (`<sup>`, `<sub>`, Markdown `^x^`/`~x~`):
//! their text is held back until the element ends, then written with the
//! Unicode super- or subscript characters when every character has one,
//! else as `^(...)` / `_(...)`, so "2<sup>7</sup>" reads "2⁷", never "27".

use super::Builder;

/// Which way the text is raised or lowered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Script {
    Super,
    Sub,
}

/// Text of an open `<sup>`/`<sub>`, and how many are nested in it (their
/// text joins the outermost one's).
#[derive(Debug)]
pub(super) struct OpenScript {
    script: Script,
    text: String,
    nested: usize,
}

impl Builder {
    pub(crate) fn start_script(&mut self, script: Script) {
        match &mut self.script {
            Some(open) => open.nested += 1,
            None => {
                self.script = Some(OpenScript {
                    script,
                    text: String::new(),
                    nested: 0,
                })
            }
        }
    }

    pub(crate) fn end_script(&mut self) {
        match &mut self.script {
            Some(open) if open.nested > 0 => open.nested -= 1,
            Some(_) => {
                if let Some(open) = self.script.take() {
                    let shown = raised(open.script, open.text.trim());
                    if !shown.is_empty() {
                        self.put(&shown, true);
                    }
                }
            }
            None => {}
        }
    }

    /// Holds `clean` back when a script is open; true when it did.
    pub(super) fn hold_script(&mut self, clean: &str) -> bool {
        let Some(open) = &mut self.script else {
            return false;
        };
        // Space before the element's first text stays before the element.
        if !open.text.is_empty() && std::mem::take(&mut self.pending_space) {
            open.text.push(' ');
        }
        open.text.push_str(clean);
        true
    }
}

/// `text` in super- or subscript characters, else marked with `^(`/`_(`.
pub(crate) fn raised(script: Script, text: &str) -> String {
    let map = match script {
        Script::Super => superscript,
        Script::Sub => subscript,
    };
    // Spaces around an operator ("n − 1") have no raised form; the
    // characters alone read right ("ⁿ⁻¹").
    let converted: Option<String> = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(map)
        .collect();
    // A bracketed footnote mark ("[2]") already reads as one.
    if text.starts_with('[') && text.ends_with(']') {
        return text.to_string();
    }
    match converted {
        Some(s) if !s.is_empty() => s,
        _ if text.is_empty() => String::new(),
        _ => match script {
            Script::Super => format!("^({text})"),
            Script::Sub => format!("_({text})"),
        },
    }
}

fn superscript(c: char) -> Option<char> {
    Some(match c {
        '0' => '⁰',
        '1' => '¹',
        '2' => '²',
        '3' => '³',
        '4'..='9' => char::from_u32(0x2074 + (c as u32 - '4' as u32))?,
        '+' => '⁺',
        '-' | '−' => '⁻',
        '=' => '⁼',
        '(' => '⁽',
        ')' => '⁾',
        'n' => 'ⁿ',
        'i' => 'ⁱ',
        _ => return None,
    })
}

fn subscript(c: char) -> Option<char> {
    Some(match c {
        '0'..='9' => char::from_u32(0x2080 + (c as u32 - '0' as u32))?,
        '+' => '₊',
        '-' | '−' => '₋',
        '=' => '₌',
        '(' => '₍',
        ')' => '₎',
        'a' => 'ₐ',
        'e' => 'ₑ',
        'o' => 'ₒ',
        'x' => 'ₓ',
        'h' => 'ₕ',
        'k' => 'ₖ',
        'l' => 'ₗ',
        'm' => 'ₘ',
        'n' => 'ₙ',
        'p' => 'ₚ',
        's' => 'ₛ',
        't' => 'ₜ',
        'i' => 'ᵢ',
        'j' => 'ⱼ',
        'r' => 'ᵣ',
        'u' => 'ᵤ',
        'v' => 'ᵥ',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_and_operators_are_raised_or_lowered() {
        assert_eq!(raised(Script::Super, "7"), "⁷");
        assert_eq!(raised(Script::Super, "n − 1"), "ⁿ⁻¹");
        assert_eq!(raised(Script::Super, "10"), "¹⁰");
        assert_eq!(raised(Script::Sub, "2"), "₂");
        assert_eq!(raised(Script::Sub, "i+1"), "ᵢ₊₁");
    }

    #[test]
    fn text_without_unicode_forms_is_marked() {
        assert_eq!(raised(Script::Super, "th"), "^(th)");
        assert_eq!(raised(Script::Sub, "big"), "_(big)");
        assert_eq!(raised(Script::Super, "(a)"), "^((a))");
        assert_eq!(
            raised(Script::Super, "[1]"),
            "[1]",
            "a footnote mark reads as is"
        );
        assert_eq!(raised(Script::Super, ""), "");
    }
}
