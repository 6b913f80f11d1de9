//! CMS parse (DER, BER, PEM) and verification on arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kyso::fuzzing::cms_verify(data);
});
