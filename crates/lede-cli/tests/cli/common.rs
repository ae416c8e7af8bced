//! Shared helpers for the CLI tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root")
}

/// The articles of `tests/corpus` (`*.txt`), sorted by name.
pub fn corpus_files() -> Vec<PathBuf> {
    walkdir::WalkDir::new(root().join("tests/corpus"))
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.expect("tests/corpus is readable").into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect()
}

/// `../shared/<sub>` beside the workspace (always there in CI). A test that calls this is
/// marked `#[cfg_attr(not(shared_data), ignore = "needs ../shared/data")]` (or `shared_seed`;
/// see `tests/shared.rs`), so it runs only when the folder was there at build time.
pub fn shared(sub: &str) -> PathBuf {
    let p = root().join("../shared").join(sub);
    assert!(p.exists(), "{} is missing", p.display());
    p
}

/// `../shared/data`.
pub fn shared_data() -> PathBuf {
    shared("data")
}

/// The `lede` binary under test.
pub fn lede() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("lede").expect("lede binary");
    cmd.env_remove("RUST_LOG").env("NO_COLOR", "1");
    cmd
}

/// Runs `cmd`, asserts that it succeeded (showing its stderr otherwise) and returns its stdout.
pub fn stdout_success(cmd: &mut assert_cmd::Command) -> Vec<u8> {
    let out = cmd.output().expect("lede runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// [`stdout_success`], with stdout parsed as JSON.
pub fn json_success(cmd: &mut assert_cmd::Command) -> serde_json::Value {
    serde_json::from_slice(&stdout_success(cmd)).expect("stdout is JSON")
}
