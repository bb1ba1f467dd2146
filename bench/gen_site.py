#!/usr/bin/env python3
"""Generate a synthetic site for benchmarking stackguide against Zola and Hugo.

    python3 bench/gen_site.py --pages 1000 --out bench/.work/site-1000

writes

    OUT/content/   a stackguide site: site.yaml, home and section pages, N chapters,
                   criteria, project types, 6 stack profiles (`--stacks N` for more,
                   each compared with every other) and 2 flowcharts
    OUT/hugo/      a Hugo site with the same chapters (same Markdown body, Hugo front matter),
                   highlighting on, and minimal layouts that render the same kind of page as
                   stackguide's default theme: a sidebar tree of every section and chapter, a
                   table of contents, breadcrumbs and previous/next links
    OUT/zola/      a Zola site with the same chapters (same Markdown body, with relative `.md`
                   links written as Zola's `@/` links, TOML front matter), highlighting into CSS
                   classes, and templates that render the same page as the Hugo layouts
    OUT/corpus.json  what the chapters hold: chapters, code blocks and code lines (the report
                   divides each tool's highlighted `<pre>` bytes by the code lines)

Each chapter has about 700 words: ## and ### headings, a bulleted and a numbered list, a table,
a Python and a Go code block, links to other chapters (relative .md paths, some with an anchor
to a heading that exists there) and a link to a heading of its own. Only the standard library
is used and the random generator is seeded, so the same arguments give byte-identical output.
"""

import argparse
import datetime
import json
import posixpath
import random
import re
import shutil
import sys
from pathlib import Path

# Plain lowercase words, so that a heading's id is the same in stackguide (`slugify`), in
# Hugo's GitHub-style ids and in Zola's slugs: words lowercased and joined by `-`.
WORDS = """
access account adapter api application architecture audit backend backup balance batch
boundary branch broker budget buffer build bundle cache capacity certificate change channel
check client cloud cluster code column commit component compute concurrency config connection
consistency container contract controller cost coverage cron data database deadline
deployment design developer domain driver edge endpoint engine error event failover feature
field file filter flag format framework function gateway graph handler hash header health
index input instance integration interface job journal key latency layer library limit load
lock log logic market memory message method metric migration model module monitor network
node object operator option order owner package page partition patch payload pipeline plan
platform policy pool port process profile protocol provider proxy query queue quota rate
record region release replica report request resource response retry review risk role
rollout route runtime schema scope script secret server service session shard signal
snapshot socket source stage state storage stream subscriber support system table task team
template tenant test thread throughput ticket timeout token tool trace traffic transaction
trigger upgrade usage user value vendor version volume webhook worker workflow workload zone
""".split()

ADJECTIVES = """
reliable simple fast careful small large stable modern shared private public internal
external remote local typical common rare early late manual automatic explicit implicit
durable cheap costly safe strict loose clear hidden visible
""".split()

VERBS = """
keeps moves reads writes checks sends stores builds serves splits merges limits tracks
routes handles scales caches replaces measures protects exposes balances retries validates
""".split()

SECTION_TOPICS = [
    "Foundations", "Data storage", "Interfaces", "Operations", "Security", "Performance",
    "Testing", "Delivery", "Architecture", "Teams", "Costs", "Reliability", "Observability",
    "Integration", "Migration", "Compliance", "Scaling", "Tooling", "Maintenance", "Decisions",
]


def words(rng, n):
    return [rng.choice(WORDS) for _ in range(n)]


def sentence(rng, lo=8, hi=18, plain=False):
    """One sentence of lo..hi words, with the odd adjective, verb, inline code or emphasis
    (no Markdown when plain: descriptions and YAML texts are shown as they are)."""
    n = rng.randint(lo, hi)
    out = []
    while len(out) < n:
        r = rng.random() * (0.22 if plain else 1.0)
        if r < 0.12:
            out.append(rng.choice(ADJECTIVES))
        elif r < 0.22:
            out.append(rng.choice(VERBS))
        elif r < 0.25:
            out.append("`%s_%s`" % (rng.choice(WORDS), rng.choice(WORDS)))
        elif r < 0.28:
            out.append("**%s %s**" % (rng.choice(ADJECTIVES), rng.choice(WORDS)))
        elif r < 0.30:
            out.append("*%s*" % rng.choice(WORDS))
        else:
            out.append(rng.choice(WORDS))
    text = " ".join(out)
    return text[0].upper() + text[1:] + rng.choice([".", ".", ".", "?"])


