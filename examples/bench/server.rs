//! The bench's local HTTP/1.1 server: canned JSON, generated pages, upload
//! bodies discarded as they stream in. Nothing is buffered beyond one read.
//!
//! Routes (optional leading path segments: `/t<N>` sets the list total,
//! default 1000; `/d<ms>` delays every answer by that many milliseconds):
//! - `GET  /admin/api/storefront-assets/<id>`: one image;
//! - `GET  /admin/api/storefront-assets?page=P&page_size=S`: page P of N
//!   generated images, with `next` links until the total;
//! - `POST /admin/api/storefront-assets` and `POST /admin/api/uploads`: 201
//!   with an image (an upload) whose `size` is the number of body bytes received.
//!
//! A second listener, the control port, answers `GET /stats` with the peak
//! number of connections open at once on the main port and of requests in
//! progress at once, counting connections accepted since `GET /epoch`.

use std::io::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// One detail answer, shared by every `GET` of an image.
const IMAGE: &str = r#"{"id":"img_101","name":"Hero banner","mime_type":"image/png","alt_text":"Sunset over the bay","size":20480,"asset_url":"https://cdn.konigle.com/assets/hero.png","tags":["hero","banner"],"description":"Homepage hero","meta":{"photographer":"Ana","width":1200},"created_at":"2024-03-01T10:00:00Z","updated_at":"2024-03-01T10:00:00Z","image_width":1200,"image_height":630}"#;

const ASSETS: &str = "/admin/api/storefront-assets";
const UPLOADS: &str = "/admin/api/uploads";
const READ_CHUNK: usize = 64 * 1024;

/// Connection counts of the main port, per epoch.
#[derive(Default)]
struct Stats {
    epoch: u64,
    open: u64,
    peak: u64,
    requests: u64,
    in_flight: u64,
    peak_in_flight: u64,
    accepted: u64,
}

#[derive(Default)]
struct Shared {
    stats: Mutex<Stats>,
    accepted: AtomicU64,
}

impl Shared {
    fn opened(&self) -> u64 {
        self.accepted.fetch_add(1, Ordering::Relaxed);
        let mut s = self.stats.lock().unwrap_or_else(|e| e.into_inner());
        s.open += 1;
        s.accepted += 1;
        s.peak = s.peak.max(s.open);
        s.epoch
    }
    fn closed(&self, epoch: u64) {
        let mut s = self.stats.lock().unwrap_or_else(|e| e.into_inner());
        if s.epoch == epoch {
            s.open -= 1;
        }
    }
    fn started(&self, epoch: u64) {
        let mut s = self.stats.lock().unwrap_or_else(|e| e.into_inner());
        if s.epoch == epoch {
            s.requests += 1;
            s.in_flight += 1;
            s.peak_in_flight = s.peak_in_flight.max(s.in_flight);
        }
    }
    fn answered(&self, epoch: u64) {
        let mut s = self.stats.lock().unwrap_or_else(|e| e.into_inner());
        if s.epoch == epoch {
            s.in_flight = s.in_flight.saturating_sub(1);
        }
    }
}

/// Runs the server until the process is killed; prints `PORTS <main> <control>` once listening.
pub fn serve() {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("tokio runtime");
    rt.block_on(async {
        let main = TcpListener::bind("127.0.0.1:0").await.expect("bind main port");
        let control = TcpListener::bind("127.0.0.1:0").await.expect("bind control port");
        let (mp, cp) = (main.local_addr().expect("addr").port(), control.local_addr().expect("addr").port());
        println!("PORTS {mp} {cp}");
        let _ = std::io::stdout().flush();
        let shared = Arc::new(Shared::default());
        let sh = shared.clone();
        tokio::spawn(async move {
            while let Ok((sock, _)) = control.accept().await {
                let sh = sh.clone();
                tokio::spawn(async move {
                    let _ = connection(sock, sh, 0, true).await;
                });
            }
        });
        while let Ok((sock, _)) = main.accept().await {
            let _ = sock.set_nodelay(true);
            let sh = shared.clone();
            tokio::spawn(async move {
                let epoch = sh.opened();
                let _ = connection(sock, sh.clone(), epoch, false).await;
                sh.closed(epoch);
            });
        }
    });
}

/// A connection's read side: a small buffer for request heads and chunk lines.
struct Conn {
    sock: TcpStream,
    buf: Vec<u8>,
    start: usize,
    end: usize,
}

