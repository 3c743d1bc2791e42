//! What one child process measures: `bench run <scenario> <impl> key=value…`.
//!
//! Every scenario has an SDK implementation and, where a ratio is wanted,
//! a hand-written reqwest + serde baseline doing the same requests with the
//! same headers and decoding into the same `konigle_core` models.
//!
//! Work is cut into units (a 25 ms slice of sequential `get`s, one walk of
//! `iter_all`, one batch of fanned-out `get`s). A single run (`<impl>` =
//! `sdk-blocking`, `reqwest-async`, …) repeats one implementation's unit and
//! reports its rate and the process's peak RSS. A paired run (`<impl>` =
//! `pair-blocking` or `pair-async`) alternates SDK and baseline units in one
//! process, so slow drifts of the machine hit both alike: its ratio is the
//! one the table shows. The child prints one `RESULT {json}` line.

use std::collections::HashMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

use futures::StreamExt;
use konigle_core::models::{Image, ImageCreate, UploadCreate};
use konigle_core::{Config, FileInput, ListParams};
use reqwest::header::{ACCEPT, AUTHORIZATION};
use serde::Deserialize;
use serde_json::{json, Value};
use tokio::runtime::Runtime;

const API_KEY: &str = "test-key";
const AUTH: &str = "Token test-key";
const TIMEOUT: Duration = Duration::from_secs(30);
const IMAGE_ID: &str = "img_101";

type Res<T> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// One unit of work; returns how many operations it did.
type Unit<'a> = Box<dyn FnMut() -> Res<u64> + 'a>;

// Compile-time proof that both clients (and what they hand out) can be
// shared across threads and tasks.
const _: () = {
    const fn shareable<T: Send + Sync + Clone + 'static>() {}
    shareable::<konigle::Client>();
    shareable::<konigle_blocking::Client>();
    shareable::<konigle::ImageManager>();
    shareable::<konigle_blocking::ImageManager>();
    shareable::<konigle::Record<Image>>();
    shareable::<konigle_blocking::Record<Image>>();
};

/// Asserts at compile time that a future can move to another thread.
fn send_future<F: std::future::Future + Send>(f: F) -> F {
    f
}

/// Arguments of a child run.
pub struct Args(HashMap<String, String>);

impl Args {
    pub fn parse(raw: &[String]) -> Args {
        Args(raw.iter().filter_map(|a| a.split_once('=')).map(|(k, v)| (k.to_string(), v.to_string())).collect())
    }
    fn str(&self, key: &str) -> Res<&str> {
        self.0.get(key).map(String::as_str).ok_or_else(|| format!("missing argument {key}=").into())
    }
    fn num<T: std::str::FromStr>(&self, key: &str, default: T) -> T {
        self.0.get(key).and_then(|v| v.parse().ok()).unwrap_or(default)
    }
}

/// Peak resident set size of this process, in KiB (`VmHWM`).
pub fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn config(base: &str) -> Res<Config> {
    Ok(Config::builder(API_KEY).base_url(base).build()?)
}

fn user_agent() -> Res<String> {
    Ok(config("http://127.0.0.1")?.user_agent().to_string())
}

fn runtime() -> Res<Runtime> {
    Ok(tokio::runtime::Builder::new_multi_thread().enable_all().build()?)
}

/// Runs one scenario and returns its figures.
pub fn run(scenario: &str, imp: &str, args: &Args) -> Res<Value> {
    // Only async implementations get a runtime (its idle threads would count
    // in the blocking ones' peak RSS).
    let rt = if imp.ends_with("async") { Some(runtime()?) } else { None };
    let rt = rt.as_ref();
    let mut out = match (scenario, imp.strip_prefix("pair-")) {
        ("upload", _) => upload(imp, args)?,
        ("clone", _) => clone(imp)?,
        (_, Some(facade)) => {
            let mut sdk = unit(scenario, &format!("sdk-{facade}"), args, rt)?;
            let mut base = unit(scenario, &format!("reqwest-{facade}"), args, rt)?;
            alternate(args.num("units", 20), &mut sdk, &mut base)?
        }
        (_, None) => {
            let mut work = unit(scenario, imp, args, rt)?;
            repeat(args.num("units", 20), &mut work)?
        }
    };
    if scenario == "fanout" && args.num("control", 0u16) > 0 {
        out["server"] = crate::server::control(args.num("control", 0), "/stats");
    }
    out["peak_kib"] = json!(peak_rss_kib());
    Ok(out)
}