def paragraph(rng, n_words):
    """Sentences until about n_words words."""
    parts, count = [], 0
    while count < n_words:
        s = sentence(rng)
        parts.append(s)
        count += len(s.split())
    return " ".join(parts)


def heading_text(rng, used):
    """2-4 plain words, capitalised, unique within the chapter (so ids need no suffix)."""
    while True:
        text = " ".join([rng.choice(ADJECTIVES)] + words(rng, rng.randint(1, 3)))
        text = text[0].upper() + text[1:]
        slug = slug_of(text)
        if slug not in used:
            used.add(slug)
            return text


def slug_of(text):
    # The headings are plain words, so this matches stackguide's slugify and Hugo's and Zola's ids.
    return "-".join(text.lower().split())


def python_block(rng):
    """A Python function of 8-15 lines."""
    name = "_".join(words(rng, 2))
    arg = rng.choice(WORDS)
    lines = [f"def {name}({arg}s, limit={rng.randint(2, 99)}):",
             f'    """Return the {rng.choice(ADJECTIVES)} {arg}s, at most limit of them."""',
             "    result = []",
             f"    for {arg} in {arg}s:"]
    budget = rng.randint(2, 9)  # lines of loop body before the append
    while budget > 0:
        k = rng.choice(WORDS)
        if budget >= 2 and rng.random() < 0.4:
            lines += [f'        if {arg}.get("{k}") is None:', "            continue"]
            budget -= 2
        else:
            lines.append(rng.choice([f'        {arg}["{k}"] = {arg}.get("{k}", 0) + {rng.randint(1, 9)}',
                                     f'        print("{k}", {arg})']))
            budget -= 1
    lines += [f"        result.append({arg})", "    return result[:limit]"]
    return lines


def go_block(rng):
    """A Go function of 12-15 lines."""
    name = "".join(w.capitalize() for w in words(rng, 2))
    field = rng.choice(WORDS).capitalize()
    lines = ["package main", 'import "fmt"', "",
             f"// {name} counts the {rng.choice(ADJECTIVES)} items.",
             f"func {name}(items []string) int {{",
             "\tcount := 0",
             "\tfor _, item := range items {"]
    for _ in range(rng.randint(0, 3)):
        lines.append(f'\t\tif item == "{rng.choice(WORDS)}" {{ continue }}')
    lines += ["\t\tcount++", "\t}", f'\tfmt.Println("{field}", count)', "\treturn count", "}"]
    return lines


def table(rng):
    cols = [w.capitalize() for w in rng.sample(WORDS, 4)]
    rows = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for _ in range(rng.randint(3, 5)):
        cells = [rng.choice(WORDS), rng.choice(ADJECTIVES), str(rng.randint(1, 500)),
                 " ".join(words(rng, 2))]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def rel_link(src, dst):
    """The relative path from chapter src to file dst, both (section, filename)."""
    return dst[1] if src[0] == dst[0] else f"../{dst[0]}/{dst[1]}"


class Chapter:
    def __init__(self, number, section, weight, rng):
        self.number = number
        self.section = section  # "section-03"
        self.file = f"chapter-{number:04d}.md"
        self.weight = weight
        self.title = f"Chapter {number}: " + " ".join(w.capitalize() for w in words(rng, 3))
        self.description = sentence(rng, 10, 16, plain=True)
        day = datetime.date(2025, 1, 1) + datetime.timedelta(days=rng.randint(0, 600))
        self.updated = day.isoformat()
        # Headings are planned before any body is written, so links can target them.
        used = set()
        self.outline = []  # [(h2, [h3, ...]), ...]
        for _ in range(5):
            h2 = heading_text(rng, used)
            self.outline.append((h2, [heading_text(rng, used) for _ in range(rng.randint(0, 2))]))
        self.anchors = [slug_of(h) for h2, subs in self.outline for h in [h2] + subs]


