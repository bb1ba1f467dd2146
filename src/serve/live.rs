//! The script injected into pages while serving: reload on rebuild, and an overlay listing the
//! problems while the site does not build. Never part of `build` output.

use crate::diagnostics::Diagnostic;

/// The diagnostics as JSON for the overlay.
pub(super) fn errors_json(errors: &[Diagnostic]) -> String {
    let items: Vec<serde_json::Value> = errors
        .iter()
        .map(|d| serde_json::json!({ "location": d.location(), "message": d.message, "help": d.help }))
        .collect();
    serde_json::Value::Array(items).to_string()
}

const SCRIPT: &str = r##"<script id="stackguide-live">(function(){
var me=GENERATION,box=null;
function overlay(list){
  if(!box){box=document.createElement("div");box.id="stackguide-overlay";box.setAttribute("role","alert");
    box.style.cssText="position:fixed;inset:auto 1rem 1rem 1rem;max-height:60vh;overflow:auto;z-index:99999;background:#1b1b1f;color:#f4f4f5;border:2px solid #ef4444;border-radius:10px;padding:1rem 1.25rem;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;box-shadow:0 10px 30px rgba(0,0,0,.4)";
    document.body.appendChild(box);}
  box.textContent="";
  var h=document.createElement("strong");h.textContent="The site does not build ("+list.length+" problem"+(list.length==1?"":"s")+"). Fix and save; this page reloads.";box.appendChild(h);
  list.forEach(function(d){var p=document.createElement("p");p.style.margin=".6rem 0 0";
    var loc=document.createElement("span");loc.style.color="#fca5a5";loc.textContent=d.location+": ";p.appendChild(loc);
    p.appendChild(document.createTextNode(d.message));
    if(d.help){var hl=document.createElement("span");hl.style.cssText="display:block;color:#a5b4fc";hl.textContent="help: "+d.help;p.appendChild(hl);}
    box.appendChild(p);});
}
var es=new EventSource("EVENTS?page="+encodeURIComponent(location.pathname));
es.addEventListener("hello",function(e){if(+e.data!==me)location.reload();});
es.addEventListener("reload",function(){location.reload();});
es.addEventListener("errors",function(e){overlay(JSON.parse(e.data));});
})();</script>"##;

/// `html` with the live-reload script before `</body>`.
pub(super) fn inject(html: &str, generation: u64) -> String {
    let script = SCRIPT.replace("GENERATION", &generation.to_string()).replace("EVENTS", super::EVENTS_PATH);
    match html.rfind("</body>") {
        Some(i) => format!("{}{script}{}", &html[..i], &html[i..]),
        None => format!("{html}{script}"),
    }
}

/// The page served for every address while the site has never built: only the script, which
/// shows the problems and reloads once they are fixed.
pub(super) fn waiting_page(generation: u64) -> String {
    let html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>The site does not build</title></head><body></body></html>";
    inject(html, generation)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_end_of_body_and_errors_are_json() {
        let html = inject("<html><body><p>x</p></body></html>", 7);
        assert!(html.contains("var me=7,"));
        assert!(html.ends_with("</script></body></html>"));
        let d = Diagnostic::error("content/a.md", "bad <b>").with_help("fix it");
        let v: serde_json::Value = serde_json::from_str(&errors_json(&[d])).unwrap();
        assert_eq!(v[0]["location"], "content/a.md");
        assert_eq!(v[0]["message"], "bad <b>");
    }
}