/// CPU time of this process so far (every thread, user and system), in
/// seconds, from `/proc/self/stat` (clock ticks of 10 ms).
fn cpu_secs() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name, which ends with the last ')'.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let ticks: u64 = rest.split_whitespace().skip(11).take(2).filter_map(|t| t.parse::<u64>().ok()).sum();
    ticks as f64 / 100.0
}

/// Runs one unit unmeasured, then `units` measured ones.
fn repeat(units: usize, work: &mut Unit<'_>) -> Res<Value> {
    work()?;
    let (start, cpu) = (Instant::now(), cpu_secs());
    let mut ops = 0;
    for _ in 0..units {
        ops += work()?;
    }
    let secs = start.elapsed().as_secs_f64();
    let cpu_us = (cpu_secs() - cpu) * 1e6 / ops.max(1) as f64;
    Ok(json!({"ops": ops, "secs": secs, "rate": ops as f64 / secs, "cpu_us_per_op": cpu_us}))
}

/// Alternates SDK and baseline units (ABBA order), after one of each
/// unmeasured. The ratio is the median of the per-pair ratios, so a burst
/// of load on the machine skews one pair, not the result.
fn alternate(units: usize, sdk: &mut Unit<'_>, base: &mut Unit<'_>) -> Res<Value> {
    sdk()?;
    base()?;
    let (mut sdk_ops, mut sdk_secs, mut base_ops, mut base_secs) = (0u64, 0f64, 0u64, 0f64);
    let mut ratios = Vec::with_capacity(units);
    for i in 0..units {
        let (mut pair_sdk, mut pair_base) = (0f64, 0f64);
        for sdk_turn in if i % 2 == 0 { [true, false] } else { [false, true] } {
            let start = Instant::now();
            if sdk_turn {
                let ops = sdk()?;
                let secs = start.elapsed().as_secs_f64();
                (sdk_ops, sdk_secs, pair_sdk) = (sdk_ops + ops, sdk_secs + secs, ops as f64 / secs);
            } else {
                let ops = base()?;
                let secs = start.elapsed().as_secs_f64();
                (base_ops, base_secs, pair_base) = (base_ops + ops, base_secs + secs, ops as f64 / secs);
            }
        }
        ratios.push(pair_sdk / pair_base);
    }
    ratios.sort_by(f64::total_cmp);
    let ratio = ratios.get(ratios.len() / 2).copied().unwrap_or(f64::NAN);
    let (sdk_rate, base_rate) = (sdk_ops as f64 / sdk_secs, base_ops as f64 / base_secs);
    Ok(json!({"sdk_ops": sdk_ops, "base_ops": base_ops, "sdk_rate": sdk_rate, "base_rate": base_rate,
              "ratio": ratio}))
}

/// The unit of `scenario` for one implementation.
fn unit<'a>(scenario: &str, imp: &str, args: &'a Args, rt: Option<&'a Runtime>) -> Res<Unit<'a>> {
    match scenario {
        "get" => get_unit(imp, args, rt),
        "iter" => iter_unit(imp, args, rt),
        "fanout" => fanout_unit(imp, args, rt),
        _ => Err(format!("unknown scenario {scenario}").into()),
    }
}

// ---------------------------------------------------------------- helpers

/// How much one `get` unit does: a number of calls, or calls for some time.
#[derive(Clone, Copy)]
enum Amount {
    Calls(u64),
    Slice(Duration),
}

impl Amount {
    fn from(args: &Args) -> Amount {
        match args.num("calls", 0u64) {
            0 => Amount::Slice(Duration::from_millis(args.num("slice_ms", 25))),
            n => Amount::Calls(n),
        }
    }
}

fn calls(amount: Amount, mut f: impl FnMut() -> Res<()>) -> Res<u64> {
    match amount {
        Amount::Calls(n) => {
            for _ in 0..n {
                f()?;
            }
            Ok(n)
        }
        Amount::Slice(d) => {
            let (until, mut n) = (Instant::now() + d, 0);
            while Instant::now() < until {
                for _ in 0..8 {
                    f()?;
                }
                n += 8;
            }
            Ok(n)
        }
    }
}

