//! Plain English: every page a pupil reads is written for a nine-year-old. Each page's
//! Flesch–Kincaid grade (the measure and its rules: `confide::domain::readability`)
//! must be 4.0 or below, with the names of services, addresses and numbers left out.
//!
//! A page is all the English a pupil meets on it: a topic's title, summary, video
//! narration (the `say` lines, shown as its transcript), helpline texts and Markdown
//! body, and the same for every information page. Once the pupil interface's strings
//! live in Fluent catalogues, each `locales/en-GB/**/*.ftl` file is measured as a page
//! too. Run with `--nocapture` to see every page's grade.

use std::path::{Path, PathBuf};

use confide::content::{parse_page, Page};
use confide::domain::readability::{fluent_text, html_text, measure, Counts, NAMES};

/// The reading level of a nine-year-old (Year 4 and 5 in England).
const MAX_GRADE: f64 = 4.0;

/// All the English a pupil reads on a content page, one block a line.
fn page_text(page: &Page) -> String {
    let mut lines = vec![page.title.clone(), page.summary.clone()];
    lines.extend(page.transcript.iter().map(|scene| scene.say.clone()));
    lines.extend(page.helplines.iter().map(|line| line.text.clone()));
    lines.push(html_text(&page.body_html));
    lines.join("\n")
}

fn page_counts(page: &Page) -> Counts {
    let mut names: Vec<&str> = NAMES.to_vec();
    names.extend(page.helplines.iter().map(|line| line.name.as_str()));
    measure(&page_text(page), &names)
}

fn files_ending(dir: &Path, ending: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        if path.is_dir() {
            files_ending(&path, ending, out);
        } else if path.to_string_lossy().ends_with(ending) {
            out.push(path);
        }
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every pupil page under `root` (a checkout), named by its path, with its counts.
fn pupil_pages(root: &Path) -> Vec<(String, Counts)> {
    let mut pages = Vec::new();
    for section in ["content/topics", "content/pages"] {
        let mut files = Vec::new();
        files_ending(&root.join(section), ".md", &mut files);
        files.sort();
        for path in files {
            let slug = path.file_stem().unwrap_or_default().to_string_lossy();
            let page = parse_page(&slug, &read(&path))
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            pages.push((format!("{section}/{slug}.md"), page_counts(&page)));
        }
    }
    let mut catalogues = Vec::new();
    files_ending(&root.join("locales/en-GB"), ".ftl", &mut catalogues);
    catalogues.sort();
    for path in catalogues {
        let name = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .display()
            .to_string();
        pages.push((name, measure(&fluent_text(&read(&path)), NAMES)));
    }
    pages
}

/// The pages above the line, as "page: grade" lines; prints every page's figures.
fn too_hard(pages: &[(String, Counts)]) -> Vec<String> {
    println!("grade  sentences  words  syllables  page");
    for (name, c) in pages {
        println!(
            "{:5.2}  {:9}  {:5}  {:9}  {name}",
            c.grade(),
            c.sentences,
            c.words,
            c.syllables
        );
    }
    pages
        .iter()
        .filter(|(_, c)| c.grade() > MAX_GRADE)
        .map(|(name, c)| format!("{name}: grade {:.2}", c.grade()))
        .collect()
}

#[test]
fn every_pupil_page_reads_at_the_level_of_a_nine_year_old() {
    let pages = pupil_pages(Path::new(env!("CARGO_MANIFEST_DIR")));
    assert!(
        pages
            .iter()
            .filter(|(name, _)| name.ends_with(".md"))
            .count()
            >= 12,
        "the topics and the safety page were not all found: {pages:?}"
    );
    assert!(
        pages.iter().all(|(_, c)| c.words >= 50),
        "a page was measured with next to no words: {pages:?}"
    );
    let over = too_hard(&pages);
    assert!(
        over.is_empty(),
        "pages above grade {MAX_GRADE} (Flesch–Kincaid): use shorter sentences and \
         shorter, common words, keeping every fact:\n{}",
        over.join("\n")
    );
}

#[test]
fn front_matter_and_fluent_catalogues_are_measured_too() {
    let root = tempfile::tempdir().unwrap();
    let topics = root.path().join("content/topics");
    let locales = root.path().join("locales/en-GB/pupil");
    std::fs::create_dir_all(&topics).unwrap();
    std::fs::create_dir_all(&locales).unwrap();
    let easy = "You can tell us. We will help you. It is not your fault.\n";
    // The body is easy; only the summary is hard.
    std::fs::write(
        topics.join("hard-summary.md"),
        format!(
            "+++\ntitle = \"Help\"\nsummary = \"Comprehensive institutional safeguarding \
             arrangements necessitate multidisciplinary collaboration between \
             organisations.\"\n+++\n{easy}"
        ),
    )
    .unwrap();
    std::fs::write(
        locales.join("site.ftl"),
        "# Comment words are not read\nhello = Hello, { $name }. You are safe here.\n\
         policy = Notwithstanding jurisdictional considerations, institutional \
         confidentiality obligations predominate.\n",
    )
    .unwrap();
    let pages = pupil_pages(root.path());
    let names: Vec<&str> = pages.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        names,
        [
            "content/topics/hard-summary.md",
            "locales/en-GB/pupil/site.ftl"
        ]
    );
    let over = too_hard(&pages);
    assert_eq!(over.len(), 2, "{over:?}");

    std::fs::write(
        topics.join("hard-summary.md"),
        format!("+++\ntitle = \"Help\"\nsummary = \"Get help.\"\n+++\n{easy}"),
    )
    .unwrap();
    assert_eq!(too_hard(&pupil_pages(root.path())).len(), 1);
}
