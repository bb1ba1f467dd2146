//! The build script. The default theme and the starter site are embedded in the binary, so
//! it runs again when they change; and it writes the grammars with their Unicode classes
//! narrowed to ASCII (see src/markdown/narrow.rs), which `markdown::highlight` loads for code
//! that is all ASCII.

#[path = "src/markdown/narrow.rs"]
mod narrow;

use std::error::Error;
use std::path::PathBuf;

use syntect::parsing::syntax_definition::Pattern;
use syntect::parsing::{Regex, SyntaxSetBuilder};

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=starter");
    println!("cargo:rerun-if-changed=src/markdown/narrow.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    let mut narrowed = SyntaxSetBuilder::new();
    for syntax in two_face::syntax::extra_newlines().into_builder().syntaxes() {
        let mut syntax = syntax.clone();
        for context in syntax.contexts.values_mut() {
            for pattern in &mut context.patterns {
                let Pattern::Match(m) = pattern else { continue };
                let narrow = narrow::narrow(m.regex.regex_str());
                // A pattern Oniguruma would refuse narrowed is kept as it was.
                if narrow != m.regex.regex_str() && Regex::try_compile(&narrow).is_none() {
                    m.regex = Regex::new(narrow);
                }
            }
        }
        narrowed.add(syntax);
    }
    syntect::dumps::dump_to_uncompressed_file(&narrowed.build(), out.join("syntaxes-ascii.bin"))?;
    Ok(())
}