def chapter_body(ch, chapters, rng):
    """The Markdown body, the same in the stackguide and the Hugo site."""
    me = (ch.section, ch.file)

    def other():
        # Any chapter but this one (the next one instead); itself only in a one-chapter site.
        o = chapters[rng.randrange(len(chapters))]
        return chapters[ch.number % len(chapters)] if o is ch else o

    def link_to_other():
        o = other()
        target = rel_link(me, (o.section, o.file))
        if rng.random() < 0.5:
            target += "#" + rng.choice(o.anchors)
        return f"[{o.title.split(': ', 1)[1].lower()}]({target})"

    blocks = [paragraph(rng, 50) + f" See also {link_to_other()}."]
    h2_count = len(ch.outline)
    for i, (h2, subs) in enumerate(ch.outline):
        blocks.append(f"## {h2}")
        blocks.append(paragraph(rng, 40))
        if i == 0:
            blocks.append("\n".join(f"- {sentence(rng, 5, 10)}" for _ in range(rng.randint(4, 6))))
        if i == 1:
            blocks.append("```python\n" + "\n".join(python_block(rng)) + "\n```")
        if i == 2:
            blocks.append(table(rng))
            blocks.append(f"Compare this with {link_to_other()} and {link_to_other()}.")
        if i == 3:
            blocks.append("```go\n" + "\n".join(go_block(rng)) + "\n```")
        if i == h2_count - 1:
            blocks.append("\n".join(f"{n}. {sentence(rng, 5, 10)}" for n in range(1, rng.randint(4, 6))))
            back = rng.choice(ch.anchors[:-1] or ch.anchors)
            rest = paragraph(rng, 20)
            blocks.append(f"As noted in [the earlier part](#{back}), {rest[0].lower()}{rest[1:]}")
        for h3 in subs:
            blocks.append(f"### {h3}")
            blocks.append(paragraph(rng, 36))
    return "\n\n".join(blocks) + "\n"


def prose_words(body):
    """Words outside fenced code blocks."""
    count, fenced = 0, False
    for line in body.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced:
            count += len(line.split())
    return count


def yaml_str(s):
    # JSON strings of ASCII text are valid double-quoted YAML scalars.
    return json.dumps(s)


# Folders not written (--stackguide-only leaves out the Hugo and Zola copies).
SKIPPED = set()


def write(path, text):
    if SKIPPED and any(folder in path.parents for folder in SKIPPED):
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# --- stackguide data files -----------------------------------------------------------------

CRITERIA = [
    ("hiring", "Hiring availability", ["scarce", "limited", "good", "abundant"]),
    ("performance", "Raw performance", ["modest", "solid", "high", "top"]),
    ("learning-curve", "Learning curve", ["steep", "moderate", "gentle", "easy"]),
    ("ecosystem", "Ecosystem", ["thin", "adequate", "rich", "vast"]),
]
PROJECT_TYPES = [
    ("mvp", "MVP and early experiments"),
    ("api-first", "API-first products"),
    ("high-load", "High-load platforms"),
]
STACKS = [
    ("go-web", "Go web service", "Go", "go"),
    ("python-web", "Python web service", "Python", "python"),
    ("rust-web", "Rust web service", "Rust", "rust"),
    ("node-web", "Node.js web service", "JavaScript", "js"),
    ("java-web", "Java web service", "Java", "java"),
    ("ruby-web", "Ruby web service", "Ruby", "rb"),
]
EXAMPLES = {
    "go": "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hello\")\n}\n",
    "python": "def main():\n    print(\"hello\")\n\nmain()\n",
    "rust": "fn main() {\n    println!(\"hello\");\n}\n",
    "js": "function main() {\n  console.log(\"hello\");\n}\nmain();\n",
    "java": "class Main {\n  public static void main(String[] args) {\n    System.out.println(\"hello\");\n  }\n}\n",
    "rb": "def main\n  puts \"hello\"\nend\nmain\n",
}


def indent(text, n):
    return "".join(" " * n + line + "\n" if line else "\n" for line in text.splitlines())


# Every stack profile needs a review date; a fixed one keeps the output the same from day to day
# (after `review_after` days `check` warns that it is stale, which does not stop a build).
REVIEWED = "2026-11-01"


def stack_list(n):
    """The first n stacks: the six above, then numbered variants of them (a large comparison site)."""
    out = list(STACKS[:n])
    for i in range(len(out), n):
        sid, name, language, token = STACKS[i % len(STACKS)]
        out.append((f"{sid}-{i + 1}", f"{name} {i + 1}", language, token))
    return out


