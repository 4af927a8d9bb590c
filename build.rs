//! Build script: embeds the mail and page templates (each part in its own function).

fn main() {
    embed_templates();
}

/// Every template under `templates/mail/` and `templates/pages/`, for
/// `minijinja_embed::load_templates!` in `mail` and `http::pages::render`: the folders are the
/// lists, so a new template needs no line of code (`static/` holds no `.html`).
fn embed_templates() {
    minijinja_embed::embed_templates!("templates/mail", &[".html", ".txt"][..], "mail");
    minijinja_embed::embed_templates!("templates/pages", &[".html"][..], "pages");
}
