//! The README's first command, `cargo run --example quickstart`, as a test:
//! the whole walk against the built-in mock server must finish with success.

#[path = "../examples/quickstart.rs"]
mod quickstart;

#[test]
fn quickstart_walk_succeeds_offline() {
    let code = quickstart::main();
    assert_eq!(format!("{code:?}"), format!("{:?}", std::process::ExitCode::SUCCESS));
}