def write_data(content, rng, n_stacks=len(STACKS)):
    crit = []
    for cid, name, scale in CRITERIA:
        levels = "\n".join(f"    - {{ id: {l}, label: {l.capitalize()} }}" for l in scale)
        crit.append(f"- id: {cid}\n  name: {name}\n  description: {yaml_str(sentence(rng, plain=True))}\n"
                    f"  scale:\n{levels}\n")
    write(content / "criteria.yaml", "\n".join(crit))
    write(content / "project-types.yaml", "\n".join(
        f"- id: {pid}\n  name: {name}\n  description: {yaml_str(sentence(rng, plain=True))}\n"
        for pid, name in PROJECT_TYPES))
    for sid, name, language, token in stack_list(n_stacks):
        ratings = "\n".join(
            f"  {cid}: {{ level: {rng.choice(scale)}, reason: {yaml_str(sentence(rng, 6, 12, plain=True))},"
            f" sources: [{{ title: {yaml_str(name + ' on ' + cid)}, url: \"https://example.org/{sid}/{cid}/\" }}] }}"
            for cid, _, scale in CRITERIA)
        fit = "\n".join(
            f"  {pid}: {{ fit: {rng.choice(['good', 'ok', 'poor'])}, note: {yaml_str(sentence(rng, 5, 9, plain=True))} }}"
            for pid, _ in PROJECT_TYPES)
        items = lambda n: "\n".join(f"  - {yaml_str(sentence(rng, 4, 8, plain=True))}" for _ in range(n))
        write(content / "stacks" / f"{sid}.yaml", f"""name: {yaml_str(name)}
language: {language}
runtime: {yaml_str(language + " runtime")}
frameworks: [{", ".join(w.capitalize() for w in words(rng, 2))}]
summary: {yaml_str(sentence(rng, plain=True))}
best_for:
{items(3)}
reviewed: {REVIEWED}
ratings:
{ratings}
fit:
{fit}
pros:
{items(3)}
cons:
{items(3)}
users: [Example Corp, Sample Ltd]
example:
  language: {token}
  code: |
{indent(EXAMPLES[token], 4)}links:
  - {{ title: {yaml_str(name + " documentation")}, url: "https://example.org/{sid}/" }}
""")
    ids = [s[0] for s in STACKS]
    # Two flowcharts: one question tree two levels deep, one single question.
    write(content / "decisions" / "which-stack.yaml", f"""title: Which stack fits?
description: {yaml_str(sentence(rng, plain=True))}
start: team
nodes:
  team:
    question: What does your team know best?
    help: {yaml_str(sentence(rng, 5, 9, plain=True))}
    answers:
      - {{ label: Compiled languages, next: speed }}
      - {{ label: Scripting languages, next: script }}
  speed:
    question: How much does raw speed matter?
    answers:
      - {{ label: A lot, next: fast }}
      - {{ label: Somewhat, next: jvm }}
  script:
    question: Which runtime do you already run?
    answers:
      - {{ label: Python, next: py }}
      - {{ label: Node.js or Ruby, next: dyn }}
  fast:
    result: Go or Rust
    recommend: [{ids[0]}, {ids[2]}]
    note: {yaml_str(sentence(rng, plain=True))}
  jvm:
    result: Java
    recommend: [{ids[4]}]
    note: {yaml_str(sentence(rng, plain=True))}
  py:
    result: Python
    recommend: [{ids[1]}]
    note: {yaml_str(sentence(rng, plain=True))}
  dyn:
    result: Node.js or Ruby
    recommend: [{ids[3]}, {ids[5]}]
    note: {yaml_str(sentence(rng, plain=True))}
""")
    write(content / "decisions" / "hosting.yaml", f"""title: Where to host it?
description: {yaml_str(sentence(rng, plain=True))}
start: ops
nodes:
  ops:
    question: Do you have people to run servers?
    answers:
      - {{ label: "Yes", next: own }}
      - {{ label: "No", next: managed }}
  own:
    result: Your own servers
    recommend: [{ids[0]}, {ids[4]}]
    note: {yaml_str(sentence(rng, plain=True))}
  managed:
    result: A managed platform
    recommend: [{ids[1]}, {ids[3]}]
    note: {yaml_str(sentence(rng, plain=True))}
""")


# --- Hugo layouts --------------------------------------------------------------------------

