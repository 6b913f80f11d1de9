//! XML parse + canonicalization + XMLDSig verification on arbitrary bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kyso::fuzzing::xml_verify(data);
});
