//! RFC 3161 time-stamp responses, tokens and requests: parsing and the checks that follow it, on arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kyso::fuzzing::tsp_response(data);
});
