//! The checks of a catalogue against English: the same keys, and in each message the same
//! variables (and attributes). A failure names the file and the key, at startup, so a
//! mistake is never a blank or a raw key on a page.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

use super::Source;

/// What a translation of a message must keep: its variables, and its attributes' variables.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MessageShape {
    pub variables: BTreeSet<String>,
    pub attributes: BTreeMap<String, BTreeSet<String>>,
}

/// Every message of one file's `text` (terms aside) and its shape; a syntax error is `Err`,
/// named with `origin`.
pub fn keys_and_variables(
    origin: &str,
    text: &str,
) -> anyhow::Result<BTreeMap<String, MessageShape>> {
    let source = Source { origin: origin.to_owned(), text: text.to_owned() };
    let resource = super::parse(&source)?;
    let mut out = BTreeMap::new();
    for entry in resource.entries() {
        let Entry::Message(m) = entry else { continue };
        let mut shape = MessageShape::default();
        if let Some(value) = &m.value {
            variables(value, &mut shape.variables);
        }
        for a in &m.attributes {
            let mut vars = BTreeSet::new();
            variables(&a.value, &mut vars);
            shape.attributes.insert(a.id.name.to_owned(), vars);
        }
        if out.insert(m.id.name.to_owned(), shape).is_some() {
            anyhow::bail!("{origin}: {}: defined twice", m.id.name);
        }
    }
    Ok(out)
}

/// The shapes of every message of a language's files.
pub(super) fn shapes(files: &[Source]) -> anyhow::Result<BTreeMap<String, MessageShape>> {
    let mut out = BTreeMap::new();
    for f in files {
        out.extend(keys_and_variables(&f.origin, &f.text)?);
    }
    Ok(out)
}

/// An operator's files for one language against English: no unknown key, the same variables
/// in each message; and for a language with no shipped catalogue (`new_language`), every key.
pub(super) fn check(
    english: &BTreeMap<String, MessageShape>,
    files: &[Source],
    new_language: bool,
) -> anyhow::Result<()> {
    let mut seen = BTreeSet::new();
    for f in files {
        for (key, shape) in keys_and_variables(&f.origin, &f.text)? {
            let Some(reference) = english.get(&key) else {
                anyhow::bail!("{}: {key}: no such message in the English catalogue", f.origin);
            };
            if shape != *reference {
                anyhow::bail!(
                    "{}: {key}: its variables {} differ from English's {}",
                    f.origin,
                    describe(&shape),
                    describe(reference)
                );
            }
            seen.insert(key);
        }
    }
    if new_language && !files.is_empty() {
        let missing: Vec<&str> =
            english.keys().filter(|k| !seen.contains(*k)).map(String::as_str).collect();
        if !missing.is_empty() {
            let origin = files.first().map(|f| f.origin.as_str()).unwrap_or_default();
            let dir = origin.rsplit_once('/').map_or(origin, |(d, _)| d);
            anyhow::bail!(
                "{dir}: a new language must have every message of English; missing: {}",
                missing.join(", ")
            );
        }
    }
    Ok(())
}

fn describe(shape: &MessageShape) -> String {
    let vars: Vec<String> = shape.variables.iter().map(|v| format!("${v}")).collect();
    let mut out = format!("[{}]", vars.join(", "));
    for (name, vars) in &shape.attributes {
        let vars: Vec<String> = vars.iter().map(|v| format!("${v}")).collect();
        out.push_str(&format!(" .{name}[{}]", vars.join(", ")));
    }
    out
}

/// `<dir>/<tag>/*.ftl`, by tag.
pub(super) fn read_dir(dir: &Path) -> anyhow::Result<Vec<(String, Vec<Source>)>> {
    let read = |p: &Path| {
        std::fs::read_dir(p)
            .map_err(|e| anyhow::anyhow!("PORTCULLIS_LOCALES_DIR {}: {e}", p.display()))
    };
    let mut out = Vec::new();
    for entry in read(dir)? {
        let path = entry?.path();
        if !path.is_dir() {
            continue;
        }
        let Some(tag) = path.file_name().and_then(|n| n.to_str()).map(str::to_owned) else {
            continue;
        };
        let mut files = Vec::new();
        for f in read(&path)? {
            let f = f?.path();
            if f.extension().is_none_or(|e| e != "ftl") {
                continue;
            }
            let text =
                std::fs::read_to_string(&f).map_err(|e| anyhow::anyhow!("{}: {e}", f.display()))?;
            files.push(Source { origin: f.display().to_string(), text });
        }
        files.sort_by(|a, b| a.origin.cmp(&b.origin));
        out.push((tag, files));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

fn variables(pattern: &Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(e: &Expression<&str>, out: &mut BTreeSet<String>) {
    match e {
        Expression::Inline(i) => inline_variables(i, out),
        Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for v in variants {
                variables(&v.value, out);
            }
        }
    }
}

fn inline_variables(e: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match e {
        InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_variables(a, out);
            }
            for a in &arguments.named {
                inline_variables(&a.value, out);
            }
        }
        // A term's arguments are its own variables, not the message's.
        InlineExpression::Placeable { expression } => expression_variables(expression, out),
        _ => {}
    }
}
