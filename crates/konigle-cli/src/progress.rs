//! Progress on stderr, only when stderr is a terminal: items fetched by
//! `--all`, bytes sent by uploads, a spinner while a job runs.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;
use serde_json::Value;

use crate::error::CliResult;
use crate::output::Output;

fn bar(out: &Output) -> ProgressBar {
    if out.stderr_tty {
        ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
    } else {
        ProgressBar::hidden()
    }
}

/// A spinner with `message`, ticking until finished (hidden off a terminal).
pub fn spinner(out: &Output, message: impl Into<String>) -> ProgressBar {
    let pb = bar(out);
    pb.set_style(
        ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    pb.set_message(message.into());
    pb.enable_steady_tick(Duration::from_millis(100));
    pb
}

/// Collects every item of an `iter_all` walk as JSON, counting them.
pub fn walk<T: Serialize>(
    out: &Output,
    items: impl Iterator<Item = konigle_blocking::Result<T>>,
) -> CliResult<Vec<Value>> {
    let pb = bar(out);
    pb.set_style(
        ProgressStyle::with_template("{spinner} fetched {pos} items ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    pb.enable_steady_tick(Duration::from_millis(100));
    let mut all = Vec::new();
    for item in items {
        let item = item.inspect_err(|_| pb.finish_and_clear())?;
        all.push(serde_json::to_value(&item)?);
        pb.inc(1);
    }
    pb.finish_and_clear();
    Ok(all)
}

/// Runs `send` (an upload of a `total`-byte file from disk) with a byte
/// progress bar. The SDK streams the file itself; progress is the bytes
/// this process has read meanwhile (`/proc/self/io`), so the bar is exact
/// on Linux and a spinner elsewhere.
pub fn upload<T>(out: &Output, label: &str, total: u64, send: impl FnOnce() -> T) -> T {
    let pb = bar(out);
    if pb.is_hidden() {
        return send();
    }
    // A byte bar needs the size and the read counter; else a spinner.
    let start = read_bytes().filter(|_| total > 0);
    if start.is_some() {
        pb.set_length(total);
        pb.set_style(
            ProgressStyle::with_template("{msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
    } else {
        pb.set_style(
            ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
    }
    pb.set_message(label.to_string());
    pb.enable_steady_tick(Duration::from_millis(100));
    let done = Arc::new(AtomicBool::new(false));
    let meter = start.map(|start| {
        let (pb, done) = (pb.clone(), Arc::clone(&done));
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                if let Some(now) = read_bytes() {
                    pb.set_position(now.saturating_sub(start).min(total));
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        })
    });
    let result = send();
    done.store(true, Ordering::Relaxed);
    if let Some(m) = meter {
        let _ = m.join();
    }
    pb.finish_and_clear();
    result
}

/// Bytes this process has read so far (Linux), if known.
fn read_bytes() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/self/io").ok()?;
    text.lines().find_map(|l| l.strip_prefix("rchar:")).and_then(|v| v.trim().parse().ok())
}
