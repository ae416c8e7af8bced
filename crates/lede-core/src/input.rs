//! Documents from their JSON form (`id`, `text`, `title`, `date`, `source`, `url`, `section`):
//! one object of a JSON Lines file, or one `dict` given to the Python package. Both go through
//! [`document_from_json`], so that a bad document gets the same error record everywhere.

// A document that cannot be read is returned as the `Record` that reports it (the pipeline's
// stream item type), moved once to the output.
#![allow(clippy::result_large_err)]

use chrono::NaiveDate;
use serde_json::{Map, Value};

use crate::document::{Document, Metadata};
use crate::pipeline::Record;

/// How documents are read, whatever their source.
#[derive(Debug, Clone)]
pub struct DocOptions {
    /// Publication date for documents whose metadata has none.
    pub date: Option<NaiveDate>,
    /// Documents larger than this many bytes get an error record instead of being analysed.
    pub max_doc_bytes: usize,
    /// How the user raises the limit, named in the error (`--max-doc-bytes`).
    pub limit_option: &'static str,
}

impl Default for DocOptions {
    fn default() -> Self {
        Self {
            date: None,
            max_doc_bytes: DEFAULT_MAX_DOC_BYTES,
            limit_option: "--max-doc-bytes",
        }
    }
}

/// The default size limit of one document: 4 MiB. News articles are tens of kilobytes;
/// analysers need several hundred bytes of memory per byte of text and some take time growing
/// faster than the length, so a runaway input (a whole dump without newlines) is refused
/// rather than analysed for hours.
pub const DEFAULT_MAX_DOC_BYTES: usize = 4 * 1024 * 1024;

impl DocOptions {
    /// The error of a document over the limit.
    pub fn too_large(&self) -> String {
        format!(
            "document is larger than the limit of {} bytes (raise it with {})",
            self.max_doc_bytes, self.limit_option
        )
    }
}

/// A document from its JSON object. `fallback_id` is used when the object has no usable `id`
/// (a non-empty string, or a number written as a string). Problems (no `text`, a bad `date`, a
/// document over the size limit) give the failed record in its place, with what metadata was
/// read.
pub fn document_from_json(
    obj: &Map<String, Value>,
    fallback_id: String,
    opts: &DocOptions,
) -> Result<Document, Record> {
    let id = document_id(obj, fallback_id);
    let string = |k: &str| obj.get(k).and_then(Value::as_str).map(str::to_owned);
    let mut meta = Metadata {
        title: string("title"),
        source: string("source"),
        url: string("url"),
        section: string("section"),
        ..Metadata::default()
    };
    let fail = |id: String, meta: &Metadata, msg: String| {
        let mut r = Record::failed(id, msg);
        r.metadata = meta.clone();
        r
    };
    meta.date = match obj.get("date") {
        None | Some(Value::Null) => opts.date,
        Some(Value::String(s)) => match parse_date(s) {
            Some(d) => Some(d),
            None => {
                return Err(fail(
                    id,
                    &meta,
                    format!("invalid `date` {s:?}: expected YYYY-MM-DD or an RFC 3339 timestamp"),
                ))
            }
        },
        Some(_) => return Err(fail(id, &meta, "`date` is not a string".into())),
    };
    let text = match obj.get("text") {
        Some(Value::String(t)) => t,
        None | Some(Value::Null) => {
            return Err(fail(id, &meta, "JSON object has no `text` field".into()))
        }
        Some(_) => return Err(fail(id, &meta, "`text` is not a string".into())),
    };
    if text.len() > opts.max_doc_bytes {
        return Err(fail(id, &meta, opts.too_large()));
    }
    build_document(id, meta, |id, meta| Document::new(id, text.clone(), meta))
}

/// The id of a document's JSON object: its `id` when that is a non-empty string or a number
/// (written as a string), else `fallback_id`.
pub fn document_id(obj: &Map<String, Value>, fallback_id: String) -> String {
    match obj.get("id") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => fallback_id,
    }
}

/// Builds a document, turning a panic in its construction (metadata detection runs here, on
/// the reading thread, outside the pipeline's per-analyser guard) into an error record.
pub fn build_document(
    id: String,
    meta: Metadata,
    make: impl FnOnce(String, Metadata) -> Document,
) -> Result<Document, Record> {
    let (id2, meta2) = (id.clone(), meta.clone());
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| make(id2, meta2))).map_err(|_| {
        let mut r = Record::failed(
            id,
            "internal error while reading the document (please report it)",
        );
        r.metadata = meta;
        r
    })
}

/// Parses `YYYY-MM-DD`, optionally followed by a time (`T...` or ` ...`).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let head = s.get(..10)?;
    let rest = &s[10..];
    if !(rest.is_empty() || rest.starts_with(['T', ' ', 't'])) {
        return None;
    }
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => unreachable!(),
        }
    }

    #[test]
    fn ids_metadata_and_errors() {
        let opts = DocOptions::default();
        let d = document_from_json(
            &obj(serde_json::json!({"id": 7, "text": "Hi.", "date": "2024-05-02T10:00:00Z"})),
            "f:1".into(),
            &opts,
        )
        .unwrap();
        assert_eq!(d.id, "7");
        assert_eq!(d.metadata.date, NaiveDate::from_ymd_opt(2024, 5, 2));
        let r = document_from_json(&obj(serde_json::json!({"title": "T"})), "f:2".into(), &opts)
            .unwrap_err();
        assert_eq!(r.id, "f:2");
        assert_eq!(r.error.as_deref(), Some("JSON object has no `text` field"));
        assert_eq!(r.metadata.title.as_deref(), Some("T"));
        let small = DocOptions {
            max_doc_bytes: 2,
            limit_option: "max_doc_bytes=",
            ..DocOptions::default()
        };
        let r = document_from_json(&obj(serde_json::json!({"text": "abc"})), "x".into(), &small)
            .unwrap_err();
        assert!(r
            .error
            .unwrap()
            .contains("limit of 2 bytes (raise it with max_doc_bytes=)"));
        assert_eq!(parse_date("2024-13-01"), None);
        assert_eq!(parse_date("2024-01-01x"), None);
    }
}
