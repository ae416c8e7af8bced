// Build script of the crates whose tests read `../shared` (the gold data and the seed article
// beside the workspace, always there in CI, never in a fresh clone). It sets `shared_data`
// when `../shared/data` is there and `shared_seed` when `../shared/seed` is, so that a test
// that needs them is written
//
// ```text
// #[test]
// #[cfg_attr(not(shared_data), ignore = "needs ../shared/data")]
// ```
//
// and a run without them lists it as ignored, with the reason, instead of passing it.
//
// It prints no `rerun-if-changed`: watching a folder makes cargo scan all of it on every
// build, and watching a missing path reruns the script (and rebuilds the crate) every time.
// So it reruns when a file of the crate changes; after adding `../shared` to a built clone,
// `cargo clean -p CRATE` (or any edit) makes its tests see it.
//
// Crates that are published (the SDK's dependencies) include this file from a `build.rs` of
// their own (`include!`, hence `//` comments here) and exclude that from their package: a
// package cannot hold files outside its folder, and the published crates need no build script.

use std::path::Path;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(shared_data, shared_seed)");
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    // crates/NAME/ -> the folder that holds the workspace
    let shared = Path::new(&manifest).join("../../../shared");
    if shared.join("data").is_dir() {
        println!("cargo::rustc-cfg=shared_data");
    }
    if shared.join("seed").is_dir() {
        println!("cargo::rustc-cfg=shared_seed");
    }
}