HUGO_TOML = """baseURL = "https://example.org/"
locale = "en"
title = "Synthetic benchmark guide"
# No feeds: neither stackguide nor the Zola site writes any (RSS was half of Hugo's render time).
disableKinds = ["taxonomy", "term", "rss"]

[markup]
  [markup.highlight]
    # Highlighting on, into CSS classes, as stackguide does.
    codeFences = true
    noClasses = false
    guessSyntax = false
  [markup.goldmark.parser]
    autoHeadingID = true
    autoHeadingIDType = "github"
  [markup.tableOfContents]
    startLevel = 2
    endLevel = 3
"""

# The same page furniture as stackguide's default theme: a sidebar of every section with the
# current section's chapters listed and the current page marked (aria-current) -- on sites over
# 150 pages stackguide expands only the current branch -- breadcrumbs, a table of contents and
# previous/next links. As a Hugo theme for a large site would, each section's sidebar is
# rendered once (partialCached per section) and each page only marks itself in it, so the HTML
# written has the same shape and size as stackguide's.
BASEOF = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ site.Title }}</title>
<meta name="description" content="{{ .Description }}">
<link rel="canonical" href="{{ .Permalink }}">
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a></header>
<div class="layout">
{{- $tree := partialCached "sidebar.html" . .CurrentSection.RelPermalink }}
{{ replace $tree (printf `href="%s">` .RelPermalink) (printf `href="%s" aria-current="page">` .RelPermalink) | safeHTML }}
<main id="main">
{{ block "main" . }}{{ end }}
</main>
</div>
</body>
</html>
"""

SIDEBAR = """{{- $current := .CurrentSection -}}
<nav class="sidebar" aria-label="Chapters"><ul>
{{- range site.Home.Sections }}
<li class="section"><a href="{{ .RelPermalink }}">{{ .Title }}</a>
<ul>
{{- range .Sections }}
<li class="section"><a href="{{ .RelPermalink }}">{{ .Title }}</a>
{{- if eq . $current }}
<ul>
{{- range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{- end }}
</ul>
{{- end }}</li>
{{- end }}
</ul></li>
{{- end }}
</ul></nav>
"""

# Hugo's PrevInSection is the page after this one in the section's (weight) order, so the
# pager's "prev" link takes NextInSection.
SINGLE = """{{ define "main" }}
<article class="chapter">
<nav class="breadcrumbs"><ol>{{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol></nav>
<h1>{{ .Title }}</h1>
<p class="lead">{{ .Description }}</p>
{{ with .Lastmod }}<p class="meta">Updated <time>{{ .Format "2006-01-02" }}</time></p>{{ end }}
<nav class="toc">{{ .TableOfContents }}</nav>
<div class="prose">{{ .Content }}</div>
<nav class="pager">
{{ with .NextInSection }}<a href="{{ .RelPermalink }}" rel="prev">{{ .Title }}</a>{{ end }}
{{ with .PrevInSection }}<a href="{{ .RelPermalink }}" rel="next">{{ .Title }}</a>{{ end }}
</nav>
</article>
{{ end }}
"""

LIST = """{{ define "main" }}
<article class="section-page">
<h1>{{ .Title }}</h1>
<p class="lead">{{ .Description }}</p>
<div class="prose">{{ .Content }}</div>
<ul class="card-list">
{{ range .Pages }}<li class="card"><a href="{{ .RelPermalink }}">{{ .Title }}</a><p>{{ .Description }}</p></li>
{{ end }}</ul>
</article>
{{ end }}
"""

# Resolves relative `.md` links (as stackguide does) so Hugo's output links work too.
RENDER_LINK = """{{- $u := urls.Parse .Destination -}}
{{- $href := .Destination -}}
{{- if and (not $u.IsAbs) (strings.HasSuffix $u.Path ".md") -}}
  {{- $p := site.GetPage (path.Join .Page.File.Dir $u.Path) -}}
  {{- with $p }}{{ $href = .RelPermalink }}{{ else }}{{ errorf "broken link %s in %s" $.Destination $.Page.File.Path }}{{ end -}}
  {{- with $u.Fragment }}{{ $href = printf "%s#%s" $href . }}{{ end -}}
{{- end -}}
<a href="{{ $href }}">{{ .Text | safeHTML }}</a>
{{- /**/ -}}
"""


# --- Zola templates ------------------------------------------------------------------------

ZOLA_TOML = """base_url = "https://example.org/"
title = "Synthetic benchmark guide"
default_language = "en"
generate_feeds = false
build_search_index = false

[markdown.highlighting]
# Highlighting on, into CSS classes (Zola writes giallo.css), as stackguide and Hugo do.
style = "class"
theme = "github-light"
error_on_missing_language = true
"""

# The same page as the Hugo layouts (see BASEOF), in Tera. Zola has no partialCached, and a
# section's pages can only be listed with get_section, which serialises every page of the
# section with its whole content -- on each page, 500 x 500 pages at 10,000 chapters. So the
# generator writes the sidebar's data (the sections, and each section's chapters in weight
# order) to data/, and the template reads it with load_data, which Zola caches: the sidebar
# costs Zola no more lookups than partialCached costs Hugo, and its HTML is the same. The page's
# own path is read once into `here`: testing `page is defined` inside the loop made Zola 4x
# slower at 10,000 chapters (Tera 1's `is defined` copies the value it tests, content and all;
# so the page/section test is on `page.path` too).
ZOLA_BASE = """{% if page.path is defined %}{% set item = "page" %}{% set current = page.ancestors | last %}{% set here = page.path %}
{%- else %}{% set item = "section" %}{% set current = section.relative_path %}{% set here = "" %}{% endif -%}
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{%- if item == "page" %}
<title>{{ page.title }} · {{ config.title }}</title>
<meta name="description" content="{{ page.description }}">
<link rel="canonical" href="{{ page.permalink | safe }}">
{%- else %}
<title>{{ section.title }} · {{ config.title }}</title>
<meta name="description" content="{{ section.description }}">
<link rel="canonical" href="{{ section.permalink | safe }}">
{%- endif %}
<link rel="stylesheet" href="/style.css">
</head>
<body>
<header><a href="/">{{ config.title }}</a></header>
<div class="layout">
<nav class="sidebar" aria-label="Chapters"><ul>
{%- for top in load_data(path="data/sidebar/sections.json") %}
<li class="section"><a href="{{ top.path | safe }}">{{ top.title }}</a>
<ul>
{%- for sub in top.sections %}
<li class="section"><a href="{{ sub.path | safe }}">{{ sub.title }}</a>
{%- if sub.file == current %}
<ul>
{%- for p in load_data(path="data/sidebar/" ~ sub.id ~ ".json") %}
<li><a href="{{ p.path | safe }}"{% if p.path == here %} aria-current="page"{% endif %}>{{ p.title }}</a></li>
{%- endfor %}
</ul>
{%- endif %}</li>
{%- endfor %}
</ul></li>
{%- endfor %}
</ul></nav>
<main id="main">
{% block main %}{% endblock %}
</main>
</div>
</body>
</html>
"""

ZOLA_PAGE = """{% extends "base.html" %}
{% block main %}
<article class="chapter">
<nav class="breadcrumbs"><ol>{% for a in page.ancestors %}{% set s = get_section(path=a, metadata_only=true) %}<li><a href="{{ s.path | safe }}">{{ s.title }}</a></li>{% endfor %}</ol></nav>
<h1>{{ page.title }}</h1>
<p class="lead">{{ page.description }}</p>
{% if page.date %}<p class="meta">Updated <time>{{ page.date }}</time></p>{% endif %}
<nav class="toc"><nav id="TableOfContents">
<ul>
{%- for h in page.toc %}
<li><a href="#{{ h.id }}">{{ h.title }}</a>
{%- if h.children %}
<ul>
{%- for c in h.children %}
<li><a href="#{{ c.id }}">{{ c.title }}</a></li>
{%- endfor %}
</ul>
{%- endif %}
</li>
{%- endfor %}
</ul>
</nav></nav>
<div class="prose">{{ page.content | safe }}</div>
<nav class="pager">
{% if page.lower %}<a href="{{ page.lower.path | safe }}" rel="prev">{{ page.lower.title }}</a>{% endif %}
{% if page.higher %}<a href="{{ page.higher.path | safe }}" rel="next">{{ page.higher.title }}</a>{% endif %}
</nav>
</article>
{% endblock %}
"""

ZOLA_SECTION = """{% extends "base.html" %}
{% block main %}
<article class="section-page">
<h1>{{ section.title }}</h1>
<p class="lead">{{ section.description }}</p>
<div class="prose">{{ section.content | safe }}</div>
<ul class="card-list">
{% for p in section.pages %}<li class="card"><a href="{{ p.path | safe }}">{{ p.title }}</a><p>{{ p.description }}</p></li>
{% endfor %}
{%- for s in section.subsections %}{% set sub = get_section(path=s, metadata_only=true) %}<li class="card"><a href="{{ sub.path | safe }}">{{ sub.title }}</a><p>{{ sub.description }}</p></li>
{% endfor %}</ul>
</article>
{% endblock %}
"""

MD_LINK = re.compile(r"\]\(([^)#\s:]+\.md)(#[^)\s]*)?\)")


def zola_links(markdown, folder):
    """Relative `.md` links (resolved from `folder`, relative to content/) as Zola's `@/` links."""
    def repl(m):
        target = posixpath.normpath(posixpath.join(folder, m.group(1)))
        return f"](@/{target}{m.group(2) or ''})"
    return MD_LINK.sub(repl, markdown)


def zola_front(title, description, weight=None, extra=""):
    lines = [f"title = {json.dumps(title)}", f"description = {json.dumps(description)}"]
    if weight is not None:
        lines.append(f"weight = {weight}")
    return "+++\n" + "\n".join(lines) + ("\n" + extra if extra else "") + "\n+++\n\n"


def write_zola_templates(zola, sections, section_titles, chapters):
    """config.toml, templates, style and the sidebar data (see ZOLA_BASE)."""
    write(zola / "config.toml", ZOLA_TOML)
    write(zola / "templates" / "base.html", ZOLA_BASE)
    write(zola / "templates" / "page.html", ZOLA_PAGE)
    write(zola / "templates" / "section.html", ZOLA_SECTION)
    write(zola / "templates" / "index.html", ZOLA_SECTION)
    write(zola / "static" / "style.css", "body { font-family: sans-serif; }\n")
    subs = [{"id": sec, "title": section_titles[sec], "path": f"/guide/{sec}/",
             "file": f"guide/{sec}/_index.md"} for sec in sections]
    write(zola / "data" / "sidebar" / "sections.json",
          json.dumps([{"title": "The guide", "path": "/guide/", "sections": subs}], indent=1))
    for sec in sections:
        pages = [{"title": c.title, "path": f"/guide/{sec}/{c.file[:-3]}/"}
                 for c in sorted((c for c in chapters if c.section == sec), key=lambda c: c.weight)]
        write(zola / "data" / "sidebar" / f"{sec}.json", json.dumps(pages, indent=1))


def code_lines(body):
    """(fenced code blocks, lines inside them) in a Markdown body."""
    blocks, lines, fenced = 0, 0, False
    for line in body.splitlines():
        if line.startswith("```"):
            fenced = not fenced
            blocks += fenced
        elif fenced:
            lines += 1
    return blocks, lines


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, required=True, help="number of chapters")
    ap.add_argument("--out", type=Path, required=True, help="output folder (replaced)")
    ap.add_argument("--sections", type=int, default=20, help="number of sections (default 20)")
    ap.add_argument("--seed", type=int, default=8, help="random seed (default 8)")
    ap.add_argument("--stackguide-only", action="store_true",
                    help="write only the stackguide site (for scale runs the other tools skip)")
    ap.add_argument("--stacks", type=int, default=len(STACKS),
                    help=f"stack profiles, each compared with every other (default {len(STACKS)})")
    args = ap.parse_args()
    if args.pages < 1:
        sys.exit("--pages must be at least 1")
    n, n_sections = args.pages, max(1, min(args.sections, args.pages))
    rng = random.Random(args.seed)

    out = args.out
    for sub in ("content", "hugo", "zola"):
        if (out / sub).exists():
            shutil.rmtree(out / sub)
    sg, hugo, zola = out / "content", out / "hugo", out / "zola"
    if args.stackguide_only:
        SKIPPED.update((hugo, zola))

    sections = [f"section-{s:02d}" for s in range(1, n_sections + 1)]
    chapters, per_section = [], {}
    for i in range(1, n + 1):
        sec = sections[(i - 1) * n_sections // n]  # contiguous runs of chapters per section
        per_section[sec] = per_section.get(sec, 0) + 1
        chapters.append(Chapter(i, sec, 10 * per_section[sec], rng))

    # Site-level files (stackguide).
    write(sg / "site.yaml", f"""title: Synthetic benchmark guide
description: {n} generated chapters for benchmarking.
base_url: https://example.org/
language: en
main_decision: which-stack
nav:
  - title: Guide
    url: /guide/
  - title: Stacks
    url: /stacks/
""")
    home_body = ("This synthetic guide exists to measure build speed. Start with "
                 f"[the first section](guide/{sections[0]}/_index.md) or the [stack chooser](/decide/which-stack/).\n")
    write(sg / "_index.md", f"---\ntitle: Synthetic benchmark guide\ndescription: Generated for benchmarks.\n---\n\n{home_body}")
    guide_body = "The sections of the guide, in order.\n"
    write(sg / "guide" / "_index.md", f"---\ntitle: The guide\ndescription: All sections.\nweight: 10\n---\n\n{guide_body}")
    write_data(sg, rng, max(len(STACKS), args.stacks))

    # Hugo site-level files: same home and guide pages, Hugo front matter, layouts.
    write(hugo / "hugo.toml", HUGO_TOML)
    hugo_home = home_body.replace("/decide/which-stack/", "/guide/")  # no flowcharts in Hugo
    write(hugo / "content" / "_index.md", f"---\ntitle: Synthetic benchmark guide\ndescription: Generated for benchmarks.\n---\n\n{hugo_home}")
    write(hugo / "content" / "guide" / "_index.md", f"---\ntitle: The guide\ndescription: All sections.\nweight: 10\n---\n\n{guide_body}")
    layouts = hugo / "layouts" / "_default"
    write(layouts / "baseof.html", BASEOF)
    write(layouts / "single.html", SINGLE)
    write(layouts / "list.html", LIST)
    write(layouts / "_markup" / "render-link.html", RENDER_LINK)
    write(hugo / "layouts" / "partials" / "sidebar.html", SIDEBAR)
    write(hugo / "static" / "style.css", "body { font-family: sans-serif; }\n")

    # Zola site-level files: the same home and guide pages, Zola's `@/` links.
    write(zola / "content" / "_index.md",
          zola_front("Synthetic benchmark guide", "Generated for benchmarks.") + zola_links(hugo_home, ""))
    write(zola / "content" / "guide" / "_index.md",
          zola_front("The guide", "All sections.", 10, 'sort_by = "weight"') + guide_body)

    # Sections.
    section_titles = {}
    for k, sec in enumerate(sections):
        first = next(c for c in chapters if c.section == sec)
        title = SECTION_TOPICS[k % len(SECTION_TOPICS)] + (f' {k // len(SECTION_TOPICS) + 1}' if k >= len(SECTION_TOPICS) else '')
        description = sentence(rng, 8, 12, plain=True)
        section_titles[sec] = title
        fm = f"title: {yaml_str(title)}\ndescription: {yaml_str(description)}\nweight: {10 * (k + 1)}\n"
        body = f"{paragraph(rng, 40)} Begin with [the first chapter]({first.file}).\n"
        for root in (sg / "guide", hugo / "content" / "guide"):
            write(root / sec / "_index.md", f"---\n{fm}---\n\n{body}")
        write(zola / "content" / "guide" / sec / "_index.md",
              zola_front(title, description, 10 * (k + 1), 'sort_by = "weight"') + zola_links(body, f"guide/{sec}"))
    write_zola_templates(zola, sections, section_titles, chapters)

    # Chapters: one body, three front matters (and Zola's `@/` links).
    words_total, corpus = 0, {"chapters": n, "code_blocks": 0, "code_lines": 0}
    for ch in chapters:
        body = chapter_body(ch, chapters, rng)
        words_total += prose_words(body)
        blocks, lines = code_lines(body)
        corpus["code_blocks"] += blocks
        corpus["code_lines"] += lines
        common = f"title: {yaml_str(ch.title)}\ndescription: {yaml_str(ch.description)}\nweight: {ch.weight}\n"
        write(sg / "guide" / ch.section / ch.file, f"---\n{common}updated: {ch.updated}\n---\n\n{body}")
        write(hugo / "content" / "guide" / ch.section / ch.file, f"---\n{common}date: {ch.updated}\n---\n\n{body}")
        write(zola / "content" / "guide" / ch.section / ch.file,
              zola_front(ch.title, ch.description, ch.weight, f"date = {ch.updated}") + zola_links(body, f"guide/{ch.section}"))
    write(out / "corpus.json", json.dumps(corpus, indent=1) + "\n")

    print(f"wrote {n} chapters in {n_sections} sections (about {words_total // n} words each) to {out}")


if __name__ == "__main__":
    main()
