//! One integration test binary; modules by feature.

#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)]

mod build;
mod cli;
mod decide;
mod errors;
mod guide;
mod output;
mod stacks;
mod support;