impl Conn {
    fn data(&self) -> &[u8] {
        &self.buf[self.start..self.end]
    }
    fn consume(&mut self, n: usize) {
        self.start += n;
        if self.start == self.end {
            self.start = 0;
            self.end = 0;
        }
    }
    /// Reads more bytes; `false` at end of stream.
    async fn fill(&mut self) -> std::io::Result<bool> {
        if self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        if self.end == self.buf.len() {
            if self.buf.len() >= 1 << 20 {
                return Err(std::io::Error::other("request head too large"));
            }
            self.buf.resize(self.buf.len() * 2, 0);
        }
        let n = self.sock.read(&mut self.buf[self.end..]).await?;
        self.end += n;
        Ok(n > 0)
    }
    /// Discards `n` body bytes.
    async fn skip(&mut self, mut n: u64) -> std::io::Result<()> {
        loop {
            let have = (self.end - self.start) as u64;
            let take = have.min(n);
            self.consume(take as usize);
            n -= take;
            if n == 0 {
                return Ok(());
            }
            if !self.fill().await? {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
        }
    }
    /// One CRLF-terminated line (without the CRLF), consumed.
    async fn line(&mut self) -> std::io::Result<String> {
        loop {
            if let Some(i) = self.data().windows(2).position(|w| w == b"\r\n") {
                let line = String::from_utf8_lossy(&self.data()[..i]).into_owned();
                self.consume(i + 2);
                return Ok(line);
            }
            if !self.fill().await? {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
        }
    }
    /// Discards a chunked body; returns its decoded length.
    async fn skip_chunked(&mut self) -> std::io::Result<u64> {
        let mut total = 0;
        loop {
            let line = self.line().await?;
            let size = u64::from_str_radix(line.split(';').next().unwrap_or("").trim(), 16)
                .map_err(|_| std::io::Error::other("bad chunk size"))?;
            if size == 0 {
                while !self.line().await?.is_empty() {}
                return Ok(total);
            }
            self.skip(size + 2).await?;
            total += size;
        }
    }
}

struct Head {
    method: String,
    target: String,
    host: String,
    content_length: Option<u64>,
    chunked: bool,
    close: bool,
}

fn parse_head(data: &[u8]) -> Result<Option<(Head, usize)>, httparse::Error> {
    let mut headers = [httparse::EMPTY_HEADER; 48];
    let mut req = httparse::Request::new(&mut headers);
    let n = match req.parse(data)? {
        httparse::Status::Complete(n) => n,
        httparse::Status::Partial => return Ok(None),
    };
    let mut head = Head {
        method: req.method.unwrap_or("").to_string(),
        target: req.path.unwrap_or("/").to_string(),
        host: String::new(),
        content_length: None,
        chunked: false,
        close: req.version == Some(0),
    };
    for h in req.headers.iter() {
        let value = String::from_utf8_lossy(h.value);
        if h.name.eq_ignore_ascii_case("content-length") {
            head.content_length = value.trim().parse().ok();
        } else if h.name.eq_ignore_ascii_case("transfer-encoding") {
            head.chunked = value.to_ascii_lowercase().contains("chunked");
        } else if h.name.eq_ignore_ascii_case("connection") {
            head.close = value.eq_ignore_ascii_case("close");
        } else if h.name.eq_ignore_ascii_case("host") {
            head.host = value.into_owned();
        }
    }
    Ok(Some((head, n)))
}

async fn connection(sock: TcpStream, shared: Arc<Shared>, epoch: u64, control: bool) -> std::io::Result<()> {
    let mut conn = Conn { sock, buf: vec![0; READ_CHUNK], start: 0, end: 0 };
    let mut out = Vec::with_capacity(64 * 1024);
    loop {
        let (head, n) = loop {
            match parse_head(conn.data()) {
                Ok(Some(h)) => break h,
                Ok(None) => {
                    if !conn.fill().await? {
                        return Ok(());
                    }
                }
                Err(_) => return Ok(()),
            }
        };
        conn.consume(n);
        let received = if head.chunked {
            conn.skip_chunked().await?
        } else {
            let len = head.content_length.unwrap_or(0);
            conn.skip(len).await?;
            len
        };
        out.clear();
        if control {
            control_answer(&head, &shared, &mut out);
            conn.sock.write_all(&out).await?;
        } else {
            shared.started(epoch);
            let delay = answer(&head, received, &mut out);
            if delay > 0 {
                tokio::time::sleep(std::time::Duration::from_millis(delay)).await;
            }
            let written = conn.sock.write_all(&out).await;
            shared.answered(epoch);
            written?;
        }
        if head.close || control {
            return Ok(());
        }
    }
}

fn query_param<'a>(target: &'a str, name: &str) -> Option<&'a str> {
    let (_, query) = target.split_once('?')?;
    query.split('&').find_map(|pair| pair.split_once('=').filter(|(k, _)| *k == name).map(|(_, v)| v))
}

fn respond(out: &mut Vec<u8>, status: &str, body: &[u8]) {
    let _ =
        write!(out, "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n", body.len());
    out.extend_from_slice(body);
}