async fn calls_async<F: std::future::Future<Output = Res<()>>>(amount: Amount, mut f: impl FnMut() -> F) -> Res<u64> {
    match amount {
        Amount::Calls(n) => {
            for _ in 0..n {
                f().await?;
            }
            Ok(n)
        }
        Amount::Slice(d) => {
            let (until, mut n) = (Instant::now() + d, 0);
            while Instant::now() < until {
                for _ in 0..8 {
                    f().await?;
                }
                n += 8;
            }
            Ok(n)
        }
    }
}

fn need(rt: Option<&Runtime>) -> Res<&Runtime> {
    rt.ok_or_else(|| "an async implementation needs a runtime".into())
}

fn check_image(img: &Image) -> Res<()> {
    if img.id == IMAGE_ID {
        Ok(())
    } else {
        Err(format!("unexpected image {}", img.id).into())
    }
}

// ------------------------------------------------------- the baselines

fn baseline_blocking() -> Res<reqwest::blocking::Client> {
    Ok(reqwest::blocking::Client::builder()
        .user_agent(user_agent()?)
        .connect_timeout(Duration::from_secs(10))
        .build()?)
}

fn baseline_async() -> Res<reqwest::Client> {
    Ok(reqwest::Client::builder().user_agent(user_agent()?).connect_timeout(Duration::from_secs(10)).build()?)
}

fn baseline_get_blocking(http: &reqwest::blocking::Client, base: &str, id: &str) -> Res<Image> {
    let resp = http
        .get(format!("{base}/admin/api/storefront-assets/{id}"))
        .timeout(TIMEOUT)
        .header(AUTHORIZATION, AUTH)
        .header(ACCEPT, "application/json")
        .send()?;
    if !resp.status().is_success() {
        return Err(format!("status {}", resp.status()).into());
    }
    Ok(serde_json::from_slice(&resp.bytes()?)?)
}

async fn baseline_get_async(http: &reqwest::Client, base: &str, id: &str) -> Res<Image> {
    let resp = http
        .get(format!("{base}/admin/api/storefront-assets/{id}"))
        .timeout(TIMEOUT)
        .header(AUTHORIZATION, AUTH)
        .header(ACCEPT, "application/json")
        .send()
        .await?;
    if !resp.status().is_success() {
        return Err(format!("status {}", resp.status()).into());
    }
    Ok(serde_json::from_slice(&resp.bytes().await?)?)
}

/// A list page as a hand-written client would decode it.
#[derive(Deserialize)]
struct ListPage {
    next: Option<String>,
    payload: Vec<Image>,
}

fn page_url(base: &str, page: u32) -> String {
    format!("{base}/admin/api/storefront-assets?page={page}&page_size=100&mime_type=image")
}

// ---------------------------------------------------------------- units

/// Sequential `images.get`.
fn get_unit<'a>(imp: &str, args: &'a Args, rt: Option<&'a Runtime>) -> Res<Unit<'a>> {
    let base = args.str("base")?;
    let amount = Amount::from(args);
    Ok(match imp {
        "sdk-blocking" => {
            let images = konigle_blocking::Client::new(config(base)?)?.images();
            Box::new(move || calls(amount, || check_image(&*images.get(IMAGE_ID)?)))
        }
        "reqwest-blocking" => {
            let http = baseline_blocking()?;
            Box::new(move || calls(amount, || check_image(&baseline_get_blocking(&http, base, IMAGE_ID)?)))
        }
        "sdk-async" => {
            let rt = need(rt)?;
            let images = konigle::Client::new(config(base)?)?.images();
            Box::new(move || {
                rt.block_on(calls_async(amount, || async { check_image(&*send_future(images.get(IMAGE_ID)).await?) }))
            })
        }
        "reqwest-async" => {
            let rt = need(rt)?;
            let http = baseline_async()?;
            Box::new(move || {
                rt.block_on(calls_async(amount, || async {
                    check_image(&baseline_get_async(&http, base, IMAGE_ID).await?)
                }))
            })
        }
        _ => return Err(format!("unknown impl {imp}").into()),
    })
}

/// Counts and checks the items of one walk.
#[derive(Default)]
struct Walked {
    items: u64,
    checksum: u64,
}

impl Walked {
    fn see(&mut self, img: &Image) {
        self.items += 1;
        self.checksum += img.size;
        black_box(img);
    }
    fn check(self, total: u64) -> Res<u64> {
        let expected: u64 = (0..total).map(|n| n % 1000).sum();
        if self.items == total && self.checksum == expected {
            Ok(total)
        } else {
            Err(format!("walked {} items (checksum {}), expected {total} ({expected})", self.items, self.checksum)
                .into())
        }
    }
}

