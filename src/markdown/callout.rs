//! GitHub's alerts (`> [!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]`, `[!CAUTION]`) as
//! callouts: an `<aside role="note">` whose kind is a visible word, with an icon that screen
//! readers skip and a class per kind that the theme colours. Colour never carries the meaning.

use pulldown_cmark::BlockQuoteKind;

/// The HTML that opens a callout of `kind`, its title included.
pub(super) fn open(kind: BlockQuoteKind) -> String {
    let (name, title, icon) = match kind {
        BlockQuoteKind::Note => ("note", "Note", NOTE),
        BlockQuoteKind::Tip => ("tip", "Tip", TIP),
        BlockQuoteKind::Important => ("important", "Important", IMPORTANT),
        BlockQuoteKind::Warning => ("warning", "Warning", WARNING),
        BlockQuoteKind::Caution => ("caution", "Caution", CAUTION),
    };
    format!(
        "<aside class=\"callout callout-{name}\" role=\"note\">\n<p class=\"callout-title\">\
         <svg class=\"callout-icon\" aria-hidden=\"true\" viewBox=\"0 0 16 16\" width=\"16\" height=\"16\" \
         fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\" stroke-linecap=\"round\" \
         stroke-linejoin=\"round\">{icon}</svg>{title}</p>\n"
    )
}

/// The HTML that closes a callout.
pub(super) const CLOSE: &str = "</aside>\n";

/// A circle with an "i".
const NOTE: &str = "<circle cx=\"8\" cy=\"8\" r=\"6.5\"/><path d=\"M8 7.2v4M8 4.7v.1\"/>";
/// A light bulb.
const TIP: &str = "<path d=\"M5.8 10.6a4.5 4.5 0 1 1 4.4 0V12H5.8z\"/><path d=\"M6.3 14.5h3.4\"/>";
/// A speech bubble with "!".
const IMPORTANT: &str = "<path d=\"M2 2.5h12v8.5H8l-3 2.8V11H2z\"/><path d=\"M8 4.8v3M8 9.6v.1\"/>";
/// A triangle with "!".
const WARNING: &str = "<path d=\"M8 1.8l6.7 12H1.3z\"/><path d=\"M8 6.2v3.6M8 11.8v.1\"/>";
/// An octagon with "!".
const CAUTION: &str =
    "<path d=\"M5.2 1.5h5.6l3.7 3.7v5.6l-3.7 3.7H5.2l-3.7-3.7V5.2z\"/><path d=\"M8 4.8v3.6M8 10.9v.1\"/>";
