//! The rust-host example: `rust-host` calls app.go's functions and prints
//! what they return; `rust-host bench` prints the figure of docs/host.md.

use rgo_host::Runtime;
use rust_host::{bench, demo, Failure};

fn main() -> Result<(), Failure> {
    let t = std::time::Instant::now();
    let rt = Runtime::start(rgo_host::library!())?;
    let startup = t.elapsed();
    let mut out = std::io::stdout().lock();
    if std::env::args().nth(1).as_deref() == Some("bench") {
        bench(&rt, startup, &mut out)
    } else {
        demo(&rt, &mut out)
    }
}
