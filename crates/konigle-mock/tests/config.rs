//! `MockServer::config` points every service of a client at the server.

use konigle_mock::MockServer;

#[test]
fn config_points_every_base_url_at_the_server() {
    let server = MockServer::builder().api_key("sk-test-1").start_blocking().expect("server");
    let config = server.config();
    assert_eq!(config.base_url(), server.base_url());
    assert_eq!(config.forms_base_url(), server.base_url());
    assert_eq!(config.api_key().expose(), "sk-test-1");
    let tuned = server.config_builder().timeout(std::time::Duration::from_secs(2)).build().expect("valid");
    assert_eq!((tuned.base_url(), tuned.timeout()), (server.base_url(), std::time::Duration::from_secs(2)));
}
