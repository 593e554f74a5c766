//! Rebuild when migrations or embedded content change, so `embed_migrations!` and rust-embed see them.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-changed=content");
    println!("cargo:rerun-if-changed=static");
}
