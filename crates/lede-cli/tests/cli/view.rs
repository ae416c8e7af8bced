//! What people see: `--format html` pages loaded in headless Chromium (`--dump-dom`,
//! `--screenshot`), the `--format text` summary, colours, the progress bar on a terminal (a
//! pseudo-terminal), log lines, shell completions and man pages.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use regex::Regex;
use serde_json::Value;

use crate::common::{lede, root, shared_data, stdout_success};

// ---------------------------------------------------------------------------------------------
// Chromium

/// Headless Chromium (`chromium`, or `LEDE_CHROMIUM`). `None` when it is not installed: the
/// test is skipped with a message, unless `LEDE_REQUIRE_CHROMIUM` is set (CI sets it, after
/// installing Chromium), where a missing browser fails.
fn chromium() -> Option<PathBuf> {
    let candidates: Vec<PathBuf> = std::env::var_os("LEDE_CHROMIUM")
        .map(PathBuf::from)
        .into_iter()
        .chain(["/usr/bin/chromium", "/usr/bin/chromium-browser"].map(PathBuf::from))
        .collect();
    let found = candidates.into_iter().find(|p| p.is_file());
    if found.is_none() {
        assert!(
            std::env::var_os("LEDE_REQUIRE_CHROMIUM").is_none(),
            "LEDE_REQUIRE_CHROMIUM is set but Chromium is not installed (apt-get install -y chromium)"
        );
        eprintln!(
            "skipping: Chromium is not installed (apt-get install -y chromium; CI installs it)"
        );
    }
    found
}

/// Runs headless Chromium on a local page with `args` (`--dump-dom`, `--screenshot=...`) and
/// a fresh profile; returns its stdout. The flags keep it off the network.
fn run_chromium(browser: &Path, page: &Path, args: &[&str]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}", page.canonicalize().unwrap().display());
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1280,1600",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(&url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut s).unwrap();
        s
    });
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "chromium failed on {url}: {status}");
            break;
        }
        if start.elapsed() > Duration::from_secs(90) {
            let _ = child.kill();
            panic!("chromium did not finish on {url} in 90 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().unwrap()
}

fn dump_dom(browser: &Path, page: &Path) -> String {
    let dom = run_chromium(browser, page, &["--dump-dom"]);
    assert!(
        dom.contains("</html>"),
        "no DOM from {}: {dom}",
        page.display()
    );
    dom
}

/// Distinct values of `attr` on the elements whose opening tag matches `tag` (a regex).
fn distinct_attr(dom: &str, tag: &str, attr: &str) -> BTreeSet<String> {
    let tags = Regex::new(&format!("<{tag}[^>]*>")).unwrap();
    let value = Regex::new(&format!(r#"\s{attr}="([^"]*)""#)).unwrap();
    tags.find_iter(dom)
        .filter_map(|t| value.captures(t.as_str()).map(|c| c[1].to_owned()))
        .collect()
}

/// The part of the DOM inside the first element with this id.
fn section<'a>(dom: &'a str, id: &str) -> &'a str {
    let start = dom
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id}"));
    let end = dom[start..]
        .find("</section>")
        .map_or(dom.len(), |e| start + e);
    &dom[start..end]
}

/// The record of `args` as JSON Lines, and its page, for the same input.
fn record_and_page(dir: &Path, args: &[&str]) -> (Value, PathBuf) {
    let out = stdout_success(
        lede()
            .current_dir(dir)
            .args(["analyze", "-f", "jsonl"])
            .args(args),
    );
    let record: Value = serde_json::from_slice(&out).expect("one record");
    let html = stdout_success(
        lede()
            .current_dir(dir)
            .args(["analyze", "-f", "html"])
            .args(args),
    );
    let page = tempfile::Builder::new()
        .suffix(".html")
        .tempfile()
        .unwrap()
        .into_temp_path()
        .keep()
        .unwrap();
    std::fs::write(&page, html).unwrap();
    (record, page)
}

fn len(v: &Value) -> usize {
    v.as_array().map_or(0, Vec::len)
}

