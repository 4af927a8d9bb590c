//! Build steps that the compiler cannot see for itself (each in its own function).

fn main() {
    embed_templates();
    migrations();
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
