//! RFC 5280 CRLs, DER or PEM: parsing and the checks that follow it, on arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kyso::fuzzing::crl_parse(data);
});
