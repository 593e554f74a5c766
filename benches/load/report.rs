//! The results: plain-text tables for the terminal and the same as Markdown.

use std::time::Duration;

use crate::Settings;

pub struct Table {
    title: String,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    notes: Vec<String>,
    about: String,
}

impl Table {
    pub fn new(title: &str, headers: &[&str], about: &str) -> Self {
        Table {
            title: title.to_owned(),
            headers: headers.iter().map(|h| (*h).to_owned()).collect(),
            rows: Vec::new(),
            notes: Vec::new(),
            about: about.to_owned(),
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    pub fn note(&mut self, note: String) {
        self.notes.push(note);
    }

    fn plain(&self) -> String {
        let cols = self.headers.len();
        let mut widths: Vec<usize> = self.headers.iter().map(|h| h.chars().count()).collect();
        for row in &self.rows {
            for (i, c) in row.iter().enumerate().take(cols) {
                widths[i] = widths[i].max(c.chars().count());
            }
        }
        let line = |cells: &[String]| {
            cells
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let pad = widths[i].saturating_sub(c.chars().count());
                    if i == 0 {
                        format!("{c}{}", " ".repeat(pad))
                    } else {
                        format!("{}{c}", " ".repeat(pad))
                    }
                })
                .collect::<Vec<_>>()
                .join("  ")
        };
        let mut out = format!("== {} ==\n", self.title);
        out.push_str(&line(&self.headers));
        out.push('\n');
        out.push_str(&"-".repeat(widths.iter().sum::<usize>() + 2 * cols.saturating_sub(1)));
        out.push('\n');
        for row in &self.rows {
            out.push_str(&line(row));
            out.push('\n');
        }
        for n in &self.notes {
            out.push_str(&format!("  * {n}\n"));
        }
        out
    }

    fn markdown(&self) -> String {
        let esc = |s: &str| s.replace('|', "\\|");
        let mut out = format!("## {}\n\n{}\n\n", self.title, self.about);
        out.push_str(&format!(
            "| {} |\n",
            self.headers
                .iter()
                .map(|h| esc(h))
                .collect::<Vec<_>>()
                .join(" | ")
        ));
        out.push_str(&format!(
            "|{}\n",
            self.headers
                .iter()
                .enumerate()
                .map(|(i, _)| if i == 0 { "---|" } else { "---:|" })
                .collect::<String>()
        ));
        for row in &self.rows {
            out.push_str(&format!(
                "| {} |\n",
                row.iter().map(|c| esc(c)).collect::<Vec<_>>().join(" | ")
            ));
        }
        if !self.notes.is_empty() {
            out.push('\n');
            for n in &self.notes {
                out.push_str(&format!("- {n}\n"));
            }
        }
        out.push('\n');
        out
    }
}

pub struct Report {
    date: String,
    machine: Vec<String>,
    command: String,
    settings: String,
    tables: Vec<Table>,
    took: Duration,
}

fn first_line_with(path: &str, prefix: &str) -> Option<String> {
    std::fs::read_to_string(path)
        .ok()?
        .lines()
        .find(|l| l.starts_with(prefix))
        .and_then(|l| l.split_once(':'))
        .map(|(_, v)| v.trim().to_owned())
}

impl Report {
    pub fn new(s: &Settings) -> Self {
        let date = std::process::Command::new("date")
            .args(["-u", "+%Y-%m-%d %H:%M:%S UTC"])
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
            .unwrap_or_default();
        let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
        let model = first_line_with("/proc/cpuinfo", "model name").unwrap_or_else(|| "?".into());
        let memory = first_line_with("/proc/meminfo", "MemTotal")
            .and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok())
            .map_or("?".into(), |kib| format!("{:.1} GiB", kib / 1048576.0));
        let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease")
            .map(|k| k.trim().to_owned())
            .unwrap_or_default();
        let os = first_line_with("/etc/os-release", "PRETTY_NAME")
            .map(|v| v.trim_matches('=').trim_matches('"').to_owned())
            .or_else(|| {
                std::fs::read_to_string("/etc/os-release")
                    .ok()
                    .and_then(|t| {
                        t.lines()
                            .find_map(|l| l.strip_prefix("PRETTY_NAME="))
                            .map(|v| v.trim_matches('"').to_owned())
                    })
            })
            .unwrap_or_default();
        let command = std::env::var("BENCH_COMMAND")
            .unwrap_or_else(|_| "cargo bench --bench load".to_owned());
        let settings = format!(
            "{} s measured after {} s warm-up per load; topic {} clients, submission {} clients, \
             {} client thread(s); queue sizes {:?}; backends {}",
            s.duration.as_secs_f64(),
            s.warm_up.as_secs_f64(),
            s.topic_clients,
            s.submit_clients,
            s.client_threads,
            s.queue_sizes,
            s.backends.join(",")
        );
        Report {
            date,
            machine: vec![
                format!("{cores} cores (nproc), {model}"),
                format!("{memory} memory, Linux {kernel}, {os}"),
            ],
            command,
            settings,
            tables: Vec::new(),
            took: Duration::ZERO,
        }
    }

    pub fn machine_note(&mut self, note: String) {
        self.machine.push(note);
    }

    pub fn push(&mut self, t: Table) {
        self.tables.push(t);
    }

    pub fn finish(&mut self, took: Duration) {
        self.took = took;
    }

    pub fn plain_text(&self) -> String {
        let mut out = format!(
            "\nConfide load benchmark, {}\nMachine: {}\nCommand: {}\nSettings: {}\n\n",
            self.date,
            self.machine.join("; "),
            self.command,
            self.settings
        );
        for t in &self.tables {
            out.push_str(&t.plain());
            out.push('\n');
        }
        out.push_str(&format!("Whole run: {:.0} s\n", self.took.as_secs_f64()));
        out
    }

    pub fn markdown(&self) -> String {
        let mut out = format!(
            "# Confide load benchmark\n\n- Date: {}\n- Command: `{}`\n- Settings: {}\n- Whole run: {:.0} s\n",
            self.date,
            self.command,
            self.settings,
            self.took.as_secs_f64()
        );
        for m in &self.machine {
            out.push_str(&format!("- Machine: {m}\n"));
        }
        out.push('\n');
        for t in &self.tables {
            out.push_str(&t.markdown());
        }
        out
    }
}
