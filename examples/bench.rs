//! Performance benchmark of the Konigle Rust SDK against hand-written
//! reqwest + serde code (and the reference Python SDK when available).
//!
//! ```text
//! cargo run --release --example bench
//! ```
//!
//! The command starts a local HTTP server (this binary with `serve`), runs
//! every measurement in its own child process (`bench run <scenario>
//! <impl>`) and prints a Markdown table. Ratios come from paired runs
//! (`<impl>` = `pair-blocking` / `pair-async`): one process alternates SDK
//! and baseline units of work, so drifts of the machine hit both alike.
//! Peak RSS (`VmHWM`) comes from single-implementation runs, so it is the
//! scenario's own.
//!
//! Environment:
//! - `KONIGLE_BENCH_PYTHON`: a Python interpreter that can `import konigle`
//!   (e.g. `.bench-venv/bin/python`); adds the reference SDK's sequential
//!   `images.get` rate. Without it, `.bench-venv/bin/python` is used when
//!   present, else the column says "not run".
//! - `KONIGLE_BENCH_ROUNDS`: paired runs per ratio (default 3); the table
//!   shows the median and the range.
//! - `KONIGLE_BENCH_PIN`: CPUs every process is pinned to with `taskset`
//!   (default `0`: server and clients share one CPU, so figures measure CPU
//!   work per request rather than cross-CPU wake-ups; `off` to disable).
//! - `KONIGLE_BENCH_UPLOAD_MIB`: size of the upload file (default 512).

#[path = "bench/scenarios.rs"]
mod scenarios;
#[path = "bench/server.rs"]
mod server;

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Instant;

use serde_json::Value;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("serve") => server::serve(),
        Some("run") if args.len() >= 4 => {
            let parsed = scenarios::Args::parse(&args[4..]);
            match scenarios::run(&args[2], &args[3], &parsed) {
                Ok(v) => println!("RESULT {v}"),
                Err(e) => {
                    eprintln!("bench run {} {}: {e}", args[2], args[3]);
                    std::process::exit(1);
                }
            }
        }
        Some(other) if other != "all" => {
            eprintln!("usage: bench [all] | serve | run <scenario> <impl> key=value…");
            std::process::exit(2);
        }
        _ => parent(),
    }
}

// ------------------------------------------------------------------ parent

/// How child processes are started: optionally pinned to CPUs with `taskset`.
struct Runner {
    exe: PathBuf,
    pin: Option<String>,
}

impl Runner {
    fn new() -> Runner {
        let exe = std::env::current_exe().expect("current exe");
        let wanted = std::env::var("KONIGLE_BENCH_PIN").unwrap_or_else(|_| "0".into());
        let pin = match wanted.as_str() {
            "" | "off" | "no" | "none" => None,
            cpus => {
                let ok = Command::new("taskset")
                    .args(["-c", cpus, "true"])
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .status()
                    .map(|s| s.success())
                    .unwrap_or(false);
                ok.then(|| cpus.to_string())
            }
        };
        Runner { exe, pin }
    }

    /// A command for `program`, pinned when pinning is on.
    fn command(&self, program: &Path) -> Command {
        match &self.pin {
            Some(cpus) => {
                let mut c = Command::new("taskset");
                c.args(["-c", cpus]).arg(program);
                c
            }
            None => Command::new(program),
        }
    }

    /// Runs `bench run <scenario> <imp> args…` and returns its result.
    /// `imp` may carry extra `key=value` arguments after a space.
    fn child(&self, scenario: &str, imp: &str, args: &[String]) -> Option<Value> {
        let mut words = imp.split_whitespace();
        let name = words.next().unwrap_or(imp);
        let out = self
            .command(&self.exe)
            .args(["run", scenario, name])
            .args(args)
            .args(words)
            .stderr(Stdio::inherit())
            .output()
            .expect("cannot start a bench child");
        let result = result_line(&out.stdout);
        if result.is_none() {
            eprintln!("  {scenario} {imp}: failed ({})", out.status);
        }
        result
    }

    /// Runs every implementation `rounds` times, alternating their order.
    fn series(&self, scenario: &str, imps: &[&str], rounds: usize, args: &[String]) -> Series {
        let mut runs: HashMap<String, Vec<Option<Value>>> = HashMap::new();
        for round in 0..rounds {
            let order: Vec<&str> = if round % 2 == 0 { imps.to_vec() } else { imps.iter().rev().copied().collect() };
            for imp in order {
                let v = self.child(scenario, imp, args);
                runs.entry(imp.to_string()).or_default().push(v);
            }
        }
        let series = Series(runs);
        for imp in imps {
            let key = if imp.starts_with("pair-") { "ratio" } else { "rate" };
            let values: Vec<String> =
                series.runs(imp).iter().flatten().filter_map(|v| v[key].as_f64()).map(|r| format!("{r:.2}")).collect();
            eprintln!("  {scenario} {imp}: {key} [{}], peak {}", values.join(", "), mib(series.peak(imp)));
        }
        series
    }
}

