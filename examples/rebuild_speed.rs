//! The viewer-style rebuild of the object table is linear in the file size: time it on
//! synthetic files of 25, 50 and 100 MB (many small objects, `obj`-like bytes inside
//! stream data, unterminated strings) and print MB/s. Run with
//! `cargo run --release --example rebuild_speed`.

use std::time::Instant;

use kyso::pdf::ReadOptions;
use kyso::pdf::syntax::views;

fn synthetic(mb: usize) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n".to_vec();
    out.extend_from_slice(b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n");
    let mut n = 3u32;
    while out.len() < mb << 20 {
        // a small object, a stream whose data looks like object headers, a bad string
        out.extend_from_slice(format!("{n} 0 obj\n<< /A [1 2 3] /B (x) >>\nendobj\n").as_bytes());
        let data = "9 0 obj (\n".repeat(100);
        out.extend_from_slice(
            format!("{} 0 obj\n<< /Length {} >>\nstream\n{data}\nendstream\nendobj\n", n + 1, data.len()).as_bytes(),
        );
        out.extend_from_slice(format!("{} 0 obj\n(unterminated 1 0 obj\n", n + 2).as_bytes());
        n += 3;
    }
    out.extend_from_slice(b"trailer\n<< /Root 1 0 R >>\n%%EOF\n");
    out
}

fn main() {
    for mb in [25, 50, 100] {
        let data = synthetic(mb);
        let t = Instant::now();
        let r = views::rebuild(&data, &ReadOptions::default());
        let s = t.elapsed().as_secs_f64();
        let objects = r.as_ref().map(|r| r.max_object_number()).unwrap_or(0);
        println!("{mb:>4} MB: rebuild {s:.3} s ({:.0} MB/s), {objects} objects, ok={}", mb as f64 / s, r.is_ok());
    }
}
