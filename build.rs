// The default theme and the starter site are embedded in the binary: rebuild when they change.
fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=starter");
}
