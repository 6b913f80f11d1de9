//! edXML package parsing, base64/zip decoding, package checks and the verification of
//! every attachment, on arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kyso::fuzzing::edxml_verify(data);
});
