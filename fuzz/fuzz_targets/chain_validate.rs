//! RFC 5280 path validation (building, name constraints, policies, CRLs) on certificates
//! and CRLs decoded from arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kyso::fuzzing::chain_validate(data);
});