fn result_line(stdout: &[u8]) -> Option<Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .find_map(|l| l.strip_prefix("RESULT "))
        .and_then(|j| serde_json::from_str(j).ok())
}

/// The server child, killed when dropped.
struct Server {
    child: Child,
    base: String,
    control: u16,
}

impl Server {
    fn start(runner: &Runner) -> Server {
        let mut child = runner
            .command(&runner.exe)
            .arg("serve")
            .stdout(Stdio::piped())
            .spawn()
            .expect("cannot start the bench server");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("server stdout");
        BufReader::new(stdout).read_line(&mut line).expect("server ports");
        let ports: Vec<u16> = line.split_whitespace().skip(1).filter_map(|p| p.parse().ok()).collect();
        assert_eq!(ports.len(), 2, "server said {line:?}");
        Server { child, base: format!("http://127.0.0.1:{}", ports[0]), control: ports[1] }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The upload file, removed when dropped.
struct TempFile(PathBuf);

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Results of every round, per implementation.
struct Series(HashMap<String, Vec<Option<Value>>>);

impl Series {
    fn runs(&self, imp: &str) -> &[Option<Value>] {
        self.0.get(imp).map(Vec::as_slice).unwrap_or(&[])
    }
    /// Median rate over the rounds (0 when every round failed).
    fn rate(&self, imp: &str) -> f64 {
        self.median(imp, "rate")
    }
    /// Median of a numeric field over the rounds.
    fn median(&self, imp: &str, key: &str) -> f64 {
        median(self.runs(imp).iter().flatten().filter_map(|v| v[key].as_f64()).collect())
    }
    /// Smallest and largest value of a numeric field over the rounds.
    fn spread(&self, imp: &str, key: &str) -> (f64, f64) {
        let v: Vec<f64> = self.runs(imp).iter().flatten().filter_map(|v| v[key].as_f64()).collect();
        (v.iter().copied().fold(f64::INFINITY, f64::min), v.iter().copied().fold(0.0, f64::max))
    }
    /// Largest peak RSS over the rounds, in KiB.
    fn peak(&self, imp: &str) -> u64 {
        self.runs(imp).iter().flatten().filter_map(|v| v["peak_kib"].as_u64()).max().unwrap_or(0)
    }
    fn last(&self, imp: &str) -> Value {
        self.runs(imp).iter().rev().flatten().next().cloned().unwrap_or(Value::Null)
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.retain(|x| x.is_finite());
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

fn rate(r: f64, unit: &str) -> String {
    let s = (r.round() as u64).to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    format!("{out} {unit}")
}

#[derive(Default)]
struct Row {
    scenario: String,
    sdk: String,
    baseline: String,
    ratio: String,
    python: String,
    peak: String,
    target: String,
    met: bool,
}

/// A Python interpreter that can import the reference SDK, if any.
fn python() -> Option<String> {
    let candidate = std::env::var("KONIGLE_BENCH_PYTHON").ok().filter(|p| !p.is_empty()).or_else(|| {
        let venv = Path::new(".bench-venv/bin/python");
        venv.exists().then(|| venv.display().to_string())
    })?;
    let ok = Command::new(&candidate)
        .args(["-c", "import konigle"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !ok {
        eprintln!("  {candidate} cannot import konigle: no Python column");
    }
    ok.then_some(candidate)
}

/// The reference SDK's sequential `images.get` loop (sync client).
const PYTHON_GET: &str = r#"
import json, resource, sys, time
import konigle
base, secs = sys.argv[1], float(sys.argv[2])
client = konigle.Client(api_key="test-key", base_url=base)
get = client.images.get
deadline = time.perf_counter() + 0.3
while time.perf_counter() < deadline:
    img = get("img_101")
n, start, cpu = 0, time.perf_counter(), time.process_time()
while True:
    for _ in range(16):
        img = get("img_101")
    n += 16
    el = time.perf_counter() - start
    if el >= secs:
        break
cpu_us = (time.process_time() - cpu) * 1e6 / n
assert img.id == "img_101"
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print("RESULT " + json.dumps({"ops": n, "secs": el, "rate": n / el, "cpu_us_per_op": cpu_us, "peak_kib": peak}))
"#;

/// The reference SDK's median rate and CPU time per call (µs).
fn python_get(runner: &Runner, py: &str, base: &str) -> (f64, f64) {
    let (mut rates, mut cpu) = (Vec::new(), Vec::new());
    for _ in 0..2 {
        let out = runner.command(Path::new(py)).args(["-c", PYTHON_GET, base, "1.0"]).stderr(Stdio::inherit()).output();
        if let Some(v) = out.ok().and_then(|o| result_line(&o.stdout)) {
            rates.extend(v["rate"].as_f64());
            cpu.extend(v["cpu_us_per_op"].as_f64());
        }
    }
    eprintln!("  get python: rate {rates:.0?}, CPU µs/call {cpu:.0?}");
    (median(rates), median(cpu))
}

fn make_upload_file(mib_count: usize) -> TempFile {
    let path = std::env::temp_dir().join(format!("konigle-bench-{}.png", std::process::id()));
    let file = TempFile(path);
    let mut f = std::io::BufWriter::new(std::fs::File::create(&file.0).expect("create the upload file"));
    let mut chunk = vec![0u8; 1 << 20];
    for (i, b) in chunk.iter_mut().enumerate() {
        *b = (i * 31 % 251) as u8;
    }
    for _ in 0..mib_count {
        f.write_all(&chunk).expect("write the upload file");
    }
    f.flush().expect("write the upload file");
    file
}

fn env_num(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|r| r.parse().ok()).unwrap_or(default).max(1)
}

fn yes(met: bool) -> &'static str {
    if met {
        "yes"
    } else {
        "**no**"
    }
}

fn parent() {
    let started = Instant::now();
    let runner = Runner::new();
    let rounds = env_num("KONIGLE_BENCH_ROUNDS", 3);
    let upload_mib = env_num("KONIGLE_BENCH_UPLOAD_MIB", 512);
    let server = Server::start(&runner);
    let base = format!("base={}", server.base);
    let control = format!("control={}", server.control);
    let args = |extra: &[&str]| -> Vec<String> {
        let mut v = vec![base.clone()];
        v.extend(extra.iter().map(|s| s.to_string()));
        v
    };
    let mut rows: Vec<Row> = Vec::new();
    let singles = ["sdk-blocking", "reqwest-blocking", "sdk-async", "reqwest-async"];
    let pairs = ["pair-blocking", "pair-async"];
    eprintln!(
        "bench: server at {}, {rounds} paired rounds, {}",
        server.base,
        runner.pin.as_ref().map_or("unpinned".to_string(), |c| format!("every process on CPU {c}"))
    );

    // 1. Sequential get: paired runs of 40 × 25 ms slices a side; single runs for peak RSS.
    eprintln!("[1/5] sequential images.get");
    let get_pairs = runner.series("get", &pairs, rounds, &args(&["units=40", "slice_ms=25"]));
    let get_singles = runner.series("get", &singles, 1, &args(&["units=20", "slice_ms=25"]));
    let py = python().map(|p| python_get(&runner, &p, &server.base)).filter(|(r, _)| *r > 0.0);
    for facade in ["blocking", "async"] {
        let pair = format!("pair-{facade}");
        let ratio = get_pairs.median(&pair, "ratio");
        let sdk_rate = get_pairs.median(&pair, "sdk_rate");
        let sdk_cpu = get_singles.median(&format!("sdk-{facade}"), "cpu_us_per_op");
        let (python, py_ok, py_target) = match py {
            Some((p, p_cpu)) => (
                format!(
                    "{}, {p_cpu:.0} µs CPU/call (SDK: {:.1}× the calls/s, {sdk_cpu:.0} µs CPU/call)",
                    rate(p, "calls/s"),
                    sdk_rate / p
                ),
                sdk_rate >= 4.0 * p,
                "; ≥ 4× Python",
            ),
            None => ("not run".into(), true, ""),
        };
        let (lo, hi) = get_pairs.spread(&pair, "ratio");
        rows.push(Row {
            scenario: format!("`images.get` sequential, {facade}"),
            sdk: rate(sdk_rate, "calls/s"),
            baseline: rate(get_pairs.median(&pair, "base_rate"), "calls/s"),
            ratio: format!("{ratio:.2}× ({lo:.2}–{hi:.2})"),
            python,
            peak: mib(get_singles.peak(&format!("sdk-{facade}"))),
            target: format!("≥ 0.97×{py_target}"),
            met: sdk_rate > 0.0 && ratio >= 0.97 && py_ok,
        });
    }

    // 2. iter_all: paired runs of 3 walks a side; single runs of 100k and 10k items for peak RSS.
    eprintln!("[2/5] images.iter_all: 100,000 items in pages of 100 (and 10,000 for memory)");
    let iter_pairs = runner.series("iter", &pairs, rounds, &args(&["total=100000", "units=3"]));
    let big = runner.series("iter", &singles, 1, &args(&["total=100000", "units=1"]));
    let small = runner.series("iter", &singles, 1, &args(&["total=10000", "units=1"]));
    for (facade, kind) in [("blocking", "Iterator"), ("async", "Stream")] {
        let (pair, sdk, baseline) = (format!("pair-{facade}"), format!("sdk-{facade}"), format!("reqwest-{facade}"));
        let ratio = iter_pairs.median(&pair, "ratio");
        let (lo, hi) = iter_pairs.spread(&pair, "ratio");
        let (peak, peak_small) = (big.peak(&sdk), small.peak(&sdk));
        let growth = peak as f64 / peak_small.max(1) as f64;
        rows.push(Row {
            scenario: format!("`images.iter_all` 100k items, {facade} {kind}"),
            sdk: rate(iter_pairs.median(&pair, "sdk_rate"), "items/s"),
            baseline: rate(iter_pairs.median(&pair, "base_rate"), "items/s"),
            ratio: format!("{ratio:.2}× ({lo:.2}–{hi:.2})"),
            peak: format!(
                "{} (10k items: {}, ×{growth:.2}; baseline {})",
                mib(peak),
                mib(peak_small),
                mib(big.peak(&baseline))
            ),
            target: "≥ 1.0×; < 32 MiB; 100k ≤ 2× 10k".into(),
            met: ratio >= 1.0 && peak > 0 && peak < 32 * 1024 && growth <= 2.0,
            ..Row::default()
        });
    }

    // 3. Fan-out: 10,000 gets a side with 64 in flight, in batches of 500.
    eprintln!("[3/5] fan-out: 10,000 gets, 64 in flight");
    let fan_pairs = runner.series("fanout", &pairs, rounds, &args(&["batch=500", "units=20", "conc=64"]));
    let fan_singles = runner.series(
        "fanout",
        &["sdk-async", "sdk-blocking"],
        1,
        &args(&[&control, "batch=500", "units=20", "conc=64"]),
    );
    for (facade, how) in [("async", "tasks (`buffer_unordered(64)`)"), ("blocking", "threads sharing one client")] {
        let pair = format!("pair-{facade}");
        let ratio = fan_pairs.median(&pair, "ratio");
        let (lo, hi) = fan_pairs.spread(&pair, "ratio");
        let single = fan_singles.last(&format!("sdk-{facade}"));
        rows.push(Row {
            scenario: format!(
                "`images.get` fan-out, 64 {how}, {facade} ({} connections opened for {} requests)",
                single["server"]["accepted_in_epoch"].as_u64().unwrap_or(0),
                single["server"]["requests"].as_u64().unwrap_or(0),
            ),
            sdk: rate(fan_pairs.median(&pair, "sdk_rate"), "calls/s"),
            baseline: rate(fan_pairs.median(&pair, "base_rate"), "calls/s"),
            ratio: format!("{ratio:.2}× ({lo:.2}–{hi:.2})"),
            peak: mib(fan_singles.peak(&format!("sdk-{facade}"))),
            target: "≥ 0.8×".into(),
            met: ratio >= 0.8,
            ..Row::default()
        });
    }
    // The pool limit: each answer waits 2 ms, so requests really overlap at the server.
    let limited = runner.series(
        "fanout",
        &["sdk-async", "reqwest-async", "sdk-blocking"],
        1,
        &args(&[&control, "batch=250", "units=4", "conc=64", "max_connections=4", "delay_ms=2"]),
    );
    let stat = |imp: &str, key: &str| limited.last(imp)["server"][key].as_u64().unwrap_or(0);
    let (in_flight, sockets) = (stat("sdk-async", "peak_in_flight"), stat("sdk-async", "peak"));
    rows.push(Row {
        scenario: "async fan-out of 64 with `max_connections(4)`: requests in progress at the server at once".into(),
        sdk: format!("{in_flight}"),
        baseline: format!("{} (no limit)", stat("reqwest-async", "peak_in_flight")),
        peak: mib(limited.peak("sdk-async")),
        target: "≤ 4".into(),
        met: (1..=4).contains(&in_flight),
        ..Row::default()
    });
    rows.push(Row {
        scenario: "async fan-out of 64 with `max_connections(4)`: sockets open at the server at once".into(),
        sdk: format!("{sockets}"),
        baseline: format!("{} (no limit)", stat("reqwest-async", "peak")),
        target: "≤ 4".into(),
        met: (1..=4).contains(&sockets),
        ..Row::default()
    });
    let blocking_in_flight = stat("sdk-blocking", "peak_in_flight");
    rows.push(Row {
        scenario: "blocking, 64 threads with `max_connections(4)`: requests in progress at the server at once".into(),
        sdk: format!("{blocking_in_flight} ({} sockets)", stat("sdk-blocking", "peak")),
        peak: mib(limited.peak("sdk-blocking")),
        target: "≤ 4".into(),
        met: (1..=4).contains(&blocking_in_flight),
        ..Row::default()
    });

    // 4. Uploads.
    eprintln!("[4/5] {upload_mib} MiB uploads streamed from disk");
    let file = make_upload_file(upload_mib);
    let file_arg = format!("file={}", file.0.display());
    let imps = ["images-sdk-blocking", "images-sdk-async", "uploads-sdk-blocking", "uploads-sdk-async"];
    let ups = runner.series("upload", &imps, 1, &args(&[&file_arg]));
    let baselines =
        runner.series("upload", &["images-reqwest-blocking", "images-reqwest-async"], 1, &args(&[&file_arg]));
    // Blocking and async uploads alternated in one process: their ratio.
    let up_pairs = runner.series("upload", &["pair-images", "pair-uploads"], rounds, &args(&[&file_arg, "units=2"]));
    drop(file);
    let mib_s = |bytes_per_s: f64| format!("{:.0} MiB/s", bytes_per_s / (1024.0 * 1024.0));
    for imp in imps {
        let (manager, facade) = imp.split_once("-sdk-").unwrap_or((imp, ""));
        let peak = ups.peak(imp);
        let baseline = format!("{manager}-reqwest-{facade}");
        let base_rate = baselines.rate(&baseline);
        rows.push(Row {
            scenario: format!("`{manager}.create` of a {upload_mib} MiB file, {facade}"),
            sdk: mib_s(ups.rate(imp)),
            baseline: if base_rate > 0.0 { mib_s(base_rate) } else { String::new() },
            peak: mib(peak),
            target: "< 16 MiB".into(),
            met: peak > 0 && peak < 16 * 1024,
            ..Row::default()
        });
    }
    for manager in ["images", "uploads"] {
        let pair = format!("pair-{manager}");
        let ratio = up_pairs.median(&pair, "ratio");
        let (lo, hi) = up_pairs.spread(&pair, "ratio");
        rows.push(Row {
            scenario: format!("`{manager}.create` of a {upload_mib} MiB file, blocking vs async in one process"),
            sdk: format!("blocking {}", mib_s(up_pairs.median(&pair, "sdk_rate"))),
            baseline: format!("async {}", mib_s(up_pairs.median(&pair, "base_rate"))),
            ratio: format!("{ratio:.2}× ({lo:.2}–{hi:.2})"),
            target: "blocking ≥ 0.8× async".into(),
            met: ratio >= 0.8,
            ..Row::default()
        });
    }

    // 5. Clone.
    eprintln!("[5/5] Client::clone");
    for facade in ["blocking", "async"] {
        let v = runner.child("clone", &format!("sdk-{facade}"), &[]).unwrap_or(Value::Null);
        let ns = |k: &str| v[k].as_f64().unwrap_or(f64::NAN);
        rows.push(Row {
            scenario: format!("`Client::clone`, {facade}"),
            sdk: format!(
                "{:.1} ns ({:.1} ns with 2 threads cloning; `images()` {:.1} ns)",
                ns("clone_ns"),
                ns("contended_ns"),
                ns("manager_ns")
            ),
            peak: format!("{} B handle", v["size_bytes"].as_u64().unwrap_or(0)),
            target: "`Send + Sync` (compile-time); O(1)".into(),
            met: ns("clone_ns") < 100.0,
            ..Row::default()
        });
    }
    drop(server);

    let cpus = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0);
    println!();
    println!(
        "Konigle SDK benchmark: {cpus} CPUs, {}, {rounds} paired rounds (median ratio, min–max in brackets), {:.0} s",
        runner.pin.as_ref().map_or("unpinned".to_string(), |c| format!("server and clients on CPU {c}")),
        started.elapsed().as_secs_f64()
    );
    println!();
    println!("| Scenario | SDK | Baseline (reqwest + serde) | Ratio | Python SDK | Peak RSS (SDK) | Target | Met? |");
    println!("|---|---|---|---|---|---|---|---|");
    for r in &rows {
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            r.scenario,
            r.sdk,
            r.baseline,
            r.ratio,
            r.python,
            r.peak,
            r.target,
            yes(r.met)
        );
    }
}
