//! Build steps that the compiler cannot see for itself.

fn main() {
    migrations();
}

/// `sqlx::migrate!` (in `src/store/mod.rs`) embeds `migrations/<backend>/` at compile time but
/// cannot tell cargo to watch the folders: a new or changed migration must rebuild.
fn migrations() {
    println!("cargo:rerun-if-changed=migrations");
}