/// The page shows what the record holds: every mention and quotation marked in the text, the
/// speakers, the entities, the dated events and the stances, and its own script ran.
fn assert_page_matches_record(dom: &str, r: &Value) {
    assert!(
        dom.contains("data-js=\"on\""),
        "the page's script did not run"
    );
    let results = &r["results"];
    let marked = distinct_attr(dom, "span class=\"m t-", "data-m");
    assert_eq!(
        marked.len(),
        len(&results["entity"]["mentions"]),
        "marked mentions"
    );
    let quotes = distinct_attr(dom, "span class=\"q q-", "data-q");
    assert_eq!(
        quotes.len(),
        len(&results["quote"]["quotations"]),
        "marked quotations"
    );
    for e in results["entity"]["entities"].as_array().unwrap() {
        let name = e["canonical"].as_str().unwrap();
        assert!(
            section(dom, "entities").contains(&escape(name)),
            "entity {name}"
        );
    }
    let who = section(dom, "quotes");
    let badges = distinct_attr(dom, "span class=\"badge\"", "data-speaker");
    for q in results["quote"]["quotations"].as_array().unwrap() {
        if let Some(name) = q["speaker"]["name"].as_str() {
            assert!(
                who.contains(&escape(name)),
                "speaker {name} not in the table"
            );
            assert!(badges.contains(&escape(name)), "no badge for {name}");
        }
    }
    let rows = who.matches("<tr>").count().saturating_sub(1);
    assert!(rows >= 1 && rows <= len(&results["quote"]["quotations"]));
    let dated = len(&results["timeline"]["timeline"]);
    if dated > 0 {
        assert_eq!(section(dom, "timeline").matches("<circle").count(), dated);
        assert!(section(dom, "timeline").contains("publication date"));
    }
    let stances = results["stance"]["stances"].as_array().unwrap();
    if !stances.is_empty() {
        let table = section(dom, "stance");
        assert_eq!(table.matches("<tr>").count() - 1, stances.len());
        for s in stances {
            assert!(table.contains(s["stance"].as_str().unwrap()));
        }
        // every piece of evidence links to its place in the text
        for href in distinct_attr(table, "a", "href") {
            assert!(
                dom.contains(&format!("id=\"{}\"", &href[1..])),
                "{href} leads nowhere"
            );
        }
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[test]
#[cfg_attr(not(shared_seed), ignore = "needs ../shared/seed")]
fn the_seed_page_in_chromium_shows_what_the_record_holds() {
    crate::common::shared("seed");
    let Some(browser) = chromium() else { return };
    let (record, page) = record_and_page(&root(), &["../shared/seed/", "--date", "2023-04-20"]);
    let dom = dump_dom(&browser, &page);
    assert_page_matches_record(&dom, &record);
    // the seed has all of them: speakers, entities, a timeline, stances
    assert!(len(&record["results"]["quote"]["quotations"]) > 0);
    assert!(len(&record["results"]["timeline"]["timeline"]) > 0);
    assert!(len(&record["results"]["stance"]["stances"]) > 0);
    std::fs::remove_file(page).unwrap();
}

#[test]
fn example_pages_and_their_index_in_chromium() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pages");
    let run = lede()
        .current_dir(root())
        .args(["analyze", "-f", "html", "--date", "2024-05-01", "--out-dir"])
        .arg(&out)
        .arg("examples/articles")
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(run.stdout.is_empty(), "pages go to the folder, not stdout");
    let records: Vec<Value> = String::from_utf8(stdout_success(lede().current_dir(root()).args([
        "analyze",
        "-f",
        "jsonl",
        "--date",
        "2024-05-01",
        "examples/articles",
    ])))
    .unwrap()
    .lines()
    .map(|l| serde_json::from_str(l).unwrap())
    .collect();
    let index = dump_dom(&browser, &out.join("index.html"));
    // the index lists the pages in input order
    let links: Vec<String> = Regex::new(r#"<a href="([^"]+)""#)
        .unwrap()
        .captures_iter(&index)
        .map(|c| c[1].to_owned())
        .collect();
    assert_eq!(links.len(), records.len());
    for (link, r) in links.iter().zip(&records) {
        assert!(out.join(link).is_file(), "{link}");
        assert!(index.contains(&escape(r["metadata"]["title"].as_str().unwrap())));
    }
    // one page in the browser (each costs a browser start); all of them as written
    let dom = dump_dom(&browser, &out.join(&links[2]));
    assert_page_matches_record(&dom, &records[2]);
    for link in &links {
        let page = std::fs::read_to_string(out.join(link)).unwrap();
        assert_eq!(page.matches("<script").count(), 1);
    }
}

#[test]
fn markup_in_an_article_stays_text_in_chromium() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    // every tag sets a mark on the page if it runs or renders
    let doc = serde_json::json!({
        "id": "inject<1>",
        "title": "Mayor <b>Ada Okafor</b> <script>document.documentElement.setAttribute('data-pwned','title')</script>",
        "source": "<img src=x onerror=\"document.documentElement.setAttribute('data-pwned','source')\">",
        "url": "javascript:document.documentElement.setAttribute('data-pwned','url')",
        "date": "2024-05-02",
        "text": "LAGOS - “We will <b>not</b> sign <script>document.documentElement.setAttribute('data-pwned','text')</script> today,” \
                 Mayor Ada Okafor said on Monday. <img src=x onerror=\"document.documentElement.setAttribute('data-pwned','img')\"> \
                 Okafor met the <i>Harbor</i> Union, which said it <u>opposes</u> the deal."
    });
    std::fs::write(dir.path().join("in.jsonl"), format!("{doc}\n")).unwrap();
    let html = stdout_success(
        lede()
            .current_dir(dir.path())
            .args(["analyze", "-f", "html", "in.jsonl"]),
    );
    let page = dir.path().join("page.html");
    std::fs::write(&page, &html).unwrap();
    let dom = dump_dom(&browser, &page);
    // (the words `data-pwned` are on the page, as text)
    assert!(
        !Regex::new(r#"\sdata-pwned=""#).unwrap().is_match(&dom),
        "an article's script ran:\n{dom}"
    );
    assert!(
        dom.contains("data-js=\"on\""),
        "the page's own script did not run"
    );
    assert_eq!(
        dom.matches("<script").count(),
        1,
        "a script element from the article"
    );
    for tag in ["<img", "<b>", "<i>", "<u>"] {
        assert!(!dom.contains(tag), "{tag} became an element");
    }
    for text in [
        "&lt;script&gt;document.documentElement",
        "&lt;img src=x onerror=",
        "&lt;b&gt;not&lt;/b&gt;",
        "Mayor &lt;b&gt;Ada Okafor&lt;/b&gt;",
        "&lt;i&gt;Harbor&lt;/i&gt;",
    ] {
        assert!(dom.contains(text), "{text} not shown as text");
    }
    assert!(!dom.contains("href=\"javascript:"));
}

#[test]
fn an_example_page_screenshot_is_not_blank() {
    let Some(browser) = chromium() else { return };
    let (_, page) = record_and_page(
        &root(),
        &[
            "examples/articles/trade_tariffs.txt",
            "--date",
            "2024-05-01",
        ],
    );
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("page.png");
    run_chromium(
        &browser,
        &page,
        &[&format!("--screenshot={}", png.display())],
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!((info.width, info.height), (1280, 1600));
    let channels = info.color_type.samples();
    let pixels: Vec<&[u8]> = buf[..info.buffer_size()].chunks(channels).collect();
    let white = pixels
        .iter()
        .filter(|p| p[..3].iter().all(|&c| c > 245))
        .count();
    let colours: BTreeSet<&[u8]> = pixels.iter().map(|p| &p[..3]).collect();
    let inked = 1.0 - white as f64 / pixels.len() as f64;
    // a page of text with marked names: a fair share of ink and many colours
    assert!(
        inked > 0.05,
        "only {:.1}% of the page is not white",
        inked * 100.0
    );
    assert!(colours.len() > 50, "only {} colours", colours.len());
    std::fs::remove_file(page).unwrap();
}

#[test]
fn html_to_stdout_is_for_one_document() {
    let out = lede()
        .current_dir(root())
        .args(["analyze", "-f", "html", "-a", "text", "examples/articles"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--out-dir"));
    let out = lede()
        .current_dir(root())
        .args([
            "analyze",
            "-f",
            "jsonl",
            "--out-dir",
            "x",
            "examples/articles",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

// ---------------------------------------------------------------------------------------------
// The text summary

fn summary(args: &[&str]) -> String {
    String::from_utf8(stdout_success(
        lede()
            .current_dir(root())
            .args(["analyze", "-f", "text"])
            .args(args),
    ))
    .unwrap()
}

#[test]
fn snapshot_text_summary_of_the_examples() {
    let out = summary(&[
        "--color",
        "never",
        "--date",
        "2024-05-01",
        "examples/articles",
    ]);
    insta::assert_snapshot!(out);
}

#[test]
#[cfg_attr(not(shared_seed), ignore = "needs ../shared/seed")]
fn the_seed_summary_fits_a_screen() {
    crate::common::shared("seed");
    let out = summary(&["--color", "never", "--date", "2023-04-20", "../shared/seed"]);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        (30..=70).contains(&lines.len()),
        "{} lines:\n{out}",
        lines.len()
    );
    for l in &lines {
        assert!(l.chars().count() <= 100, "wider than 100 columns: {l}");
    }
    for heading in [
        "Entities",
        "Who said what",
        "Timeline · published 2023-04-20",
        "Stance",
    ] {
        assert!(lines.contains(&heading), "no {heading}:\n{out}");
    }
    assert!(!out.contains('\u{1b}'));
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let args = ["-a", "entity", "examples/articles/trade_tariffs.txt"];
    let always = summary(&[&["--color", "always"][..], &args].concat());
    assert!(always.contains("\u{1b}["), "no colour with --color always");
    // piped: no colour by default
    let auto = summary(&args);
    assert!(!auto.contains('\u{1b}'));
    // the explicit flag wins over NO_COLOR
    let out = stdout_success(
        lede()
            .current_dir(root())
            .env("NO_COLOR", "1")
            .args(["analyze", "-f", "text", "--color", "always"])
            .args(args),
    );
    assert!(String::from_utf8_lossy(&out).contains("\u{1b}["));
    // without colour the text is the same
    assert_eq!(strip_sgr(&always), auto);
}

fn strip_sgr(s: &str) -> String {
    Regex::new("\u{1b}\\[[0-9;]*m")
        .unwrap()
        .replace_all(s, "")
        .into_owned()
}

// ---------------------------------------------------------------------------------------------
// A terminal: colours, progress bar

/// Runs `lede ARGS` with stderr (and stdout unless redirected in `shell`) on a pseudo-terminal,
/// through `sh -c`, and returns the session.
#[cfg(unix)]
fn on_terminal(shell: &str, envs: &[(&str, &str)]) -> rexpect::session::PtySession {
    let lede = assert_cmd::cargo::cargo_bin("lede");
    let mut cmd = Command::new("sh");
    cmd.current_dir(root())
        .env_remove("RUST_LOG")
        .env_remove("NO_COLOR")
        .env("COLUMNS", "120")
        .env("LEDE", lede)
        .args(["-c", shell]);
    for (k, v) in envs {
        cmd.env(k, v);
    }
    rexpect::session::spawn_command(cmd, Some(120_000)).expect("a pseudo-terminal")
}

#[cfg(unix)]
#[test]
fn on_a_terminal_colour_is_on_unless_no_color() {
    let run = |envs: &[(&str, &str)]| {
        let mut s = on_terminal(
            "exec \"$LEDE\" analyze -a entity examples/articles/trade_tariffs.txt",
            envs,
        );
        s.exp_eof().expect("lede ends")
    };
    let sgr = Regex::new("\u{1b}\\[[0-9;]*m").unwrap();
    let coloured = run(&[]);
    assert!(
        sgr.is_match(&coloured),
        "no colour on a terminal:\n{coloured}"
    );
    assert!(coloured.contains("Entities"));
    let plain = run(&[("NO_COLOR", "1")]);
    assert!(plain.contains("Entities"));
    assert!(!sgr.is_match(&plain), "colour despite NO_COLOR:\n{plain:?}");
    // a short run draws no progress bar
    assert!(!plain.contains("documents"), "{plain:?}");
}

#[cfg(unix)]
#[test]
#[cfg_attr(not(shared_data), ignore = "needs ../shared/data")]
fn a_progress_bar_shows_on_a_terminal_over_reuters() {
    let reuters = shared_data().join("news/reuters21578.jsonl");
    let docs = std::fs::read_to_string(&reuters)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .count();
    // stdout to /dev/null: the bar is on stderr, the terminal
    let mut s = on_terminal(
        &format!(
            "exec \"$LEDE\" analyze -f jsonl --date 1987-03-01 '{}' > /dev/null",
            reuters.display()
        ),
        &[],
    );
    // documents done out of the total, words per second and an ETA
    let (_, bar) = s
        .exp_regex(&format!(
            r"[0-9]+/{docs} documents \S+ [0-9,]+ docs/s \S+ [0-9,]+ words/s \S+ ETA [0-9]+"
        ))
        .expect("a progress bar on the terminal");
    assert!(!bar.is_empty());
    s.process_mut().exit().ok();
}

#[cfg(unix)]
#[test]
fn no_progress_bar_with_quiet() {
    // long enough that a bar would be drawn (it is drawn within a second)
    let corpus: Vec<String> = std::iter::repeat_n("tests/corpus".to_owned(), 40).collect();
    let mut s = on_terminal(
        &format!(
            "exec \"$LEDE\" analyze -q -f jsonl {} > /dev/null",
            corpus.join(" ")
        ),
        &[],
    );
    let out = s.exp_eof().expect("lede ends");
    assert!(!out.contains("documents"), "a bar with --quiet: {out:?}");
    assert!(out.trim().is_empty(), "{out:?}");
}

#[test]
fn no_progress_bar_when_piped() {
    let corpus: Vec<&str> = std::iter::repeat_n("tests/corpus", 40).collect();
    let out = lede()
        .current_dir(root())
        .args(["analyze", "-f", "jsonl"])
        .args(&corpus)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

// ---------------------------------------------------------------------------------------------
// Log lines, completions, man pages, help

#[test]
fn log_lines_name_no_module_unless_rust_log_asks() {
    let out = lede()
        .current_dir(root())
        .args(["analyze", "-f", "jsonl", "-a", "text", "missing.txt"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("warning: missing.txt: no such file or folder\n"),
        "{stderr}"
    );
    assert!(!stderr.contains("lede::"));
    let out = lede()
        .current_dir(root())
        .env("RUST_LOG", "warn")
        .args(["analyze", "-f", "jsonl", "-a", "text", "missing.txt"])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("lede::analyze: missing.txt"));
}

#[test]
fn completions_for_every_shell() {
    for (shell, marker) in [
        ("bash", "complete -F _lede"),
        ("zsh", "#compdef lede"),
        ("fish", "complete -c lede"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = String::from_utf8(stdout_success(lede().args(["completions", shell]))).unwrap();
        assert!(out.contains(marker), "{shell}: no {marker}");
        for word in ["analyze", "--out-dir", "html"] {
            assert!(out.contains(word), "{shell}: no {word}");
        }
    }
    let out = lede().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn man_pages() {
    let page = String::from_utf8(stdout_success(lede().arg("man"))).unwrap();
    assert!(page.contains(".TH lede 1"), "{page}");
    assert!(page.contains("analyze"));
    let dir = tempfile::tempdir().unwrap();
    stdout_success(lede().args(["man", "--out-dir"]).arg(dir.path()));
    let analyze = std::fs::read_to_string(dir.path().join("lede-analyze.1")).unwrap();
    assert!(
        analyze.contains(".TH lede\\-analyze 1") || analyze.contains(".TH lede-analyze 1"),
        "{analyze}"
    );
    assert!(analyze.contains("out\\-dir"));
    assert!(dir.path().join("lede-eval-quotes.1").is_file());
}

#[test]
fn options_show_where_they_are_used() {
    let help = |args: &[&str]| String::from_utf8(stdout_success(lede().args(args))).unwrap();
    let analyze = help(&["analyze", "--help"]);
    for opt in ["--out-dir", "--quiet", "--target", "--headline", "--color"] {
        assert!(analyze.contains(opt), "analyze --help has no {opt}");
    }
    let analyzers = help(&["analyzers", "--help"]);
    for opt in [
        "--out-dir",
        "--quiet",
        "--target",
        "--headline",
        "--lexicon",
        "--date",
    ] {
        assert!(!analyzers.contains(opt), "analyzers --help shows {opt}");
    }
    let top = help(&["--help"]);
    for opt in [
        "--out-dir <",
        "--quiet",
        "--format <",
        "--analyzers <",
        "--date <",
    ] {
        assert!(!top.contains(opt), "lede --help shows {opt}");
    }
}
