//! The article text with spans marked: entity mentions, quotation contents, cues, sources,
//! time expressions and stance evidence, as nested `<span>` elements.
//!
//! Spans from different analysers overlap freely (a mention inside a quotation, a source that
//! runs into a cue, evidence that starts inside one quotation and ends in the next), while
//! HTML elements must nest. The text is cut at every span boundary; each piece is wrapped in
//! the marks covering it, outermost first (earlier start, then longer, then by kind), and a
//! mark that cannot stay open across a boundary is closed and reopened, so one span may
//! become several elements. Every piece of a mark carries the same `data-*` attributes; only
//! the first carries its `id`, so links land at its start.

use std::fmt::Write as _;

/// One span to mark.
#[derive(Debug, Clone)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    /// Nesting order between marks with the same extent: lower is outer.
    pub rank: u8,
    pub class: String,
    /// `(name, value)` attributes, escaped on output.
    pub attrs: Vec<(&'static str, String)>,
    /// Put on the first piece only.
    pub id: Option<String>,
}

/// A point in the text where an empty element is inserted (a speaker badge after a
/// quotation), after the marks ending there are closed.
#[derive(Debug, Clone)]
pub struct Point {
    pub at: usize,
    pub class: &'static str,
    pub attrs: Vec<(&'static str, String)>,
}

/// The text as HTML with the marks and points; marks outside the text or not on character
/// boundaries are left out (the record should never hold them, but a page is no place to fail).
pub fn render(text: &str, marks: &[Mark], points: &[Point]) -> String {
    let ok = |i: usize| i <= text.len() && text.is_char_boundary(i);
    let marks: Vec<&Mark> = marks
        .iter()
        .filter(|m| m.start < m.end && ok(m.start) && ok(m.end))
        .collect();
    let mut points: Vec<&Point> = points.iter().filter(|p| ok(p.at)).collect();
    points.sort_by_key(|p| p.at);

    let mut cuts: Vec<usize> = marks
        .iter()
        .flat_map(|m| [m.start, m.end])
        .chain(points.iter().map(|p| p.at))
        .chain([0, text.len()])
        .collect();
    cuts.sort_unstable();
    cuts.dedup();

    // marks by start, to open them as the sweep reaches them
    let mut by_start: Vec<usize> = (0..marks.len()).collect();
    by_start.sort_by_key(|&i| marks[i].start);
    let mut next = 0;

    let key = |i: usize| {
        let m = marks[i];
        (m.start, std::cmp::Reverse(m.end), m.rank, i)
    };
    let mut out = String::with_capacity(text.len() * 2);
    let mut open: Vec<usize> = Vec::new();
    let mut active: Vec<usize> = Vec::new();
    let mut opened = vec![false; marks.len()];
    let mut point = 0;
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        active.retain(|&i| marks[i].end > a);
        while next < by_start.len() && marks[by_start[next]].start <= a {
            active.push(by_start[next]);
            next += 1;
        }
        active.sort_by_key(|&i| key(i));
        let keep = open.iter().zip(&active).take_while(|(x, y)| x == y).count();
        for _ in keep..open.len() {
            out.push_str("</span>");
        }
        open.truncate(keep);
        while point < points.len() && points[point].at <= a {
            write_point(&mut out, points[point]);
            point += 1;
        }
        for &i in &active[keep..] {
            write_open(&mut out, marks[i], !opened[i]);
            opened[i] = true;
            open.push(i);
        }
        escape_into(&mut out, &text[a..b]);
    }
    for _ in &open {
        out.push_str("</span>");
    }
    for p in &points[point..] {
        write_point(&mut out, p);
    }
    out
}

fn write_open(out: &mut String, m: &Mark, first: bool) {
    out.push_str("<span class=\"");
    escape_into(out, &m.class);
    out.push('"');
    if first {
        if let Some(id) = &m.id {
            out.push_str(" id=\"");
            escape_into(out, id);
            out.push('"');
        }
    }
    write_attrs(out, &m.attrs);
    out.push('>');
}

fn write_point(out: &mut String, p: &Point) {
    let _ = write!(out, "<span class=\"{}\"", p.class);
    write_attrs(out, &p.attrs);
    out.push_str("></span>");
}

fn write_attrs(out: &mut String, attrs: &[(&'static str, String)]) {
    for (name, value) in attrs {
        let _ = write!(out, " {name}=\"");
        escape_into(out, value);
        out.push('"');
    }
}

/// HTML-escapes text for element content and double-quoted attribute values.
pub fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: usize, end: usize, class: &str) -> Mark {
        Mark {
            start,
            end,
            rank: 0,
            class: class.to_owned(),
            attrs: Vec::new(),
            id: Some(format!("{class}-id")),
        }
    }

    #[test]
    fn nested_marks_nest() {
        let html = render("a bc d", &[mark(0, 6, "q"), mark(2, 4, "m")], &[]);
        assert_eq!(
            html,
            "<span class=\"q\" id=\"q-id\">a <span class=\"m\" id=\"m-id\">bc</span> d</span>"
        );
    }

    #[test]
    fn crossing_marks_are_split_and_the_id_stays_on_the_first_piece() {
        let html = render("abcdef", &[mark(0, 4, "x"), mark(2, 6, "y")], &[]);
        assert_eq!(
            html,
            "<span class=\"x\" id=\"x-id\">ab<span class=\"y\" id=\"y-id\">cd</span></span>\
             <span class=\"y\">ef</span>"
        );
    }

    #[test]
    fn text_and_attributes_are_escaped_and_bad_spans_skipped() {
        let mut m = mark(0, 3, "m");
        m.attrs.push(("title", "\"><script>".to_owned()));
        let bad = mark(1, 2, "cut"); // inside the two-byte `é`
        let html = render("<é>&", &[m, bad, mark(3, 99, "out")], &[]);
        assert_eq!(
            html,
            "<span class=\"m\" id=\"m-id\" title=\"&quot;&gt;&lt;script&gt;\">&lt;é</span>&gt;&amp;"
        );
    }

    #[test]
    fn points_come_after_the_marks_that_end_there() {
        let p = Point {
            at: 2,
            class: "badge",
            attrs: vec![("data-speaker", "A".to_owned())],
        };
        let html = render("ab c", &[mark(0, 2, "q")], &[p]);
        assert_eq!(
            html,
            "<span class=\"q\" id=\"q-id\">ab</span><span class=\"badge\" data-speaker=\"A\"></span> c"
        );
    }
}
