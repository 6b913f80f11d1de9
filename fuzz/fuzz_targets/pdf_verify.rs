//! The PDF reading and verification path: open, find signatures, analyse revisions,
//! and the full verifier (CMS parsing, digests, chain building) on arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kyso::fuzzing::pdf_verify(data);
});