/// One walk of `images.iter_all` over `total` items in pages of 100.
fn iter_unit<'a>(imp: &str, args: &'a Args, rt: Option<&'a Runtime>) -> Res<Unit<'a>> {
    let total: u64 = args.num("total", 100_000);
    // The server reads the list total from a leading `/t<total>` segment.
    let base = format!("{}/t{total}", args.str("base")?);
    let params = ListParams::new().page_size(100);
    Ok(match imp {
        "sdk-blocking" => {
            let images = konigle_blocking::Client::new(config(&base)?)?.images();
            Box::new(move || {
                let mut w = Walked::default();
                for img in images.iter_all(&params) {
                    w.see(&*img?);
                }
                w.check(total)
            })
        }
        "sdk-async" => {
            let rt = need(rt)?;
            let images = konigle::Client::new(config(&base)?)?.images();
            Box::new(move || {
                rt.block_on(async {
                    let mut w = Walked::default();
                    let mut stream = images.iter_all(&params);
                    while let Some(img) = stream.next().await {
                        w.see(&*img?);
                    }
                    w.check(total)
                })
            })
        }
        "reqwest-blocking" => {
            let http = baseline_blocking()?;
            Box::new(move || {
                let mut w = Walked::default();
                let mut page = 1;
                loop {
                    let resp = http
                        .get(page_url(&base, page))
                        .timeout(TIMEOUT)
                        .header(AUTHORIZATION, AUTH)
                        .header(ACCEPT, "application/json")
                        .send()?
                        .error_for_status()?;
                    let p: ListPage = serde_json::from_slice(&resp.bytes()?)?;
                    let last = p.next.is_none() || p.payload.is_empty();
                    p.payload.iter().for_each(|i| w.see(i));
                    if last {
                        return w.check(total);
                    }
                    page += 1;
                }
            })
        }
        "reqwest-async" => {
            let rt = need(rt)?;
            let http = baseline_async()?;
            Box::new(move || {
                rt.block_on(async {
                    let mut w = Walked::default();
                    let mut page = 1;
                    loop {
                        let resp = http
                            .get(page_url(&base, page))
                            .timeout(TIMEOUT)
                            .header(AUTHORIZATION, AUTH)
                            .header(ACCEPT, "application/json")
                            .send()
                            .await?
                            .error_for_status()?;
                        let p: ListPage = serde_json::from_slice(&resp.bytes().await?)?;
                        let last = p.next.is_none() || p.payload.is_empty();
                        p.payload.iter().for_each(|i| w.see(i));
                        if last {
                            return w.check(total);
                        }
                        page += 1;
                    }
                })
            })
        }
        _ => return Err(format!("unknown impl {imp}").into()),
    })
}

/// A batch of `batch` `get`s with `conc` in flight (tasks for the async
/// client, threads sharing one client for the blocking one).
fn fanout_unit<'a>(imp: &str, args: &'a Args, rt: Option<&'a Runtime>) -> Res<Unit<'a>> {
    let base = match args.num("delay_ms", 0u64) {
        0 => args.str("base")?.to_string(),
        // The server waits that long before each answer.
        ms => format!("{}/d{ms}", args.str("base")?),
    };
    let (batch, conc): (usize, usize) = (args.num("batch", 500), args.num("conc", 64));
    let max_connections: usize = args.num("max_connections", 100);
    let keepalive: usize = args.num("keepalive", max_connections.min(20));
    let control: u16 = args.num("control", 0);
    if control > 0 {
        // Count connections from here on.
        crate::server::control(control, "/epoch");
    }
    Ok(match imp {
        "sdk-async" => {
            let rt = need(rt)?;
            let cfg = Config::builder(API_KEY)
                .base_url(&base)
                .max_connections(max_connections)
                .keepalive_connections(keepalive)
                .build()?;
            let images = konigle::Client::new(cfg)?.images();
            Box::new(move || {
                rt.block_on(
                    futures::stream::iter(0..batch)
                        .map(|_| images.get(IMAGE_ID))
                        .buffer_unordered(conc)
                        .fold(Res::Ok(0u64), |acc, r| async move { check_image(&*r?).and(Ok(acc? + 1)) }),
                )
            })
        }
        "reqwest-async" => {
            let rt = need(rt)?;
            let http = baseline_async()?;
            Box::new(move || {
                rt.block_on(
                    futures::stream::iter(0..batch)
                        .map(|_| baseline_get_async(&http, &base, IMAGE_ID))
                        .buffer_unordered(conc)
                        .fold(Res::Ok(0u64), |acc, r| async move { check_image(&r?).and(Ok(acc? + 1)) }),
                )
            })
        }
        // The blocking client shared by `conc` threads, each doing its share of the batch.
        "sdk-blocking" => {
            let cfg = Config::builder(API_KEY)
                .base_url(&base)
                .max_connections(max_connections)
                .keepalive_connections(keepalive)
                .build()?;
            let images = konigle_blocking::Client::new(cfg)?.images();
            Box::new(move || threads(batch, conc, || check_image(&*images.get(IMAGE_ID)?)))
        }
        "reqwest-blocking" => {
            let http = baseline_blocking()?;
            Box::new(move || threads(batch, conc, || check_image(&baseline_get_blocking(&http, &base, IMAGE_ID)?)))
        }
        _ => return Err(format!("unknown impl {imp}").into()),
    })
}

