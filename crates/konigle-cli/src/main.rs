//! `konigle`: the Konigle command-line tool.

fn main() {
    println!("konigle {}", env!("CARGO_PKG_VERSION"));
}
