//! One integration test binary; modules by feature.

#![allow(clippy::unwrap_used, clippy::expect_used, unreachable_pub)]

mod build;
mod check;
mod cli;
mod decide;
mod errors;
mod escaping;
mod evidence;
mod evidence_pages;
mod fuzz_regressions;
mod guide;
mod input;
mod output;
mod output_folder;
mod print;
mod priorities;
mod routes;
mod schema;
mod search;
mod serve;
mod session;
mod stacks;
mod structure;
mod support;
mod take_away;
mod tools;