/// `total` calls of `f` spread over `n` threads.
fn threads(total: usize, n: usize, f: impl Fn() -> Res<()> + Sync) -> Res<u64> {
    let n = n.max(1);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..n)
            .map(|t| {
                let f = &f;
                s.spawn(move || -> Res<u64> {
                    let mine = total / n + usize::from(t < total % n);
                    for _ in 0..mine {
                        f()?;
                    }
                    Ok(mine as u64)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().map_err(|_| "a thread panicked")?).sum()
    })
}

// ------------------------------------------------------- other scenarios

/// Uploads of the file at `file=`, streamed from disk.
///
/// `<manager>-<impl>` (`images-sdk-blocking`, `uploads-sdk-async`,
/// `images-reqwest-blocking`, …) makes one `create` and reports its rate;
/// `pair-<manager>` alternates blocking and async SDK uploads in one
/// process (`units=` of each) and reports blocking ÷ async as the ratio;
/// `pair-<a>+<b>` alternates any two (`pair-images-sdk-async+images-reqwest-async`).
fn upload(imp: &str, args: &Args) -> Res<Value> {
    // No runtime for blocking single runs: its threads would count in their peak RSS.
    let rt = if imp.ends_with("blocking") { None } else { Some(runtime()?) };
    let rt = rt.as_ref();
    if let Some(pair) = imp.strip_prefix("pair-") {
        let (a, b) = match pair.split_once('+') {
            Some((a, b)) => (a.to_string(), b.to_string()),
            None => (format!("{pair}-sdk-blocking"), format!("{pair}-sdk-async")),
        };
        let (mut first, mut second) = (upload_unit(&a, args, rt)?, upload_unit(&b, args, rt)?);
        return alternate(args.num("units", 2), &mut first, &mut second);
    }
    let start = Instant::now();
    let mut work = upload_unit(imp, args, rt)?;
    let len = work()?;
    let secs = start.elapsed().as_secs_f64();
    Ok(json!({"bytes": len, "secs": secs, "rate": len as f64 / secs}))
}