/// The answer to a request on the main port, written to `out`; returns how
/// many milliseconds to wait before sending it.
fn answer(head: &Head, received: u64, out: &mut Vec<u8>) -> u64 {
    let full = head.target.split_once('?').map_or(head.target.as_str(), |(p, _)| p);
    // Leading `/t<total>` and `/d<delay ms>` segments are settings, not path.
    let (mut total, mut delay, mut path) = (1000u64, 0u64, full);
    while let Some((seg, _)) = path.strip_prefix('/').and_then(|p| p.split_once('/')) {
        match (seg.get(..1), seg.get(1..).and_then(|n| n.parse::<u64>().ok())) {
            (Some("t"), Some(n)) => total = n,
            (Some("d"), Some(n)) => delay = n,
            _ => break,
        }
        path = &path[seg.len() + 1..];
    }
    let prefix = &full[..full.len() - path.len()];
    match (head.method.as_str(), path) {
        ("GET", ASSETS) => {
            let page: u64 = query_param(&head.target, "page").and_then(|p| p.parse().ok()).unwrap_or(1).max(1);
            let size: u64 = query_param(&head.target, "page_size").and_then(|p| p.parse().ok()).unwrap_or(20).max(1);
            let mut body = Vec::with_capacity(size as usize * 460 + 256);
            write_page(&mut body, &head.host, prefix, total, page, size);
            respond(out, "200 OK", &body);
        }
        ("GET", p) if p.starts_with(ASSETS) => respond(out, "200 OK", IMAGE.as_bytes()),
        ("POST", ASSETS) => {
            let body = IMAGE.replacen("\"size\":20480", &format!("\"size\":{received}"), 1);
            respond(out, "201 Created", body.as_bytes());
        }
        ("POST", UPLOADS) => {
            let body = format!(
                r#"{{"id":"upl_1","url":"https://cdn.konigle.com/uploads/big.png","mime_type":"image/png","name":"big","size":{received},"meta":{{}},"description":"","created_at":"2024-03-01T10:00:00Z","storage_path":"uploads/big.png","etag":"x","status":"completed","upload_started_at":null,"upload_ended_at":null,"tags":[]}}"#
            );
            respond(out, "201 Created", body.as_bytes());
        }
        _ => respond(out, "404 Not Found", br#"{"detail":"Not found."}"#),
    }
    delay
}

fn write_page(body: &mut Vec<u8>, host: &str, prefix: &str, total: u64, page: u64, size: u64) {
    let pages = total.div_ceil(size).max(1);
    let first = (page - 1).saturating_mul(size);
    let last = page.saturating_mul(size).min(total);
    let link = |p: u64| format!("\"http://{host}{prefix}{ASSETS}?page={p}&page_size={size}&mime_type=image\"");
    let next = if last < total { link(page + 1) } else { "null".into() };
    let previous = if page > 1 { link(page - 1) } else { "null".into() };
    let _ = write!(body, r#"{{"count":{total},"next":{next},"previous":{previous},"num_pages":{pages},"payload":["#);
    for n in first..last {
        if n > first {
            body.push(b',');
        }
        let _ = write!(
            body,
            r#"{{"id":"img_{n}","name":"Image {n}","mime_type":"image/png","alt_text":"Alt text of image {n}","size":{},"asset_url":"https://cdn.konigle.com/assets/{n}.png","tags":["hero","banner"],"description":"Generated image {n}","meta":{{"photographer":"Ana","width":1200}},"created_at":"2024-03-01T10:00:00Z","updated_at":"2024-03-01T10:00:00Z","image_width":1200,"image_height":630}}"#,
            n % 1000
        );
    }
    body.extend_from_slice(b"]}");
}

fn control_answer(head: &Head, shared: &Shared, out: &mut Vec<u8>) {
    let path = head.target.split('?').next().unwrap_or("");
    let mut s = shared.stats.lock().unwrap_or_else(|e| e.into_inner());
    let body = match path {
        "/epoch" => {
            s.epoch += 1;
            s.open = 0;
            s.peak = 0;
            s.requests = 0;
            s.in_flight = 0;
            s.peak_in_flight = 0;
            s.accepted = 0;
            format!(r#"{{"epoch":{}}}"#, s.epoch)
        }
        _ => format!(
            r#"{{"epoch":{},"open":{},"peak":{},"requests":{},"peak_in_flight":{},"accepted_in_epoch":{},"accepted_total":{}}}"#,
            s.epoch,
            s.open,
            s.peak,
            s.requests,
            s.peak_in_flight,
            s.accepted,
            shared.accepted.load(Ordering::Relaxed)
        ),
    };
    respond(out, "200 OK", body.as_bytes());
}

/// A one-shot `GET` on the control port, returning the JSON answer.
pub fn control(port: u16, path: &str) -> serde_json::Value {
    use std::io::Read as _;
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).expect("control port");
    let _ = write!(s, "GET {path} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n");
    let mut text = String::new();
    let _ = s.read_to_string(&mut text);
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b).unwrap_or("null");
    serde_json::from_str(body).unwrap_or(serde_json::Value::Null)
}
