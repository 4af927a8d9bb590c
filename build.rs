//! Build steps that the compiler cannot see for itself (each in its own function).

fn main() {
    embed_templates();
    migrations();
    locales();
}

/// Every template under `templates/mail/` and `templates/pages/`, for
/// `minijinja_embed::load_templates!` in `mail` and `http::pages::templates`: the folders are
/// the lists, so a new template needs no line of code (`static/` holds no `.html`).
fn embed_templates() {
    minijinja_embed::embed_templates!("templates/mail", &[".html", ".txt"][..], "mail");
    minijinja_embed::embed_templates!("templates/pages", &[".html"][..], "pages");
}

/// `sqlx::migrate!` (in `src/store/mod.rs`) embeds `migrations/<backend>/` at compile time but
/// cannot tell cargo to watch the folders: a new or changed migration must rebuild.
fn migrations() {
    println!("cargo:rerun-if-changed=migrations");
}

/// Every `locales/<tag>/*.ftl`, for `include!` in `i18n::catalogue`: the folder is the list of
/// shipped languages, so a new language is a new folder and no line of code. Written as
/// `&[(tag, &[(file name, include_str!(path)), …]), …]`, sorted, so the output is stable.
fn locales() {
    println!("cargo:rerun-if-changed=locales");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let mut langs: Vec<(String, Vec<std::path::PathBuf>)> = Vec::new();
    for dir in std::fs::read_dir(&root).into_iter().flatten().flatten() {
        let path = dir.path();
        let Some(tag) = path.file_name().and_then(|n| n.to_str()).map(str::to_owned) else {
            continue;
        };
        if !path.is_dir() {
            continue;
        }
        println!("cargo:rerun-if-changed={}", path.display());
        let mut files: Vec<_> = std::fs::read_dir(&path)
            .into_iter()
            .flatten()
            .flatten()
            .map(|f| f.path())
            .filter(|f| f.extension().is_some_and(|e| e == "ftl"))
            .collect();
        files.sort();
        langs.push((tag, files));
    }
    langs.sort();
    let mut out = String::from("&[\n");
    for (tag, files) in langs {
        out.push_str(&format!("    ({tag:?}, &[\n"));
        for f in files {
            let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
            out.push_str(&format!(
                "        ({name:?}, include_str!({:?})),\n",
                f.display().to_string()
            ));
        }
        out.push_str("    ]),\n");
    }
    out.push_str("]\n");
    let dest =
        std::path::Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("locales.rs");
    if let Err(e) = std::fs::write(&dest, out) {
        panic!("writing {}: {e}", dest.display());
    }
}