/// One upload of the file at `file=`; returns its length in bytes.
fn upload_unit<'a>(imp: &str, args: &'a Args, rt: Option<&'a Runtime>) -> Res<Unit<'a>> {
    let base = args.str("base")?;
    let file = std::path::PathBuf::from(args.str("file")?);
    let len = std::fs::metadata(&file)?.len();
    // The server answers with the number of body bytes it received as `size`.
    let check = move |received: u64| -> Res<u64> {
        if received < len {
            return Err(format!("the server received {received} bytes for a {len}-byte file").into());
        }
        Ok(len)
    };
    Ok(match imp {
        "images-sdk-blocking" => {
            let images = konigle_blocking::Client::new(config(base)?)?.images();
            Box::new(move || {
                check(images.create(ImageCreate::builder().name("Big").image(FileInput::path(&file)).build())?.size)
            })
        }
        "uploads-sdk-blocking" => {
            let uploads = konigle_blocking::Client::new(config(base)?)?.uploads();
            Box::new(move || {
                check(uploads.create(UploadCreate::builder().file(FileInput::path(&file)).name("Big").build())?.size)
            })
        }
        "images-sdk-async" => {
            let rt = need(rt)?;
            let images = konigle::Client::new(config(base)?)?.images();
            Box::new(move || {
                rt.block_on(async {
                    check(
                        images
                            .create(ImageCreate::builder().name("Big").image(FileInput::path(&file)).build())
                            .await?
                            .size,
                    )
                })
            })
        }
        "uploads-sdk-async" => {
            let rt = need(rt)?;
            let uploads = konigle::Client::new(config(base)?)?.uploads();
            Box::new(move || {
                rt.block_on(async {
                    check(
                        uploads
                            .create(UploadCreate::builder().file(FileInput::path(&file)).name("Big").build())
                            .await?
                            .size,
                    )
                })
            })
        }
        // The hand-written equivalents of `images.create`: the same multipart fields
        // (the async one reads 64 KiB at a time).
        "images-reqwest-blocking" => {
            let http = baseline_blocking()?;
            Box::new(move || {
                let part = reqwest::blocking::multipart::Part::reader_with_length(std::fs::File::open(&file)?, len)
                    .file_name("big.png")
                    .mime_str("image/png")?;
                let form = reqwest::blocking::multipart::Form::new().text("name", "Big").part("image", part);
                let resp = http
                    .post(format!("{base}/admin/api/storefront-assets"))
                    .timeout(TIMEOUT)
                    .header(AUTHORIZATION, AUTH)
                    .header(ACCEPT, "application/json")
                    .multipart(form)
                    .send()?
                    .error_for_status()?;
                check(serde_json::from_slice::<Image>(&resp.bytes()?)?.size)
            })
        }
        "images-reqwest-async" => {
            let rt = need(rt)?;
            let http = baseline_async()?;
            Box::new(move || {
                rt.block_on(async {
                    let f = tokio::fs::File::open(&file).await?;
                    let stream = tokio_util::io::ReaderStream::with_capacity(f, 64 * 1024);
                    let part = reqwest::multipart::Part::stream_with_length(reqwest::Body::wrap_stream(stream), len)
                        .file_name("big.png")
                        .mime_str("image/png")?;
                    let form = reqwest::multipart::Form::new().text("name", "Big").part("image", part);
                    let resp = http
                        .post(format!("{base}/admin/api/storefront-assets"))
                        .timeout(TIMEOUT)
                        .header(AUTHORIZATION, AUTH)
                        .header(ACCEPT, "application/json")
                        .multipart(form)
                        .send()
                        .await?
                        .error_for_status()?;
                    check(serde_json::from_slice::<Image>(&resp.bytes().await?)?.size)
                })
            })
        }
        _ => return Err(format!("unknown impl {imp}").into()),
    })
}

/// Cost of cloning a client (and of taking a manager, which clones it).
fn clone(imp: &str) -> Res<Value> {
    const N: u32 = 5_000_000;
    fn per_op(n: u32, mut f: impl FnMut()) -> f64 {
        let start = Instant::now();
        for _ in 0..n {
            f();
        }
        start.elapsed().as_nanos() as f64 / f64::from(n)
    }
    fn measure<C: Clone + Send + Sync + 'static>(c: &C, manager: impl Fn(&C)) -> Value {
        per_op(N / 10, || drop(black_box(c.clone()))); // warm-up
        let clone_ns = per_op(N, || drop(black_box(c.clone())));
        let manager_ns = per_op(N, || manager(c));
        // Two threads cloning the same client at once (they share its count).
        let contended_ns = std::thread::scope(|s| {
            let hs: Vec<_> = (0..2).map(|_| s.spawn(|| per_op(N, || drop(black_box(c.clone()))))).collect();
            hs.into_iter().map(|h| h.join().unwrap_or(f64::NAN)).fold(0.0, f64::max)
        });
        json!({"clone_ns": clone_ns, "manager_ns": manager_ns, "contended_ns": contended_ns,
               "size_bytes": std::mem::size_of::<C>()})
    }
    let cfg = config("http://127.0.0.1:1")?;
    match imp {
        "sdk-async" => {
            let c = konigle::Client::new(cfg)?;
            Ok(measure(&c, |c| drop(black_box(c.images()))))
        }
        "sdk-blocking" => {
            let c = konigle_blocking::Client::new(cfg)?;
            Ok(measure(&c, |c| drop(black_box(c.images()))))
        }
        _ => Err(format!("unknown impl {imp}").into()),
    }
}
