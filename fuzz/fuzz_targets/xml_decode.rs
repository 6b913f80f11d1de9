//! Encoding detection and decoding, the shape pre-scan, and the base64 transform.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kyso::fuzzing::xml_decode(data);
});
