//! RFC 6960 OCSP responses and requests: parsing and the checks that follow it, on arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kyso::fuzzing::ocsp_response(data);
});
