//! Reliability of the one transport path, on both facades: retries with
//! backoff and `Retry-After`, no duplicate POSTs, timeouts, `iter_all`
//! across faults, and malformed answers that must become typed errors.

// The scenarios are compiled once per client on purpose: that is how one
// source is checked against both facades.
#![allow(clippy::duplicate_mod)]

mod blocking;
mod nonblocking;

use std::time::Duration;

use konigle_core::{Config, RetryConfig};

/// A config with fast retries, pointed at `base`.
pub fn config(base: &str, retries: u32) -> Config {
    Config::builder("test-key")
        .base_url(base)
        .retry(
            RetryConfig::standard()
                .with_max_retries(retries)
                .with_backoff(Duration::from_millis(5))
                .with_max_backoff(Duration::from_millis(50))
                .with_max_retry_after(Duration::from_secs(5)),
        )
        .timeout(Duration::from_millis(400))
        .build()
        .expect("config")
}

konigle_suite::both_facades!(
    retry_after_429_then_success,
    server_errors_twice_then_success,
    retries_exhausted_reports_attempts,
    disabled_retries_send_once,
    post_not_repeated_after_dropped_connection,
    get_retried_after_dropped_connection,
    timeout_fires_within_bound,
    iter_all_across_faults_yields_each_item_once,
    malformed_answers_are_typed_errors,
    retry_after_too_long_is_not_waited,
    per_call_timeout_overrides_the_client,
    file_upload_is_resent_whole_after_429,
    mock_post_that_landed_is_not_duplicated,
    mock_rate_limits_and_outages_are_ridden_out,
    mock_timeout_fires_within_bound,
    mock_iter_all_across_faults_yields_each_once,
    endless_chunked_body_stops_at_the_limit,
    huge_content_length_fails_before_reading,
    redirected_post_is_an_error_not_a_get,
    redirect_never_forwards_a_body_to_another_origin,
    echoed_key_is_scrubbed_from_errors,
    api_errors_carry_the_request_id_and_headers,
    retry_after_is_honoured_on_503,
    overflowing_retry_after_ends_the_retries,
    operation_timeout_ends_the_call_mid_backoff,
    network_errors_keep_their_cause,
    iter_all_survives_inserts_and_deletes,
    iter_all_against_a_server_ignoring_the_page_ends_with_an_error,
    credential_bodies_are_never_quoted,
    post_is_retried_after_a_connect_timeout,
    early_413_during_an_upload_is_reported,
);

/// A loopback address where connecting times out: a listener with a
/// backlog of 0 that never accepts, its queue filled by held connections.
/// Keep the returned value alive while using the address.
pub fn unreachable_base() -> Option<(socket2::Socket, Vec<std::net::TcpStream>, String)> {
    use socket2::{Domain, Socket, Type};
    let socket = Socket::new(Domain::IPV4, Type::STREAM, None).ok()?;
    socket.bind(&std::net::SocketAddr::from(([127, 0, 0, 1], 0)).into()).ok()?;
    socket.listen(0).ok()?;
    let addr = socket.local_addr().ok()?.as_socket()?;
    let mut held = vec![];
    for _ in 0..64 {
        match std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(200)) {
            Ok(s) => held.push(s),
            Err(_) => return Some((socket, held, format!("http://{addr}"))),
        }
    }
    None
}

/// `max_connections` bounds the requests in flight of one shared client.
mod max_connections {
    use std::time::{Duration, Instant};

    use konigle_suite::recorder::{Canned, Fault, Recorder};
    use serde_json::json;

    fn slow_server() -> Recorder {
        let image = json!({"id": "a", "name": "a", "mime_type": "image/png",
            "created_at": "2024-03-01T10:00:00Z", "updated_at": "2024-03-01T10:00:00Z"});
        Recorder::fixed(Canned::json(200, &image).fault(Fault::Delay(Duration::from_millis(150))))
    }

    fn config(base: &str) -> konigle_core::Config {
        konigle_core::Config::builder("k").base_url(base).max_connections(2).keepalive_connections(2).build().unwrap()
    }

    #[test]
    fn blocking_threads_wait_their_turn() {
        let server = slow_server();
        let client = konigle_blocking::Client::new(config(&server.base_url)).unwrap();
        let started = Instant::now();
        std::thread::scope(|s| {
            for _ in 0..6 {
                let c = client.clone();
                s.spawn(move || c.images().get("a").expect("ok"));
            }
        });
        // 6 requests of 150 ms, 2 at a time: at least 3 rounds.
        assert!(started.elapsed() >= Duration::from_millis(440), "{:?}", started.elapsed());
        assert_eq!(server.received().len(), 6);
    }

    #[test]
    fn async_tasks_wait_their_turn() {
        let server = slow_server();
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let client = konigle::Client::new(config(&server.base_url)).unwrap();
        let started = Instant::now();
        rt.block_on(async {
            let tasks: Vec<_> = (0..6)
                .map(|_| {
                    let c = client.clone();
                    tokio::spawn(async move { c.images().get("a").await })
                })
                .collect();
            for t in tasks {
                t.await.expect("joined").expect("ok");
            }
        });
        assert!(started.elapsed() >= Duration::from_millis(440), "{:?}", started.elapsed());
        assert_eq!(server.received().len(), 6);
    }
}

/// A server that answers `413 Payload Too Large` as soon as it has read a
/// request's head, before the body, then drains what the client still
/// sends and closes. Returns its base URL.
pub fn early_413_server() -> String {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    std::thread::spawn(move || {
        // One connection per attempt; the tests make a handful at most.
        for stream in listener.incoming().take(8) {
            let Ok(mut stream) = stream else { return };
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut line = String::new();
            while reader.read_line(&mut line).map(|n| n > 0).unwrap_or(false) {
                if line == "\r\n" {
                    break;
                }
                line.clear();
            }
            let body = br#"{"detail": "File too large."}"#;
            let head = format!(
                "HTTP/1.1 413 Payload Too Large\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body);
            let _ = stream.flush();
            // Drain the body for a while so the client sees the answer, not a reset.
            let mut sink = [0u8; 64 * 1024];
            let started = std::time::Instant::now();
            while started.elapsed() < Duration::from_secs(3) {
                match reader.read(&mut sink) {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {}
                }
            }
        }
    });
    base
}
