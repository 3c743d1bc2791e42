#![allow(missing_docs)]
//! A small HTTP/1.1 server for tests and benchmarks: it answers canned
//! responses in order (or one fixed response), can inject faults, and
//! records every request it receives.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;

use serde_json::Value;

/// One request as received.
#[derive(Debug, Clone)]
pub struct Received {
    pub method: String,
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// A canned response: status, body (None = empty), content type, and
/// optionally a fault instead of (or before) the answer.
#[derive(Debug, Clone)]
pub struct Canned {
    pub status: u16,
    pub body: Option<Vec<u8>>,
    pub content_type: String,
    pub headers: Vec<(String, String)>,
    pub fault: Fault,
}

/// What the server does instead of a plain answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Fault {
    /// Answer normally.
    #[default]
    None,
    /// Close the connection without answering.
    Drop,
    /// Wait this long, then answer.
    Delay(std::time::Duration),
    /// Announce the full length but send only half the body, then close.
    Truncate,
    /// Answer with a chunked body that never ends (the server stops after
    /// [`ENDLESS_LIMIT`] bytes or when the client goes away).
    Endless,
    /// Announce a `Content-Length` of 2 GiB, send 64 KiB of it and wait for
    /// the client to go away.
    HugeLength,
    /// Answer with the canned status and a JSON body whose `detail` quotes
    /// the request's `Authorization` header, as some servers do.
    EchoAuthorization,
}

/// Most bytes an [`Fault::Endless`] body sends.
pub const ENDLESS_LIMIT: u64 = 1 << 30;

impl Canned {
    pub fn json(status: u16, body: &Value) -> Canned {
        let body = if body.is_null() { None } else { Some(serde_json::to_vec(body).unwrap_or_default()) };
        Canned { status, body, content_type: "application/json".into(), headers: vec![], fault: Fault::None }
    }

    /// Replaces the body with raw bytes.
    pub fn with_body(mut self, bytes: &[u8]) -> Canned {
        self.body = Some(bytes.to_vec());
        self
    }

    /// Adds a response header.
    pub fn header(mut self, name: &str, value: &str) -> Canned {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Replaces the answer with a fault.
    pub fn fault(mut self, fault: Fault) -> Canned {
        self.fault = fault;
        self
    }
}

struct State {
    responses: VecDeque<Canned>,
    fixed: Option<Canned>,
    received: Vec<Received>,
    body_bytes_sent: u64,
}

/// The running server; it stops accepting when dropped.
pub struct Recorder {
    pub base_url: String,
    state: Arc<Mutex<State>>,
}

impl Recorder {
    /// Serves `responses` in order (then 599).
    pub fn start(responses: Vec<Canned>) -> Recorder {
        Self::spawn(State { responses: responses.into(), fixed: None, received: vec![], body_bytes_sent: 0 })
    }

    /// Serves the same response to every request.
    pub fn fixed(response: Canned) -> Recorder {
        Self::spawn(State { responses: VecDeque::new(), fixed: Some(response), received: vec![], body_bytes_sent: 0 })
    }

    fn spawn(state: State) -> Recorder {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let addr = listener.local_addr().expect("local addr");
        let state = Arc::new(Mutex::new(state));
        let shared = Arc::clone(&state);
        thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { break };
                let st = Arc::clone(&shared);
                if Arc::strong_count(&st) <= 2 {
                    // Only the listener and this clone hold it: the recorder is gone.
                    break;
                }
                thread::spawn(move || serve(stream, st));
            }
        });
        Recorder { base_url: format!("http://{addr}"), state }
    }

    pub fn received(&self) -> Vec<Received> {
        self.state.lock().map(|s| s.received.clone()).unwrap_or_default()
    }

    /// Body bytes written by [`Fault::Endless`] and [`Fault::HugeLength`]
    /// answers so far.
    pub fn body_bytes_sent(&self) -> u64 {
        self.state.lock().map(|s| s.body_bytes_sent).unwrap_or(0)
    }

    /// Canned responses not served yet.
    pub fn unused(&self) -> usize {
        self.state.lock().map(|s| s.responses.len()).unwrap_or(0)
    }
}

