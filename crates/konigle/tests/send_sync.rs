//! The client is shareable across threads and its futures can be spawned.

use konigle::{Client, Config, ListParams};

fn assert_send<T: Send>(_: &T) {}
fn assert_send_sync<T: Send + Sync + Clone + 'static>() {}

#[test]
fn client_and_records_are_send_sync() {
    assert_send_sync::<Client>();
    assert_send_sync::<konigle::ImageManager>();
    assert_send_sync::<konigle::Record<konigle::models::Image>>();
}

#[tokio::test]
async fn futures_are_send_and_spawnable() {
    let client =
        Client::new(Config::builder("k").base_url("http://127.0.0.1:9").enable_retry(false).build().unwrap()).unwrap();
    let images = client.images();
    let get = images.get("x");
    assert_send(&get);
    drop(get);
    let list = async move { images.list(&ListParams::new()).await };
    assert_send(&list);
    let handle = tokio::spawn(list);
    let result = handle.await.expect("task ran");
    assert!(matches!(result, Err(konigle::Error::Network { .. })), "{result:?}");
}