fn serve(stream: TcpStream, state: Arc<Mutex<State>>) {
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut writer = stream;
    loop {
        let Some(req) = read_request(&mut reader) else { return };
        let close = req.header("connection").is_some_and(|v| v.eq_ignore_ascii_case("close"));
        let auth = req.header("authorization").unwrap_or("").to_string();
        let canned = {
            let mut st = match state.lock() {
                Ok(s) => s,
                Err(_) => return,
            };
            st.received.push(req);
            st.fixed
                .clone()
                .or_else(|| st.responses.pop_front())
                .unwrap_or_else(|| Canned::json(599, &serde_json::json!({"detail": "no canned response left"})))
        };
        match canned.fault {
            Fault::Drop => return,
            Fault::Delay(d) => thread::sleep(d),
            Fault::Endless | Fault::HugeLength => return stream_forever(&mut writer, &canned, &state),
            _ => {}
        }
        let body = if canned.fault == Fault::EchoAuthorization {
            let detail = format!("Invalid token in header: {auth}. The key {auth} is not valid.");
            serde_json::to_vec(&serde_json::json!({"detail": detail, "authorization": [auth]})).unwrap_or_default()
        } else {
            canned.body.clone().unwrap_or_default()
        };
        let mut head = format!("HTTP/1.1 {} X\r\ncontent-length: {}\r\n", canned.status, body.len());
        if !body.is_empty() {
            head.push_str(&format!("content-type: {}\r\n", canned.content_type));
        }
        for (k, v) in &canned.headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        let sent = if canned.fault == Fault::Truncate { &body[..body.len() / 2] } else { &body[..] };
        let written =
            writer.write_all(head.as_bytes()).and_then(|_| writer.write_all(sent)).and_then(|_| writer.flush());
        if written.is_err() || canned.fault == Fault::Truncate {
            return;
        }
        if close {
            return;
        }
    }
}

/// Writes an endless chunked body, or a body far shorter than its
/// announced 2 GiB, until the client closes the connection.
fn stream_forever(writer: &mut TcpStream, canned: &Canned, state: &Mutex<State>) {
    let chunk = vec![b'x'; 64 * 1024];
    let mut head = format!("HTTP/1.1 {} X\r\ncontent-type: {}\r\n", canned.status, canned.content_type);
    for (k, v) in &canned.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if canned.fault == Fault::HugeLength {
        head.push_str(&format!("content-length: {}\r\n\r\n", 2u64 << 30));
        if writer.write_all(head.as_bytes()).and_then(|_| writer.write_all(&chunk)).is_ok() {
            add_sent(state, chunk.len() as u64);
            // Hold the connection until the client goes away.
            let mut sink = [0u8; 1024];
            let _ = writer.set_read_timeout(Some(std::time::Duration::from_secs(10)));
            let _ = writer.read(&mut sink);
        }
        return;
    }
    head.push_str("transfer-encoding: chunked\r\n\r\n");
    if writer.write_all(head.as_bytes()).is_err() {
        return;
    }
    let mut sent = 0u64;
    while sent < ENDLESS_LIMIT {
        let framed = format!("{:x}\r\n", chunk.len());
        let ok = writer
            .write_all(framed.as_bytes())
            .and_then(|_| writer.write_all(&chunk))
            .and_then(|_| writer.write_all(b"\r\n"));
        if ok.is_err() {
            return;
        }
        sent += chunk.len() as u64;
        add_sent(state, chunk.len() as u64);
    }
}

fn add_sent(state: &Mutex<State>, n: u64) {
    if let Ok(mut st) = state.lock() {
        st.body_bytes_sent += n;
    }
}

fn read_request(reader: &mut BufReader<TcpStream>) -> Option<Received> {
    let mut line = String::new();
    if reader.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let mut parts = line.trim_end().splitn(3, ' ');
    let method = parts.next()?.to_string();
    let target = parts.next()?.to_string();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).ok()? == 0 {
            return None;
        }
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
    }
    let get = |name: &str| headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let mut body = Vec::new();
    if let Some(len) = get("content-length").and_then(|v| v.parse::<usize>().ok()) {
        body.resize(len, 0);
        reader.read_exact(&mut body).ok()?;
    } else if get("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        loop {
            let mut size = String::new();
            reader.read_line(&mut size).ok()?;
            let n = usize::from_str_radix(size.trim().split(';').next()?, 16).ok()?;
            let mut chunk = vec![0; n + 2];
            reader.read_exact(&mut chunk).ok()?;
            if n == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..n]);
        }
    }
    Some(Received { method, target, headers, body })
}
